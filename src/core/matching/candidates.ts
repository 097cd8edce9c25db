// Which (tutor, need) combinations enter the flow network. A roster of 10,000 cannot afford every
// eligible combination (that is quadratic), so each need keeps its best tutors and each tutor keeps
// its best needs; the union keeps every tutor reachable, so scarce tutors are not crowded out of the
// graph by popular ones. Ties are broken by a fixed hash so the kept sets are diverse yet deterministic.
import { arcBonus, isEligible, isMatchable, needKey, pairScore, SAME_BLOCK_BONUS, type Need, type Program } from './program';
import { topTutors, type TutorIndex } from './tutor-index';

export interface CandidateLimits {
  /** Best tutors kept per need. */
  perNeed: number;
  /** Best needs kept per tutor. */
  perTutor: number;
}

export const DEFAULT_LIMITS: CandidateLimits = { perNeed: 12, perTutor: 8 };

/** What the flow may use: the needs still open and, per need, tutors best first. */
export interface Candidates {
  needs: number[];
  tutors: number[][];
  scores: number[][];
}

/** Block commitments of everything already decided (locked pairs, and later the flow's pairs). */
export interface Usage {
  /** Student × block: pairs the student meets in that block. */
  studentBlock: Int32Array;
  blockPairs: Int32Array;
  tutorLoad: Int32Array;
}

export function lockedUsage(program: Program): Usage {
  return {
    studentBlock: Int32Array.from(program.lockedBlockUse),
    blockPairs: new Int32Array(program.blockCount),
    tutorLoad: Int32Array.from(program.lockedLoad),
  };
}

export function copyUsage(usage: Usage): Usage {
  return { studentBlock: usage.studentBlock.slice(), blockPairs: usage.blockPairs.slice(), tutorLoad: usage.tutorLoad.slice() };
}

/** A need is open when its tutee can be matched and no locked pair already meets it. */
export function openNeeds(program: Program): number[] {
  const open: number[] = [];
  program.needs.forEach((need, n) => {
    const tutee = program.students[need.student];
    if (!isMatchable(program, need.student)) return;
    if (program.lockedNeeds.has(needKey(tutee.id, need.key))) return;
    open.push(n);
  });
  return open;
}

/** True when tutor t and the need's tutee are both free in block b and b has room (given `usage`). */
export function blockFits(program: Program, usage: Usage, t: number, s: number, b: number): boolean {
  const n = program.blockCount;
  return (
    program.available[t * n + b] === 1 &&
    usage.studentBlock[t * n + b] === 0 &&
    usage.studentBlock[s * n + b] === 0 &&
    usage.blockPairs[b] < program.blockRoom[b]
  );
}

export function hasFittingBlock(program: Program, usage: Usage, t: number, s: number): boolean {
  for (const b of program.blocksOf[s]) if (blockFits(program, usage, t, s, b)) return true;
  return false;
}

/** A tutor who passes every hard rule for `need` and still has room given `usage`. */
export function isOpenTutor(program: Program, usage: Usage, t: number, need: Need): boolean {
  if (usage.tutorLoad[t] >= program.tutorCapacity[t]) return false;
  // The cheapest test first: no block in common at all.
  if (program.masksValid && (program.availabilityMask[t] & program.availabilityMask[need.student]) === 0) return false;
  return isEligible(program, t, need) && hasFittingBlock(program, usage, t, need.student);
}

const tieHash = (n: number, t: number) => (Math.imul(n + 1, 0x9e3779b1) ^ Math.imul(t + 1, 0x85ebca6b)) >>> 0;

/** Fixed-size "best k" lists stored flat: item ids and scores, best first. */
class TopLists {
  readonly ids: Int32Array;
  readonly scores: Float64Array;
  private readonly hashes: Uint32Array;
  readonly counts: Int32Array;

  constructor(
    lists: number,
    private readonly k: number,
  ) {
    this.ids = new Int32Array(lists * k);
    this.scores = new Float64Array(lists * k);
    this.hashes = new Uint32Array(lists * k);
    this.counts = new Int32Array(lists);
  }

  offer(list: number, id: number, score: number, hash: number) {
    const base = list * this.k;
    let i = this.counts[list];
    if (i === this.k) {
      if (!this.better(score, hash, base + i - 1)) return;
      i--;
    } else {
      this.counts[list]++;
    }
    while (i > 0 && this.better(score, hash, base + i - 1)) {
      this.ids[base + i] = this.ids[base + i - 1];
      this.scores[base + i] = this.scores[base + i - 1];
      this.hashes[base + i] = this.hashes[base + i - 1];
      i--;
    }
    this.ids[base + i] = id;
    this.scores[base + i] = score;
    this.hashes[base + i] = hash;
  }

  private better(score: number, hash: number, slot: number): boolean {
    return score > this.scores[slot] || (score === this.scores[slot] && hash < this.hashes[slot]);
  }
}

const NO_TUTORS: number[] = [];

/** Every tutor of each need's subject still open for it (the full scan), with its score and tie hash. */
function forEachOpenPair(
  program: Program,
  usage: Usage,
  needs: readonly number[],
  visit: (i: number, n: number, t: number, score: number, hash: number) => void,
): void {
  needs.forEach((n, i) => {
    const need = program.needs[n];
    for (const t of program.tutorsBySubject.get(need.key) ?? NO_TUTORS) {
      if (isOpenTutor(program, usage, t, need)) visit(i, n, t, pairScore(program, t, need), tieHash(n, t));
    }
  });
}

export function selectCandidates(program: Program, usage: Usage, limits: CandidateLimits, needs = openNeeds(program)): Candidates {
  const perNeed = new TopLists(needs.length, Math.max(1, limits.perNeed));
  const perTutor = new TopLists(program.students.length, Math.max(1, limits.perTutor));
  forEachOpenPair(program, usage, needs, (i, n, t, score, hash) => {
    perNeed.offer(i, t, score, hash);
    if (Number.isFinite(limits.perTutor)) perTutor.offer(t, i, score, hash);
  });
  const tutors: number[][] = needs.map(() => []);
  const scores: number[][] = needs.map(() => []);
  const k = Math.max(1, limits.perNeed);
  needs.forEach((_, i) => {
    for (let j = 0; j < perNeed.counts[i]; j++) {
      tutors[i].push(perNeed.ids[i * k + j]);
      scores[i].push(perNeed.scores[i * k + j]);
    }
  });
  addTutorsFavourites(program, perTutor, limits, tutors, scores);
  addShownTutors(program, usage, needs, tutors, scores);
  return { needs, tutors, scores: sortBest(needs, tutors, scores) };
}

/** The candidates of `needs` that still fit beside `usage` (no rescan of the roster). */
export function narrowCandidates(program: Program, all: Candidates, usage: Usage, needs: Set<number>): Candidates {
  const narrowed: Candidates = { needs: [], tutors: [], scores: [] };
  all.needs.forEach((n, i) => {
    if (!needs.has(n)) return;
    const keep = all.tutors[i].map((t, j) => j).filter((j) => isOpenTutor(program, usage, all.tutors[i][j], program.needs[n]));
    if (keep.length === 0) return;
    narrowed.needs.push(n);
    narrowed.tutors.push(keep.map((j) => all.tutors[i][j]));
    narrowed.scores.push(keep.map((j) => all.scores[i][j]));
  });
  return narrowed;
}

function addTutorsFavourites(program: Program, perTutor: TopLists, limits: CandidateLimits, tutors: number[][], scores: number[][]) {
  const k = Math.max(1, limits.perTutor);
  for (let t = 0; t < program.students.length; t++) {
    for (let j = 0; j < perTutor.counts[t]; j++) {
      const i = perTutor.ids[t * k + j];
      if (tutors[i].includes(t)) continue;
      tutors[i].push(t);
      scores[i].push(perTutor.scores[t * k + j]);
    }
  }
}

/** The tutor the teacher sees for a need always stays a candidate, so the pair can be kept. */
function addShownTutors(program: Program, usage: Usage, needs: number[], tutors: number[][], scores: number[][]) {
  needs.forEach((n, i) => {
    const need = program.needs[n];
    const t = need.shown?.tutor;
    if (t === undefined || tutors[i].includes(t) || !isOpenTutor(program, usage, t, need)) return;
    tutors[i].push(t);
    scores[i].push(pairScore(program, t, need));
  });
}

/** Orders each need's tutors best first (score, then the fixed hash) and returns the scores in that order. */
function sortBest(needs: number[], tutors: number[][], scores: number[][]): number[][] {
  return needs.map((n, i) => {
    const order = tutors[i].map((_, j) => j);
    order.sort((a, b) => scores[i][b] - scores[i][a] || tieHash(n, tutors[i][a]) - tieHash(n, tutors[i][b]));
    const sortedTutors = order.map((j) => tutors[i][j]);
    const sortedScores = order.map((j) => scores[i][j]);
    tutors[i] = sortedTutors;
    return sortedScores;
  });
}

/** One placed need: its tutor and block. */
export interface Assignment {
  need: number;
  tutor: number;
  block: number;
  /** Pair score, including the bonus for keeping a continuing pair's block. */
  score: number;
}

/** Student × block use of locked pairs plus `assignments`. */
export function usageOf(program: Program, assignments: Assignment[]): Usage {
  const usage = lockedUsage(program);
  for (const a of assignments) addUse(program, usage, a);
  return usage;
}

/** Counts one more pair in `usage`: both students busy in the block, the block and the tutor one fuller. */
export function addUse(program: Program, usage: Usage, a: Assignment) {
  const nb = program.blockCount;
  usage.studentBlock[program.needs[a.need].student * nb + a.block]++;
  usage.studentBlock[a.tutor * nb + a.block]++;
  usage.blockPairs[a.block]++;
  usage.tutorLoad[a.tutor]++;
}

/** Every (need, tutor, block) that keeps the hard rules beside `usage`, need by need, tutors in roster order. */
export function eligibleArcs(program: Program, usage: Usage, needs = openNeeds(program)): { need: number[]; tutor: number[]; block: number[]; value: number[] } {
  const arcs = { need: [] as number[], tutor: [] as number[], block: [] as number[], value: [] as number[] };
  for (const n of needs) {
    const need = program.needs[n];
    for (const t of program.tutorsBySubject.get(need.key) ?? []) {
      if (!isOpenTutor(program, usage, t, need)) continue;
      const base = pairScore(program, t, need);
      for (const b of program.blocksOf[need.student]) {
        if (!blockFits(program, usage, t, need.student, b)) continue;
        arcs.need.push(n);
        arcs.tutor.push(t);
        arcs.block.push(b);
        arcs.value.push(base + arcBonus(program, t, need, b));
      }
    }
  }
  return arcs;
}

/** Where each need and each tutor could meet anyone at all: the blocks the priced rules are built on. */
export interface Reach {
  /** Need → blocks it could meet in with some eligible tutor. */
  needBlocks: Map<number, number[]>;
  /** Tutor → blocks they could tutor some eligible need in. */
  tutorBlocks: Map<number, number[]>;
}

/** The relaxation's arcs: the best tutors of each need with every block they share, and what was left out. */
export interface CandidateArcs {
  arcs: { need: number[]; tutor: number[]; block: number[]; value: number[] };
  /** Per need (program index): best value of a left-out combination (-Infinity: none left out). */
  outside: Float64Array;
  reach: Reach;
}

/** Above this many (need, tutor) combinations to read, candidates come from the tutor index instead of a full scan. */
const FULL_SCAN_LIMIT = 1_500_000;

/**
 * Each need's `limits.perNeed` best tutors with every block the pair shares, and a bound on the best
 * score left out (the (k+1)-th best, plus the most an arc's bonuses can add), so bounds computed on
 * these arcs hold for the whole problem. A roster small enough is scanned in full (and each tutor
 * also keeps its `limits.perTutor` favourite needs); a large one is read through a {@link TutorIndex}.
 */
export function candidateArcs(program: Program, usage: Usage, limits: CandidateLimits, index?: TutorIndex): CandidateArcs {
  const needs = openNeeds(program);
  let pairs = 0;
  for (const n of needs) pairs += program.tutorsBySubject.get(program.needs[n].key)?.length ?? 0;
  if (index && pairs > FULL_SCAN_LIMIT && program.masksValid) return indexedCandidateArcs(program, usage, limits, index, needs);
  const k = Math.max(1, limits.perNeed);
  const perNeed = new TopLists(needs.length, k + 1);
  const perTutor = new TopLists(program.students.length, Math.max(1, limits.perTutor));
  const needBlocks = new Map<number, Set<number>>();
  const tutorBlocks = new Map<number, Set<number>>();
  forEachOpenPair(program, usage, needs, (i, n, t, score, hash) => {
    perNeed.offer(i, t, score, hash);
    if (Number.isFinite(limits.perTutor)) perTutor.offer(t, i, score, hash);
    addSharedBlocks(program, usage, t, program.needs[n].student, n, needBlocks, tutorBlocks);
  });
  const tutors: number[][] = needs.map(() => []);
  const scores: number[][] = needs.map(() => []);
  const outside = new Float64Array(program.needs.length).fill(-Infinity);
  const bonusCap = SAME_BLOCK_BONUS + Math.max(0, program.weights.stability);
  needs.forEach((n, i) => {
    const kept = Math.min(k, perNeed.counts[i]);
    for (let j = 0; j < kept; j++) {
      tutors[i].push(perNeed.ids[i * (k + 1) + j]);
      scores[i].push(perNeed.scores[i * (k + 1) + j]);
    }
    if (perNeed.counts[i] > k) outside[n] = perNeed.scores[i * (k + 1) + k] + bonusCap;
  });
  addTutorsFavourites(program, perTutor, limits, tutors, scores);
  addShownTutors(program, usage, needs, tutors, scores);
  sortBest(needs, tutors, scores);
  const arcs = { need: [] as number[], tutor: [] as number[], block: [] as number[], value: [] as number[] };
  needs.forEach((n, i) => {
    const need = program.needs[n];
    for (const t of tutors[i]) {
      const base = pairScore(program, t, need);
      for (const b of program.blocksOf[need.student]) {
        if (!blockFits(program, usage, t, need.student, b)) continue;
        arcs.need.push(n);
        arcs.tutor.push(t);
        arcs.block.push(b);
        arcs.value.push(base + arcBonus(program, t, need, b));
      }
    }
  });
  const sorted = (map: Map<number, Set<number>>) => new Map([...map].map(([key, set]) => [key, [...set].sort((x, y) => x - y)] as [number, number[]]));
  return { arcs, outside, reach: { needBlocks: sorted(needBlocks), tutorBlocks: sorted(tutorBlocks) } };
}

/** {@link candidateArcs} through the tutor index: top tutors per need, and where anyone could meet from availability masks. */
function indexedCandidateArcs(program: Program, usage: Usage, limits: CandidateLimits, index: TutorIndex, needs: number[]): CandidateArcs {
  const k = Math.max(1, limits.perNeed);
  const bonusCap = SAME_BLOCK_BONUS + Math.max(0, program.weights.stability);
  const outside = new Float64Array(program.needs.length).fill(-Infinity);
  const arcs = { need: [] as number[], tutor: [] as number[], block: [] as number[], value: [] as number[] };
  for (const n of needs) {
    const need = program.needs[n];
    const top = topTutors(program, index, n, k, (t) => isOpenTutor(program, usage, t, need), (t) => tieHash(n, t));
    if (top.outside > -Infinity) outside[n] = top.outside + bonusCap;
    top.tutors.forEach((t, j) => {
      for (const b of program.blocksOf[need.student]) {
        if (!blockFits(program, usage, t, need.student, b)) continue;
        arcs.need.push(n);
        arcs.tutor.push(t);
        arcs.block.push(b);
        arcs.value.push(top.scores[j] + arcBonus(program, t, need, b));
      }
    });
  }
  return { arcs, outside, reach: maskedReach(program, usage, needs) };
}

/**
 * Where each need and tutor could meet, over-estimated from availability alone (a need: its tutee's
 * free blocks where some tutor of the subject is free too; a tutor: their free blocks where some
 * tutee needing one of their subjects is free). Over-estimating only adds rules that never bind.
 */
function maskedReach(program: Program, usage: Usage, needs: number[]): Reach {
  const nb = program.blockCount;
  const free = (s: number) => {
    let mask = 0;
    for (const b of program.blocksOf[s]) if (usage.studentBlock[s * nb + b] === 0 && usage.blockPairs[b] < program.blockRoom[b]) mask |= 1 << b;
    return mask;
  };
  const tutorsFree = new Map<string, number>();
  for (const [key, tutors] of program.tutorsBySubject) {
    let mask = 0;
    for (const t of tutors) if (program.tutorUsable[t] && usage.tutorLoad[t] < program.tutorCapacity[t]) mask |= free(t);
    tutorsFree.set(key, mask);
  }
  const tuteesFree = new Map<string, number>();
  const needBlocks = new Map<number, number[]>();
  for (const n of needs) {
    const need = program.needs[n];
    const mask = free(need.student);
    tuteesFree.set(need.key, (tuteesFree.get(need.key) ?? 0) | mask);
    const reach = maskBlocks(mask & (tutorsFree.get(need.key) ?? 0), nb);
    if (reach.length) needBlocks.set(n, reach);
  }
  const tutorBlocks = new Map<number, number[]>();
  for (let t = 0; t < program.students.length; t++) {
    if (!program.tutorUsable[t] || usage.tutorLoad[t] >= program.tutorCapacity[t]) continue;
    let wanted = 0;
    for (const key of program.canTutor[t].keys()) wanted |= tuteesFree.get(key) ?? 0;
    const reach = maskBlocks(free(t) & wanted, nb);
    if (reach.length) tutorBlocks.set(t, reach);
  }
  return { needBlocks, tutorBlocks };
}

function maskBlocks(mask: number, count: number): number[] {
  const blocks: number[] = [];
  for (let b = 0; b < count; b++) if (mask & (1 << b)) blocks.push(b);
  return blocks;
}

function addSharedBlocks(program: Program, usage: Usage, t: number, s: number, n: number, needBlocks: Map<number, Set<number>>, tutorBlocks: Map<number, Set<number>>) {
  let forNeed = needBlocks.get(n);
  if (!forNeed) needBlocks.set(n, (forNeed = new Set()));
  let forTutor = tutorBlocks.get(t);
  if (!forTutor) tutorBlocks.set(t, (forTutor = new Set()));
  for (const b of program.blocksOf[s]) {
    if (!blockFits(program, usage, t, s, b)) continue;
    forNeed.add(b);
    forTutor.add(b);
  }
}
