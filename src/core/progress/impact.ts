// Dosage and impact. Research on tutoring finds the largest effects at three or more sessions a week in
// school time, so the dashboard shows how many sessions a week each tutee actually had against the plan,
// and whether tutees who attended more also gained more on their exit tickets — with how many students
// that rests on, and no claim at all when they are too few.
import { daysBetween } from '../time';
import { mondayOf } from './weeks';
import type { LocalDate } from '../model';
import type { ProgressData, SessionLog } from './records';

/** Fewer students than this and a relation says nothing worth printing. */
export const MIN_STUDENTS_FOR_RELATION = 20;
/** Below this size (|r|) a correlation is called "no clear relation". */
const WEAK_CORRELATION = 0.1;

export interface DosageBand {
  label: string;
  tutees: number;
}

export interface ImpactBand {
  label: string;
  students: number;
  /** Mean exit-ticket gain (points) of the students in the band; null when none. */
  averageGain: number | null;
}

export interface Impact {
  /** Tutees by sessions attended a week, over the weeks since their first session (two weeks at least). */
  dosage: DosageBand[];
  /** Tutees with two weeks or more who met at least the planned sessions a week. */
  atOrAbovePlan: number;
  /** Students behind the relation: tutees with a gain (two tickets or more in a skill). */
  students: number;
  /** Pearson correlation of sessions attended and gain; null when too few students. */
  correlation: number | null;
  bands: ImpactBand[];
  /** The plain-language reading, never a claim the numbers cannot carry. */
  summary: string;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

const DOSAGE_BANDS: [string, number][] = [
  ['Under 1 a week', 1],
  ['1 to under 2 a week', 2],
  ['2 to under 3 a week', 3],
  ['3 or more a week', Infinity],
];

const ATTENDANCE_BANDS: [string, number][] = [
  ['1–5 sessions', 5],
  ['6–10 sessions', 10],
  ['11–20 sessions', 20],
  ['21 or more sessions', Infinity],
];

/** The tutee came (marked present, or the session Held with nothing marked). */
function tuteeCame(session: SessionLog): boolean {
  return session.tuteePresent ?? session.status === 'Held';
}

export function impactOf(data: ProgressData, plannedPerWeek: number): Impact {
  const tuteeOf = new Map(data.pairs.map((pair) => [pair.pairId, pair.tuteeId] as [string, string]));
  const attended = new Map<string, { count: number; first: LocalDate }>();
  for (const session of data.sessions) {
    if (session.date >= data.today || session.status === 'Cancelled' || !tuteeCame(session)) continue;
    const tutee = tuteeOf.get(session.pairId);
    if (!tutee) continue; // a pair no longer on the Pairs tab: its sessions cannot be given to a tutee
    const entry = attended.get(tutee);
    if (!entry) attended.set(tutee, { count: 1, first: session.date });
    else {
      entry.count++;
      if (session.date < entry.first) entry.first = session.date;
    }
  }
  const dosage = DOSAGE_BANDS.map(([label]) => ({ label, tutees: 0 }));
  let atOrAbovePlan = 0;
  for (const { count, first } of attended.values()) {
    const weeks = daysBetween(mondayOf(first), data.today) / 7;
    if (weeks < 2) continue; // fewer than two weeks says nothing about a weekly rate
    const rate = count / weeks;
    dosage[DOSAGE_BANDS.findIndex(([, below]) => rate < below)].tutees++;
    if (rate >= plannedPerWeek) atOrAbovePlan++;
  }
  const points = gainsByStudent(data).flatMap(([studentId, gain]) => {
    const sessions = attended.get(studentId)?.count ?? 0;
    return sessions > 0 ? [{ sessions, gain }] : [];
  });
  const bands = ATTENDANCE_BANDS.map(([label, upTo], i) => {
    const from = i === 0 ? 1 : ATTENDANCE_BANDS[i - 1][1] + 1;
    const inBand = points.filter((p) => p.sessions >= from && p.sessions <= upTo);
    return { label, students: inBand.length, averageGain: inBand.length ? round1(inBand.reduce((sum, p) => sum + p.gain, 0) / inBand.length) : null };
  });
  const correlation = points.length >= MIN_STUDENTS_FOR_RELATION ? pearson(points.map((p) => p.sessions), points.map((p) => p.gain)) : null;
  return { dosage, atOrAbovePlan, students: points.length, correlation, bands, summary: summaryOf(points.length, correlation) };
}

/** Each student's mean gain (latest − first score) over their skills with two tickets or more. */
function gainsByStudent(data: ProgressData): [string, number][] {
  const bySkill = new Map<string, { first: number; firstAt: number; last: number; lastAt: number; count: number; studentId: string }>();
  for (const ticket of data.tickets) {
    const key = `${ticket.studentId}\u0000${ticket.skill.toLowerCase()}`;
    const at = ticket.submitted.getTime();
    const entry = bySkill.get(key);
    if (!entry) bySkill.set(key, { first: ticket.score, firstAt: at, last: ticket.score, lastAt: at, count: 1, studentId: ticket.studentId });
    else {
      entry.count++;
      if (at < entry.firstAt) Object.assign(entry, { first: ticket.score, firstAt: at });
      if (at >= entry.lastAt) Object.assign(entry, { last: ticket.score, lastAt: at });
    }
  }
  const sums = new Map<string, { total: number; skills: number }>();
  for (const entry of bySkill.values()) {
    if (entry.count < 2) continue;
    const sum = sums.get(entry.studentId) ?? { total: 0, skills: 0 };
    sum.total += entry.last - entry.first;
    sum.skills++;
    sums.set(entry.studentId, sum);
  }
  return [...sums.entries()].map(([studentId, { total, skills }]) => [studentId, total / skills]);
}

/** Pearson's r, or null when either variable does not vary. */
export function pearson(xs: number[], ys: number[]): number | null {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  return Math.round((sxy / Math.sqrt(sxx * syy)) * 100) / 100;
}

function summaryOf(students: number, r: number | null): string {
  if (students < MIN_STUDENTS_FOR_RELATION) {
    return `Too few students with exit-ticket gains to say anything yet (${students}; at least ${MIN_STUDENTS_FOR_RELATION} needed).`;
  }
  if (r === null || Math.abs(r) < WEAK_CORRELATION) return `No clear relation between sessions attended and gains (${students} students${r === null ? '' : `, r = ${r}`}).`;
  const direction = r > 0 ? 'more' : 'less';
  return `Students who attended more sessions gained ${direction} on their exit tickets (r = ${r}, ${students} students). This is an association, not proof that the sessions caused it.`;
}
