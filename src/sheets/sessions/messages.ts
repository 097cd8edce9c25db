// Messages to pairs from the sidebar: preview (recipients, who is skipped and why, the quota), then
// send through the host's mail (the teacher's own account in Google; .eml files in outbox/ locally),
// one email per student, and a row in the Messages log.
import { audienceStudents, audienceText, messageProblem, recipientsOf, type Audience, type Recipient, type Skipped } from '../../core/sessions/messages';
import { cellText } from '../store/cells';
import { readPairs } from '../matching/pairs-tab';
import { readProgram } from '../program/roster';
import { MESSAGES_TAB } from '../program/schema';
import { appendRecords, readLogColumn, writeTable, type RecordValues } from '../store/table';
import type { TableStore } from '../store/table-store';

/** Sending email: MailApp in Google, an outbox folder locally. */
export interface MailPort {
  /** Emails that can still be sent today (MailApp counts recipients). */
  remainingQuota(): number;
  send(to: string, subject: string, body: string): void;
  /** Where the mail goes, for the teacher: "your Gmail" or the outbox folder. */
  readonly where: string;
}

export interface MessageRequest {
  audience: Audience;
  subject: string;
  body: string;
}

export interface MessagePreview {
  audience: string;
  recipients: Recipient[];
  skipped: Skipped[];
  quota: number;
  /** Why it cannot be sent as it is, or null. */
  problem: string | null;
  /** The first recipient's email as it will read. */
  sample: string;
  where: string;
}

export interface MessageReport extends MessagePreview {
  sent: number;
  /** Recipients not reached (the quota ran out meanwhile, or an address was refused). */
  unsent: string[];
}

export function previewMessage(store: TableStore, request: MessageRequest, mail: MailPort): MessagePreview {
  const { program } = readProgram(store);
  const { ids, problem: audienceProblem } = audienceStudents(request.audience, readPairs(store).pairs);
  const { recipients, skipped } = recipientsOf(ids, program.students);
  const quota = mail.remainingQuota();
  const problem = audienceProblem ? `No one to send to: ${audienceProblem}.` : messageProblem(request.subject, request.body, recipients.length, quota);
  const sample = recipients.length ? personal(recipients[0], request.body, program.settings.programName) : '';
  return { audience: audienceText(request.audience), recipients, skipped, quota, problem, sample, where: mail.where };
}

/** Sends the message as previewed (checked again: nothing is sent while there is a problem) and logs it. */
export function sendMessage(store: TableStore, request: MessageRequest, mail: MailPort, now: Date): MessageReport {
  const preview = previewMessage(store, request, mail);
  if (preview.problem) return { ...preview, sent: 0, unsent: [] };
  const programName = readProgram(store).program.settings.programName;
  const unsent: string[] = [];
  let sent = 0;
  for (const recipient of preview.recipients) {
    try {
      mail.send(recipient.email, request.subject.trim(), personal(recipient, request.body, programName));
      sent++;
    } catch {
      unsent.push(recipient.name);
    }
  }
  logMessage(store, {
    Sent: now,
    Audience: preview.audience,
    Subject: request.subject.trim(),
    Message: request.body.trim(),
    Recipients: sent,
    'Student IDs': preview.recipients.map((r) => r.studentId).join('; '),
    Skipped: preview.skipped.map((s) => `${s.name} (${s.reason})`).join('; '),
    Status: unsent.length ? `Sent to ${sent} of ${preview.recipients.length}: ${unsent.length} could not be sent (daily email quota)` : 'Sent',
  });
  return { ...preview, sent, unsent };
}

/** The email one student gets: their own name, the teacher's words, the program. */
export function personal(recipient: Recipient, body: string, programName: string): string {
  return `Hi ${recipient.name.split(/\s+/)[0] || recipient.name},\n\n${body.trim()}\n\n${programName}`;
}

/** Appends one row to the Messages log (the tab is made, or given its missing columns, the first time). */
export function logMessage(store: TableStore, record: RecordValues): void {
  const log = readLogColumn(store, MESSAGES_TAB, 'Sent');
  if (log.complete) appendRecords(store, MESSAGES_TAB.name, log.headers, [record]);
  else writeTable(store, MESSAGES_TAB, [...log.keys.filter((key) => cellText(key) !== '').map((key) => ({ Sent: key })), record]);
}
