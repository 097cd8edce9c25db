// Students' goals: a target on one skill (Mastered, or a score on its exit tickets) by a date. The
// status follows from the logs: Met once the target is reached by the date, Missed after the date,
// Open until then. A goal on no skill (a tutor's, or the subject as a whole) is the teacher's to judge.
import type { LocalDate } from '../model';
import type { MasteryRow, TicketScore } from '../progress/mastery';
import { addDays } from '../time';

export type GoalTarget = { kind: 'mastered' } | { kind: 'score'; score: number };

export const GOAL_STATUSES = ['Open', 'Met', 'Missed'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export interface Goal {
  studentId: string;
  skill: string;
  target: GoalTarget;
  by: LocalDate;
  setOn: LocalDate;
}

/** `Mastered` (or blank), or a score 0–100 (`80`, `80%`); null when it is neither. */
export function parseTarget(text: string): GoalTarget | null {
  const trimmed = text.trim();
  if (trimmed === '' || /^mastered$/i.test(trimmed)) return { kind: 'mastered' };
  const match = /^(\d{1,3})\s*%?$/.exec(trimmed);
  const score = match ? Number(match[1]) : NaN;
  return score >= 0 && score <= 100 ? { kind: 'score', score } : null;
}

export function targetText(target: GoalTarget): string {
  return target.kind === 'mastered' ? 'Mastered' : String(target.score);
}

/** A goal the student wrote in their reflection: a score when they named one (`get 80 on the ticket`), else mastery. */
export function targetFromWords(words: string): GoalTarget {
  const match = /\b(\d{1,3})\s*(?:%|points?|percent)?/.exec(words);
  const score = match ? Number(match[1]) : NaN;
  return score >= 1 && score <= 100 ? { kind: 'score', score } : { kind: 'mastered' };
}

/** "My goal for next week" is for the week after the reflection. */
export function goalDateFrom(setOn: LocalDate): LocalDate {
  return addDays(setOn, 7);
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export interface GoalProgress {
  /** Null for a goal on no skill: the teacher's to judge. */
  status: GoalStatus | null;
  /** Where the student stands, in words: `best 75 of 80`, `practising`, `mastered on 2027-02-01`. */
  progress: string;
}

export function goalProgress(goal: Goal, mastery: readonly MasteryRow[], tickets: readonly TicketScore[], today: LocalDate): GoalProgress {
  if (!goal.skill.trim()) return { status: null, progress: '' };
  const open = (progress: string): GoalProgress => ({ status: today > goal.by ? 'Missed' : 'Open', progress });
  if (goal.target.kind === 'mastered') {
    const row = mastery.find((r) => r.studentId === goal.studentId && same(r.skill, goal.skill));
    if (row?.state === 'Mastered' && row.masteredOn && row.masteredOn <= goal.by) return { status: 'Met', progress: `mastered on ${row.masteredOn}` };
    return open(row ? row.state.toLowerCase() : 'not started');
  }
  const target = goal.target.score;
  const since = tickets.filter((t) => t.studentId === goal.studentId && same(t.skill, goal.skill) && t.date >= goal.setOn && t.date <= goal.by);
  const best = since.length ? Math.max(...since.map((t) => t.score)) : null;
  if (best !== null && best >= target) return { status: 'Met', progress: `scored ${best} (target ${target})` };
  return open(best === null ? 'no exit ticket yet' : `best ${best} (target ${target})`);
}

/** How a goal reads for a tutor, a student or a family: `Adding fractions: score 80 by 2027-02-01`. */
export function goalText(goal: Pick<Goal, 'skill' | 'target' | 'by'>, words = ''): string {
  const what = goal.target.kind === 'mastered' ? 'master it' : `score ${goal.target.score}`;
  const skill = goal.skill.trim() ? `${goal.skill}: ${what}` : words || what;
  return `${skill} by ${goal.by}`;
}
