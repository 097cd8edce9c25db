// The optimiser's entry: from a program to the best matching found and what is proven about it.
//
// 1. Candidate arcs (candidates.ts): each need's best tutors with every block they share, and a bound
//    on what the rest could add, so the proofs hold for the whole roster.
// 2. A first matching, the best of: each need in turn taking the best tutor and block still free
//    (greedy first fit); the flow-and-repair heuristic (heuristic.ts); the pairs the teacher sees,
//    filled greedily. Nothing below ever returns less, so the answer is never behind a greedy first fit.
// 3. The exact search (exact.ts): Lagrangian bounds and branch-and-bound, within a work budget
//    counted in network-simplex pivots (deterministic: the same input gives the same answer).
// 4. What the teacher sees stays unless the search places more needs or scores better, stability
//    included: on a tie the shown pairs win, so a re-run never reshuffles for nothing.
import { candidateArcs, lockedUsage, type Assignment, type CandidateArcs, type CandidateLimits, type Candidates } from './candidates';
import { flowAndRepair } from './heuristic';
import { optimise, type Bounds, type ExactStats } from './exact';
import { pairScore, type Program } from './program';
import { augment } from './augment';
import { arcValue, compareOutcome, fillGreedily, shownAssignments } from './repair';
import { TutorIndex } from './tutor-index';

export interface SolveStats extends ExactStats {
  /** Polishing re-solves that found a better answer (see match.ts). */
  polished?: number;
  /** The search ran again from the neighbourhoods' better answer, for its bounds (see match.ts). */
  searchedAgain?: boolean;
  /** How the exact solver finished (see match.ts): 'optimal' proven, or 'stopped' at its work limit. */
  exact?: 'optimal' | 'stopped';
}

export interface SolveOptions {
  /** Candidate pruning; by default 12 tutors per need, 6 above LARGE_NEEDS needs. */
  limits?: CandidateLimits;
  /** Multiplies the work budget (benchmarks and tests); 1 by default. */
  effort?: number;
  /**
   * A matching known to keep every hard rule: the search starts from it, filled greedily, instead of
   * building a first matching of its own (re-solves around an answer, neighbourhoods.ts; an empty one,
   * the greedy first fit, for the brief search before the exact solver, match.ts).
   */
  start?: Assignment[];
}

export interface Solved {
  assignments: Assignment[];
  /** Proven: no matching places more than `bounds.placed` open needs, none placing that many scores above `bounds.objective`. */
  bounds: Bounds;
  stats: SolveStats;
}

/**
 * Work budget in network-simplex pivots (a pivot costs about 3–8 µs in Node, measured in
 * bench/matching.ts): a base plus a share per arc, generous up to SMALL_ARCS arcs (programs of a few
 * hundred students, which it proves optimal in most cases), then a smaller share per further arc, so
 * time grows about linearly with the roster. (With the subgradient's long steps, exact.ts, half as
 * much again proves more small programs for less time than the short steps took: 150 programs of
 * 50–300 students, 102 → 122 proven, 124 s → 112 s in all.)
 */
const BASE_PIVOTS = 60_000;
const PIVOTS_PER_ARC = 15;
export const SMALL_ARCS = 15_000;
const PIVOTS_PER_LARGE_ARC = 3;
/**
 * Small programs (up to about 150 students) get PROOF_FACTOR times the budget, tapering to 1 at
 * TAPER_END arcs: most are proven within the plain budget and stop there, and the hard ones (tight
 * block capacities) need several times more to reach and prove the optimum (18 programs of each
 * size: 100 students 15 → 17 proven, 150 students 10 → 16), at a few seconds at worst. Larger
 * programs would take too long for what it gains there.
 */
const PROOF_FACTOR = 8;
const TAPER_START = 3_000;
const TAPER_END = 8_000;

function proofFactor(arcs: number): number {
  if (arcs <= TAPER_START) return PROOF_FACTOR;
  if (arcs >= TAPER_END) return 1;
  return PROOF_FACTOR - ((PROOF_FACTOR - 1) * (arcs - TAPER_START)) / (TAPER_END - TAPER_START);
}
/** Above this many needs, each keeps fewer candidate tutors (the network, and every solve, stays smaller). */
const LARGE_NEEDS = 2_500;
const LIMITS = { perNeed: 12, perTutor: 8 };
const LARGE_LIMITS = { perNeed: 12, perTutor: 4 };
const ROOT_ITERATIONS = 300;
/** Large rosters: a few priced solves per phase, for the bounds (each re-solve is costly there). */
const LARGE_ROOT_ITERATIONS = 1;
const NODE_ITERATIONS = 20;
/** Work units of the augmenting local search per arc. */
const AUGMENT_WORK_PER_ARC = 20;

export function solve(program: Program, options: SolveOptions = {}): Solved {
  const { index, candidates } = candidatesOf(program, options);
  const arcs = candidates.arcs.need.length;
  const effort = options.effort ?? 1;
  const pivots = proofFactor(arcs) * (BASE_PIVOTS + PIVOTS_PER_ARC * Math.min(arcs, SMALL_ARCS) + PIVOTS_PER_LARGE_ARC * Math.max(0, arcs - SMALL_ARCS));
  const small = arcs <= SMALL_ARCS;
  const first = options.start ? fillGreedily(program, options.start, index) : firstMatching(program, index, candidates);
  const result = optimise(program, candidates, first, {
    pivotBudget: Math.round(effort * pivots),
    rootIterations: small ? ROOT_ITERATIONS : LARGE_ROOT_ITERATIONS,
    nodeIterations: NODE_ITERATIONS,
    augmentBudget: AUGMENT_WORK_PER_ARC * arcs,
    search: small,
  });
  let assignments = result.assignments;
  if (program.needs.some((need) => need.shown)) {
    const shown = fillGreedily(program, shownAssignments(program), index);
    if (compareOutcome(program, shown, assignments) >= 0) assignments = shown;
  }
  return { assignments, bounds: result.bounds, stats: result.stats };
}

function candidatesOf(program: Program, options: SolveOptions) {
  const index = new TutorIndex(program);
  const limits = options.limits ?? (program.needs.length > LARGE_NEEDS ? LARGE_LIMITS : LIMITS);
  return { index, candidates: candidateArcs(program, lockedUsage(program), limits, index) };
}

/**
 * The matching {@link solve} starts its search from, alone: for re-solves that keep only a matching
 * and no bounds (polishing a large roster, match.ts), where the bounds-only search would be wasted.
 */
export function startingMatching(program: Program, options: SolveOptions = {}): Assignment[] {
  const { index, candidates } = candidatesOf(program, options);
  return firstMatching(program, index, candidates);
}

/**
 * The best of greedy first fit (the same as scanning every tutor, read through the index), the
 * flow-and-repair heuristic on the candidate arcs, and the shown pairs filled greedily.
 */
function firstMatching(program: Program, index: TutorIndex, candidates: CandidateArcs): Assignment[] {
  let best = fillGreedily(program, [], index);
  const lists = candidateLists(program, candidates);
  const flow = flowAndRepair(program, lists.candidates, index);
  if (compareOutcome(program, flow, best) > 0) best = flow;
  if (program.needs.some((need) => need.shown)) {
    // The shown pairs, filled, then more needs placed by displacing as few shown pairs as possible:
    // on as many placements this keeps what the teacher sees (stability is in the objective).
    const shown = fillGreedily(program, shownAssignments(program), index);
    const kept = augment(program, shown, lists.candidates.needs, {
      tutorsOf: new Map(lists.candidates.needs.map((n, i) => [n, lists.candidates.tutors[i]] as [number, number[]])),
      score: (t, n, b) => arcValue(program, t, n, b),
      budget: AUGMENT_WORK_PER_ARC * candidates.arcs.need.length,
    }).assignments;
    if (compareOutcome(program, kept, best) >= 0) best = kept;
  }
  return best;
}

/** Each need's candidate tutors (best first, as the arcs list them) with their scores. */
function candidateLists(program: Program, candidates: CandidateArcs): { candidates: Candidates } {
  const { arcs } = candidates;
  const tutorsOf = new Map<number, number[]>();
  for (let a = 0; a < arcs.need.length; a++) {
    const list = tutorsOf.get(arcs.need[a]);
    if (!list) tutorsOf.set(arcs.need[a], [arcs.tutor[a]]);
    else if (list[list.length - 1] !== arcs.tutor[a]) list.push(arcs.tutor[a]);
  }
  const needs = [...tutorsOf.keys()];
  const tutors = needs.map((n) => tutorsOf.get(n)!);
  const scores = needs.map((n, i) => tutors[i].map((t) => pairScore(program, t, program.needs[n])));
  return { candidates: { needs, tutors, scores } };
}
