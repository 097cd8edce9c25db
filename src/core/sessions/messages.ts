// Short messages from the teacher to pairs, and the tutor's weekly email: who gets them (students
// with an email and guardian consent; everyone else is skipped and named with why), the templates,
// and the text. One email per recipient, so no student sees another's address.
import type { Pair, Student } from '../model';
import { subjectKey } from '../model';

export type Audience = { kind: 'pair'; pairId: string } | { kind: 'subject'; subject: string } | { kind: 'tutors' };

export interface Recipient {
  studentId: string;
  name: string;
  email: string;
}

export interface Skipped {
  studentId: string;
  name: string;
  reason: string;
}

export interface MessageTemplate {
  name: string;
  subject: string;
  body: string;
}

/** Starting points the teacher edits before sending. */
export const MESSAGE_TEMPLATES: readonly MessageTemplate[] = [
  { name: 'Bring materials', subject: 'Bring your materials', body: 'Please bring your fraction strips (or your notebook and a pencil) to your next tutoring session.' },
  { name: 'Room change', subject: 'Tutoring room change', body: 'Your next tutoring session meets in a different room: Room ___. Same time.' },
  { name: 'No session', subject: 'No tutoring this time', body: 'There is no tutoring session on ___. See you the week after!' },
  { name: 'Reminder', subject: 'Tutoring reminder', body: 'A reminder that your tutoring session is coming up. Remember to fill in your reflection afterwards.' },
];

const running = (pair: Pair) => pair.status === 'Active' || pair.status === 'Trial';

/** The students an audience names (both members of each pair; tutors only for `tutors`), once each. */
export function audienceStudents(audience: Audience, pairs: readonly Pair[]): { ids: string[]; problem: string | null } {
  const ids: string[] = [];
  const add = (id: string) => ids.includes(id) || ids.push(id);
  if (audience.kind === 'pair') {
    const pair = pairs.find((p) => p.pairId === audience.pairId);
    if (!pair) return { ids, problem: `pair "${audience.pairId}" is not on the Pairs tab` };
    add(pair.tutorId);
    add(pair.tuteeId);
  } else if (audience.kind === 'subject') {
    const chosen = pairs.filter((p) => running(p) && subjectKey(p.subject) === subjectKey(audience.subject));
    if (!chosen.length) return { ids, problem: `no Active or Trial pair works on "${audience.subject}"` };
    for (const pair of chosen) {
      add(pair.tutorId);
      add(pair.tuteeId);
    }
  } else {
    for (const pair of pairs.filter(running)) add(pair.tutorId);
    if (!ids.length) return { ids, problem: 'no Active or Trial pair yet, so no tutors' };
  }
  return { ids, problem: null };
}

/** Splits students into recipients and the skipped (no email, no consent, not active, not on the roster). */
export function recipientsOf(ids: readonly string[], students: readonly Student[]): { recipients: Recipient[]; skipped: Skipped[] } {
  const byId = new Map(students.map((s) => [s.id, s] as [string, Student]));
  const recipients: Recipient[] = [];
  const skipped: Skipped[] = [];
  for (const id of ids) {
    const student = byId.get(id);
    const skip = (reason: string) => skipped.push({ studentId: id, name: student?.name ?? id, reason });
    if (!student) skip('not on the Students tab');
    else if (!student.active) skip('not active');
    else if (student.consent !== 'Yes') skip(`guardian consent is ${student.consent}`);
    else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(student.email.trim())) skip(student.email.trim() ? `"${student.email.trim()}" is not an email address` : 'no email');
    else recipients.push({ studentId: id, name: student.name, email: student.email.trim() });
  }
  return { recipients, skipped };
}

/** What is wrong with a message before anything is sent, or null. */
export function messageProblem(subject: string, body: string, recipients: number, quota: number): string | null {
  if (!body.trim()) return 'The message is empty: write what you want to say.';
  if (!subject.trim()) return 'The message has no subject: add a few words.';
  if (recipients === 0) return 'No one can receive this message (see who is skipped and why).';
  if (recipients > quota) return `This message goes to ${recipients} students, but only ${quota} more emails can be sent today (the daily email quota): choose fewer pairs, or send it tomorrow.`;
  return null;
}

export function audienceText(audience: Audience): string {
  if (audience.kind === 'pair') return `pair ${audience.pairId}`;
  if (audience.kind === 'subject') return `all ${audience.subject} pairs`;
  return 'all tutors';
}
