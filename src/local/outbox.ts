// Locally nothing is sent: each email is written as an .eml file (RFC 5322, readable by any mail
// program) in an outbox/ folder beside the workbook, to check or send by hand.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'fs';
import path from 'path';
import type { MailPort } from '../sheets/sessions/messages';

/** Emails a day: the consumer MailApp quota, so what works locally also fits in Google. */
export const LOCAL_DAILY_QUOTA = 100;

/** A header value on one line (a name or subject cannot add headers). */
const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ').trim();

export function emlOf(to: string, subject: string, body: string, date: Date): string {
  const encoded = Buffer.from(oneLine(subject), 'utf8').toString('base64');
  return [
    `To: ${oneLine(to)}`,
    `Subject: =?UTF-8?B?${encoded}?=`,
    `Date: ${date.toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    'X-Unsent: 1',
    '',
    body.replace(/\r?\n/g, '\r\n'),
    '',
  ].join('\r\n');
}

/** Emails written today (UTC), counted from the outbox's file names. */
function writtenToday(folder: string, date: Date): number {
  if (!existsSync(folder)) return 0;
  const day = date.toISOString().slice(0, 10).replace(/-/g, '');
  return readdirSync(folder).filter((name) => name.startsWith(day) && name.endsWith('.eml')).length;
}

export function outboxMail(folder: string, now: () => Date = () => new Date()): MailPort {
  return {
    where: `${folder} (.eml files: nothing is sent locally)`,
    remainingQuota: () => Math.max(0, LOCAL_DAILY_QUOTA - writtenToday(folder, now())),
    send(to, subject, body) {
      mkdirSync(folder, { recursive: true });
      const date = now();
      const stamp = date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
      const safe = to.replace(/[^a-z0-9@._-]/gi, '_');
      // Numbered within the day, so two emails to one student in the same second both stay.
      const number = String(writtenToday(folder, date) + 1).padStart(3, '0');
      writeFileSync(path.join(folder, `${stamp}-${number}-${safe}.eml`), emlOf(to, subject, body, date), { mode: 0o600, flag: 'wx' });
    },
  };
}
