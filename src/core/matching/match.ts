// matchStudents and feasibleTutors: the matcher's public operations, assembling the optimiser's
// assignments with locked pairs into pairs, reasons, a waitlist and totals.
import { subjectKey, type Pair } from '../model';
import { copyUsage, isOpenTutor, openNeeds, usageOf, type Assignment, type CandidateLimits, type Usage } from './candidates';
import { buildProgram, comboKey, continuingBlock, needIndexOf, needKey, pairScore, slotCost, stabilityPart, SAME_BLOCK_BONUS, type Program } from './program';
import { boundsFrom, chosenArcs, columnValues, exactModel, keepsEveryRow, type ExactModel, type MipSolver } from './exact-model';
import type { Bounds } from './exact';
import { improveByNeighbourhoods } from './neighbourhoods';
import { proofOf, type MatchProof } from './proof';
import { pairWhy, requestedTutorNote, waitlistReasons } from './reasons';
import { arcValue, compareOutcome, objective } from './repair';
import { SMALL_ARCS, solve, startingMatching, type SolveStats } from './solve';
import type { MatchInput, MatchResult, ProposedPair, ShownPair, TutorOption, WaitlistItem } from './types';

export interface MatchOptions {
  /** Candidate pruning (tests and benchmarks compare against the unpruned network). */
  limits?: CandidateLimits;
  /** Multiplies the search's work budget (see solve.ts); 1 by default. */
  effort?: number;
  /**
   * An exact solver (HiGHS in Node, or the relay to the sidebar's browser) that finishes what the own
   * search could not prove, on rosters within its reach (EXACT_MAX_COLUMNS). Absent: the own search
   * stands alone.
   */
  exact?: MipSolver;
}

export function matchStudents(input: MatchInput, options: MatchOptions = {}): MatchResult {
  return matchWithStats(input, options).result;
}

/**
 * Large rosters, where the exact search gives way to the heuristic (see solve.ts): re-solves staying
 * close to the answer itself, at most this many times, while that finds a better one. The answer is
 * then one the solver cannot improve from where it stands, so a later run that only adds a lock on it
 * (or nothing) has nothing to gain by moving pairs. (A proven optimum needs no polish: with
 * stability, a re-run keeps it exactly; on smaller rosters the exact search spends that time better.)
 */
const POLISH_ROUNDS = 6;
/** Each polishing re-solve costs a starting matching (flow and repair): only up to about 2,000 students. */
const POLISH_MAX_ARCS = 60_000;

export function matchWithStats(input: MatchInput, options: MatchOptions = {}): { result: MatchResult; stats: SolveStats } {
  const program = buildProgram(input);
  const solveOptions = { limits: options.limits, effort: options.effort };
  const proofFor = (chosen: Assignment[], bounds: Bounds) => proofOf(chosen.length, objective(program, chosen), bounds.placed, bounds.objective);
  const done = (found: Found) => ({ result: assemble(program, found.assignments, proofFor(found.assignments, found.bounds)), stats: found.stats });
  const model = options.exact ? exactModel(program, EXACT_MAX_COLUMNS) : null;
  // The exact solver from `found`'s answer: the better matching of the two, with both bounds.
  const finish = (found: Found, lpIterations: number): Found => {
    const exact = options.exact && model && solveExactly(model, found, options.exact, lpIterations);
    return exact ? combined(program, found, exact) : found;
  };
  // With an exact solver and a mid-sized roster: a brief own search, then a short exact finish.
  let quick: Found | null = null;
  const columns = model?.program.numCols ?? 0;
  if (options.exact && model && columns > BRIEF_FROM_COLUMNS && columns <= BRIEF_UP_TO_COLUMNS) {
    // An empty start, filled: the greedy first fit.
    const brief = solve(program, { ...solveOptions, effort: BRIEF_EFFORT * (options.effort ?? 1), start: [] });
    if (proofFor(brief.assignments, brief.bounds).optimal) return done(brief);
    quick = finish(brief, QUICK_LP_ITERATIONS);
    if (proofFor(quick.assignments, quick.bounds).optimal) return done(quick);
  }
  // The own search in full (with what the short finish found), then the exact finish at its full limit.
  let { assignments, stats, bounds } = quick ? combined(program, solve(program, solveOptions), quick) : solve(program, solveOptions);
  if (model && !proofFor(assignments, bounds).optimal) {
    ({ assignments, stats, bounds } = finish({ assignments, stats, bounds }, EXACT_LP_ITERATIONS));
    if (proofFor(assignments, bounds).optimal) return done({ assignments, stats, bounds });
  }
  const searched = assignments;
  const proven = (chosen: Assignment[]) => proofFor(chosen, bounds).optimal;
  const polishing = stats.arcs > SMALL_ARCS && stats.arcs <= POLISH_MAX_ARCS;
  for (let round = 0; polishing && round < POLISH_ROUNDS && !proven(assignments); round++) {
    const around = buildProgram({ ...input, shown: shownPairsOf(program, assignments) });
    // Needs and students are indexed alike in both programs; scores are re-read with the teacher's stability.
    const polished = startingMatching(around, solveOptions).map((a) => ({ ...a, score: arcValue(program, a.tutor, a.need, a.block) }));
    if (compareOutcome(program, polished, assignments) <= 0) break;
    assignments = polished;
    stats = { ...stats, polished: round + 1 };
  }
  // Not proven optimal (and small enough to afford it): re-solve blocks around the answer (neighbourhoods.ts).
  if (stats.arcs <= SMALL_ARCS && !proven(assignments)) {
    assignments = improveByNeighbourhoods(program, assignments, stats.arcs, proven);
    // Better than what the search found: its score bound was for that one's count (the neighbourhoods
    // may place more), and its pruning for that one's value. Searching again from the better matching
    // proves the score for the new count, and prunes with the new value.
    if (compareOutcome(program, assignments, searched) > 0 && !proven(assignments)) {
      const again = solve(program, { ...solveOptions, start: assignments });
      stats = { ...stats, searchedAgain: true };
      if (compareOutcome(program, again.assignments, assignments) > 0) assignments = again.assignments;
      bounds = tighterBounds(bounds, again.bounds);
    }
  }
  return { result: assemble(program, assignments, proofFor(assignments, bounds)), stats };
}

/**
 * Above this many columns (about 550 students) the exact model is left alone: at 500 students its
 * solves took up to 35 s within the work limit, and each iteration costs more as the model grows.
 */
export const EXACT_MAX_COLUMNS = 60_000;
/**
 * The exact solver's work limit in simplex iterations (reproducible, unlike a time limit): about 20 s
 * in Node. Measured on the 150 bench programs of 50–300 students, with the own search's full budget
 * first: 29 needed the finish; 27 were proven within 5 s, two more at 13,500 and 15,200 iterations
 * (16 and 19 s), and the last stops short with the bound HiGHS reached.
 */
const EXACT_LP_ITERATIONS = 20_000;
/** A guard only: a solve still running after this long is dropped, and the own answer stands. */
const EXACT_GUARD_SECONDS = 120;

/**
 * With an exact solver at hand and a model of BRIEF_FROM_COLUMNS to BRIEF_UP_TO_COLUMNS columns (about
 * 200 to 350 students), the own search first runs briefly: from the greedy first fit, at BRIEF_EFFORT
 * of its work budget (its root bounds prove some programs alone). Then the exact solver runs for at
 * most QUICK_LP_ITERATIONS. Only when that proves nothing does the own search run in full, and the
 * exact solver at its full limit from the better answer. Measured on the 150 bench programs (50–300
 * students, 50 per family), against the full own search first: median at 300 students 1.9 s → 1.0 s,
 * at 200 0.70 → 0.51 s, the same programs proven; starting from the greedy first fit rather than
 * flow-and-repair (most of a brief search's time) took that to 0.57 s and 0.29 s, with the same
 * answers. Smaller models keep the full search first, which proves them sooner; so do larger ones,
 * where each exact iteration costs more (500 students, nine programs: 111 s → 132 s in all).
 */
const BRIEF_EFFORT = 0.03;
const QUICK_LP_ITERATIONS = 3_000;
const BRIEF_FROM_COLUMNS = 6_000;
const BRIEF_UP_TO_COLUMNS = 25_000;

/** A matching with what is proven about it. */
interface Found {
  assignments: Assignment[];
  bounds: Bounds;
  stats: SolveStats;
}

/** The better matching of two (on a tie the first, which keeps what the teacher sees), with both bounds. */
function combined(program: Program, first: Found, second: Found): Found {
  const assignments = compareOutcome(program, second.assignments, first.assignments) > 0 ? second.assignments : first.assignments;
  return { assignments, bounds: tighterBounds(first.bounds, second.bounds), stats: { ...first.stats, exact: second.stats.exact } };
}

/**
 * The exact solver, started from `found`'s answer: its matching (empty when it found none) and bounds,
 * with its status in the stats. Null when the solver failed; an answer that breaks a row of the model
 * is not used, nor is the bound that came with it.
 */
function solveExactly(model: ExactModel, found: Found, solver: MipSolver, lpIterations: number): Found | null {
  const outcome = solver.solve(model.program, columnValues(model, found.assignments), { lpIterations, seconds: EXACT_GUARD_SECONDS });
  if (outcome.status === 'failed' || (outcome.values && !keepsEveryRow(model, outcome.values))) return null;
  const assignments = outcome.values ? chosenArcs(model, outcome.values) : [];
  return { assignments, bounds: boundsFrom(model, outcome.bound, found.bounds.placed), stats: { ...found.stats, exact: outcome.status } };
}

/**
 * Two proven bounds combined: the fewer placements either allows, then the score bound for that count
 * (each bound's score is for its own count only, so scores combine only at equal counts).
 */
function tighterBounds(a: Bounds, b: Bounds): Bounds {
  if (a.placed !== b.placed) return a.placed < b.placed ? a : b;
  return { placed: a.placed, objective: Math.min(a.objective, b.objective) };
}

function shownPairsOf(program: Program, assignments: Assignment[]): ShownPair[] {
  return assignments.map((a) => {
    const need = program.needs[a.need];
    return { tutorId: program.students[a.tutor].id, tuteeId: program.students[need.student].id, subject: need.subject, block: program.blockNames[a.block] };
  });
}

function assemble(program: Program, assignments: Assignment[], proof: MatchProof): MatchResult {
  const unsorted = [...program.locked.map((pair) => lockedPair(program, pair)), ...assignments.map((a) => proposedPair(program, a))];
  // Sort keys computed once (subjectKey is a regular expression: not in the comparator of 20,000 pairs).
  const keyed = unsorted.map((pair) => ({ pair, subject: subjectKey(pair.subject) }));
  keyed.sort((a, b) => compare(a.pair.tuteeId, b.pair.tuteeId) || compare(a.subject, b.subject) || compare(a.pair.tutorId, b.pair.tutorId));
  const pairs = keyed.map((item) => item.pair);
  const usage = usageOf(program, assignments);
  const pairOfNeed = new Map(pairs.map((pair) => [needKey(pair.tuteeId, subjectKey(pair.subject)), pair] as [string, ProposedPair]));
  const waitlist: WaitlistItem[] = [];
  const waitlistReason = waitlistReasons(program, usage);
  for (const need of program.needs) {
    const tuteeId = program.students[need.student].id;
    const pair = pairOfNeed.get(needKey(tuteeId, need.key));
    const note = pair?.locked ? '' : requestedTutorNote(program, need, usage, pair && program.studentIndex.get(pair.tutorId));
    if (pair) {
      if (note) pair.why = `${pair.why}; ${note}`;
      continue;
    }
    const reason = waitlistReason(need);
    waitlist.push({ studentId: tuteeId, subject: need.subject, reason: note ? `${reason}; ${note}` : reason });
  }
  return { pairs, waitlist, totals: { ...totals(program, pairs, program.needs.length - waitlist.length), proof } };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function proposedPair(program: Program, a: Assignment): ProposedPair {
  const need = program.needs[a.need];
  const tutor = program.students[a.tutor];
  const tutee = program.students[need.student];
  const current = program.current.get(comboKey(tutor.id, tutee.id, need.key));
  return {
    tutorId: tutor.id,
    tuteeId: tutee.id,
    subject: need.subject,
    block: program.blockNames[a.block],
    score: a.score - stabilityPart(program, a.tutor, need, a.block),
    why: pairWhy(program, a.tutor, need, a.block),
    locked: false,
    existingPairId: current ? current.pairId : null,
  };
}

/** A locked pair is kept exactly; its score and reason are refreshed when the roster still allows. */
function lockedPair(program: Program, pair: Pair): ProposedPair {
  const t = program.studentIndex.get(pair.tutorId);
  const s = program.studentIndex.get(pair.tuteeId);
  const b = program.blockIndex.get(pair.block);
  const need = program.needs.find((item) => item.student === s && item.key === subjectKey(pair.subject));
  const known = t !== undefined && need !== undefined && b !== undefined && program.canTutor[t].has(need.key);
  return {
    tutorId: pair.tutorId,
    tuteeId: pair.tuteeId,
    subject: pair.subject,
    block: pair.block,
    score: known ? pairScore(program, t, need) + (continuingBlock(program, t, need) === b ? SAME_BLOCK_BONUS : 0) : pair.score,
    why: pair.why || (known ? `locked, ${pairWhy(program, t, need, b)}` : 'locked'),
    locked: true,
    existingPairId: pair.pairId,
  };
}

function totals(program: Program, pairs: ProposedPair[], placed: number): Omit<MatchResult['totals'], 'proof'> {
  const load = new Map<string, number>();
  let totalScore = 0;
  for (const pair of pairs) {
    const k = (load.get(pair.tutorId) ?? 0) + 1;
    load.set(pair.tutorId, k);
    totalScore += pair.score - slotCost(program, k);
  }
  const tutorsUsed = load.size;
  return {
    needs: program.needs.length,
    placed,
    tutorsUsed,
    averageLoad: tutorsUsed ? Math.round((pairs.length / tutorsUsed) * 100) / 100 : 0,
    totalScore,
  };
}

/**
 * Tutors who could take this tutee's need instead, with every other pair of `current` staying:
 * all hard rules hold, best score first (ties by tutor ID). The current tutor is not listed.
 */
export function feasibleTutors(input: MatchInput, tuteeId: string, subject: string, current: MatchResult): TutorOption[] {
  return feasibleTutorsFinder(input)(tuteeId, subject, current);
}

/** {@link feasibleTutors} for many needs of one program: the program is built once. */
export function feasibleTutorsFinder(input: MatchInput): (tuteeId: string, subject: string, current: MatchResult) => TutorOption[] {
  const program = buildProgram(input);
  const open = new Set(openNeeds(program));
  const needIndex = needIndexOf(program);
  // The usage of all of `current`'s pairs is counted once; each need then takes its own pair out.
  const usageOfAll = new WeakMap<MatchResult, Usage>();
  return (tuteeId, subject, current) => {
    const key = subjectKey(subject);
    const n = needIndex.get(needKey(tuteeId, key));
    if (n === undefined || !open.has(n)) return [];
    let all = usageOfAll.get(current);
    if (!all) usageOfAll.set(current, (all = usageOfPairs(program, needIndex, current.pairs.filter((pair) => !pair.locked))));
    const own = current.pairs.find((pair) => pair.tuteeId === tuteeId && subjectKey(pair.subject) === key);
    const usage = copyUsage(all);
    if (own && !own.locked) removePairUse(program, usage, own, n);
    return tutorsFor(program, n, usage, own?.tutorId);
  };
}

/** Takes one counted pair back out of `usage` (the reverse of addUse). */
function removePairUse(program: Program, usage: Usage, pair: ProposedPair, n: number): void {
  const t = program.studentIndex.get(pair.tutorId);
  const b = program.blockIndex.get(pair.block);
  if (t === undefined || b === undefined) return;
  const nb = program.blockCount;
  usage.studentBlock[program.needs[n].student * nb + b]--;
  usage.studentBlock[t * nb + b]--;
  usage.blockPairs[b]--;
  usage.tutorLoad[t]--;
}

function tutorsFor(program: Program, n: number, usage: Usage, currentTutor: string | undefined): TutorOption[] {
  const need = program.needs[n];
  const key = need.key;
  const options: TutorOption[] = [];
  for (const t of program.tutorsBySubject.get(key) ?? []) {
    if (program.students[t].id === currentTutor || !isOpenTutor(program, usage, t, need)) continue;
    const best = bestBlock(program, usage, t, n);
    const score = pairScore(program, t, need) + (continuingBlock(program, t, need) === best ? SAME_BLOCK_BONUS : 0);
    options.push({ tutorId: program.students[t].id, block: program.blockNames[best], score, why: pairWhy(program, t, need, best) });
  }
  return options.sort((a, b) => b.score - a.score || compare(a.tutorId, b.tutorId));
}

/** The continuing pair's block when it fits, else the first block that fits. */
function bestBlock(program: Program, usage: Usage, t: number, n: number): number {
  const need = program.needs[n];
  const fits = program.blocksOf[need.student].filter((b) => {
    const nb = program.blockCount;
    return program.available[t * nb + b] && !usage.studentBlock[t * nb + b] && !usage.studentBlock[need.student * nb + b] && usage.blockPairs[b] < program.blockRoom[b];
  });
  const kept = continuingBlock(program, t, need);
  return fits.includes(kept) ? kept : fits[0];
}

/** Usage of pairs given by IDs and names (locked pairs are already in the program). */
function usageOfPairs(program: Program, needIndex: Map<string, number>, pairs: ProposedPair[]): Usage {
  const assignments: Assignment[] = [];
  for (const pair of pairs) {
    const t = program.studentIndex.get(pair.tutorId);
    const b = program.blockIndex.get(pair.block);
    const n = needIndex.get(needKey(pair.tuteeId, subjectKey(pair.subject)));
    if (t === undefined || b === undefined || n === undefined) continue;
    assignments.push({ need: n, tutor: t, block: b, score: pair.score });
  }
  return usageOf(program, assignments);
}
