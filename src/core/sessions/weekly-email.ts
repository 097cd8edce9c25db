// The tutor's weekly email: before their week starts, each tutor gets their own sessions of the week,
// each with its agenda (which includes their tutee's goal) and their reflection link. Only what the
// tutor's own sessions say: never another student's scores or reflections.
import { WEEKDAYS, type LocalDate, type Weekday } from '../model';
import { addDays, weekdayIndex } from '../time';
import { agendaLines, type Agenda } from './agenda';

/**
 * The Monday of the week to announce today, or null. From the email day on, the coming week is
 * announced (Sun: the day before it starts; Fri: from Friday on), so a missed hourly run catches up.
 */
export function weekToAnnounce(today: LocalDate, emailDay: Weekday | null): LocalDate | null {
  if (emailDay === null) return null;
  const index = weekdayIndex(today);
  if (index < WEEKDAYS.indexOf(emailDay)) return null;
  return addDays(today, 7 - index);
}

export interface WeeklySession {
  date: LocalDate;
  start: string;
  end: string;
  block: string;
  location: string;
  meetLink: string;
  subject: string;
  tutee: string;
  reflectionLink: string;
  agenda: Agenda;
}

export function weeklyEmailOf(tutorName: string, weekStart: LocalDate, sessions: readonly WeeklySession[], programName: string): { subject: string; body: string } {
  const first = tutorName.split(/\s+/)[0] || tutorName;
  const lines = [`Hi ${first},`, '', `Your tutoring sessions for the week of ${weekStart}:`];
  for (const s of sessions) {
    lines.push('', `${s.date} ${s.start}–${s.end} · ${s.subject} with ${s.tutee} · ${s.location || s.block}`);
    if (s.meetLink) lines.push(`Join online: ${s.meetLink}`);
    lines.push(...agendaLines(s.agenda).map((line) => `  ${line}`));
    if (s.reflectionLink) lines.push(`After the session, your reflection: ${s.reflectionLink}`);
  }
  lines.push('', 'Thank you for tutoring!', programName);
  return { subject: `${programName}: your sessions for the week of ${weekStart}`, body: lines.join('\n') };
}
