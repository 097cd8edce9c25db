// Scheduling as the teacher runs it: read the program, Pairs and Sessions, plan every pair's weekly
// slots and sessions, and merge them into the Sessions tab in one batched write, undoably. Past
// sessions and whatever was recorded on them are never changed (see reconcileSessions).
import type { LocalDate, Pair, Session } from '../../core/model';
import {
  extraBlocksFromSessions,
  generateSessions,
  planSeries,
  planSlots,
  reconcileSessions,
  seriesKeyFinder,
  validateScheduling,
  type PairSlots,
  type Reconciliation,
  type SchedulingIssue,
  type SeriesPlan,
  type SessionRecord,
  type SlotShortfall,
} from '../../core/scheduling';
import { cellText } from '../store/cells';
import { recordChange } from '../program/history';
import { describeStopped, stoppedPairs, type StoppedPair } from '../matching/pair-standing';
import { readPairs } from '../matching/pairs-tab';
import { describeProblem, ProgramDataError, type Problem } from '../program/problems';
import { readProgram, type Program } from '../program/roster';
import { BLOCKS_TAB, headerKey, PAIRS_TAB, SESSIONS_TAB, SETTINGS_TAB } from '../program/schema';
import { detailUpdates, keptSessionRecord, linkUpdates, readSessions, sessionRecord, type SessionDetails, type SessionRow } from './sessions-tab';
import type { SessionLinker } from '../forms/session-links';
import { readTable, writeTable, type RecordValues } from '../store/table';
import type { TableStore } from '../store/table-store';

/** Everything one scheduling run decides, before anything is written. */
export interface SchedulePlan {
  program: Program;
  pairs: Pair[];
  slots: PairSlots[];
  shortfalls: SlotShortfall[];
  existing: SessionRow[];
  sessionsTabExists: boolean;
  sessionsLackColumns: boolean;
  merged: Reconciliation<SessionRow>;
  /** Roster problems that do not stop scheduling (the students concerned are left out of extra blocks and guests). */
  rosterWarnings: string[];
  /** Active or Trial pairs that break a hard rule now (consent withdrawn, a student who left): they get no sessions. */
  stopped: StoppedPair[];
  /** One-off sessions (help requests): not planned from pairs, kept exactly as they are. */
  oneOffs: SessionRow[];
}

export interface ScheduleReport {
  added: number;
  removed: number;
  moved: number;
  kept: number;
  /** Rows on the Sessions tab after the run. */
  sessions: number;
  /** False when nothing changed, so nothing was written. */
  written: boolean;
  /** Undo version saved before writing (null when nothing was written). */
  version: number | null;
  /** `Sessions row N: …` and roster problems that did not stop scheduling. */
  warnings: string[];
  /** Pairs that got fewer weekly sessions than Settings ask for, and why. */
  shortfalls: string[];
  /** Pairs stopped by the roster (also the first lines of `warnings`). */
  stopped: StoppedPair[];
}

export interface PairPreview {
  pairId: string;
  /** "Tutor → Tutee", as the teacher knows the pair. */
  names: string;
  subject: string;
  blocks: string[];
  /** Sessions of the pair on the Sessions tab after scheduling (past ones included). */
  sessions: number;
  /** Calendar event series: one per weekly slot with at least one meeting. */
  events: number;
}

export interface SchedulePreview {
  programName: string;
  pairs: PairPreview[];
  added: number;
  removed: number;
  moved: number;
  sessions: number;
  events: number;
  warnings: string[];
  shortfalls: string[];
}

/** Reads and plans; throws ProgramDataError (located problems) when scheduling would lose or invent sessions. */
export function planSchedule(store: TableStore, today: LocalDate): SchedulePlan {
  const { program, problems: rosterProblems } = readProgram(store);
  const { pairs, problems: pairProblems } = readPairs(store);
  const reading = readSessions(store);
  // A one-off session (a help request) belongs to no pair's plan: scheduling keeps it as it is.
  const oneOffs = reading.rows.filter((row) => row.oneOff);
  const sessions = { ...reading, rows: reading.rows.filter((row) => !row.oneOff) };
  // Settings, Blocks, Pairs or Sessions that cannot be read would silently drop sessions: stop.
  const blocking = [
    ...rosterProblems.filter((p) => p.tab !== 'Students' || p.row <= 1),
    ...pairProblems,
    ...sessions.problems,
  ];
  if (blocking.length) throw new ProgramDataError(blocking);
  const issues = validateScheduling(program.settings, program.blocks, pairs);
  if (issues.length) throw new ProgramDataError(locateIssues(store, issues));
  // A stopped pair is planned as if it had no sessions: its future rows go and its series end.
  const stopped = stoppedPairs(store, pairs);
  const stoppedIds = new Set(stopped.map((pair) => pair.pairId));
  const meeting = pairs.filter((pair) => !stoppedIds.has(pair.pairId));
  const { slots, shortfalls } = planSlots({
    pairs: meeting,
    blocks: program.blocks,
    students: program.students,
    sessionsPerWeek: program.settings.sessionsPerWeek,
    previousExtras: extraBlocksFromSessions(sessions.rows, pairs, today),
  });
  const merged = reconcileSessions(sessions.rows, generateSessions(meeting, slots, program.settings), today);
  return {
    program,
    pairs,
    slots,
    shortfalls,
    existing: sessions.rows,
    sessionsTabExists: sessions.exists,
    sessionsLackColumns: sessions.lacksColumns,
    merged,
    rosterWarnings: rosterProblems.filter((p) => p.tab === 'Students' && p.row > 1).map(describeProblem),
    stopped,
    oneOffs,
  };
}

/** The Calendar series the plan stands for (one per pair and weekly slot); `describe` adds lines to a pair's description (its form links). */
export function seriesOfPlan(plan: SchedulePlan, describe?: (pair: Pair) => string[]): SeriesPlan[] {
  return planSeries({ pairs: plan.pairs, slots: plan.slots, students: plan.program.students, settings: plan.program.settings, describe });
}

/** Columns an upcoming session gets beside its plan: its Agenda and Meet link (a column left out stays as it is). */
export interface SessionExtras {
  Agenda?: string;
  'Meet link'?: string;
}

export type ExtrasOfSession = (session: SessionRecord) => SessionExtras;

/** Finds the Calendar event ID of a session from the stored series map (seriesKey → event ID). */
export type EventIdFinder = (session: Pick<Session, 'pairId' | 'block'>) => string | null;

export function eventIdFinder(slots: readonly PairSlots[], eventIds: ReadonlyMap<string, string>): EventIdFinder {
  const keyOf = seriesKeyFinder(slots);
  return (session) => {
    const key = keyOf(session);
    return key === null ? null : eventIds.get(key) ?? null;
  };
}

export function previewSchedule(store: TableStore, today: LocalDate): SchedulePreview {
  const plan = planSchedule(store, today);
  const series = seriesOfPlan(plan);
  const sessionsPerPair = countBy(plan.merged.sessions, (session) => session.pairId);
  const eventsPerPair = countBy(series, (entry) => entry.pairId);
  const nameOf = new Map(plan.program.students.map((student) => [student.id, student.name]));
  const pairs = plan.slots.map(({ pairId, blocks }) => {
    const pair = plan.pairs.find((candidate) => candidate.pairId === pairId);
    return {
      pairId,
      names: pair ? `${nameOf.get(pair.tutorId) ?? pair.tutorId} → ${nameOf.get(pair.tuteeId) ?? pair.tuteeId}` : '',
      subject: pair?.subject ?? '',
    blocks: blocks.map((block) => block.name),
      sessions: sessionsPerPair.get(pairId) ?? 0,
      events: eventsPerPair.get(pairId) ?? 0,
    };
  });
  return {
    programName: plan.program.settings.programName,
    pairs,
    added: plan.merged.added.length,
    removed: plan.merged.removed.length,
    moved: plan.merged.moved.length,
    sessions: plan.merged.sessions.length,
    events: series.length,
    warnings: warningsOf(plan),
    shortfalls: shortfallsOf(plan),
  };
}

/**
 * Writes the Sessions tab from a fresh plan (never a stale preview). `eventIds` (seriesKey → Calendar
 * event ID) fills the `Calendar event ID` column; nothing is written when nothing would change.
 * A caller that has just planned (to sync Calendar) passes its plan, so nothing is read twice.
 */
export function scheduleSessions(
  store: TableStore,
  today: LocalDate,
  now: Date,
  eventIds: ReadonlyMap<string, string> = new Map(),
  plan: SchedulePlan = planSchedule(store, today),
  linker: SessionLinker | null = null,
  extras: ExtrasOfSession | null = null,
): ScheduleReport {
  const { merged } = plan;
  const findEventId = eventIdFinder(plan.slots, eventIds);
  const report: ScheduleReport = {
    added: merged.added.length,
    removed: merged.removed.length,
    moved: merged.moved.length,
    kept: merged.kept,
    sessions: merged.sessions.length,
    written: false,
    version: null,
    warnings: warningsOf(plan),
    shortfalls: shortfallsOf(plan),
    stopped: plan.stopped,
  };
  const rows = sessionRecords(plan, sessionRecordMaker(plan, findEventId, store.timeZone, today, linker, extras));
  if (!rows.changed) return report;
  report.version = recordChange(store, { label: 'Schedule sessions', tabs: [SESSIONS_TAB.name], savedAt: now }, () =>
    writeTable(store, SESSIONS_TAB, rows.records),
  );
  report.written = true;
  return report;
}

/**
 * Rows to write, and whether they change the tab: kept rows carry only their key (so their cells stay
 * exactly as they are) plus a new Calendar event ID, details or form links that changed. When rows
 * come or go, every row is written: each record is then made as it is written (a school year's
 * 56,000 records need not all be in memory at once).
 */
function sessionRecords(plan: SchedulePlan, recordOf: ReturnType<typeof sessionRecordMaker>): { records: Iterable<RecordValues>; changed: boolean } {
  // One-off sessions stay, by their key only (every cell as it is), after the planned ones.
  const oneOffs = plan.oneOffs.map((row): RecordValues => ({ 'Session ID': row.sessionId }));
  if (structureChanged(plan)) {
    const records = function* () {
      for (const session of plan.merged.sessions) yield recordOf(session).record;
      yield* oneOffs;
    };
    return { records: records(), changed: true };
  }
  let changed = false;
  const records = plan.merged.sessions.map((session) => {
    const made = recordOf(session);
    changed ||= made.changed;
    return made.record;
  });
  return { records: [...records, ...oneOffs], changed };
}

/** A session's record, and whether it changes a row the tab already has (see sessionRecords). */
function sessionRecordMaker(
  plan: SchedulePlan,
  findEventId: EventIdFinder,
  timeZone: string,
  today: LocalDate,
  linker: SessionLinker | null,
  extras: ExtrasOfSession | null,
): (session: SessionRecord) => { record: RecordValues; changed: boolean } {
  const existing = new Set<SessionRecord>(plan.existing);
  const duplicated = duplicateIds(plan.existing);
  const detailsOf = sessionDetailsFinder(plan);
  return (session) => {
    const eventId = findEventId(session);
    const details = detailsOf(session);
    if (existing.has(session) && !duplicated.has(session.sessionId)) {
      const row = session as SessionRow;
      const updates = detailUpdates(row, details, row.date <= today);
      const links = linkUpdates(row, linker?.(row) ?? null);
      let changed = Object.keys(updates).length > 0 || Object.keys(links).length > 0 || (eventId !== null && eventId !== row.calendarEventId);
      const kept = keptSessionRecord(row, eventId, updates, links);
      const current: Record<keyof SessionExtras, string> = { Agenda: row.agenda ?? '', 'Meet link': row.meetLink ?? '' };
      for (const [header, value] of Object.entries(extras?.(row) ?? {}) as [keyof SessionExtras, string][]) {
        if (value === current[header]) continue;
        kept[header] = value;
        changed = true;
      }
      return { record: kept, changed };
    }
    // Filled in place, not copied by object spread: Node 20's V8 gives each such copy a hidden class
    // of its own (a school year's 56,000 records: 20 MB, and slower to read).
    const record = sessionRecord(session, timeZone, details, linker?.(session) ?? null);
    if (eventId !== null) record['Calendar event ID'] = eventId;
    return { record: Object.assign(record, extras?.(session)), changed: false };
  };
}

/** Rows added, removed, moved or duplicated, a new tab, or columns to add. */
function structureChanged(plan: SchedulePlan): boolean {
  const { merged } = plan;
  if (!plan.sessionsTabExists || merged.added.length || merged.removed.length || merged.moved.length) return true;
  if (merged.sessions.length !== plan.existing.length || duplicateIds(plan.existing).size) return true;
  return plan.sessionsLackColumns;
}

/** Tutor and tutee names from Students (the ID when the student is not on the roster), subject from Pairs, place from Blocks. */
function sessionDetailsFinder(plan: SchedulePlan): (session: Pick<SessionRecord, 'pairId' | 'block'>) => SessionDetails | null {
  const pairs = new Map(plan.pairs.map((pair) => [pair.pairId, pair]));
  const names = new Map(plan.program.students.map((student) => [student.id, student.name]));
  const locations = new Map(plan.program.blocks.map((block) => [block.name, block.location]));
  return ({ pairId, block }) => {
    const pair = pairs.get(pairId);
    if (!pair) return null;
    return {
      tutor: names.get(pair.tutorId) ?? pair.tutorId,
      tutee: names.get(pair.tuteeId) ?? pair.tuteeId,
      subject: pair.subject,
      location: locations.get(block) ?? '',
    };
  };
}

function duplicateIds(rows: readonly SessionRow[]): Set<string> {
  const seen = new Set<string>();
  const duplicated = new Set<string>();
  for (const row of rows) (seen.has(row.sessionId) ? duplicated : seen).add(row.sessionId);
  return duplicated;
}

function warningsOf(plan: SchedulePlan): string[] {
  const rowOf = new Map(plan.existing.map((row) => [row.sessionId, row.rowNumber]));
  const located = plan.merged.warnings.map((warning) => {
    const row = rowOf.get(warning.sessionId);
    return `${row ? `Sessions row ${row}` : 'Sessions'} (${warning.sessionId}): ${warning.message}`;
  });
  return [...plan.stopped.map(describeStopped), ...located, ...plan.rosterWarnings];
}

function shortfallsOf(plan: SchedulePlan): string[] {
  return plan.shortfalls.map(
    (s) => `Pair ${s.pairId}: ${s.planned} of ${s.wanted} weekly sessions planned: ${s.reason}`,
  );
}

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
}

// ---------------------------------------------------------------------------------------------------
// Scheduling issues (keyed by setting, block or Pair ID) located at their tab, row and column.

function locateIssues(store: TableStore, issues: SchedulingIssue[]): Problem[] {
  const rowsByTab = new Map<string, Map<string, number[]>>();
  const rowsOf = (tab: SchedulingIssue['tab']): Map<string, number[]> => {
    let rows = rowsByTab.get(tab);
    if (!rows) rowsByTab.set(tab, (rows = keyedRows(store, tab)));
    return rows;
  };
  return issues.map((issue) => {
    const rows = rowsOf(issue.tab).get(normalizedKey(issue.tab, issue.key)) ?? [];
    // A duplicate block is reported on its second row; anything else on the first.
    const row = (issue.code === 'block-duplicate' ? rows[1] : rows[0]) ?? 0;
    return { tab: issue.tab, row, column: issue.column, columnIndex: columnIndexOf(store, issue.tab, issue.column), message: issue.message };
  });
}

const KEY_HEADER = { Settings: 'Setting', Blocks: 'Block', Pairs: 'Pair ID' } as const;
const SPEC = { Settings: SETTINGS_TAB, Blocks: BLOCKS_TAB, Pairs: PAIRS_TAB } as const;

function normalizedKey(tab: SchedulingIssue['tab'], key: string): string {
  return tab === 'Pairs' ? key.trim() : headerKey(key);
}

function keyedRows(store: TableStore, tab: SchedulingIssue['tab']): Map<string, number[]> {
  const rows = new Map<string, number[]>();
  for (const row of readTable(store, SPEC[tab]).rows) {
    const key = normalizedKey(tab, cellText(row.get(KEY_HEADER[tab])));
    rows.set(key, [...(rows.get(key) ?? []), row.rowNumber]);
  }
  return rows;
}

function columnIndexOf(store: TableStore, tab: SchedulingIssue['tab'], column: string): number {
  const headers = store.readTab(tab)?.[0] ?? [];
  return headers.findIndex((header) => headerKey(header) === headerKey(column)) + 1;
}
