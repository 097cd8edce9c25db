// The Dashboard's figures: program totals, a row per week and per subject, and dosage (sessions a
// tutee actually had per week against the plan). Pure: every figure is derived from the logs.
import { daysBetween } from '../time';
import { mondayOf } from './weeks';
import type { LocalDate } from '../model';
import { masteryOf, type MasteryRule } from './mastery';
import type { ProgressData, SessionLog } from './records';
import { impactOf, type Impact } from './impact';
import { pairGainsOf, recognitionOf, type PairGain, type Recognition } from './recognition';

export interface Totals {
  studentsServed: number;
  pairs: number;
  sessionsHeld: number;
  sessionsMissed: number;
  /** Held ÷ (held + missed), percent; null before any session was marked. */
  attendancePercent: number | null;
  hoursTutored: number;
  /** Mean of (latest − first) exit-ticket score per student and skill with two tickets or more. */
  averageGain: number | null;
  gainStudents: number;
  skillsMastered: number;
}

export interface WeekRow {
  /** Monday of the week. */
  week: LocalDate;
  held: number;
  missed: number;
  attendancePercent: number | null;
  averageScore: number | null;
  tickets: number;
}

export interface SubjectRow {
  subject: string;
  pairs: number;
  held: number;
  attendancePercent: number | null;
  averageScore: number | null;
  mastered: number;
}

export interface Dosage {
  /** Sessions per week the Settings plan. */
  planned: number;
  /** Median sessions held per week per tutee over the weeks they were paired (null: too few weeks). */
  medianHeldPerWeek: number | null;
  tutees: number;
}

export interface Dashboard {
  totals: Totals;
  weeks: WeekRow[];
  subjects: SubjectRow[];
  dosage: Dosage;
  recognition: Recognition;
  /** Sessions a week per tutee against the plan, and attendance against gains. */
  impact: Impact;
  /** Pairs with enough sessions and tickets, biggest normalised gain first (the gains chart). */
  pairGains: PairGain[];
}

const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 100) : null);
const mean = (values: number[]) => (values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10 : null);

function minutes(session: SessionLog): number {
  const [sh, sm] = session.start.split(':').map(Number);
  const [eh, em] = session.end.split(':').map(Number);
  return Math.max(0, eh * 60 + em - (sh * 60 + sm));
}

export function dashboardOf(data: ProgressData, rule: MasteryRule, sessionsPerWeek: number): Dashboard {
  const past = data.sessions.filter((s) => s.date < data.today);
  const held = past.filter((s) => s.status === 'Held');
  const missed = past.filter((s) => s.status === 'Missed');
  const pairById = new Map(data.pairs.map((pair) => [pair.pairId, pair]));
  const mastery = masteryOf(data.tickets, rule);
  const gains = gainsOf(data);
  const totals: Totals = {
    studentsServed: new Set(held.map((s) => pairById.get(s.pairId)?.tuteeId).filter(Boolean)).size,
    pairs: data.pairs.filter((pair) => pair.status === 'Active' || pair.status === 'Trial').length,
    sessionsHeld: held.length,
    sessionsMissed: missed.length,
    attendancePercent: percent(held.length, held.length + missed.length),
    hoursTutored: Math.round(held.reduce((sum, s) => sum + minutes(s), 0) / 6) / 10,
    averageGain: mean(gains),
    gainStudents: gains.length,
    skillsMastered: mastery.filter((row) => row.masteredOn && (!data.termStart || row.masteredOn >= data.termStart)).length,
  };
  return {
    totals,
    weeks: weeksOf(data, past),
    subjects: subjectsOf(data, past, mastery.filter((r) => r.state === 'Mastered')),
    dosage: dosageOf(data, held, sessionsPerWeek),
    recognition: recognitionOf(data),
    impact: impactOf(data, sessionsPerWeek),
    pairGains: pairGainsOf(data),
  };
}

function gainsOf(data: ProgressData): number[] {
  const bySkill = new Map<string, typeof data.tickets>();
  for (const ticket of data.tickets) {
    const key = `${ticket.studentId}\u0000${ticket.skill.toLowerCase()}`;
    const list = bySkill.get(key);
    if (list) list.push(ticket);
    else bySkill.set(key, [ticket]);
  }
  return [...bySkill.values()]
    .filter((list) => list.length >= 2)
    .map((list) => {
      const ordered = [...list].sort((a, b) => a.submitted.getTime() - b.submitted.getTime());
      return ordered[ordered.length - 1].score - ordered[0].score;
    });
}

function weeksOf(data: ProgressData, past: SessionLog[]): WeekRow[] {
  const weeks = new Map<LocalDate, WeekRow>();
  const row = (date: LocalDate) => {
    const week = mondayOf(date);
    let found = weeks.get(week);
    if (!found) weeks.set(week, (found = { week, held: 0, missed: 0, attendancePercent: null, averageScore: null, tickets: 0 }));
    return found;
  };
  for (const session of past) {
    if (session.status === 'Held') row(session.date).held++;
    if (session.status === 'Missed') row(session.date).missed++;
  }
  const scores = new Map<LocalDate, number[]>();
  for (const ticket of data.tickets) {
    row(ticket.date).tickets++;
    const week = mondayOf(ticket.date);
    const list = scores.get(week);
    if (list) list.push(ticket.score);
    else scores.set(week, [ticket.score]);
  }
  for (const week of weeks.values()) {
    week.attendancePercent = percent(week.held, week.held + week.missed);
    week.averageScore = mean(scores.get(week.week) ?? []);
  }
  return [...weeks.values()].sort((a, b) => (a.week < b.week ? -1 : 1));
}

function subjectsOf(data: ProgressData, past: SessionLog[], mastered: { subject: string }[]): SubjectRow[] {
  const pairById = new Map(data.pairs.map((pair) => [pair.pairId, pair]));
  const key = (subject: string) => subject.trim().toLowerCase();
  const subjects = new Map<string, string>();
  for (const pair of data.pairs) if (!subjects.has(key(pair.subject))) subjects.set(key(pair.subject), pair.subject);
  return [...subjects.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, subject]) => {
      const sessions = past.filter((s) => key(pairById.get(s.pairId)?.subject ?? '') === k);
      const held = sessions.filter((s) => s.status === 'Held').length;
      const missed = sessions.filter((s) => s.status === 'Missed').length;
      return {
        subject,
        pairs: data.pairs.filter((pair) => key(pair.subject) === k && (pair.status === 'Active' || pair.status === 'Trial')).length,
        held,
        attendancePercent: percent(held, held + missed),
        averageScore: mean(data.tickets.filter((t) => key(t.subject) === k).map((t) => t.score)),
        mastered: mastered.filter((row) => key(row.subject) === k).length,
      };
    });
}

/** Held sessions per week per tutee, over the weeks from their first session to today; the median of those. */
function dosageOf(data: ProgressData, held: SessionLog[], planned: number): Dosage {
  const pairById = new Map(data.pairs.map((pair) => [pair.pairId, pair]));
  const byTutee = new Map<string, SessionLog[]>();
  for (const session of held) {
    const tutee = pairById.get(session.pairId)?.tuteeId;
    if (!tutee) continue;
    const list = byTutee.get(tutee);
    if (list) list.push(session);
    else byTutee.set(tutee, [session]);
  }
  const rates = [...byTutee.values()]
    .map((sessions) => {
      const first = sessions.reduce((min, s) => (s.date < min ? s.date : min), sessions[0].date);
      const weeks = Math.max(1, daysBetween(mondayOf(first), data.today) / 7);
      return { rate: sessions.length / weeks, weeks };
    })
    // Fewer than two weeks of history says nothing about a weekly rate.
    .filter((item) => item.weeks >= 2)
    .map((item) => item.rate)
    .sort((a, b) => a - b);
  const median = rates.length ? Math.round(rates[Math.floor(rates.length / 2)] * 10) / 10 : null;
  return { planned, medianHeldPerWeek: median, tutees: rates.length };
}
