// MailApp: sendEmail in its documented forms and getRemainingDailyQuota, with the daily recipient
// quota of Google's "Quotas for Google Services" page (100 recipients a day for consumer accounts,
// 1,500 for Google Workspace) and the error a script gets once it is spent. Each account has its own
// quota (quotas are per user); every call is counted as `MailApp.method`.
import type { FakeAccounts } from './accounts';
import { CallCounter, Counted } from './calls';
import { asGas } from './spreadsheet';

export const MAIL_RECIPIENTS_PER_DAY_CONSUMER = 100;
export const MAIL_RECIPIENTS_PER_DAY_WORKSPACE = 1500;
/** What MailApp throws once the day's recipients are spent (as scripts report it). */
export const MAIL_DAILY_QUOTA_MESSAGE = 'Service invoked too many times for one day: email.';

export interface SentMail {
  from: string;
  to: string[];
  subject: string;
  body: string;
}

type Message = { to?: string; cc?: string; bcc?: string; subject?: string; body?: string; htmlBody?: string; name?: string; replyTo?: string };

export class FakeMailApp extends Counted implements Pick<GoogleAppsScript.Mail.MailApp, 'getRemainingDailyQuota' | 'sendEmail'> {
  readonly sent: SentMail[] = [];
  private readonly used = new Map<string, number>();

  constructor(
    calls: CallCounter,
    private readonly accounts: FakeAccounts,
    /** Recipients each account may still send to today. */
    private readonly dailyQuota = MAIL_RECIPIENTS_PER_DAY_CONSUMER,
  ) {
    super(calls, 'MailApp');
  }

  getRemainingDailyQuota(): number {
    this.track('getRemainingDailyQuota');
    return this.remaining();
  }

  /** sendEmail(message), (recipient, subject, body[, options]) or (to, replyTo, subject, body). */
  sendEmail(...args: unknown[]): void {
    this.track('sendEmail');
    const message = messageOf(args);
    const to = recipients(message.to);
    const all = [...to, ...recipients(message.cc), ...recipients(message.bcc)];
    if (all.length === 0) throw new Error('Failed to send email: no recipient');
    if (all.some((address) => !/^[^@\s]+@[^@\s]+$/.test(address))) throw new Error(`Invalid email: ${all.find((address) => !/^[^@\s]+@[^@\s]+$/.test(address))}`);
    if (this.remaining() < all.length) throw new Error(MAIL_DAILY_QUOTA_MESSAGE);
    this.used.set(this.accounts.current, (this.used.get(this.accounts.current) ?? 0) + all.length);
    this.sent.push({ from: this.accounts.current, to, subject: String(message.subject ?? ''), body: String(message.body ?? '') });
  }

  /** Test helper: spends `recipients` of the current account's quota (other scripts sent mail today). */
  spend(recipients: number): void {
    this.used.set(this.accounts.current, (this.used.get(this.accounts.current) ?? 0) + recipients);
  }

  private remaining(): number {
    return Math.max(0, this.dailyQuota - (this.used.get(this.accounts.current) ?? 0));
  }
}

function messageOf(args: unknown[]): Message {
  if (args.length === 1 && typeof args[0] === 'object' && args[0] !== null) return args[0] as Message;
  if (args.length === 4 && typeof args[3] === 'string') return { to: String(args[0]), replyTo: String(args[1]), subject: String(args[2]), body: args[3] };
  return { ...((args[3] as Message | undefined) ?? {}), to: String(args[0] ?? ''), subject: String(args[1] ?? ''), body: String(args[2] ?? '') };
}

function recipients(list: string | undefined): string[] {
  return (list ?? '').split(',').map((address) => address.trim()).filter(Boolean);
}

export function createMailFake(calls: CallCounter, accounts: FakeAccounts, dailyQuota?: number): { MailApp: GoogleAppsScript.Mail.MailApp; fake: FakeMailApp } {
  const fake = new FakeMailApp(calls, accounts, dailyQuota);
  return { MailApp: asGas<GoogleAppsScript.Mail.MailApp>(fake), fake };
}
