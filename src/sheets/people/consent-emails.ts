// Consent links emailed to guardians: each student still waiting for consent whose guardian has an
// email on the roster (Students "Guardian email") gets their child's prefilled consent-form link, once.
// Every email sent is logged on the "Consent emails" tab (when, whose, first or again) right after it
// goes, so a run cut short never emails a guardian twice; a student is emailed again only when the
// teacher asks for that student. The daily quota is checked before each email (MailApp's in Google,
// the outbox's locally); what it left is said, and sent by the next run.
import { cellText } from '../store/cells';
import type { MailPort } from '../sessions/messages';
import { valueOf, type TableStore } from '../store/table-store';
import { pendingConsents } from './consent-tab';

export const CONSENT_EMAILS_TAB = 'Consent emails';
const HEADERS = ['Sent', 'Student ID', 'Kind'];

export interface ConsentEmailReport {
  /** Students whose guardian was emailed now. */
  sent: { studentId: string; name: string }[];
  /** Emailed before and not asked again. */
  alreadySent: number;
  /** Students with no guardian email on the roster (nothing sent). */
  noGuardianEmail: { studentId: string; name: string }[];
  /** Students without a consent link yet (make the consent form first). */
  noLink: { studentId: string; name: string }[];
  /** Left for the next run: the daily email quota is spent. */
  leftForQuota: number;
  where: string;
}

/** Student IDs already emailed (the log's Student ID column). */
function emailedBefore(store: TableStore): Set<string> {
  const grid = store.readTab(CONSENT_EMAILS_TAB) ?? [];
  const at = (grid[0] ?? []).findIndex((cell) => cellText(valueOf(cell)).toLowerCase() === 'student id');
  return new Set(at < 0 ? [] : grid.slice(1).map((row) => cellText(valueOf(row[at] ?? ''))).filter(Boolean));
}

export function consentEmail(programName: string, name: string, link: string): { subject: string; body: string } {
  return {
    subject: `${programName}: consent for ${name} to take part in peer tutoring`,
    body: [
      'Dear parent or guardian,',
      '',
      `${name} is invited to take part in ${programName}, where students help each other learn in short weekly sessions at school.`,
      'Please tell us whether you agree, with this form (it takes a minute):',
      link,
      '',
      'Thank you.',
    ].join('\n'),
  };
}

/** Emails each pending student's guardian their link, once (`again`: Student IDs to email again). */
export function emailConsentLinks(store: TableStore, mail: MailPort, programName: string, now: () => Date, again: readonly string[] = []): ConsentEmailReport {
  const before = emailedBefore(store);
  const report: ConsentEmailReport = { sent: [], alreadySent: 0, noGuardianEmail: [], noLink: [], leftForQuota: 0, where: mail.where };
  const todo = pendingConsents(store).filter((p) => {
    const who = { studentId: p.studentId, name: p.name };
    if (before.has(p.studentId) && !again.includes(p.studentId)) return void report.alreadySent++;
    if (!p.guardianEmail) return void report.noGuardianEmail.push(who);
    if (!p.link) return void report.noLink.push(who);
    return true;
  });
  if (todo.length && store.readTab(CONSENT_EMAILS_TAB) === null) store.writeTab(CONSENT_EMAILS_TAB, [HEADERS]);
  for (const [i, p] of todo.entries()) {
    if (mail.remainingQuota() < 1) {
      report.leftForQuota = todo.length - i;
      break;
    }
    const { subject, body } = consentEmail(programName, p.name, p.link);
    mail.send(p.guardianEmail, subject, body);
    // Logged at once: a run cut after this email never sends it twice.
    store.appendRows(CONSENT_EMAILS_TAB, [[now(), `'${p.studentId}`, before.has(p.studentId) ? 'Again' : 'First']]);
    report.sent.push({ studentId: p.studentId, name: p.name });
  }
  return report;
}
