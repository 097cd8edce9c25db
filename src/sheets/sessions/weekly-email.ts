// Sending the weekly tutor emails: run by the hourly dispatcher (never a trigger of its own). Each
// tutor gets one email per week, once: what was sent is remembered (WeeklyState), so a run cut by the
// quota or the 6-minute limit continues with the others in the next hourly run.
import { recipientsOf } from '../../core/sessions/messages';
import { weeklyEmailOf, weekToAnnounce } from '../../core/sessions/weekly-email';
import type { LocalDate } from '../../core/model';
import { addDays } from '../../core/time';
import { readPairs } from '../matching/pairs-tab';
import { readProgram } from '../program/roster';
import { readSessions } from '../scheduling/sessions-tab';
import type { TableStore } from '../store/table-store';
import { readAgendaSources, upcomingAgendas } from './agendas';
import { logMessage, type MailPort } from './messages';

/** Which tutors have had this week's email (document properties in Google). */
export interface WeeklyState {
  load(): { week: LocalDate; sent: string[] } | null;
  save(state: { week: LocalDate; sent: string[] }): void;
}

export interface WeeklyReport {
  /** The week announced, or null (not the day yet, or the email is Off). */
  week: LocalDate | null;
  sent: number;
  /** Tutors still to email (the quota ran out): the next run continues. */
  left: number;
  skipped: string[];
}

/** `week` (a Monday) announces that week whatever the day (the local command); by default Settings decide. */
export function sendWeeklyEmails(store: TableStore, mail: MailPort, state: WeeklyState, today: LocalDate, now: Date, week: LocalDate | null = null): WeeklyReport {
  const { program } = readProgram(store);
  week ??= weekToAnnounce(today, program.settings.weeklyEmailDay);
  if (!week) return { week: null, sent: 0, left: 0, skipped: [] };
  const done = state.load();
  const alreadySent = new Set(done?.week === week ? done.sent : []);
  const pairs = readPairs(store).pairs;
  const views = upcomingAgendas(readAgendaSources(store, program, pairs), readSessions(store).rows, week, { until: addDays(week, 6) });
  const tutorIds = [...new Set(views.map((view) => view.tutorId))];
  const { recipients, skipped } = recipientsOf(tutorIds, program.students);
  const sent = [...alreadySent];
  let quota = mail.remainingQuota();
  const sentNow: string[] = [];
  for (const tutor of recipients) {
    if (alreadySent.has(tutor.studentId)) continue;
    if (quota < 1) break;
    // Only this tutor's own sessions: nothing about any other pair.
    const own = views.filter((view) => view.tutorId === tutor.studentId);
    const { subject, body } = weeklyEmailOf(tutor.name, week, own, program.settings.programName);
    try {
      mail.send(tutor.email, subject, body);
    } catch {
      break;
    }
    quota--;
    sent.push(tutor.studentId);
    sentNow.push(tutor.studentId);
    state.save({ week, sent });
  }
  const left = recipients.filter((tutor) => !sent.includes(tutor.studentId)).length;
  if (sentNow.length) {
    logMessage(store, {
      Sent: now,
      Audience: `Weekly tutor email, week of ${week}`,
      Subject: `${program.settings.programName}: your sessions for the week of ${week}`,
      Message: "Each tutor's own sessions of the week with their agendas (generated)",
      Recipients: sentNow.length,
      'Student IDs': sentNow.join('; '),
      Skipped: alreadySent.size ? '' : skipped.map((s) => `${s.name} (${s.reason})`).join('; '),
      Status: left ? `${left} tutors left for the next hourly run (daily email quota)` : 'Sent',
    });
  }
  return { week, sent: sentNow.length, left, skipped: skipped.map((s) => `${s.name} (${s.reason})`) };
}
