// The `Goals` tab: set by the teacher (a row typed in) or from the reflection form ("My goal for next
// week", added once per response). Refresh dashboard keeps each goal's Status from the logs, only in
// cells the add-on owns (blank, Open, Met, Missed: a teacher's "Dropped" stays), fills a blank Set on
// with today, and reports a goal it cannot follow (a date already past when it was set) with its row.
import { subjectKey, type LocalDate, type Pair } from '../../core/model';
import type { MasteryRow, TicketScore } from '../../core/progress/mastery';
import type { ReflectionLog } from '../../core/progress/records';
import { currentSkillOf } from '../../core/sessions/agenda';
import { GOAL_STATUSES, goalDateFrom, goalProgress, goalText, parseTarget, targetFromWords, targetText, type Goal, type GoalStatus } from '../../core/sessions/goals';
import type { ExitTicketQuestion } from '../../core/forms/questions';
import { cellText, dateCell, isBlank, parseDate } from '../cells';
import type { Problem } from '../problems';
import { GOALS_TAB, headerKey } from '../schema';
import { appendRecords, indexHeaders, readLogColumn, writeGrid, type RecordValues } from '../table';
import { valueOf, type Cell, type Grid, type GridCell, type TableStore } from '../table-store';

/** A goal as read and followed: where it is, what it is, and how it stands. */
export interface GoalRow extends Goal {
  row: number;
  words: string;
  /** The Status cell as it stands after this run (the teacher's word when they typed one). */
  status: string;
  progress: string;
}

export interface GoalsInput {
  studentIds: ReadonlySet<string>;
  reflections: readonly ReflectionLog[];
  pairs: readonly Pair[];
  mastery: readonly MasteryRow[];
  tickets: readonly TicketScore[];
  questions: readonly ExitTicketQuestion[];
  today: LocalDate;
}

export interface GoalsReport {
  goals: GoalRow[];
  problems: Problem[];
  /** True when the tab was written (one write). */
  written: boolean;
}

const OWNED = new Set<string>(['', ...GOAL_STATUSES.map((s) => s.toLowerCase())]);

/**
 * Reads Goals and follows each; with `write`, puts what changed back in one write (nothing when nothing
 * changed). Without, only reads (sidebar, letter). The goals students write in reflections are added
 * when the reflection is filed (addReflectionGoals), once: a row the teacher deletes stays deleted.
 */
export function followGoals(store: TableStore, input: GoalsInput, write: boolean): GoalsReport {
  const grid: Grid = (store.readTab(GOALS_TAB.name) ?? [[]]).map((row) => [...row]);
  if (grid.length === 0) grid.push([]);
  let changed = ensureHeaders(grid);
  const column = indexHeaders(grid[0]);
  const at = (header: string) => column.get(headerKey(header))!;
  const cell = (row: GridCell[], header: string): Cell => valueOf(row[at(header)] ?? '');
  const set = (row: GridCell[], header: string, value: Cell) => {
    if (cellText(cell(row, header)) === cellText(value) && !(value instanceof Date)) return;
    if (value instanceof Date && cell(row, header) instanceof Date && (cell(row, header) as Date).getTime() === value.getTime()) return;
    row[at(header)] = value;
    changed = true;
  };
  const goals: GoalRow[] = [];
  const problems: Problem[] = [];
  grid.forEach((row, index) => {
    if (index === 0 || row.every((c) => isBlank(valueOf(c)))) return;
    const rowNumber = index + 1;
    const report = (header: string, message: string): void => {
      problems.push({ tab: GOALS_TAB.name, row: rowNumber, column: header, columnIndex: at(header) + 1, message });
    };
    const studentId = cellText(cell(row, 'Student ID'));
    if (!studentId) return report('Student ID', 'is empty: whose goal is it?');
    if (!input.studentIds.has(studentId)) return report('Student ID', `"${studentId}" is not a Student ID on the Students tab`);
    const target = parseTarget(cellText(cell(row, 'Target')));
    if (!target) return report('Target', `"${cellText(cell(row, 'Target'))}" is not Mastered or a score from 0 to 100`);
    if (isBlank(cell(row, 'Set on'))) set(row, 'Set on', dateCell(input.today, store.timeZone));
    const setOn = parseDate(cell(row, 'Set on'), store.timeZone);
    if (!setOn.ok) return report('Set on', setOn.message);
    if (isBlank(cell(row, 'By'))) return report('By', 'is empty: the date the goal is for, e.g. a week from now');
    const by = parseDate(cell(row, 'By'), store.timeZone);
    if (!by.ok) return report('By', by.message);
    if (by.value < setOn.value) {
      return report('By', `${by.value} was already past when the goal was set (${setOn.value}): choose a later date; the goal is kept and its Status left as it is`);
    }
    const goal: Goal = { studentId, skill: cellText(cell(row, 'Skill')), target, by: by.value, setOn: setOn.value };
    const { status, progress } = goalProgress(goal, input.mastery, input.tickets, input.today);
    const current = cellText(cell(row, 'Status'));
    if (status !== null && OWNED.has(current.toLowerCase())) set(row, 'Status', status);
    else if (status === null && current === '') set(row, 'Status', 'Open');
    goals.push({ ...goal, row: rowNumber, words: cellText(cell(row, 'In their words')), status: cellText(cell(row, 'Status')), progress });
    return undefined;
  });
  const written = write && changed;
  if (written) writeGrid(store, GOALS_TAB.name, grid);
  return { goals, problems, written };
}

/**
 * The goals as the tab holds them, without following them (Status as it stands): for agendas read
 * outside a refresh. Rows that cannot be read are left out (Refresh dashboard reports them).
 */
export function readGoalRows(store: TableStore): GoalRow[] {
  if (!store.tabNames().includes(GOALS_TAB.name)) return [];
  const grid = store.readTab(GOALS_TAB.name) ?? [];
  const column = indexHeaders(grid[0] ?? []);
  const text = (row: GridCell[], header: string) => {
    const at = column.get(headerKey(header));
    return at === undefined ? '' : cellText(valueOf(row[at] ?? ''));
  };
  const date = (row: GridCell[], header: string) => {
    const at = column.get(headerKey(header));
    const parsed = at === undefined ? null : parseDate(valueOf(row[at] ?? ''), store.timeZone);
    return parsed?.ok ? parsed.value : null;
  };
  return grid.slice(1).flatMap((row, i) => {
    const target = parseTarget(text(row, 'Target'));
    const by = date(row, 'By');
    const studentId = text(row, 'Student ID');
    if (!target || !by || !studentId) return [];
    return [{ studentId, skill: text(row, 'Skill'), target, by, setOn: date(row, 'Set on') ?? by, row: i + 2, words: text(row, 'In their words'), status: text(row, 'Status') || 'Open', progress: '' }];
  });
}

/** Adds the schema's missing headers at the end of the header row; true when it did. */
function ensureHeaders(grid: Grid): boolean {
  const present = indexHeaders(grid[0]);
  const missing = GOALS_TAB.columns.filter((c) => !present.has(headerKey(c.header))).map((c) => c.header);
  while (grid[0].length && isBlank(valueOf(grid[0][grid[0].length - 1]))) grid[0].pop();
  grid[0].push(...missing);
  return missing.length > 0;
}

/** The Goals row of a goal a student wrote in a reflection (its Status is followed from then on). */
function goalRecord(reflection: ReflectionLog, skill: string, timeZone: string): RecordValues {
  return {
    'Student ID': reflection.studentId,
    Skill: skill,
    Target: targetText(targetFromWords(reflection.goal ?? '')),
    By: dateCell(goalDateFrom(reflection.date), timeZone),
    'Set on': dateCell(reflection.date, timeZone),
    'In their words': reflection.goal ?? '',
    'Response ID': reflection.responseId,
  };
}

/**
 * Files the goals of reflections just filed: each added once (by its Response ID), at the end of the
 * tab, so every row a teacher typed or changed stays as it is. Two reads and one append; the whole tab
 * is written only when it lacks a column. Returns how many goals were added.
 */
export function addReflectionGoals(store: TableStore, reflections: readonly ReflectionLog[], skillOf: (reflection: ReflectionLog) => string): number {
  if (!reflections.some((r) => (r.goal ?? '').trim() !== '')) return 0;
  const log = readLogColumn(store, GOALS_TAB, 'Response ID');
  const fresh = newGoals(reflections, new Set(log.keys.map(cellText).filter(Boolean)));
  if (!fresh.length) return 0;
  const records = fresh.map((reflection) => ({ ...goalRecord(reflection, skillOf(reflection), store.timeZone), Status: 'Open' }));
  if (log.complete) {
    appendRecords(store, GOALS_TAB.name, log.headers, records);
    return records.length;
  }
  const grid: Grid = (store.readTab(GOALS_TAB.name) ?? [[]]).map((row) => [...row]);
  if (grid.length === 0) grid.push([]);
  ensureHeaders(grid);
  const column = indexHeaders(grid[0]);
  for (const record of records) {
    const row: GridCell[] = grid[0].map(() => '');
    // writeGrid keeps text literal (never a formula, never re-typed by Sheets).
    for (const [header, value] of Object.entries(record)) row[column.get(headerKey(header))!] = value;
    grid.push(row);
  }
  writeGrid(store, GOALS_TAB.name, grid);
  return records.length;
}

/** Reflections with a goal that is not on the tab yet, oldest first. */
function newGoals(reflections: readonly ReflectionLog[], known: ReadonlySet<string>): ReflectionLog[] {
  return reflections
    .filter((r) => (r.goal ?? '').trim() !== '' && !known.has(r.responseId))
    .sort((a, b) => a.submitted.getTime() - b.submitted.getTime());
}

/** A tutee's goal is about the skill they are on in that pair's subject; a tutor's about no skill. */
export function skillOfReflection(reflection: ReflectionLog, input: Pick<GoalsInput, 'pairs' | 'mastery' | 'questions'>): string {
  if (reflection.role !== 'Tutee') return '';
  const pair = input.pairs.find((p) => p.pairId === reflection.pairId);
  if (!pair) return '';
  const order = input.questions.filter((q) => subjectKey(q.subject) === subjectKey(pair.subject)).map((q) => q.skill);
  return currentSkillOf(input.mastery, pair.tuteeId, pair.subject, order) ?? '';
}

/** Each tutee's open goal per subject, in words, for the agendas (the latest set wins). */
export function openGoalsBySubject(goals: readonly GoalRow[], questions: readonly ExitTicketQuestion[]): Map<string, string> {
  const subjectOf = new Map(questions.map((q) => [subjectKey(q.skill), q.subject] as [string, string]));
  const bySubject = new Map<string, string>();
  for (const goal of [...goals].sort((a, b) => (a.setOn < b.setOn ? -1 : 1))) {
    const subject = subjectOf.get(subjectKey(goal.skill));
    if (goal.status !== 'Open' || !subject) continue;
    bySubject.set(`${goal.studentId}\u0000${subjectKey(subject)}`, goalText(goal, goal.words));
  }
  return bySubject;
}

export type { GoalStatus };
