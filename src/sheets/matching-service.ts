// Matching as the teacher runs it: read the program, propose pairs (with the teacher's locks, swaps
// and exclusions), and apply them to Pairs and Waitlist in one batched write each, undoably.
import { feasibleTutors, matchStudents, type MatchInput, type MatchResult, type PairKey, type ProposedPair } from '../core/matching';
import { subjectKey, type LocalDate, type Pair, type Student } from '../core/model';
import { saveVersion, undoLatestVersion } from './history';
import { pairRecord, readPairs, readWaitlistSince, waitlistKey, waitlistRecord, type NamedPair } from './pairs';
import { ProgramDataError, type Problem } from './problems';
import { readProgram, type Program } from './roster';
import { PAIRS_TAB, WAITLIST_TAB } from './schema';
import { writeTable } from './table';
import type { TableStore } from './table-store';

/** A pair the teacher fixed in the preview: locked as proposed, or with a tutor swapped in. */
export interface PairChoice {
  tutorId: string;
  tuteeId: string;
  subject: string;
  block: string;
}

export interface MatchOptions {
  locked: PairChoice[];
  swapped: PairChoice[];
  excluded: PairKey[];
}

export const NO_CHOICES: MatchOptions = { locked: [], swapped: [], excluded: [] };

export interface PreviewPair extends PairChoice {
  tutorName: string;
  tuteeName: string;
  score: number;
  why: string;
  locked: boolean;
  /** `new`, or the Pair ID this pair continues. */
  pairId: string;
}

export interface PreviewWaitlistEntry {
  studentId: string;
  name: string;
  subject: string;
  reason: string;
}

export interface EndingPair {
  pairId: string;
  tutorName: string;
  tuteeName: string;
  subject: string;
}

export interface MatchPreview {
  programName: string;
  /** Roster problems: the students concerned are left out of matching until fixed. */
  problems: Problem[];
  pairs: PreviewPair[];
  waitlist: PreviewWaitlistEntry[];
  /** Current pairs that this matching would end. */
  ending: EndingPair[];
  totals: MatchResult['totals'];
}

interface MatchRun {
  program: Program;
  existing: Pair[];
  input: MatchInput;
  result: MatchResult;
  problems: Problem[];
  names: Map<string, string>;
}

const PENDING_PREFIX = 'pending:';

function sameNeed(pair: { tuteeId: string; subject: string }, choice: { tuteeId: string; subject: string }): boolean {
  return pair.tuteeId === choice.tuteeId && subjectKey(pair.subject) === subjectKey(choice.subject);
}

/** Current pairs with the teacher's choices applied: a chosen pair replaces the need's current pair, locked. */
function pairsWithChoices(existing: Pair[], options: MatchOptions): Pair[] {
  const choices = [...options.locked, ...options.swapped];
  const untouched = existing
    .filter((pair) => pair.status === 'Ended' || !choices.some((choice) => sameNeed(pair, choice)))
    // A paused pair is on hold, not over: the matcher keeps it (and its capacity) like a locked one.
    .map((pair) => (pair.status === 'Paused' ? { ...pair, locked: true } : pair));
  const chosen = choices.map((choice, i): Pair => {
    const current = existing.find((pair) => pair.status !== 'Ended' && sameNeed(pair, choice));
    const keepsId = current && current.tutorId === choice.tutorId;
    return {
      ...(current ?? { status: 'Proposed', score: 0, why: '', startDate: null, endDate: null }),
      ...choice,
      pairId: keepsId ? current.pairId : `${PENDING_PREFIX}${i}`,
      locked: true,
    };
  });
  return [...untouched, ...chosen];
}

function runMatching(store: TableStore, options: MatchOptions, today: LocalDate): MatchRun {
  const { program, problems: rosterProblems } = readProgram(store);
  const { pairs: existing, problems: pairProblems } = readPairs(store);
  const problems = [...rosterProblems, ...pairProblems];
  if (problems.some((p) => p.row <= 1)) throw new ProgramDataError(problems.filter((p) => p.row <= 1));
  const input: MatchInput = {
    students: program.students,
    blocks: program.blocks,
    settings: program.settings,
    pairs: pairsWithChoices(existing, options),
    excluded: options.excluded,
    today,
  };
  const result = matchStudents(input);
  const names = new Map(program.students.map((student: Student) => [student.id, student.name]));
  return { program, existing, input, result, problems, names };
}

/**
 * The current row a proposed pair continues: the pair the matcher kept, or else a not-ended row of
 * the same tutor, tutee and subject (a re-proposed pair keeps its Pair ID instead of churning).
 */
function currentRowOf(run: MatchRun, proposed: ProposedPair): Pair | undefined {
  const kept = proposed.existingPairId ? run.existing.find((pair) => pair.pairId === proposed.existingPairId) : undefined;
  return (
    kept ??
    run.existing.find(
      (pair) => pair.status !== 'Ended' && pair.tutorId === proposed.tutorId && sameNeed(pair, proposed),
    )
  );
}

/** Current pairs (not mere proposals) that the new matching does not continue: they end. */
function endingPairs(run: MatchRun): Pair[] {
  const continued = new Set(run.result.pairs.map((pair) => currentRowOf(run, pair)?.pairId));
  return run.existing.filter((pair) => pair.status !== 'Ended' && pair.status !== 'Proposed' && !continued.has(pair.pairId));
}

export function proposeMatches(store: TableStore, options: MatchOptions, today: LocalDate): MatchPreview {
  const run = runMatching(store, options, today);
  const name = (id: string) => run.names.get(id) ?? id;
  const lockedChoices = options.locked;
  return {
    programName: run.program.settings.programName,
    problems: run.problems,
    pairs: run.result.pairs.map((pair) => ({
      tutorId: pair.tutorId,
      tuteeId: pair.tuteeId,
      subject: pair.subject,
      block: pair.block,
      tutorName: name(pair.tutorId),
      tuteeName: name(pair.tuteeId),
      score: pair.score,
      why: pair.why,
      locked: pair.locked && (!pair.existingPairId?.startsWith(PENDING_PREFIX) || lockedChoices.some((c) => sameNeed(pair, c))),
      pairId: pair.existingPairId && !pair.existingPairId.startsWith(PENDING_PREFIX) ? pair.existingPairId : 'new',
    })),
    waitlist: run.result.waitlist.map((entry) => ({ ...entry, name: name(entry.studentId) })),
    ending: endingPairs(run).map((pair) => ({
      pairId: pair.pairId,
      tutorName: name(pair.tutorId),
      tuteeName: name(pair.tuteeId),
      subject: pair.subject,
    })),
    totals: run.result.totals,
  };
}

/** Tutors the teacher may swap in for one tutee's need, best first. */
export function alternativeTutors(store: TableStore, options: MatchOptions, today: LocalDate, tuteeId: string, subject: string) {
  const run = runMatching(store, options, today);
  return feasibleTutors(run.input, tuteeId, subject, run.result).map((option) => ({
    ...option,
    tutorName: run.names.get(option.tutorId) ?? option.tutorId,
  }));
}

function nextPairNumber(pairs: Pair[]): () => string {
  let next = pairs.reduce((max, pair) => Math.max(max, Number(/(\d+)$/.exec(pair.pairId)?.[1] ?? 0)), 0);
  return () => `P-${String(++next).padStart(4, '0')}`;
}

/** The Pairs tab after applying: history and locked rows kept, continued pairs updated, new pairs added. */
function pairsToWrite(run: MatchRun, options: MatchOptions, today: LocalDate): NamedPair[] {
  const newId = nextPairNumber(run.existing);
  const { settings } = run.program;
  const start = settings.termStart && settings.termStart > today ? settings.termStart : today;
  const matched = run.result.pairs.map((proposed): Pair => {
    const current = currentRowOf(run, proposed);
    const locked = options.locked.some((c) => sameNeed(proposed, c)) || (current?.locked ?? false);
    if (current) return { ...current, block: proposed.block, score: proposed.score, why: proposed.why, locked };
    return {
      pairId: newId(),
      tutorId: proposed.tutorId,
      tuteeId: proposed.tuteeId,
      subject: proposed.subject,
      block: proposed.block,
      status: settings.startWithTrial ? 'Trial' : 'Proposed',
      locked,
      score: proposed.score,
      why: proposed.why,
      startDate: start,
      endDate: null,
    };
  });
  const ended = endingPairs(run).map((pair): Pair => ({ ...pair, status: 'Ended', endDate: today, why: `Ended by re-matching. ${pair.why}` }));
  const history = run.existing.filter((pair) => pair.status === 'Ended');
  const name = (id: string) => run.names.get(id) ?? id;
  return [...history, ...ended, ...matched].map((pair) => ({ ...pair, tutorName: name(pair.tutorId), tuteeName: name(pair.tuteeId) }));
}

export interface ApplyReport {
  version: number;
  totals: MatchResult['totals'];
  pairsWritten: number;
  newPairs: number;
  waitlisted: number;
  ended: number;
}

/** Re-runs matching on the current data (never trusting a stale preview) and writes the result. */
export function applyMatches(store: TableStore, options: MatchOptions, today: LocalDate, now: Date): ApplyReport {
  const run = runMatching(store, options, today);
  const pairs = pairsToWrite(run, options, today);
  const since = readWaitlistSince(store);
  const waitlist = run.result.waitlist.map((entry) => ({
    ...entry,
    name: run.names.get(entry.studentId) ?? entry.studentId,
    since: since.get(waitlistKey(entry.studentId, entry.subject)) ?? today,
  }));
  const version = saveVersion(store, [PAIRS_TAB.name, WAITLIST_TAB.name], now);
  writeTable(store, PAIRS_TAB, pairs.map((pair) => pairRecord(pair, store.timeZone)));
  writeTable(store, WAITLIST_TAB, waitlist.map((entry) => waitlistRecord(entry, store.timeZone)));
  return {
    version,
    totals: run.result.totals,
    pairsWritten: pairs.length,
    newPairs: pairs.filter((pair) => !run.existing.some((e) => e.pairId === pair.pairId)).length,
    waitlisted: waitlist.length,
    ended: endingPairs(run).length,
  };
}

/** Puts Pairs and Waitlist back as they were before the last apply. */
export function undoApply(store: TableStore): string[] {
  return undoLatestVersion(store);
}
