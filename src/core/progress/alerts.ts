// Alerts: what needs a teacher's attention, each with a suggested action. Rules are pure and their
// thresholds come from Settings. An alert is identified by its key (kind, student, pair, and for a
// request to talk, the response), so the Alerts tab never holds the same open alert twice.
import type { AlertThresholds, Pair, Student } from '../model';

export type { AlertThresholds };
import { addDays, daysBetween } from '../time';
import type { ProgressData, ReflectionLog, SessionLog, TicketLog } from './records';

export const ALERT_KINDS = [
  'Missed sessions',
  'Stalled',
  'Trial review',
  'Low mood',
  'Talk to a teacher',
  'No reflections',
  'Long wait',
  'Tutor overload',
  'Consent',
  // Beyond the contract's nine: an urgent concern from a reflection, a tutee who only wants answers, a
  // help request no one could take, a pair asking for another tutor, a session without its tutor.
  'Concern',
  'Engagement',
  'Help request',
  'Request new tutor',
  'Substitute needed',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface Alert {
  key: string;
  kind: AlertKind;
  studentId: string;
  pairId: string;
  detail: string;
  action: string;
}

/** Another tutor the matcher could give this pair's tutee, as "Name (ID)", or null. */
export type AlternativeTutor = (pair: Pair) => string | null;
/** What the forecast found would place a waiting need ("a new Math tutor free in Tue-A"), or null. */
export type WouldPlace = (studentId: string, subject: string) => string | null;

const running = (pair: Pair) => pair.status === 'Active' || pair.status === 'Trial';

export function alertsOf(data: ProgressData, thresholds: AlertThresholds, alternative: AlternativeTutor, wouldPlace: WouldPlace = () => null): Alert[] {
  const names = new Map(data.students.map((student) => [student.id, student.name] as [string, string]));
  const name = (id: string) => names.get(id) ?? id;
  const byPair = groupBy(data.sessions, (session) => session.pairId);
  const reflectionsByPair = groupBy(data.reflections, (reflection) => reflection.pairId);
  const alerts: Alert[] = [
    ...missedSessions(data, byPair, thresholds, name),
    ...stalled(data, reflectionsByPair, thresholds, alternative, name),
    ...trialReviews(data, byPair, reflectionsByPair, alternative, name),
    ...lowMood(data, thresholds, name),
    ...talkRequests(data, name),
    ...noReflections(data, byPair, reflectionsByPair, thresholds, name),
    ...longWaits(data, thresholds, name, wouldPlace),
    ...tutorOverload(data, byPair, thresholds, name),
    ...consent(data, name),
    ...newTutorRequests(data, alternative, name),
  ];
  return alerts;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const alertKey = (kind: AlertKind, studentId: string, pairId: string, extra = '') => [kind, studentId, pairId, extra].join('|');

/**
 * Attended, missed, or not known: a Held session counts for both; a Missed one only against the one
 * marked absent (a session can be missed because the other student was away).
 */
function attended(session: SessionLog, role: 'Tutor' | 'Tutee'): boolean | null {
  const present = role === 'Tutor' ? session.tutorPresent : session.tuteePresent;
  if (present !== null) return present;
  return session.status === 'Held' ? true : null;
}

function missedSessions(data: ProgressData, byPair: Map<string, SessionLog[]>, t: AlertThresholds, name: (id: string) => string): Alert[] {
  const alerts: Alert[] = [];
  for (const pair of data.pairs.filter(running)) {
    const past = (byPair.get(pair.pairId) ?? []).filter((s) => s.date < data.today && s.status !== 'Cancelled').sort((a, b) => (a.date < b.date ? -1 : 1));
    for (const [role, studentId] of [['Tutee', pair.tuteeId], ['Tutor', pair.tutorId]] as const) {
      const known = past.map((s) => attended(s, role)).filter((value): value is boolean => value !== null).slice(-t.attendanceWindow);
      if (known.length < t.attendanceWindow) continue;
      const present = known.filter(Boolean).length;
      if ((present / known.length) * 100 >= t.attendancePercent) continue;
      alerts.push({
        key: alertKey('Missed sessions', studentId, pair.pairId),
        kind: 'Missed sessions',
        studentId,
        pairId: pair.pairId,
        detail: `${name(studentId)} (${role.toLowerCase()}) attended ${present} of the last ${known.length} ${pair.subject} sessions`,
        action: 'Talk with the student (and the family) about attendance; pause the pair if the block no longer suits them',
      });
    }
  }
  return alerts;
}

function stalled(data: ProgressData, reflections: Map<string, ReflectionLog[]>, t: AlertThresholds, alternative: AlternativeTutor, name: (id: string) => string): Alert[] {
  const alerts: Alert[] = [];
  const ticketsByPair = groupBy(data.tickets, (ticket) => ticket.pairId);
  for (const pair of data.pairs.filter(running)) {
    const bySkill = groupBy(ticketsByPair.get(pair.pairId) ?? [], (ticket) => ticket.skill.toLowerCase());
    const stuck = [...bySkill.values()].find((list) => noGain(list, t.stalledTickets));
    const confidence = (reflections.get(pair.pairId) ?? [])
      .filter((r) => r.role === 'Tutee' && r.confidence !== null)
      .sort((a, b) => a.submitted.getTime() - b.submitted.getTime())
      .slice(-3)
      .map((r) => r.confidence!);
    const falling = confidence.length === 3 && confidence[0] > confidence[1] && confidence[1] > confidence[2];
    if (!stuck && !falling) continue;
    const other = alternative(pair);
    alerts.push({
      key: alertKey('Stalled', pair.tuteeId, pair.pairId),
      kind: 'Stalled',
      studentId: pair.tuteeId,
      pairId: pair.pairId,
      detail: stuck
        ? `${name(pair.tuteeId)}: no gain over the last ${t.stalledTickets} exit tickets in ${stuck[0].skill} (${latest(stuck, t.stalledTickets).map((x) => x.score).join(', ')})`
        : `${name(pair.tuteeId)}'s confidence in ${pair.subject} fell three times in a row (${confidence.join(' → ')})`,
      action: other ? `Re-match: ${other} is the best other tutor free for this need` : 'Talk with the pair about what to try differently; no other tutor is free for this need now',
    });
  }
  return alerts;
}

function latest(tickets: TicketLog[], count: number): TicketLog[] {
  return [...tickets].sort((a, b) => a.submitted.getTime() - b.submitted.getTime()).slice(-count);
}

/** The latest `count` tickets show no gain (the last is no better than the first) and none reached mastery level. */
function noGain(tickets: TicketLog[], count: number): boolean {
  const last = latest(tickets, count);
  return last.length === count && last[count - 1].score <= last[0].score && last[count - 1].score < 80;
}

function trialReviews(data: ProgressData, byPair: Map<string, SessionLog[]>, reflections: Map<string, ReflectionLog[]>, alternative: AlternativeTutor, name: (id: string) => string): Alert[] {
  const alerts: Alert[] = [];
  for (const pair of data.pairs.filter((p) => p.status === 'Trial')) {
    const first = (byPair.get(pair.pairId) ?? []).filter((s) => s.status === 'Held').sort((a, b) => (a.date < b.date ? -1 : 1))[0];
    if (!first) continue;
    const answers = (reflections.get(pair.pairId) ?? []).filter((r) => r.sessionId === first.sessionId);
    const positive = (role: 'Tutor' | 'Tutee') => answers.some((r) => r.role === role && (r.mood ?? 0) >= 3 && (r.confidence ?? 0) >= 3);
    const good = positive('Tutor') && positive('Tutee');
    const other = good ? null : alternative(pair);
    alerts.push({
      key: alertKey('Trial review', pair.tuteeId, pair.pairId),
      kind: 'Trial review',
      studentId: pair.tuteeId,
      pairId: pair.pairId,
      detail: `${name(pair.tutorId)} and ${name(pair.tuteeId)} had their first ${pair.subject} session on ${first.date}: ${good ? 'both reflections are positive' : answers.length < 2 ? 'not both reflections are in' : 'a reflection is not positive'}`,
      action: good ? 'Confirm the pair (Active)' : other ? `Check in with the pair; another tutor could be ${other}` : 'Check in with the pair before confirming it',
    });
  }
  return alerts;
}

function lowMood(data: ProgressData, t: AlertThresholds, name: (id: string) => string): Alert[] {
  const alerts: Alert[] = [];
  for (const [studentId, list] of groupBy(data.reflections, (r) => r.studentId)) {
    const moods = [...list].sort((a, b) => a.submitted.getTime() - b.submitted.getTime()).filter((r) => r.mood !== null);
    const [before, last] = moods.slice(-2);
    if (!before || !last || before.mood! > t.lowMood || last.mood! > t.lowMood) continue;
    alerts.push({
      key: alertKey('Low mood', studentId, last.pairId),
      kind: 'Low mood',
      studentId,
      pairId: last.pairId,
      detail: `${name(studentId)} checked in with a mood of ${before.mood} and then ${last.mood}`,
      action: 'Talk with the student (privately: never shown to other students)',
    });
  }
  return alerts;
}

function talkRequests(data: ProgressData, name: (id: string) => string): Alert[] {
  return data.reflections
    .filter((r) => r.talkToTeacher && !r.handled)
    .map((r) => ({
      key: alertKey('Talk to a teacher', r.studentId, r.pairId, r.responseId),
      kind: 'Talk to a teacher' as const,
      studentId: r.studentId,
      pairId: r.pairId,
      detail: `${name(r.studentId)} asked to talk to a teacher after session ${r.sessionId} (${r.date})`,
      action: 'Talk with the student, then mark the reflection Handled (or this alert Done)',
    }));
}

function noReflections(data: ProgressData, byPair: Map<string, SessionLog[]>, reflections: Map<string, ReflectionLog[]>, t: AlertThresholds, name: (id: string) => string): Alert[] {
  const since = addDays(data.today, -t.silentDays);
  const alerts: Alert[] = [];
  for (const pair of data.pairs.filter(running)) {
    const met = (byPair.get(pair.pairId) ?? []).some((s) => s.date >= since && s.date < data.today && s.status !== 'Cancelled');
    const started = (byPair.get(pair.pairId) ?? []).some((s) => s.date < since);
    if (!met || !started) continue;
    if ((reflections.get(pair.pairId) ?? []).some((r) => r.date >= since)) continue;
    alerts.push({
      key: alertKey('No reflections', pair.tuteeId, pair.pairId),
      kind: 'No reflections',
      studentId: pair.tuteeId,
      pairId: pair.pairId,
      detail: `No reflection from ${name(pair.tutorId)} or ${name(pair.tuteeId)} (${pair.subject}) for ${t.silentDays} days`,
      action: 'Remind the pair to send the reflection after each session (the link is in their calendar event)',
    });
  }
  return alerts;
}

function longWaits(data: ProgressData, t: AlertThresholds, name: (id: string) => string, wouldPlace: WouldPlace): Alert[] {
  return data.waitlist
    .filter((need) => daysBetween(need.since, data.today) > t.waitDays)
    .map((need) => ({
      key: alertKey('Long wait', need.studentId, '', need.subject.toLowerCase()),
      kind: 'Long wait' as const,
      studentId: need.studentId,
      pairId: '',
      detail: `${name(need.studentId)} has waited ${daysBetween(need.since, data.today)} days for a ${need.subject} tutor`,
      action: `What would place them: ${wouldPlace(need.studentId, need.subject) ?? need.reason}`,
    }));
}

function tutorOverload(data: ProgressData, byPair: Map<string, SessionLog[]>, t: AlertThresholds, name: (id: string) => string): Alert[] {
  const weekStart = addDays(data.today, -7);
  const alerts: Alert[] = [];
  const students = new Map(data.students.map((student) => [student.id, student] as [string, Student]));
  for (const [tutorId, pairs] of groupBy(data.pairs.filter(running), (pair) => pair.tutorId)) {
    const student = students.get(tutorId);
    const capacity = student?.maxTutees ?? null;
    const sessions = pairs.flatMap((pair) => byPair.get(pair.pairId) ?? []).filter((s) => s.date >= weekStart && s.date < data.today && s.status !== 'Cancelled').length;
    const over = capacity !== null && pairs.length > capacity;
    if (!over && sessions <= t.tutorSessionsPerWeek) continue;
    alerts.push({
      key: alertKey('Tutor overload', tutorId, ''),
      kind: 'Tutor overload',
      studentId: tutorId,
      pairId: '',
      detail: over
        ? `${name(tutorId)} tutors ${pairs.length} tutees, more than their Max tutees (${capacity})`
        : `${name(tutorId)} met ${sessions} times in the last 7 days (more than ${t.tutorSessionsPerWeek})`,
      action: 'Check in with the tutor; pause a pair or let the matcher move a tutee to another tutor',
    });
  }
  return alerts;
}

function consent(data: ProgressData, name: (id: string) => string): Alert[] {
  const involved = new Set([
    ...data.pairs.filter((pair) => pair.status !== 'Ended').flatMap((pair) => [pair.tutorId, pair.tuteeId]),
    ...data.waitlist.map((need) => need.studentId),
  ]);
  return data.students
    .filter((student: Student) => involved.has(student.id) && student.consent !== 'Yes')
    .map((student) => ({
      key: alertKey('Consent', student.id, ''),
      kind: 'Consent' as const,
      studentId: student.id,
      pairId: '',
      detail: `${name(student.id)}'s guardian consent is ${student.consent}`,
      action: student.consent === 'Pending' ? 'Follow up with the family for consent; no sessions until it is Yes' : 'Consent is No: the student takes no part until a guardian agrees',
    }));
}

/**
 * Requests for another tutor: a pair marked Request new tutor (the tutee waits for another tutor), or a
 * meeting pair whose tutee answered "I would like a different tutor" = Yes in a reflection (the Status
 * is left to the teacher). One alert per pair, whichever way it was asked; the matcher's best one is named.
 */
function newTutorRequests(data: ProgressData, alternative: AlternativeTutor, name: (id: string) => string): Alert[] {
  const askedInReflection = new Map<string, string>();
  for (const r of data.reflections) if (r.role === 'Tutee' && r.newTutor && r.date > (askedInReflection.get(r.pairId) ?? '')) askedInReflection.set(r.pairId, r.date);
  const meeting: readonly Pair['status'][] = ['Active', 'Trial', 'Paused'];
  return data.pairs
    .filter((pair) => pair.status === 'Request new tutor' || (meeting.includes(pair.status) && askedInReflection.has(pair.pairId)))
    .map((pair) => {
      const other = alternative(pair);
      const asked = pair.status === 'Request new tutor' ? 'another tutor was asked for' : `${name(pair.tuteeId)} asked for a different tutor in the reflection of ${askedInReflection.get(pair.pairId)}`;
      return {
        key: alertKey('Request new tutor', pair.tuteeId, pair.pairId),
        kind: 'Request new tutor' as const,
        studentId: pair.tuteeId,
        pairId: pair.pairId,
        detail: `${asked} in ${pair.subject} (now ${name(pair.tutorId)})`,
        action: other
          ? `${pair.status === 'Request new tutor' ? '' : 'Talk with them; to change tutor, set the pair\'s Status to Request new tutor. '}Re-match with ${other}: run Match students, which will not propose ${name(pair.tutorId)} again`
          : `No other ${pair.subject} tutor is free now: recruit one, or raise a tutor's Max tutees`,
      };
    });
}

/** An upcoming session whose tutor is absent (or whose pair is paused) and has no substitute yet. */
export interface UncoveredSession {
  sessionId: string;
  pairId: string;
  tuteeId: string;
  date: string;
  block: string;
  /** The matcher's best substitute, as "Name (ID)", or null when no one is free. */
  best: string | null;
}

export function substituteAlerts(sessions: readonly UncoveredSession[], name: (id: string) => string): Alert[] {
  return sessions.map((session) => ({
    key: alertKey('Substitute needed', session.tuteeId, session.sessionId),
    kind: 'Substitute needed' as const,
    studentId: session.tuteeId,
    pairId: session.pairId,
    detail: `${name(session.tuteeId)}'s session on ${session.date} (${session.block}) has no tutor`,
    action: session.best
      ? `Assign ${session.best} as substitute (sidebar, People)`
      : `No trained tutor is free in ${session.block} that day: move or cancel the session, or ask a tutor to stay`,
  }));
}
