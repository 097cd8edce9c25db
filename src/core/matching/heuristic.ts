// The flow-and-repair heuristic (the matcher before the exact search, kept as its first source of a
// good matching): the network
//   source → need (cap 1) → (tutor, block) (cap 1, cost BASE − score) → tutor → sink,
// with one unit arc per free tutor slot whose cost grows with the slot (convex load spreading), solved
// as a min-cost max-flow (successive shortest paths): the most placed needs, then the best score,
// ignoring the two rules a network cannot hold (a student twice in a block, block Capacity).
// Clashes are then repaired by re-solving with bans (the least flexible pair keeps the block), on
// small programs after a few Lagrangian-priced solves (pricing.ts), and open needs are filled and
// placed by the augmenting local search (augment.ts). Fast on large rosters (a few flows), with no
// proof of anything: exact.ts proves, and improves on it where it can.
import { augment } from './augment';
import { MinCostFlow } from './min-cost-flow';
import { Prices } from './pricing';
import { addUse, blockFits, copyUsage, lockedUsage, narrowCandidates, usageOf, type Assignment, type Candidates, type Usage } from './candidates';
import { arcBonus, pairScore, slotCost, type Program } from './program';
import { compareOutcome, dropClashes, fillGreedily } from './repair';
import type { TutorIndex } from './tutor-index';

interface HeuristicStats {
  rounds: number;
  phases: number;
  arcs: number;
  filled: number;
  augmented: number;
  priced: number;
}

const MAX_REPAIR_ROUNDS = 60;
/**
 * Rounds that re-solve the whole network before switching to re-solving only what moved. Full
 * rounds place clearly more on tight blocks (measured in bench/matching.ts) but each costs a whole
 * solve, so their number shrinks with the network: about 400,000 arc-rounds, at least 3.
 */
const FULL_ROUND_BUDGET = 400_000;
const MIN_FULL_ROUNDS = 3;
/**
 * Priced solves (see pricing.ts) before the repair rounds: about 40,000 arc-rounds, so small programs,
 * where tight blocks bite hardest, get up to 30 and the 2,000-student program none (each priced solve
 * needs several times the phases of an unpriced one, measured in bench/matching.ts).
 */
const PRICING_BUDGET = 40_000;
const MAX_PRICING_ROUNDS = 30;
/** First subgradient step, in score points; it shrinks as 1/√k. */
const PRICE_STEP = 16;
/** Work the augmenting local search may spend, per arc of the first network (keeps it linear). */
const AUGMENT_WORK_PER_ARC = 20;

interface Bans {
  /** need × block */
  needBlock: Uint8Array;
  /** tutor × block */
  tutorBlock: Uint8Array;
}

/**
 * A good feasible matching from `allCandidates` (each need's tutors, best first, with their scores);
 * open needs are filled from every tutor (through `index`, fast on large rosters).
 */
export function flowAndRepair(program: Program, allCandidates: Candidates, index?: TutorIndex): Assignment[] {
  const nb = program.blockCount;
  const base = lockedUsage(program);
  const arcEstimate = allCandidates.tutors.reduce((sum, list) => sum + list.length, 1) * 3;
  const fullRounds = Math.min(MAX_REPAIR_ROUNDS, Math.max(MIN_FULL_ROUNDS, Math.floor(FULL_ROUND_BUDGET / arcEstimate)));
  const bans: Bans = {
    needBlock: new Uint8Array(program.needs.length * nb),
    tutorBlock: new Uint8Array(program.students.length * nb),
  };
  const stats: HeuristicStats = { rounds: 0, phases: 0, arcs: 0, filled: 0, augmented: 0, priced: 0 };
  const prices = new Prices(program);
  const pricingRounds = Math.min(MAX_PRICING_ROUNDS, Math.floor(PRICING_BUDGET / arcEstimate));
  // The repair rounds below keep the learnt prices: they start from a flow that already avoids most clashes.
  const priced = priceRounds(program, allCandidates, base, prices, pricingRounds, stats, index);
  let kept: Assignment[] = [];
  let usage = base;
  let candidates = allCandidates;
  for (;;) {
    stats.rounds++;
    const run = solveFlow(program, candidates, bans, usage, prices);
    stats.phases += run.phases;
    stats.arcs = Math.max(stats.arcs, run.arcs);
    const moved = banClashes(program, run.assignments, run.flexibility, bans, usage);
    if (!moved.some(Boolean)) {
      kept = kept.concat(run.assignments);
      break;
    }
    if (stats.rounds >= MAX_REPAIR_ROUNDS) {
      kept = kept.concat(dropClashes(program, run.assignments, usage));
      break;
    }
    if (stats.rounds < fullRounds) continue;
    kept = kept.concat(run.assignments.filter((_, k) => !moved[k]));
    usage = usageOf(program, kept);
    const placed = new Set(kept.map((a) => a.need));
    candidates = narrowCandidates(program, allCandidates, usage, new Set(allCandidates.needs.filter((n) => !placed.has(n))));
  }
  const before = kept.length;
  kept = fillGreedily(program, kept, index);
  stats.filled = kept.length - before;
  if (compareOutcome(program, priced, kept) > 0) kept = priced;
  const improved = augment(program, kept, allCandidates.needs, {
    tutorsOf: new Map(allCandidates.needs.map((n, i) => [n, allCandidates.tutors[i]] as [number, number[]])),
    score: (t, n, b) => arcScore(program, t, n, b, pairScore(program, t, program.needs[n])),
    budget: AUGMENT_WORK_PER_ARC * arcEstimate,
  });
  stats.augmented = improved.placed;
  return improved.assignments;
}

/**
 * Solves the flow under Lagrangian prices (see pricing.ts), `rounds` times or until its pairs are
 * feasible, and returns the best feasible solution seen (each flow with its clashes dropped, then filled).
 */
function priceRounds(program: Program, candidates: Candidates, base: Usage, prices: Prices, rounds: number, stats: HeuristicStats, index?: TutorIndex): Assignment[] {
  const noBans: Bans = { needBlock: new Uint8Array(program.needs.length * program.blockCount), tutorBlock: new Uint8Array(program.students.length * program.blockCount) };
  let best: Assignment[] = [];
  for (let k = 0; k < rounds; k++) {
    const run = solveFlow(program, candidates, noBans, base, prices);
    stats.priced++;
    stats.phases += run.phases;
    const byScore = [...run.assignments].sort((x, y) => y.score - x.score || x.need - y.need);
    const feasible = fillGreedily(program, dropClashes(program, byScore, base), index);
    if (compareOutcome(program, feasible, best) > 0) best = feasible;
    const broken = prices.update(usageOf(program, run.assignments), Math.max(1, PRICE_STEP / Math.sqrt(k + 1)));
    if (broken === 0) break;
  }
  return best;
}

/** Score of tutor t for candidate need n meeting in block b. */
function arcScore(program: Program, t: number, n: number, b: number, base: number): number {
  return base + arcBonus(program, t, program.needs[n], b);
}

function solveFlow(program: Program, candidates: Candidates, bans: Bans, usage: Usage, prices: Prices) {
  const nb = program.blockCount;
  const needCount = candidates.needs.length;
  const arcNeed: number[] = [];
  const arcTutor: number[] = [];
  const arcBlock: number[] = [];
  const arcValue: number[] = [];
  const flexibility = new Map<number, number>();
  for (let i = 0; i < needCount; i++) {
    const n = candidates.needs[i];
    const s = program.needs[n].student;
    candidates.tutors[i].forEach((t, j) => {
      for (const b of program.blocksOf[s]) {
        if (!blockFits(program, usage, t, s, b) || bans.needBlock[n * nb + b] || bans.tutorBlock[t * nb + b]) continue;
        arcNeed.push(i);
        arcTutor.push(t);
        arcBlock.push(b);
        arcValue.push(arcScore(program, t, n, b, candidates.scores[i][j]));
        flexibility.set(n, (flexibility.get(n) ?? 0) + 1);
      }
    });
  }
  const network = buildNetwork(program, usage, needCount, arcTutor, arcBlock);
  let best = 0;
  for (const value of arcValue) best = Math.max(best, value);
  const flow = new MinCostFlow(network.nodeCount, arcNeed.length * 2 + needCount + network.slotArcs);
  for (let i = 0; i < needCount; i++) flow.addArc(SOURCE, FIRST_NEED + i, 1, 0);
  const needArcs = arcNeed.map((i, a) => {
    const price = prices.of(program.needs[candidates.needs[i]].student, arcTutor[a], arcBlock[a]);
    return flow.addArc(FIRST_NEED + i, network.tutorBlockNode[a], 1, best - arcValue[a] + price);
  });
  for (const [node, tutorNode] of network.tutorBlockLinks) flow.addArc(node, tutorNode, 1, 0);
  for (const [t, tutorNode] of network.tutorNodes) {
    for (let k = usage.tutorLoad[t] + 1; k <= program.tutorCapacity[t]; k++) flow.addArc(tutorNode, SINK, 1, slotCost(program, k));
  }
  const result = flow.solve(SOURCE, SINK);
  const assignments: Assignment[] = [];
  needArcs.forEach((arc, a) => {
    if (flow.flowOn(arc) > 0) {
      assignments.push({ need: candidates.needs[arcNeed[a]], tutor: arcTutor[a], block: arcBlock[a], score: arcValue[a] });
    }
  });
  return { assignments, phases: result.phases, arcs: flow.arcs, flexibility };
}

const SOURCE = 0;
const SINK = 1;
const FIRST_NEED = 2;

/** Numbers the (tutor, block) and tutor nodes that some need arc reaches. */
function buildNetwork(program: Program, usage: Usage, needCount: number, arcTutor: number[], arcBlock: number[]) {
  const nb = program.blockCount;
  const tutorBlockId = new Map<number, number>();
  const tutorNodes = new Map<number, number>();
  const tutorBlockLinks: [number, number][] = [];
  let nodeCount = FIRST_NEED + needCount;
  let slotArcs = 0;
  const tutorBlockNode = arcTutor.map((t, a) => {
    const key = t * nb + arcBlock[a];
    let node = tutorBlockId.get(key);
    if (node !== undefined) return node;
    node = nodeCount++;
    tutorBlockId.set(key, node);
    let tutorNode = tutorNodes.get(t);
    if (tutorNode === undefined) {
      tutorNode = nodeCount++;
      tutorNodes.set(t, tutorNode);
      slotArcs += Math.max(0, program.tutorCapacity[t] - usage.tutorLoad[t]);
    }
    tutorBlockLinks.push([node, tutorNode]);
    return node;
  });
  return { nodeCount, tutorBlockNode, tutorBlockLinks, tutorNodes, slotArcs: slotArcs + tutorBlockLinks.length };
}

/**
 * Bans what makes the new pairs clash (with each other: `usage` already excludes clashes with
 * earlier ones) and returns which pairs must move. Per student-block clash the pair with the fewest
 * alternatives (then the best score) keeps the block; per over-full block the most flexible pairs
 * (then the lowest scores) leave it.
 */
function banClashes(program: Program, assignments: Assignment[], flexibility: Map<number, number>, bans: Bans, usage: Usage): Uint8Array {
  const nb = program.blockCount;
  const flex = (a: Assignment) => flexibility.get(a.need) ?? 0;
  const use = copyUsage(usage);
  for (const a of assignments) addUse(program, use, a);
  const groups = new Map<number, number[]>();
  assignments.forEach((a, k) => {
    for (const key of [program.needs[a.need].student * nb + a.block, a.tutor * nb + a.block]) {
      if (use.studentBlock[key] > 1) (groups.get(key) ?? groups.set(key, []).get(key)!).push(k);
    }
  });
  const moved = new Uint8Array(assignments.length);
  for (const key of [...groups.keys()].sort((x, y) => x - y)) {
    const live = groups.get(key)!.filter((k) => !moved[k]);
    if (live.length <= 1) continue;
    live.sort((x, y) => flex(assignments[x]) - flex(assignments[y]) || assignments[y].score - assignments[x].score || x - y);
    const student = Math.floor(key / nb);
    for (const k of live.slice(1)) {
      const a = assignments[k];
      if (program.needs[a.need].student === student) bans.needBlock[a.need * nb + a.block] = 1;
      else bans.tutorBlock[student * nb + a.block] = 1;
      moved[k] = 1;
    }
  }
  banBlockOverflow(program, assignments, moved, flex, bans, usage);
  return moved;
}

function banBlockOverflow(program: Program, assignments: Assignment[], moved: Uint8Array, flex: (a: Assignment) => number, bans: Bans, usage: Usage) {
  const nb = program.blockCount;
  const inBlock: number[][] = program.blockNames.map(() => []);
  assignments.forEach((a, k) => {
    if (!moved[k]) inBlock[a.block].push(k);
  });
  inBlock.forEach((members, b) => {
    const excess = members.length - (program.blockRoom[b] - usage.blockPairs[b]);
    if (excess <= 0) return;
    members.sort((x, y) => flex(assignments[y]) - flex(assignments[x]) || assignments[x].score - assignments[y].score || x - y);
    for (const k of members.slice(0, excess)) {
      bans.needBlock[assignments[k].need * nb + b] = 1;
      moved[k] = 1;
    }
  });
}
