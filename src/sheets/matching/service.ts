// Matching as the teacher runs it: read the program, propose pairs (with the teacher's locks, swaps
// and exclusions, staying close to what the teacher already sees), and apply exactly the proposal the
// teacher saw to Pairs, Waitlist and Exclusions, undoably. Nothing is written while the program has a
// problem, and no Active or Trial pair ends without the teacher confirming it.
import { fingerprintOf } from '../../core/scheduling/fingerprint';
import { feasibleTutors, matchStudents, type MatchInput, type MatchResult, type MipSolver, type PairKey, type ProposedPair, type ShownPair } from '../../core/matching';
import { subjectKey, type LocalDate, type Pair, type PairStatus, type Student } from '../../core/model';
import { dateCell } from '../store/cells';
import { recordChange } from '../program/history';
import { pairRecord, readPairs, readWaitlistSince, unknownStudentProblems, waitlistKey, waitlistRecord, type NamedPair } from './pairs-tab';
import { ProgramDataError, type Problem } from '../program/problems';
import { readProgram, type Program } from '../program/roster';
import { EXCLUSIONS_TAB, PAIRS_TAB, WAITLIST_TAB } from '../program/schema';
import { readExclusions } from './exclusions';
import { writeTable } from '../store/table';
import type { TableStore } from '../store/table-store';

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
  /** The pairs on the teacher's screen when this run was asked for; absent: the Pairs tab as it is. */
  shown?: ShownPair[];
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
  /** What changed for this need since the pairs shown before, and why ('' when nothing did). */
  change: string;
}

export interface PreviewWaitlistEntry {
  studentId: string;
  name: string;
  subject: string;
  reason: string;
  change: string;
}

export interface EndingPair {
  pairId: string;
  tutorName: string;
  tuteeName: string;
  subject: string;
  status: PairStatus;
  reason: string;
}

export interface MatchPreview {
  programName: string;
  /** Problems in Settings, Blocks, Students or Pairs: Apply waits until they are fixed. */
  problems: Problem[];
  pairs: PreviewPair[];
  waitlist: PreviewWaitlistEntry[];
  /** Current pairs that this matching would end, each with why. */
  ending: EndingPair[];
  totals: MatchResult['totals'];
  /** Needs whose pair changed since the pairs shown before. */
  changed: number;
  /** What `changed` compares with: the previous preview, the Pairs tab (a first run), or nothing yet. */
  comparedWith: 'preview' | 'pairs tab' | 'nothing';
  /** Identifies this exact proposal: Apply writes a proposal only when it still has this fingerprint. */
  fingerprint: string;
  /** Pairs excluded in the Exclusions tab (not counting this preview's new exclusions). */
  keptExclusions: number;
}

interface MatchRun {
  program: Program;
  existing: Pair[];
  teacherRowIds: string[];
  input: MatchInput;
  result: MatchResult;
  problems: Problem[];
  shown: ShownPair[];
  savedExclusions: PairKey[];
  students: Map<string, Student>;
  name: (id: string) => string;
}

const PENDING_PREFIX = 'pending:';

function sameNeed(pair: { tuteeId: string; subject: string }, choice: { tuteeId: string; subject: string }): boolean {
  return pair.tuteeId === choice.tuteeId && subjectKey(pair.subject) === subjectKey(choice.subject);
}

const needOf = (pair: { tuteeId: string; subject: string }) => `${pair.tuteeId}\u0000${subjectKey(pair.subject)}`;

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

/** Names as a teacher tells students apart: two students with one name get their grade and ID. */
function namer(students: Student[]): (id: string) => string {
  const count = new Map<string, number>();
  for (const student of students) count.set(student.name, (count.get(student.name) ?? 0) + 1);
  const names = new Map(
    students.map((s) => [s.id, (count.get(s.name) ?? 0) > 1 ? `${s.name} (grade ${s.grade === 0 ? 'K' : s.grade}, ${s.id})` : s.name] as [string, string]),
  );
  return (id) => names.get(id) ?? id;
}

function runMatching(store: TableStore, options: MatchOptions, today: LocalDate, exact?: MipSolver): MatchRun {
  const { program, problems: rosterProblems, rosterIds } = readProgram(store);
  const { pairs: existing, problems: pairProblems, teacherRowIds } = readPairs(store);
  const problems = [...rosterProblems, ...pairProblems, ...unknownStudentProblems(store, existing, rosterIds)];
  if (problems.some((p) => p.row <= 1)) throw new ProgramDataError(problems.filter((p) => p.row <= 1));
  const savedExclusions = readExclusions(store);
  const shown = options.shown ?? existing.filter((pair) => pair.status !== 'Ended').map(({ tutorId, tuteeId, subject, block }) => ({ tutorId, tuteeId, subject, block }));
  const input: MatchInput = {
    students: program.students,
    blocks: program.blocks,
    settings: program.settings,
    pairs: pairsWithChoices(existing, options),
    excluded: [...savedExclusions, ...options.excluded],
    shown,
    today,
  };
  const result = matchStudents(input, { exact });
  const students = new Map(program.students.map((student) => [student.id, student] as [string, Student]));
  return { program, existing, teacherRowIds, input, result, problems, shown, savedExclusions, students, name: namer(program.students) };
}

/**
 * The current row a proposed pair continues: the pair the matcher kept, or else a not-ended row of
 * the same tutor, tutee and subject (a re-proposed pair keeps its Pair ID instead of churning).
 */
function currentRowOf(run: MatchRun, proposed: ProposedPair): Pair | undefined {
  const kept = proposed.existingPairId ? run.existing.find((pair) => pair.pairId === proposed.existingPairId) : undefined;
  return (
    kept ??
    run.existing.find((pair) => pair.status !== 'Ended' && pair.tutorId === proposed.tutorId && sameNeed(pair, proposed))
  );
}

/** Current pairs (not mere proposals) that the new matching does not continue: they end. */
function endingPairs(run: MatchRun): Pair[] {
  const continued = new Set(run.result.pairs.map((pair) => currentRowOf(run, pair)?.pairId));
  return run.existing.filter((pair) => pair.status !== 'Ended' && pair.status !== 'Proposed' && !continued.has(pair.pairId));
}

/** The hard rule that keeps this tutor from this tutee's need now (roster changes), or null. */
function brokenRule(run: MatchRun, pair: { tutorId: string; tuteeId: string; subject: string }): string | null {
  const tutor = run.students.get(pair.tutorId);
  const tutee = run.students.get(pair.tuteeId);
  if (!tutor || !tutee) return `${run.name(tutor ? pair.tuteeId : pair.tutorId)} is left out until their Students row is fixed`;
  for (const student of [tutee, tutor]) {
    if (!student.active) return `${run.name(student.id)} is no longer active`;
    if (student.consent !== 'Yes') return `${run.name(student.id)} has no guardian consent (Consent is ${student.consent})`;
  }
  const key = subjectKey(pair.subject);
  if (!tutee.needsHelpWith.some((need) => subjectKey(need.subject) === key)) return `${run.name(tutee.id)} no longer needs help with ${pair.subject}`;
  if (!tutor.canTutor.some((offer) => subjectKey(offer.subject) === key)) return `${run.name(tutor.id)} no longer tutors ${pair.subject}`;
  if (run.program.settings.requireTraining && !tutor.trained) return `${run.name(tutor.id)} is not trained (Settings require it)`;
  if (tutor.doNotPairWith.includes(tutee.id) || tutee.doNotPairWith.includes(tutor.id)) return 'the two are on each other’s Do not pair with list';
  return null;
}

const isExcluded = (options: MatchOptions, pair: { tutorId: string; tuteeId: string; subject: string }) =>
  options.excluded.some((key) => key.tutorId === pair.tutorId && sameNeed(pair, key));

/** Why a current pair would end, in the order a teacher would check it. */
function endingReason(run: MatchRun, pair: Pair, options: MatchOptions): string {
  if (isExcluded(options, pair)) return 'you excluded this pair';
  if ([...options.locked, ...options.swapped].some((choice) => sameNeed(pair, choice))) return 'you chose another tutor for this need';
  const broken = brokenRule(run, pair);
  if (broken) return broken;
  const tutee = run.students.get(pair.tuteeId)!;
  const tutor = run.students.get(pair.tutorId)!;
  // The tutor is wanted for another need (often one that would otherwise wait).
  const elsewhere = run.result.pairs.find(
    (proposed) => proposed.tutorId === pair.tutorId && !sameNeed(proposed, pair) && !run.existing.some((e) => e.status !== 'Ended' && e.tutorId === pair.tutorId && sameNeed(e, proposed)),
  );
  const next = run.result.pairs.find((proposed) => sameNeed(proposed, pair));
  const instead = next ? `; ${run.name(next.tutorId)} takes ${run.name(tutee.id)}'s ${pair.subject}` : '';
  if (elsewhere) return `${run.name(tutor.id)} moves to ${run.name(elsewhere.tuteeId)}'s ${elsewhere.subject} pair${instead}`;
  if (next) return `${run.name(next.tutorId)} takes ${run.name(tutee.id)}'s ${pair.subject} instead`;
  return 'it no longer fits beside the other pairs (levels, blocks or capacity changed)';
}

/** What changed for each need since the pairs shown before, with the pair that made it move. */
function describeChanges(run: MatchRun, options: MatchOptions): Map<string, string> {
  // A first matching (nothing shown, nothing on the Pairs tab) has nothing to compare with.
  if (run.shown.length === 0) return new Map();
  const before = new Map(run.shown.map((pair) => [needOf(pair), pair] as [string, ShownPair]));
  const after = new Map(run.result.pairs.map((pair) => [needOf(pair), pair] as [string, ProposedPair]));
  const changedNeeds = [...new Set([...before.keys(), ...after.keys()])].filter((need) => {
    const old = before.get(need);
    const now = after.get(need);
    return !old || !now || old.tutorId !== now.tutorId || old.block !== now.block;
  });
  const chosen = new Set([...options.locked, ...options.swapped].map(needOf));
  const changes = new Map<string, string>();
  for (const need of changedNeeds) {
    const old = before.get(need);
    const now = after.get(need);
    if (chosen.has(need)) {
      changes.set(need, old && now && old.tutorId !== now.tutorId ? `your choice (was ${run.name(old.tutorId)})` : 'your choice');
      continue;
    }
    const cause = old ? causeOf(run, old, need, changedNeeds, after, options) : '';
    if (!old) changes.set(need, 'newly placed');
    else if (!now) changes.set(need, `moved to the waitlist${cause}`);
    else if (old.tutorId !== now.tutorId) changes.set(need, `new tutor (was ${run.name(old.tutorId)})${cause}`);
    else changes.set(need, `moved from ${old.block} to ${now.block}${cause}`);
  }
  return changes;
}

/**
 * Why a shown pair moved: the teacher excluded it, a hard rule now keeps it apart, or another changed
 * pair took its tutor or one of its students' block ("to make room for …").
 */
function causeOf(run: MatchRun, old: ShownPair, need: string, changedNeeds: string[], after: Map<string, ProposedPair>, options: MatchOptions): string {
  if (isExcluded(options, old)) return ': you excluded it';
  const broken = brokenRule(run, old);
  if (broken) return `: ${broken}`;
  for (const other of changedNeeds) {
    if (other === need) continue;
    const pair = after.get(other);
    if (!pair) continue;
    const takesTutor = pair.tutorId === old.tutorId;
    const takesBlock = pair.block === old.block && [pair.tutorId, pair.tuteeId].some((id) => id === old.tutorId || id === old.tuteeId);
    if (takesTutor || takesBlock) return ` to make room for ${run.name(pair.tuteeId)}'s ${pair.subject} pair`;
  }
  if (!after.has(need)) return '';
  return ' for a better match overall';
}

function previewOf(run: MatchRun, options: MatchOptions): MatchPreview {
  const changes = describeChanges(run, options);
  const chosenLocks = options.locked;
  const pairs = run.result.pairs.map((pair) => ({
    tutorId: pair.tutorId,
    tuteeId: pair.tuteeId,
    subject: pair.subject,
    block: pair.block,
    tutorName: run.name(pair.tutorId),
    tuteeName: run.name(pair.tuteeId),
    score: pair.score,
    why: pair.why,
    locked: pair.locked && (!pair.existingPairId?.startsWith(PENDING_PREFIX) || chosenLocks.some((c) => sameNeed(pair, c))),
    pairId: pair.existingPairId && !pair.existingPairId.startsWith(PENDING_PREFIX) ? pair.existingPairId : 'new',
    change: changes.get(needOf(pair)) ?? '',
  }));
  const waitlist = run.result.waitlist.map((entry) => ({
    ...entry,
    name: run.name(entry.studentId),
    change: changes.get(needOf({ tuteeId: entry.studentId, subject: entry.subject })) ?? '',
  }));
  const ending = endingPairs(run).map((pair) => ({
    pairId: pair.pairId,
    tutorName: run.name(pair.tutorId),
    tuteeName: run.name(pair.tuteeId),
    subject: pair.subject,
    status: pair.status,
    reason: endingReason(run, pair, options),
  }));
  return {
    programName: run.program.settings.programName,
    problems: run.problems,
    pairs,
    waitlist,
    ending,
    totals: run.result.totals,
    changed: changes.size,
    comparedWith: options.shown ? 'preview' : run.shown.length ? 'pairs tab' : 'nothing',
    fingerprint: fingerprintOf({ pairs, waitlist, ending, excluded: options.excluded }),
    keptExclusions: run.savedExclusions.length,
  };
}

/** `exact`: the exact solver that finishes what the own search cannot prove (see core/matching/match.ts). */
export function proposeMatches(store: TableStore, options: MatchOptions, today: LocalDate, exact?: MipSolver): MatchPreview {
  return previewOf(runMatching(store, options, today, exact), options);
}

/** Tutors the teacher may swap in for one tutee's need, best first. */
export function alternativeTutors(store: TableStore, options: MatchOptions, today: LocalDate, tuteeId: string, subject: string, exact?: MipSolver) {
  const run = runMatching(store, options, today, exact);
  return feasibleTutors(run.input, tuteeId, subject, run.result).map((option) => ({ ...option, tutorName: run.name(option.tutorId) }));
}

function nextPairNumber(pairs: Pair[]): () => string {
  let next = pairs.reduce((max, pair) => Math.max(max, Number(/(\d+)$/.exec(pair.pairId)?.[1] ?? 0)), 0);
  return () => `P-${String(++next).padStart(4, '0')}`;
}

/** The first day a pair can meet: today, or the term start when the term has not begun. */
function startDateOf(run: Pick<MatchRun, 'program'>, today: LocalDate): LocalDate {
  const { termStart } = run.program.settings;
  return termStart && termStart > today ? termStart : today;
}

/**
 * The Pairs tab after applying: history kept, continued pairs updated, new pairs added as Proposed
 * (a teacher starts them), and the teacher's locks and swaps written as Locked.
 */
function pairsToWrite(run: MatchRun, options: MatchOptions, today: LocalDate): NamedPair[] {
  const newId = nextPairNumber(run.existing);
  const chosen = [...options.locked, ...options.swapped];
  const matched = run.result.pairs.map((proposed): Pair => {
    const current = currentRowOf(run, proposed);
    const locked = chosen.some((c) => sameNeed(proposed, c)) || (current?.locked ?? false);
    if (current) return { ...current, block: proposed.block, score: proposed.score, why: proposed.why, locked };
    return {
      pairId: newId(),
      tutorId: proposed.tutorId,
      tuteeId: proposed.tuteeId,
      subject: proposed.subject,
      block: proposed.block,
      status: 'Proposed',
      locked,
      score: proposed.score,
      why: proposed.why,
      startDate: startDateOf(run, today),
      endDate: null,
    };
  });
  const ended = endingPairs(run).map((pair): Pair => ({
    ...pair,
    status: 'Ended',
    endDate: today,
    why: `Ended by re-matching: ${endingReason(run, pair, options)}. ${pair.why}`,
  }));
  const history = run.existing.filter((pair) => pair.status === 'Ended');
  return [...history, ...ended, ...matched].map((pair) => ({ ...pair, tutorName: run.name(pair.tutorId), tuteeName: run.name(pair.tuteeId) }));
}

export interface ApplyReport {
  version: number;
  totals: MatchResult['totals'];
  pairsWritten: number;
  newPairs: number;
  waitlisted: number;
  ended: number;
  excluded: number;
  /** Pairs waiting for the teacher to start them, with the status they would start in. */
  proposed: { pairId: string; tutorName: string; tuteeName: string; subject: string; block: string }[];
  startsAs: 'Trial' | 'Active';
}

export interface ApplyRequest {
  options: MatchOptions;
  /** The fingerprint of the preview the teacher saw; Apply writes only that proposal. */
  fingerprint?: string;
  /** The teacher agreed that the Active or Trial pairs in the preview's `ending` end. */
  confirmEnding?: boolean;
}

export type ApplyOutcome =
  | { applied: true; report: ApplyReport }
  | { applied: false; why: 'problems' | 'changed' | 'confirm'; message: string; preview: MatchPreview };

/**
 * Writes the proposal, exactly as previewed: the matching is re-run on the current data and written
 * only when it is the proposal the teacher saw (same fingerprint), the program has no problems, and
 * any Active or Trial pair that would end was confirmed. Otherwise nothing is written and the fresh
 * preview comes back with why.
 */
export function applyMatches(store: TableStore, request: ApplyRequest, today: LocalDate, now: Date, exact?: MipSolver): ApplyOutcome {
  const { options } = request;
  const run = runMatching(store, options, today, exact);
  const preview = previewOf(run, options);
  const refuse = (why: 'problems' | 'changed' | 'confirm', message: string): ApplyOutcome => ({ applied: false, why, message, preview });
  if (preview.problems.length) {
    return refuse('problems', `Nothing was written: fix the ${preview.problems.length === 1 ? 'problem' : `${preview.problems.length} problems`} listed first (until then the students concerned are left out).`);
  }
  if (request.fingerprint !== undefined && request.fingerprint !== preview.fingerprint) {
    return refuse('changed', 'Nothing was written: the sheet changed since this preview (by hand, another teacher or another action). Here is the proposal for the sheet as it is now: check it, then apply.');
  }
  const endingStarted = preview.ending.filter((pair) => pair.status === 'Active' || pair.status === 'Trial');
  if (endingStarted.length && !request.confirmEnding) {
    return refuse('confirm', `Applying ends ${endingStarted.length === 1 ? '1 pair that has started' : `${endingStarted.length} pairs that have started`}: confirm to go ahead.`);
  }
  return { applied: true, report: writeMatching(store, run, options, today, now) };
}

function writeMatching(store: TableStore, run: MatchRun, options: MatchOptions, today: LocalDate, now: Date): ApplyReport {
  const pairs = pairsToWrite(run, options, today);
  const since = readWaitlistSince(store);
  const waitlist = run.result.waitlist.map((entry) => ({
    ...entry,
    name: run.name(entry.studentId),
    since: since.get(waitlistKey(entry.studentId, entry.subject)) ?? today,
  }));
  const tabs = [PAIRS_TAB.name, WAITLIST_TAB.name, ...(options.excluded.length ? [EXCLUSIONS_TAB.name] : [])];
  const rosterIds = new Set(run.program.students.map((student) => student.id));
  const version = recordChange(store, { label: 'Apply matching', tabs, savedAt: now, rosterIds }, () => {
    writeTable(store, PAIRS_TAB, [...pairs.map((pair) => pairRecord(pair, store.timeZone)), ...run.teacherRowIds.map((id) => ({ 'Pair ID': id }))]);
    writeTable(store, WAITLIST_TAB, waitlist.map((entry) => waitlistRecord(entry, store.timeZone)));
    if (options.excluded.length) writeExclusions(store, run, options.excluded, today);
  });
  const existingIds = new Set(run.existing.map((pair) => pair.pairId));
  const proposed = pairs.filter((pair) => pair.status === 'Proposed');
  return {
    version,
    totals: run.result.totals,
    pairsWritten: pairs.length,
    newPairs: pairs.filter((pair) => !existingIds.has(pair.pairId)).length,
    waitlisted: waitlist.length,
    ended: endingPairs(run).length,
    excluded: options.excluded.length,
    proposed: proposed.map(({ pairId, tutorName, tuteeName, subject, block }) => ({ pairId, tutorName, tuteeName, subject, block })),
    startsAs: run.program.settings.startWithTrial ? 'Trial' : 'Active',
  };
}

/** Adds the teacher's new exclusions to the Exclusions tab; existing rows (and their notes) stay. */
function writeExclusions(store: TableStore, run: MatchRun, excluded: PairKey[], today: LocalDate): void {
  const record = (key: PairKey, since: LocalDate | null) => ({
    'Tutor ID': key.tutorId,
    Tutor: run.name(key.tutorId),
    'Tutee ID': key.tuteeId,
    Tutee: run.name(key.tuteeId),
    Subject: key.subject,
    ...(since ? { Since: dateCell(since, store.timeZone) } : {}),
  });
  const known = new Set(run.savedExclusions.map(exclusionKey));
  const added = excluded.filter((key) => !known.has(exclusionKey(key)));
  writeTable(store, EXCLUSIONS_TAB, [...run.savedExclusions.map((key) => record(key, null)), ...added.map((key) => record(key, today))]);
}

const exclusionKey = (key: PairKey) => `${key.tutorId}\u0000${needOf(key)}`;
