// Mastery per student and skill from exit tickets, and spaced review: a mastered skill comes back at
// growing intervals after mastery, so it is practised again before it fades.
import type { LocalDate, Settings } from '../model';
import { addDays } from '../time';

export const MASTERY_STATES = ['Not started', 'Practising', 'Mastered'] as const;
export type MasteryState = (typeof MASTERY_STATES)[number];

export interface MasteryRule {
  /** Mastered when the last `count` tickets of the skill all score at least `threshold`. */
  count: number;
  threshold: number;
  /** Days after mastery at which the skill is reviewed: 1, 3, 7, 14, 30. */
  reviewDays: number[];
}

export const DEFAULT_MASTERY_RULE: MasteryRule = { count: 3, threshold: 80, reviewDays: [1, 3, 7, 14, 30] };

/** The rule as Settings set it (Mastery tickets, Mastery score, Review days). */
export function masteryRuleOf(settings: Pick<Settings, 'masteryTickets' | 'masteryScore' | 'reviewDays'>): MasteryRule {
  return { count: settings.masteryTickets, threshold: settings.masteryScore, reviewDays: settings.reviewDays };
}

export interface TicketScore {
  studentId: string;
  subject: string;
  skill: string;
  /** The day the ticket was taken, in the program timezone. */
  date: LocalDate;
  /** For a stable order within a day. */
  submitted: Date;
  score: number;
}

export interface MasteryRow {
  studentId: string;
  subject: string;
  skill: string;
  tickets: number;
  latest: number;
  best: number;
  state: MasteryState;
  /** When the current streak first reached the rule; null unless Mastered. */
  masteredOn: LocalDate | null;
  /** The next review due, or null (not mastered, or every review done). */
  nextReview: LocalDate | null;
}

const key = (t: Pick<TicketScore, 'studentId' | 'skill'>) => `${t.studentId}\u0000${t.skill.trim().toLowerCase()}`;

/** A skill a student works on (a skill of their pair's subject), whether or not they took a ticket in it. */
export interface SkillOfStudent {
  studentId: string;
  subject: string;
  skill: string;
}

/**
 * One row per student and skill that has a ticket or is `expected` (then Not started until a ticket
 * comes), ordered by student then skill.
 */
export function masteryOf(tickets: readonly TicketScore[], rule: MasteryRule = DEFAULT_MASTERY_RULE, expected: readonly SkillOfStudent[] = []): MasteryRow[] {
  const groups = new Map<string, TicketScore[]>();
  for (const ticket of tickets) {
    const list = groups.get(key(ticket));
    if (list) list.push(ticket);
    else groups.set(key(ticket), [ticket]);
  }
  const rows = [...groups.values()].map((list) => rowOf(list, rule));
  const started = new Set(groups.keys());
  for (const item of expected) {
    if (started.has(key(item))) continue;
    started.add(key(item));
    rows.push({ ...item, tickets: 0, latest: 0, best: 0, state: 'Not started', masteredOn: null, nextReview: null });
  }
  return rows.sort((a, b) => compare(a.studentId, b.studentId) || compare(a.skill.toLowerCase(), b.skill.toLowerCase()));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function rowOf(list: TicketScore[], rule: MasteryRule): MasteryRow {
  const ordered = [...list].sort((a, b) => compare(a.date, b.date) || a.submitted.getTime() - b.submitted.getTime());
  const last = ordered[ordered.length - 1];
  const masteredAt = streakStart(ordered, rule);
  const masteredOn = masteredAt === null ? null : ordered[masteredAt].date;
  return {
    studentId: last.studentId,
    subject: last.subject,
    skill: last.skill,
    tickets: ordered.length,
    latest: last.score,
    best: Math.max(...ordered.map((t) => t.score)),
    state: masteredOn ? 'Mastered' : 'Practising',
    masteredOn,
    nextReview: masteredOn ? nextReviewOf(masteredOn, last.date, rule) : null,
  };
}

/**
 * Index of the ticket at which the current run of passing tickets first reached `count` (the day the
 * skill was mastered), or null when the latest `count` tickets do not all pass.
 */
function streakStart(ordered: TicketScore[], rule: MasteryRule): number | null {
  let run = 0;
  for (let i = ordered.length - 1; i >= 0 && ordered[i].score >= rule.threshold; i--) run++;
  if (run < rule.count) return null;
  return ordered.length - run + rule.count - 1;
}

/** The first review day after mastery that falls after the latest ticket (a review taken covers the days before it). */
function nextReviewOf(masteredOn: LocalDate, latest: LocalDate, rule: MasteryRule): LocalDate | null {
  for (const days of rule.reviewDays) {
    const due = addDays(masteredOn, days);
    if (due > latest) return due;
  }
  return null;
}

/** Skills due for review for a student on a session date: mastered, with the next review on or before it. */
export function reviewsDue(rows: readonly MasteryRow[], studentId: string, date: LocalDate): MasteryRow[] {
  return rows.filter((row) => row.studentId === studentId && row.nextReview !== null && row.nextReview <= date);
}
