// The exact optimiser: Lagrangian relaxation (relaxation.ts) for proven bounds, branch-and-bound where
// the bound and the best matching found still differ. Two phases, in the contract's order:
//   1. placements — is there a matching that places one more need than the best one found?
//   2. score — among matchings that place that many, is there one with a higher objective?
// Each phase prices the relaxation at the root (subgradient steps of Polyak's size toward the best
// matching found), then branches on a rule the relaxed flow still breaks: a student meeting twice in
// a block (one child per role that may keep the block) or an over-full block (a pair out of it, or
// fixed in it). Every relaxed flow is also repaired into a feasible matching (clashing pairs dropped,
// open needs filled, an augmenting local search), which is how the answer improves while the bounds
// come down. Work is counted in network-simplex pivots, never in time: the same input always gives
// the same answer and the same proof; when the budget runs out the bound of the unexplored nodes
// is what is proven.
import { augment } from './augment';
import { lockedUsage, type Assignment } from './candidates';
import type { Program } from './program';
import { Relaxation, SCALE, type ArcList, type Objective, type RelaxedSolution } from './relaxation';
import { arcValue, compareOutcome, dropClashes, fillGreedily, objective } from './repair';

export interface ExactOptions {
  /** Network-simplex pivots the whole search may spend (deterministic work budget). */
  pivotBudget: number;
  /** Subgradient iterations at the root of each phase. */
  rootIterations: number;
  /** Subgradient iterations at each branch-and-bound node. */
  nodeIterations: number;
  /** Work units of the augmenting local search per repair. */
  augmentBudget: number;
}

export interface Bounds {
  /** No matching places more of the open needs than this. */
  placed: number;
  /** No matching that places `placed` needs has a higher objective than this (Infinity: not bounded). */
  objective: number;
}

export interface ExactStats {
  iterations: number;
  nodes: number;
  pivots: number;
  rows: number;
  arcs: number;
  /** The budget ran out before the search closed. */
  exhausted: boolean;
}

interface Search {
  program: Program;
  arcs: ArcList;
  outside: Float64Array;
  options: ExactOptions;
  best: Assignment[];
  bestValue: number;
  tutorsOf: Map<number, number[]>;
  stats: ExactStats;
  pivotsSpent: number;
  /** Pivots the current phase may reach (the placement phase gets a share, the score phase the rest). */
  budget: number;
}

interface Phase {
  relaxation: Relaxation;
  /** A node whose bound (scaled) is below this cannot hold a better matching. */
  threshold: () => number;
}

/** Passes of whole-placement prices over the broken rules at the placement root. */
const ZERO_ONE_PASSES = 3;
/** Share of the pivot budget the placement phase may use. */
const PLACEMENT_SHARE = 0.4;
/** Score phases restarted because a repair placed more needs than the phase required, at most. */
const MAX_SCORE_RESTARTS = 3;
/** Subgradient target: this far below the best bound at first (scaled), halved after STALL_ITERATIONS without progress. */
const STALL_ITERATIONS = 3;
const MIN_TARGET_GAP = SCALE / 32;

/**
 * Improves `start` (a feasible matching) and proves bounds. `arcs` are the combinations the relaxation
 * uses; `outside[n]` is need n's best value among eligible combinations left out (-Infinity: none),
 * which keeps the bounds valid for the whole problem.
 */
export function optimise(program: Program, arcs: ArcList, outside: Float64Array, start: Assignment[], options: ExactOptions) {
  const search: Search = {
    program,
    arcs,
    outside,
    options,
    best: start,
    bestValue: objective(program, start),
    tutorsOf: tutorsByNeed(arcs),
    stats: { iterations: 0, nodes: 0, pivots: 0, rows: 0, arcs: arcs.need.length, exhausted: false },
    pivotsSpent: 0,
    budget: options.pivotBudget * PLACEMENT_SHARE,
  };
  const placements: Phase = {
    relaxation: new Relaxation(program, arcs, 'placements'),
    threshold: () => (search.best.length + 1) * SCALE,
  };
  search.stats.rows = placements.relaxation.rowCount;
  const lambda = new Float64Array(placements.relaxation.rowCount);
  const placedBound = runPhase(search, placements, lambda);
  const bounds: Bounds = { placed: Math.max(search.best.length, Math.floor(placedBound / SCALE + 1e-9)), objective: Infinity };
  // Placement prices say which rules bind; in score points they start the score phase near its optimum.
  let maxValue = 1;
  for (const v of arcs.value) maxValue = Math.max(maxValue, Math.abs(v));
  const scorePrices = Float64Array.from(lambda, (price) => Math.round((price * (maxValue + 1)) / SCALE) * SCALE / SCALE);
  search.budget = options.pivotBudget;
  // The score phase requires the best count found; finding more on the way restarts it with that count.
  for (let attempt = 0; attempt < MAX_SCORE_RESTARTS; attempt++) {
    const required = search.best.length;
    const score: Phase = {
      relaxation: new Relaxation(program, arcs, 'score', required),
      threshold: () => (search.bestValue + 1) * SCALE,
    };
    const prices = Float64Array.from(scorePrices, (price) => Math.min(score.relaxation.priceCap, price));
    const proven = runPhase(search, score, prices) / SCALE;
    if (search.best.length > required) continue;
    bounds.objective = Math.max(search.bestValue, proven);
    break;
  }
  bounds.placed = Math.max(bounds.placed, search.best.length);
  search.stats.pivots = search.pivotsSpent;
  return { assignments: search.best, bounds, stats: search.stats };
}

/** Prices the root, then branches; returns the proven bound (scaled) of the phase's objective. */
function runPhase(search: Search, phase: Phase, lambda: Float64Array): number {
  if (phase.relaxation.objective === 'placements') zeroOnePrices(search, phase, lambda);
  const root = priceNode(search, phase, lambda, search.options.rootIterations);
  if (root.closed) return root.bound;
  return Math.max(phase.threshold() - SCALE, explore(search, phase, lambda, root));
}

/**
 * Placement prices are mostly 0 or 1 at the optimum (a student who can take only one of two roles, a
 * block that limits placements): one whole placement's price on each broken rule in turn, kept when
 * the bound drops. Cheap, and it settles what subgradient steps approach only slowly.
 */
function zeroOnePrices(search: Search, phase: Phase, lambda: Float64Array) {
  const { relaxation } = phase;
  let solution = relaxation.solve(lambda);
  let bound = solution.bound + relaxation.outsideCorrection(search.outside);
  for (let pass = 0; pass < ZERO_ONE_PASSES && bound >= phase.threshold(); pass++) {
    let improved = false;
    const broken: number[] = [];
    for (let r = 0; r < relaxation.rowCount; r++) if (solution.excess[r] > 0 && lambda[r] < SCALE) broken.push(r);
    for (const r of broken) {
      if (!withinBudget(search)) return;
      const old = lambda[r];
      lambda[r] = SCALE;
      const before = relaxation.pivots;
      const trial = relaxation.solve(lambda);
      search.pivotsSpent += relaxation.pivots - before;
      search.stats.iterations++;
      const value = trial.bound + relaxation.outsideCorrection(search.outside);
      if (value < bound - 1e-9) {
        bound = value;
        solution = trial;
        improved = true;
        if (bound < phase.threshold()) return;
      } else lambda[r] = old;
    }
    if (!improved) return;
  }
}

interface NodeResult {
  /** The node's best bound (scaled). */
  bound: number;
  /** Nothing better than the best matching found lies below this node. */
  closed: boolean;
  /** The last relaxed flow (to branch on). */
  solution: RelaxedSolution | null;
}

/**
 * Subgradient iterations at a node (prices start from the parent's): stops when the bound falls
 * below the phase's threshold (closed), when the relaxed flow keeps every rule with nothing left to
 * gain, or after `iterations`.
 */
function priceNode(search: Search, phase: Phase, lambda: Float64Array, iterations: number): NodeResult {
  const { relaxation } = phase;
  search.stats.nodes++;
  let bound = Infinity;
  let last: RelaxedSolution | null = null;
  const step = newStepper();
  for (let k = 0; k < iterations; k++) {
    const before = relaxation.pivots;
    const solution = relaxation.solve(lambda);
    search.pivotsSpent += relaxation.pivots - before;
    search.stats.iterations++;
    if (solution.infeasible) return { bound: -Infinity, closed: true, solution: null };
    const value = solution.bound + relaxation.outsideCorrection(search.outside);
    bound = Math.min(bound, value);
    last = solution;
    const broken = countBroken(solution);
    if (broken === 0) consider(search, toAssignments(search, solution.chosen));
    else if (k === 0 || k === iterations - 1 || k % 4 === 3) consider(search, repair(search, solution));
    if (bound < phase.threshold()) return { bound, closed: true, solution };
    if (broken === 0) clearSlackPrices(lambda, solution);
    else if (!step(value, phase.threshold() - SCALE, solution.excess, lambda, relaxation.priceCap)) break;
    if (!withinBudget(search)) break;
  }
  return { bound, closed: false, solution: last };
}

/** Depth-first branch-and-bound below a priced node; returns the bound (scaled) of what stays unexplored. */
function explore(search: Search, phase: Phase, lambda: Float64Array, node: NodeResult): number {
  if (node.closed || !node.solution) return -Infinity;
  if (!withinBudget(search)) {
    search.stats.exhausted = true;
    return node.bound;
  }
  const children = branches(search, phase.relaxation, node.solution);
  let open = -Infinity;
  for (const child of children) {
    const undo = applyBan(phase.relaxation, child);
    const prices = Float64Array.from(lambda);
    const result = priceNode(search, phase, prices, search.options.nodeIterations);
    open = Math.max(open, explore(search, phase, prices, result));
    undo();
  }
  return open;
}

interface Ban {
  arcs: number[];
  /** A need that must be placed (its unplaced arc banned). */
  mustPlace: number;
}

/**
 * The children of a node, from the first broken rule of its relaxed flow: a student twice in a block
 * gives one child per role that keeps the block (the others banned from it); an over-full block gives
 * "this pair is not in the block" and "this pair is fixed" (its need's other options banned).
 */
function branches(search: Search, relaxation: Relaxation, solution: RelaxedSolution): Ban[] {
  const { arcs } = relaxation;
  const chosen = new Set(solution.chosen);
  let row = -1;
  for (let r = 0; r < relaxation.rowCount; r++) {
    if (solution.excess[r] <= 0) continue;
    if (row < 0 || (relaxation.isBlockRow(row) && !relaxation.isBlockRow(r))) row = r;
  }
  if (row < 0) return decideOneNeed(search, relaxation, solution);
  const members = relaxation.arcsOfRow(row);
  if (!relaxation.isBlockRow(row)) {
    // Roles of the student in this block: a need of theirs (tutee side) or tutoring (-1).
    const student = relaxation.rowStudent[row];
    const roleOf = (a: number) => (arcs.tutor[a] === student ? -1 : arcs.need[a]);
    const used = [...new Set(members.filter((a) => chosen.has(a)).map(roleOf))];
    used.sort((x, y) => roleValue(members, chosen, roleOf, arcs, y) - roleValue(members, chosen, roleOf, arcs, x) || x - y);
    return used.map((keep) => ({ arcs: members.filter((a) => roleOf(a) !== keep), mustPlace: -1 }));
  }
  // The least valuable free pair in the block: first moved out, then fixed in.
  const inBlock = members.filter((a) => chosen.has(a) && !relaxation.banned[a] && !relaxation.mustPlace[arcs.need[a]]);
  if (inBlock.length === 0) return [];
  inBlock.sort((x, y) => arcs.value[x] - arcs.value[y] || x - y);
  const a = inBlock[0];
  const n = arcs.need[a];
  const others = arcsOfNeed(search, n).filter((b) => b !== a);
  return [
    { arcs: [a], mustPlace: -1 },
    { arcs: others, mustPlace: n },
  ];
}

/**
 * When the relaxed flow keeps every rule but its bound still exceeds the best matching (prices left on
 * slack rules), one more decision: a placed need's pair banned or fixed, else an unplaced need banned
 * everywhere or required. No decision left: the node holds one flow, already considered.
 */
function decideOneNeed(search: Search, relaxation: Relaxation, solution: RelaxedSolution): Ban[] {
  const { arcs } = relaxation;
  for (const a of solution.chosen) {
    const n = arcs.need[a];
    if (relaxation.mustPlace[n]) continue;
    return [
      { arcs: [a], mustPlace: -1 },
      { arcs: arcsOfNeed(search, n).filter((b) => b !== a), mustPlace: n },
    ];
  }
  const placed = new Set(solution.chosen.map((a) => arcs.need[a]));
  for (const n of search.tutorsOf.keys()) {
    if (placed.has(n) || relaxation.mustPlace[n]) continue;
    const open = arcsOfNeed(search, n).filter((a) => !relaxation.banned[a]);
    if (open.length === 0) continue;
    return [
      { arcs: open, mustPlace: -1 },
      { arcs: [], mustPlace: n },
    ];
  }
  return [];
}

function roleValue(members: number[], chosen: Set<number>, roleOf: (a: number) => number, arcs: ArcList, role: number): number {
  let value = 0;
  for (const a of members) if (chosen.has(a) && roleOf(a) === role) value += arcs.value[a];
  return value;
}

const needArcsCache = new WeakMap<ArcList, Map<number, number[]>>();

function arcsOfNeed(search: Search, n: number): number[] {
  let map = needArcsCache.get(search.arcs);
  if (!map) {
    map = new Map();
    for (let a = 0; a < search.arcs.need.length; a++) {
      const list = map.get(search.arcs.need[a]);
      if (list) list.push(a);
      else map.set(search.arcs.need[a], [a]);
    }
    needArcsCache.set(search.arcs, map);
  }
  return map.get(n) ?? [];
}

/** Applies a ban and returns how to lift it (only what this ban set is undone). */
function applyBan(relaxation: Relaxation, ban: Ban): () => void {
  const newly = ban.arcs.filter((a) => !relaxation.banned[a]);
  for (const a of newly) relaxation.banned[a] = 1;
  const placeNew = ban.mustPlace >= 0 && !relaxation.mustPlace[ban.mustPlace];
  if (placeNew) relaxation.mustPlace[ban.mustPlace] = 1;
  return () => {
    for (const a of newly) relaxation.banned[a] = 0;
    if (placeNew) relaxation.mustPlace[ban.mustPlace] = 0;
  };
}

function countBroken(solution: RelaxedSolution): number {
  let broken = 0;
  for (const e of solution.excess) if (e > 0) broken++;
  return broken;
}

/** Prices on rules the flow leaves slack only inflate the bound (complementary slackness): drop them. */
function clearSlackPrices(lambda: Float64Array, solution: RelaxedSolution) {
  for (let r = 0; r < lambda.length; r++) if (solution.excess[r] < 0) lambda[r] = 0;
}

function withinBudget(search: Search): boolean {
  return search.pivotsSpent < search.budget;
}

/**
 * A subgradient stepper with a variable target: each step moves the prices along the rows' excess
 * by Polyak's size toward a target below the best bound so far (never below what the best matching
 * found already proves attainable); the target moves closer when the bound stops improving. Prices
 * stay in whole scaled units, projected on λ ≥ 0. Returns false once the target gap is negligible.
 */
function newStepper() {
  let best = Infinity;
  let gap = -1;
  let stall = 0;
  return (value: number, floor: number, excess: Float64Array, lambda: Float64Array, cap: number): boolean => {
    if (gap < 0) gap = Math.max(SCALE, (value - floor) / 2);
    if (value < best - 1e-9) {
      best = value;
      stall = 0;
    } else if (++stall >= STALL_ITERATIONS) {
      gap /= 2;
      stall = 0;
      if (gap < MIN_TARGET_GAP) return false;
    }
    let norm = 0;
    for (let r = 0; r < lambda.length; r++) if (lambda[r] > 0 || excess[r] > 0) norm += excess[r] * excess[r];
    if (norm === 0) return false;
    const target = Math.max(floor, best - gap);
    const step = Math.max(0, value - target) / norm;
    if (step === 0) return false;
    for (let r = 0; r < lambda.length; r++) lambda[r] = Math.min(cap, Math.max(0, Math.round(lambda[r] + step * excess[r])));
    return true;
  };
}

function toAssignments(search: Search, chosen: number[]): Assignment[] {
  const { arcs } = search;
  return chosen.map((a) => ({ need: arcs.need[a], tutor: arcs.tutor[a], block: arcs.block[a], score: arcs.value[a] }));
}

/** A feasible matching from a relaxed flow: the most valuable pairs kept while they fit, then filled and augmented. */
function repair(search: Search, solution: RelaxedSolution): Assignment[] {
  const { program } = search;
  const pairs = toAssignments(search, solution.chosen);
  pairs.sort((x, y) => y.score - x.score || x.need - y.need);
  const filled = fillGreedily(program, dropClashes(program, pairs, lockedUsage(program)));
  return augment(program, filled, [...search.tutorsOf.keys()], {
    tutorsOf: search.tutorsOf,
    score: (t, n, b) => arcValue(program, t, n, b),
    budget: search.options.augmentBudget,
  }).assignments;
}

function consider(search: Search, candidate: Assignment[]) {
  if (compareOutcome(search.program, candidate, search.best) > 0) {
    search.best = candidate;
    search.bestValue = objective(search.program, candidate);
  }
}

function tutorsByNeed(arcs: ArcList): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (let a = 0; a < arcs.need.length; a++) {
    const list = map.get(arcs.need[a]);
    if (!list) map.set(arcs.need[a], [arcs.tutor[a]]);
    else if (list[list.length - 1] !== arcs.tutor[a]) list.push(arcs.tutor[a]);
  }
  return map;
}

export type { Objective };
