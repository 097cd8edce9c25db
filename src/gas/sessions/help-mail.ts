// The emails of a booked help request: the tutor and the tutee each get one (when they have an email
// and guardian consent), within the day's MailApp quota; each names only the two of them. A booking
// that could not be emailed is still on the Sessions and Help requests tabs.
import { subjectKey, type Student } from '../../core/model';
import type { HelpBookingReport } from '../../sheets/sessions/help-requests';

type Mail = Pick<GoogleAppsScript.Mail.MailApp, 'sendEmail' | 'getRemainingDailyQuota'>;

/** The subjects students tutor, as the Help request form offers them. */
export function tutoredSubjects(students: readonly Student[]): string[] {
  const subjects = new Map<string, string>();
  for (const student of students) for (const { subject } of student.canTutor) if (!subjects.has(subjectKey(subject))) subjects.set(subjectKey(subject), subject.trim());
  return [...subjects.values()].sort();
}

const reachable = (student: Student) => student.active && student.consent === 'Yes' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(student.email.trim());

/** Emails each booking's tutor and tutee while the quota lasts; returns how many emails were sent. */
export function emailHelpBookings(mail: Mail, bookings: readonly HelpBookingReport[], programName: string): number {
  let quota = mail.getRemainingDailyQuota();
  let sent = 0;
  for (const booking of bookings) {
    const when = `${booking.date} ${booking.start}–${booking.end}, ${booking.location}`;
    const letters: [Student, string][] = [
      [booking.tutee, `Your extra ${booking.subject} session is booked with ${booking.tutor.name}: ${when}.`],
      [booking.tutor, `${booking.tutee.name} asked for help in ${booking.subject}, and you are free then: ${when}. Thank you for taking it!`],
    ];
    for (const [student, line] of letters) {
      if (!reachable(student) || quota < 1) continue;
      try {
        mail.sendEmail(student.email.trim(), `${programName}: extra ${booking.subject} session on ${booking.date}`, `Hi ${student.name.split(/\s+/)[0]},\n\n${line}\n\n${programName}`);
        quota--;
        sent++;
      } catch {
        return sent;
      }
    }
  }
  return sent;
}
