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
import { retutor } from './retutor';
import { eligibleArcs, lockedUsage, type Assignment, type CandidateArcs } from './candidates';
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
  /**
   * False on large rosters: price the roots for bounds only (no dives, local search, branching),
   * since each re-solve of a large network costs more than it can gain there.
   */
  search: boolean;
  /** Debugging hook: told of every relaxed solve. */
  trace?: (event: { phase: Objective; depth: number; bound: number; broken: number; best: number; bestValue: number }) => void;
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
  /** The arcs every relaxation of this search uses (the placement phase adds left-out ones it prices in). */
  arcs: ArcList;
  candidates: CandidateArcs;
  outside: Float64Array;
  options: ExactOptions;
  best: Assignment[];
  bestValue: number;
  tutorsOf: Map<number, number[]>;
  /** Arcs of each need (indexes into `arcs`). */
  needArcs: Map<number, number[]>;
  stats: ExactStats;
  pivotsSpent: number;
  /** Pivots the current phase may reach (the placement phase gets a share, the score phase the rest). */
  budget: number;
  /** Depth of the node being priced (0: a phase's root). */
  depth: number;
  /** Placements the score phase requires (-1 in the placement phase). */
  required: number;
}

interface Phase {
  relaxation: Relaxation;
  /** A node whose bound (scaled) is below this cannot hold a better matching. */
  threshold: () => number;
}

/**
 * Arcs read per solve that cost about one pivot (a pivot takes about 2.7 µs in Node, a solve's reads
 * about 55 ns per arc, measured on 300-student programs).
 */
const SCANNED_ARCS_PER_PIVOT = 50;
/** Neighbourhood searches in a row at a root, at most (each must improve to go on). */
const NEIGHBOURHOOD_ROUNDS = 4;
/** Share of the pivot budget one neighbourhood search may spend. */
const NEIGHBOURHOOD_SHARE = 0.1;
/** Rounds of settling broken rules in one dive, at most. */
const MAX_DIVE_ROUNDS = 12;
/** Relaxed flows between two quick repairs (clashes dropped, needs filled) while pricing. */
const REPAIR_EVERY = 8;
/** Needs whose left-out combinations are added in one round of column generation. */
const PRICE_IN_NEEDS = 64;
/**
 * Repairs in the score phase get the augmenting search only within this many placements of the best
 * matching. Further below, it beat the best in 7 of 1,819 calls (six programs of 200–300 students),
 * and on the slowest of them it took half the run time. 72 programs of 200–300 students: 56 → 57
 * proven, 15 % less time, the slowest at 200 students 7.9 s → 3.4 s.
 */
const AUGMENT_REACH = 2;
/** Rounds of half-placement prices on all broken rules at once, at most. */
const HALF_PRICE_ROUNDS = 4;
/** Rounds of pricing over-full blocks when computing bounds only. */
const FULL_BLOCK_ROUNDS = 3;
/** Passes of whole-placement prices over the broken rules at the placement root. */
const ZERO_ONE_PASSES = 3;
/** Share of the pivot budget the placement phase may use. */
const PLACEMENT_SHARE = 0.4;
/** Score phases restarted because a repair placed more needs than the phase required, at most. */
const MAX_SCORE_RESTARTS = 3;
/** Subgradient target: shares and gaps are halved after STALL_ITERATIONS without progress. */
const STALL_ITERATIONS = 10;
const MIN_TARGET_GAP = 1 / 64;
/**
 * First target gap near the bound, in units of the objective (placements or score points): bounds
 * and optima are usually this close.
 */
const INITIAL_TARGET_GAP = 2;
/**
 * First share of the way from the bound to the best matching that the target lies at. Aiming only
 * the gap below (as before) moved a far bound down by about a point per iteration: 200 iterations
 * for a 300-student program 3 % above its optimum. With the share, 150 programs of 50–300 students
 * proved 102 → 122 optimal in less time.
 */
const FIRST_SHARE = 1;
/** Weight of the previous direction in the deflected subgradient. */
const DEFLECTION = 0.7;

/**
 * Improves `start` (a feasible matching) and proves bounds. `candidates.arcs` are the combinations the
 * relaxation starts with; `candidates.outside[n]` bounds need n's left-out combinations (-Infinity:
 * none), which keeps the bounds valid for the whole problem; left-out combinations that could pay
 * are priced in as the search goes.
 */
export function optimise(program: Program, candidates: CandidateArcs, start: Assignment[], options: ExactOptions) {
  const outside = Float64Array.from(candidates.outside);
  const placementRelaxation = new Relaxation(program, candidates.arcs, candidates.reach, 'placements');
  const arcs = placementRelaxation.arcs;
  const search: Search = {
    program,
    arcs,
    candidates,
    outside,
    options,
    best: start,
    bestValue: objective(program, start),
    tutorsOf: new Map(),
    needArcs: new Map(),
    stats: { iterations: 0, nodes: 0, pivots: 0, rows: 0, arcs: arcs.need.length, exhausted: false },
    pivotsSpent: 0,
    budget: options.pivotBudget * PLACEMENT_SHARE,
    depth: 0,
    required: -1,
  };
  indexArcs(search, 0);
  const placements: Phase = {
    relaxation: placementRelaxation,
    threshold: () => (search.best.length + 1) * placementRelaxation.unit,
  };
  search.stats.rows = placements.relaxation.rowCount;
  const lambda = new Float64Array(placements.relaxation.rowCount);
  const placedBound = runPhase(search, placements, lambda);
  // Never more than every need the relaxation could place at all (a cheap bound that matters on large
  // rosters, where needs with left-out tutors each add a whole placement to the priced bound).
  const placeable = placementRelaxation.needCount;
  const bounds: Bounds = { placed: Math.max(search.best.length, Math.min(placeable, Math.floor(placedBound / placementRelaxation.unit + 1e-9))), objective: Infinity };
  // Placement prices say which rules bind; in score points they start the score phase near its optimum.
  let maxValue = 1;
  for (const v of arcs.value) maxValue = Math.max(maxValue, Math.abs(v));
  let scorePrices = Float64Array.from(lambda, (price) => Math.round((price / placementRelaxation.unit) * (maxValue + 1) * SCALE));
  search.budget = options.pivotBudget;
  // Bounds only, and the count not proven: a bound on the score would say nothing (it holds only for
  // matchings that place as many as this one, and more may be placeable).
  if (!options.search && bounds.placed > search.best.length) {
    search.stats.pivots = search.pivotsSpent;
    return { assignments: search.best, bounds, stats: search.stats };
  }
  // The score phase requires the best count found; finding more on the way restarts it with that count.
  for (let attempt = 0; attempt < MAX_SCORE_RESTARTS; attempt++) {
    const required = search.best.length;
    search.required = required;
    const score: Phase = {
      relaxation: new Relaxation(program, search.arcs, candidates.reach, 'score', required),
      threshold: () => (search.bestValue + 1) * SCALE,
    };
    // Same arcs in the same order; arcs priced in from here on go to this relaxation's list.
    search.arcs = score.relaxation.arcs;
    const prices = Float64Array.from(scorePrices, (price) => Math.min(score.relaxation.priceCap, price));
    const proven = runPhase(search, score, prices) / SCALE;
    // A restart requires one more placement, which moves the optimal prices little: start from these.
    scorePrices = prices;
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
  if (!search.options.search) {
    // Bounds only: block Capacity is what a large roster's relaxation ignores most; price the
    // over-full blocks at a whole placement (a few solves), then take the bound.
    if (phase.relaxation.objective === 'placements') priceFullBlocks(search, phase, lambda, FULL_BLOCK_ROUNDS);
    return priceNode(search, phase, lambda, search.options.rootIterations).bound;
  }
  if (phase.relaxation.objective === 'placements') augmentBest(search);
  if (phase.relaxation.objective === 'placements') zeroOnePrices(search, phase, lambda);
  const root = priceNode(search, phase, lambda, search.options.rootIterations);
  if (phase.relaxation.objective === 'placements') augmentBest(search);
  if (root.closed || root.bound < phase.threshold()) return root.bound;
  // Repeated while it finds better matchings: each one moves the neighbourhood.
  for (let round = 0; root.solution && round < NEIGHBOURHOOD_ROUNDS && root.bound >= phase.threshold(); round++) {
    const before = search.bestValue + search.best.length;
    neighbourhoodSearch(search, phase, lambda, root.solution);
    if (search.bestValue + search.best.length === before) break;
  }
  if (root.bound < phase.threshold()) return root.bound;
  return coreSearch(search, phase, lambda, root);
}

/**
 * Relaxation-induced neighbourhood search: needs that the best matching and the relaxed flow place
 * alike are fixed so, and a small branch-and-bound settles the rest (the needs they disagree on,
 * usually a few dozen). Finds the matchings that repairs miss; proves nothing by itself.
 */
function neighbourhoodSearch(search: Search, phase: Phase, lambda: Float64Array, solution: RelaxedSolution) {
  const { relaxation } = phase;
  const { arcs } = relaxation;
  const inBest = new Map(search.best.map((a) => [a.need, a] as [number, Assignment]));
  const lifts: (() => void)[] = [];
  for (const a of solution.chosen) {
    const mine = inBest.get(arcs.need[a]);
    if (!mine || mine.tutor !== arcs.tutor[a] || mine.block !== arcs.block[a]) continue;
    lifts.push(applyBan(relaxation, { arcs: arcsOfNeed(search, arcs.need[a]).filter((b) => b !== a), mustPlace: arcs.need[a] }));
  }
  const budget = search.budget;
  search.budget = Math.min(budget, search.pivotsSpent + search.options.pivotBudget * NEIGHBOURHOOD_SHARE);
  const prices = Float64Array.from(lambda);
  search.depth++;
  const node = priceNode(search, phase, prices, search.options.nodeIterations);
  explore(search, phase, prices, node);
  search.depth--;
  search.budget = budget;
  search.stats.exhausted = false;
  for (let i = lifts.length - 1; i >= 0; i--) lifts[i]();
}

/**
 * Reduced-cost fixing toward a target, from the root's best prices (Lagrangian costs of the flow x̂
 * found at them): any matching worth at least T differs from x̂ only on arcs whose reduced costs sum
 * to at most U − T (U: the bound), so every arc whose reduced cost alone exceeds that keeps its state
 * in x̂. With T just below U almost everything is fixed and a branch-and-bound over the small rest
 * settles whether a matching worth T exists; if none does, T − 1 is tried with a slightly larger
 * core, down to the best matching found (then proven optimal). Returns the proven bound (scaled).
 */
function coreSearch(search: Search, phase: Phase, lambda: Float64Array, root: NodeResult): number {
  const { relaxation } = phase;
  const solution = solveCounted(search, relaxation, lambda);
  const correction = relaxation.outsideCorrection(search.outside);
  const unit = relaxation.unit;
  // Left-out combinations could pay: fixing would need their reduced costs too, so branch on everything.
  if (solution.infeasible || correction > 0) return Math.max(phase.threshold() - unit, explore(search, phase, lambda, root));
  const bound = solution.bound;
  // Reduced costs of the root flow, read now: every level's fixing is relative to this one flow.
  const root0 = rootReducedCosts(search, relaxation);
  let proven = Math.min(root.bound, bound);
  for (let target = Math.floor(proven / unit + 1e-9); target * unit >= phase.threshold(); target--) {
    const lift = fixByReducedCost(search, relaxation, root0, bound - target * unit);
    const level: Phase = { relaxation, threshold: () => Math.max(target * unit, phase.threshold()) };
    const prices = Float64Array.from(lambda);
    search.depth++;
    const node = priceNode(search, level, prices, search.options.nodeIterations, bound);
    const open = explore(search, level, prices, node);
    search.depth--;
    lift();
    if (open > -Infinity) return Math.max(phase.threshold() - unit, Math.min(proven, (target + 1) * unit - 1));
    // Nothing worth `target` beyond the best found: the optimum is below it (or found, if the best reached it).
    proven = Math.min(proven, target * unit - 1);
  }
  return phase.threshold() - unit;
}

interface RootReducedCosts {
  arc: Float64Array;
  used: Uint8Array;
  skip: Map<number, { reducedCost: number; used: boolean }>;
}

/** The reduced costs and states of the last solve (the root's), for every arc and every need's unplaced arc. */
function rootReducedCosts(search: Search, relaxation: Relaxation): RootReducedCosts {
  const count = relaxation.arcs.need.length;
  const arc = new Float64Array(count);
  const used = new Uint8Array(count);
  for (let a = 0; a < count; a++) {
    arc[a] = relaxation.reducedCost(a);
    used[a] = relaxation.isUsed(a) ? 1 : 0;
  }
  const skip = new Map<number, { reducedCost: number; used: boolean }>();
  for (const n of search.tutorsOf.keys()) skip.set(n, relaxation.skipState(n));
  return { arc, used, skip };
}

/** Bans what the root's reduced costs rule out for matchings within `gap` of the bound; returns how to lift it. */
function fixByReducedCost(search: Search, relaxation: Relaxation, root: RootReducedCosts, gap: number): () => void {
  const lifts: (() => void)[] = [];
  const banned: number[] = [];
  const { arcs } = relaxation;
  const fixedNeeds = new Set<number>();
  for (let a = 0; a < arcs.need.length; a++) {
    if (relaxation.banned[a]) continue;
    if (root.used[a]) {
      // Taking this pair out would cost more than the gap: it stays.
      if (-root.arc[a] > gap) fixedNeeds.add(a);
    } else if (root.arc[a] > gap) banned.push(a);
  }
  lifts.push(applyBan(relaxation, { arcs: banned, mustPlace: -1 }));
  for (const a of fixedNeeds) {
    const n = arcs.need[a];
    lifts.push(applyBan(relaxation, { arcs: arcsOfNeed(search, n).filter((b) => b !== a), mustPlace: n }));
  }
  for (const [n, skip] of root.skip) {
    if (skip.used && -skip.reducedCost > gap) lifts.push(applyBan(relaxation, { arcs: arcsOfNeed(search, n), mustPlace: -1 }));
    else if (!skip.used && skip.reducedCost > gap && !relaxation.mustPlace[n]) lifts.push(applyBan(relaxation, { arcs: [], mustPlace: n }));
  }
  return () => {
    for (let i = lifts.length - 1; i >= 0; i--) lifts[i]();
  };
}

/**
 * Placement prices are mostly 0 or 1 at the optimum (a student who can take only one of two roles, a
 * block that limits placements). Over-full blocks usually bind together (a need pushed out of one
 * fills another), so they are priced all at once first; then each broken rule in turn gets a whole
 * placement's price, and each priced rule in turn loses it, whenever that lowers the bound. Cheap,
 * and it settles what subgradient steps approach only slowly.
 */
function zeroOnePrices(search: Search, phase: Phase, lambda: Float64Array) {
  const { relaxation } = phase;
  const unit = relaxation.unit;
  let solution = solveCounted(search, relaxation, lambda);
  let bound = solution.bound + relaxation.outsideCorrection(search.outside);
  const tryPrices = (rows: number[], price: number): boolean => {
    const old = rows.map((r) => lambda[r]);
    for (const r of rows) lambda[r] = price;
    const trial = solveCounted(search, relaxation, lambda);
    const value = trial.bound + relaxation.outsideCorrection(search.outside);
    if (value < bound - 1e-9) {
      bound = value;
      solution = trial;
      return true;
    }
    rows.forEach((r, i) => (lambda[r] = old[i]));
    return false;
  };
  const fullBlocks: number[] = [];
  for (let r = 0; r < relaxation.rowCount; r++) if (relaxation.isBlockRow(r) && solution.excess[r] > 0) fullBlocks.push(r);
  if (fullBlocks.length > 1) tryPrices(fullBlocks, unit);
  bound = Math.min(bound, priceFullBlocks(search, phase, lambda, 1));
  // Students who tutor and are tutored make odd cycles: half a placement on every broken rule at once.
  for (let round = 0; round < HALF_PRICE_ROUNDS && bound >= phase.threshold(); round++) {
    const broken: number[] = [];
    for (let r = 0; r < relaxation.rowCount; r++) if (solution.excess[r] > 0 && lambda[r] < unit / 2) broken.push(r);
    if (broken.length === 0 || !tryPrices(broken, unit / 2)) break;
  }
  for (let pass = 0; pass < ZERO_ONE_PASSES && bound >= phase.threshold(); pass++) {
    let improved = false;
    const candidates: number[] = [];
    for (let r = 0; r < relaxation.rowCount; r++) {
      if ((solution.excess[r] > 0 && lambda[r] < unit) || lambda[r] > 0) candidates.push(r);
    }
    for (const r of candidates) {
      if (!withinBudget(search) || bound < phase.threshold()) return;
      if (solution.excess[r] > 0 && lambda[r] < unit) improved = tryPrices([r], lambda[r] < unit / 2 ? unit / 2 : unit) || tryPrices([r], unit) || improved;
      else if (lambda[r] > 0 && solution.excess[r] < 0) improved = tryPrices([r], lambda[r] > unit / 2 ? unit / 2 : 0) || tryPrices([r], 0) || improved;
    }
    if (!improved) return;
  }
}

/**
 * Over-full blocks priced at a whole placement, all at once, while that lowers the bound (pushing
 * pairs out of one block can fill another, hence rounds). Returns the best bound seen (scaled).
 */
function priceFullBlocks(search: Search, phase: Phase, lambda: Float64Array, rounds: number): number {
  const { relaxation } = phase;
  let solution = solveCounted(search, relaxation, lambda);
  let bound = solution.bound + relaxation.outsideCorrection(search.outside);
  for (let round = 0; round < rounds; round++) {
    const full: number[] = [];
    for (let r = 0; r < relaxation.rowCount; r++) if (relaxation.isBlockRow(r) && solution.excess[r] > 0 && lambda[r] < relaxation.unit) full.push(r);
    if (full.length === 0) break;
    const old = full.map((r) => lambda[r]);
    for (const r of full) lambda[r] = relaxation.unit;
    const trial = solveCounted(search, relaxation, lambda);
    const value = trial.bound + relaxation.outsideCorrection(search.outside);
    if (value >= bound) {
      full.forEach((r, i) => (lambda[r] = old[i]));
      break;
    }
    bound = value;
    solution = trial;
  }
  return bound;
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
function priceNode(search: Search, phase: Phase, lambda: Float64Array, iterations: number, parentBound = Infinity): NodeResult {
  const { relaxation } = phase;
  search.stats.nodes++;
  let bound = parentBound;
  let best: { solution: RelaxedSolution; lambda: Float64Array } | null = null;
  const step = newStepper(lambda.length, relaxation.unit);
  const finish = (closed: boolean): NodeResult => {
    // Children start from the best prices, and branch on the flow found at them.
    if (best) lambda.set(best.lambda);
    return { bound, closed, solution: closed ? null : best?.solution ?? null };
  };
  for (let k = 0; k < iterations; k++) {
    const solution = solveCounted(search, relaxation, lambda);
    if (solution.infeasible) return { bound: -Infinity, closed: true, solution: null };
    const correction = relaxation.outsideCorrection(search.outside);
    const value = solution.bound + correction;
    if (value < bound || !best) {
      bound = Math.min(bound, value);
      best = { solution, lambda: Float64Array.from(lambda) };
    }
    // At a root, left-out combinations that could pay join the network (the bound stays valid either way).
    if (correction > 0 && search.depth === 0 && search.options.search && priceIn(search, relaxation)) continue;
    const broken = countBroken(solution);
    search.options.trace?.({ phase: relaxation.objective, depth: search.depth, bound: value / relaxation.unit, broken, best: search.best.length, bestValue: search.bestValue });
    if (broken === 0) consider(search, toAssignments(search, solution.chosen));
    else if (k % REPAIR_EVERY === 0 && search.options.search) consider(search, repair(search, solution));
    if (bound < phase.threshold()) return finish(true);
    if (broken === 0) clearSlackPrices(lambda, solution);
    else if (!step(value, phase.threshold() - relaxation.unit, solution.excess, lambda, relaxation.priceCap)) break;
    if (!withinBudget(search)) break;
  }
  if (best && search.options.search) {
    dive(search, phase, best.lambda);
    if (bound < phase.threshold()) return finish(true);
  }
  return finish(false);
}

function solveCounted(search: Search, relaxation: Relaxation, lambda: Float64Array): RelaxedSolution {
  const before = relaxation.pivots;
  const solution = relaxation.solve(lambda);
  // Besides its pivots, every solve reads the whole network a few times (the last pricing pass that
  // proves the flow optimal, the flow read back): charged too, so the budget follows the time.
  search.pivotsSpent += relaxation.pivots - before + Math.ceil(relaxation.arcs.need.length / SCANNED_ARCS_PER_PIVOT);
  search.stats.iterations++;
  return solution;
}

/**
 * The main source of good matchings: at fixed prices, settle every broken rule of the relaxed flow at
 * once (a student keeps the block for their most valuable role, an over-full block its most valuable
 * pairs; the others are banned from it) and let the flow re-route around those bans, until it keeps
 * every rule. The prices keep the rest of the flow where it is worth most. Bans are lifted after.
 */
function dive(search: Search, phase: Phase, lambda: Float64Array) {
  const { relaxation } = phase;
  const lifts: (() => void)[] = [];
  let last: RelaxedSolution | null = null;
  for (let round = 0; round < MAX_DIVE_ROUNDS && withinBudget(search); round++) {
    const solution = solveCounted(search, relaxation, lambda);
    if (solution.infeasible) break;
    last = solution;
    if (countBroken(solution) === 0) {
      consider(search, toAssignments(search, solution.chosen));
      last = null;
      break;
    }
    for (const ban of settleBrokenRules(search, relaxation, solution)) lifts.push(applyBan(relaxation, ban));
  }
  if (last) consider(search, repair(search, last));
  for (let i = lifts.length - 1; i >= 0; i--) lifts[i]();
}

/**
 * The bans that settle every broken rule of a flow. Who keeps a contested block is decided by regret:
 * what moving a pair out of it would cost at least, from the reduced costs (the pair's own, plus the
 * cheapest way its need can meet elsewhere or stay unplaced). The pair with the most to lose keeps it.
 */
function settleBrokenRules(search: Search, relaxation: Relaxation, solution: RelaxedSolution): Ban[] {
  const { arcs } = relaxation;
  const chosen = new Set(solution.chosen);
  const bans: Ban[] = [];
  for (let r = 0; r < relaxation.rowCount; r++) {
    if (solution.excess[r] <= 0) continue;
    const members = relaxation.arcsOfRow(r);
    const regrets = new Map<number, number>();
    for (const a of members) if (chosen.has(a)) regrets.set(a, regret(search, relaxation, a));
    const used = [...regrets.keys()].sort((x, y) => regrets.get(y)! - regrets.get(x)! || arcs.value[y] - arcs.value[x] || x - y);
    if (relaxation.isBlockRow(r)) {
      // The pairs with the least to lose leave the block (their needs may meet elsewhere).
      const leaving = new Set(used.slice(used.length - solution.excess[r]).map((a) => arcs.need[a]));
      bans.push({ arcs: members.filter((a) => leaving.has(arcs.need[a])), mustPlace: -1 });
      continue;
    }
    const student = relaxation.rowStudent[r];
    const roleOf = (a: number) => (arcs.tutor[a] === student ? -1 : arcs.need[a]);
    const keep = roleOf(used[0]);
    bans.push({ arcs: members.filter((a) => roleOf(a) !== keep), mustPlace: -1 });
  }
  return bans;
}

/** At least what taking used arc a out of its block costs: its reduced cost plus its need's cheapest alternative. */
function regret(search: Search, relaxation: Relaxation, a: number): number {
  const { arcs } = relaxation;
  const n = arcs.need[a];
  const skip = relaxation.skipState(n);
  let cheapest = relaxation.mustPlace[n] ? Infinity : Math.max(0, skip.reducedCost);
  for (const b of arcsOfNeed(search, n)) {
    if (b === a || relaxation.banned[b] || arcs.block[b] === arcs.block[a]) continue;
    cheapest = Math.min(cheapest, Math.max(0, relaxation.reducedCost(b)));
  }
  return -Math.min(0, relaxation.reducedCost(a)) + cheapest;
}

/** Depth-first branch-and-bound below a priced node; returns the bound (scaled) of what stays unexplored. */
function explore(search: Search, phase: Phase, lambda: Float64Array, node: NodeResult): number {
  if (node.closed || !node.solution) return -Infinity;
  if (!withinBudget(search)) {
    if (outOfPivots(search)) search.stats.exhausted = true;
    return node.bound;
  }
  const children = branches(search, phase.relaxation, node.solution);
  let open = -Infinity;
  for (const child of children) {
    const undo = applyBan(phase.relaxation, child);
    const prices = Float64Array.from(lambda);
    search.depth++;
    const result = priceNode(search, phase, prices, search.options.nodeIterations, node.bound);
    open = Math.max(open, explore(search, phase, prices, result));
    search.depth--;
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

function arcsOfNeed(search: Search, n: number): number[] {
  return search.needArcs.get(n) ?? [];
}

/**
 * Column generation at a phase's root: needs whose left-out combinations could still raise the bound
 * get all of them added to the relaxation (at most PRICE_IN_NEEDS a round, largest gain first).
 * Returns whether any were added.
 */
function priceIn(search: Search, relaxation: Relaxation): boolean {
  const gains: [number, number][] = [];
  for (const n of search.tutorsOf.keys()) {
    const gain = relaxation.outsideGain(n, search.outside);
    if (gain > 0) gains.push([n, gain]);
  }
  if (gains.length === 0) return false;
  gains.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
  const usage = lockedUsage(search.program);
  for (const [n] of gains.slice(0, PRICE_IN_NEEDS)) {
    const have = new Set(arcsOfNeed(search, n).map((a) => search.arcs.tutor[a] * search.program.blockCount + search.arcs.block[a]));
    const all = eligibleArcs(search.program, usage, [n]);
    const more: ArcList = { need: [], tutor: [], block: [], value: [] };
    all.need.forEach((_, i) => {
      if (have.has(all.tutor[i] * search.program.blockCount + all.block[i])) return;
      more.need.push(all.need[i]);
      more.tutor.push(all.tutor[i]);
      more.block.push(all.block[i]);
      more.value.push(all.value[i]);
    });
    search.outside[n] = -Infinity;
    const start = relaxation.arcs.need.length;
    relaxation.addArcs(more);
    indexArcs(search, start);
  }
  return true;
}

/** Indexes arcs from `start` on: each need's arcs and candidate tutors. */
function indexArcs(search: Search, start: number) {
  const { arcs } = search;
  for (let a = start; a < arcs.need.length; a++) {
    const n = arcs.need[a];
    const list = search.needArcs.get(n);
    if (list) list.push(a);
    else search.needArcs.set(n, [a]);
    const tutors = search.tutorsOf.get(n);
    if (!tutors) search.tutorsOf.set(n, [arcs.tutor[a]]);
    else if (!tutors.includes(arcs.tutor[a])) tutors.push(arcs.tutor[a]);
  }
}

/** Applies a ban and returns how to lift it (only what this ban set is undone). */
function applyBan(relaxation: Relaxation, ban: Ban): () => void {
  const newly = ban.arcs.filter((a) => !relaxation.banned[a]);
  for (const a of newly) relaxation.setBanned(a, true);
  const placeNew = ban.mustPlace >= 0 && !relaxation.mustPlace[ban.mustPlace];
  if (placeNew) relaxation.setMustPlace(ban.mustPlace, true);
  return () => {
    for (const a of newly) relaxation.setBanned(a, false);
    if (placeNew) relaxation.setMustPlace(ban.mustPlace, false);
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

/**
 * Whether the search may go on: pivots are left, and the score phase still bounds the best count
 * (once a repair places more, its bound is for too few placements: the phase restarts at once).
 */
function withinBudget(search: Search): boolean {
  return !outOfPivots(search) && !(search.required >= 0 && search.best.length > search.required);
}

function outOfPivots(search: Search): boolean {
  return search.pivotsSpent >= search.budget;
}

/**
 * A deflected subgradient stepper (Camerini–Fratta–Maffioli) with a variable target: the direction
 * is the rows' excess plus DEFLECTION times the previous direction, which damps the zig-zag between
 * nearly equal flows; the step has Polyak's size toward a target below the bound. While the bound is
 * far above the best matching found, the target is a share θ of the way down to that matching (long
 * steps); close to it, a gap below the best bound so far (short steps, which settle the last points).
 * Both shrink by half when the bound stops improving; the target is never below what the best
 * matching already attains. Prices stay in whole scaled units, projected on λ ≥ 0. Returns false once
 * the gap is negligible.
 */
function newStepper(rows: number, unit: number) {
  let best = Infinity;
  let gap = -1;
  let theta = FIRST_SHARE;
  let stall = 0;
  const direction = new Float64Array(rows);
  return (value: number, floor: number, excess: Float64Array, lambda: Float64Array, cap: number): boolean => {
    if (gap < 0) gap = Math.max(unit / 4, Math.min(INITIAL_TARGET_GAP * unit, (value - floor) / 2));
    if (value < best - 1e-9) {
      best = value;
      stall = 0;
    } else if (++stall >= STALL_ITERATIONS) {
      gap /= 2;
      theta /= 2;
      stall = 0;
      if (gap < unit * MIN_TARGET_GAP) return false;
    }
    let norm = 0;
    for (let r = 0; r < rows; r++) {
      direction[r] = excess[r] + DEFLECTION * direction[r];
      if (lambda[r] > 0 || direction[r] > 0) norm += direction[r] * direction[r];
    }
    if (norm === 0) return false;
    const target = Math.max(floor, Math.min(best - gap, value - theta * (value - floor)));
    const step = Math.max(0, value - target) / norm;
    if (step === 0) return false;
    for (let r = 0; r < rows; r++) lambda[r] = Math.min(cap, Math.max(0, Math.round(lambda[r] + step * direction[r])));
    return true;
  };
}

function toAssignments(search: Search, chosen: number[]): Assignment[] {
  const { arcs } = search;
  return chosen.map((a) => ({ need: arcs.need[a], tutor: arcs.tutor[a], block: arcs.block[a], score: arcs.value[a] }));
}

/** A feasible matching from a relaxed flow: the most valuable pairs kept while they fit, then open needs filled. */
function repair(search: Search, solution: RelaxedSolution): Assignment[] {
  const { program } = search;
  const pairs = toAssignments(search, solution.chosen);
  pairs.sort((x, y) => y.score - x.score || x.need - y.need);
  const filled = fillGreedily(program, dropClashes(program, pairs, lockedUsage(program)), search.tutorsOf);
  // Short of the placements the relaxation reached: the augmenting search looks for the missing ones.
  // In the score phase, a repair this far below the best count rarely catches up: not worth the search.
  if (search.required >= 0 && filled.length < search.best.length - AUGMENT_REACH) return filled;
  return filled.length < solution.placed ? augmented(search, filled) : filled;
}

/** The augmenting local search (augment.ts) on the best matching: displaces pairs to place open needs. */
function augmentBest(search: Search) {
  consider(search, augmented(search, search.best));
}

function augmented(search: Search, assignments: Assignment[]): Assignment[] {
  const { program } = search;
  return augment(program, assignments, [...search.tutorsOf.keys()], {
    tutorsOf: search.tutorsOf,
    score: (t, n, b) => arcValue(program, t, n, b),
    budget: search.options.augmentBudget,
  }).assignments;
}

/** Keeps `candidate` if it beats the best matching, with the best tutors for its needs' blocks (retutor.ts). */
function consider(search: Search, candidate: Assignment[]) {
  if (compareOutcome(search.program, candidate, search.best) <= 0) return;
  search.best = retutor(search.program, candidate, (n) => search.tutorsOf.get(n) ?? []);
  search.bestValue = objective(search.program, search.best);
}

export type { Objective };
