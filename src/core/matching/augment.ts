// Augmenting local search after the flow and its repair. The repair settles block clashes and block
// Capacity by banning, which can leave a need unplaced although a small rearrangement would fit it:
// its tutee or tutor is busy in the only shared block, the block is full, or the tutor is at capacity.
// For each unplaced need this tries every candidate (tutor, block), ejects the (at most MAX_EJECTED)
// pairs in the way, places the need and re-inserts each ejected pair at its best other (tutor, block).
// A move is kept only when everything is re-placed, so every move places one more need (the
// objective is placements first); among the moves of a need the best total score wins.
// Work is counted, not timed, so the result is deterministic; the budget scales with the roster.
import { addUse, blockFits, usageOf, type Assignment, type Usage } from './candidates';
import { slotCost, type Program } from './program';

/** Pairs a move may displace: two covers the tutee's and the tutor's clash, or a clash and a full block. */
const MAX_EJECTED = 2;
/** Members of a full block (or pairs of a full tutor) tried as the one to move out. */
const EVICTION_SCAN = 12;
const MAX_PASSES = 3;

interface Move {
  ejected: number[];
  tutor: number;
  block: number;
}

/** Assignments with the indexes a move needs: who meets in each student-block, each block's pairs. */
class Placement {
  readonly list: (Assignment | null)[];
  readonly usage: Usage;
  /** Student × block → index in `list` of the proposed pair the student meets in (-1: none or locked). */
  private readonly occupant: Int32Array;
  /** Each block's proposed pairs in insertion order (deterministic): a pair put back goes last. */
  private readonly inBlock: BlockLists;
  readonly work = { count: 0 };

  constructor(
    private readonly program: Program,
    assignments: Assignment[],
  ) {
    this.list = [];
    this.usage = usageOf(program, []);
    this.occupant = new Int32Array(program.students.length * program.blockCount).fill(-1);
    this.inBlock = new BlockLists(program.blockCount, assignments.length);
    for (const a of assignments) this.add(a);
  }

  occupantOf(s: number, b: number): number {
    return this.occupant[s * this.program.blockCount + b];
  }

  add(a: Assignment): number {
    this.list.push(null);
    this.restore(this.list.length - 1, a);
    return this.list.length - 1;
  }

  /** Puts a removed pair back at its old index (rollback keeps the indexes a search holds valid). */
  restore(i: number, a: Assignment) {
    addUse(this.program, this.usage, a);
    this.list[i] = a;
    this.mark(a, i);
    this.inBlock.append(a.block, i);
  }

  remove(i: number): Assignment {
    const a = this.list[i]!;
    removeUse(this.program, this.usage, a);
    this.mark(a, -1);
    this.inBlock.unlink(a.block, i);
    this.list[i] = null;
    return a;
  }

  /** Undoes the last {@link add}. */
  pop() {
    this.remove(this.list.length - 1);
    this.list.pop();
  }

  /** Up to `limit` of block b's proposed pairs that `keep` lets through, in insertion order. */
  pairsInBlock(b: number, limit: number, keep: (i: number) => boolean): number[] {
    const found: number[] = [];
    // Read only as far as needed: a full block of a large roster holds thousands of pairs.
    for (let i = this.inBlock.first(b); i >= 0 && found.length < limit; i = this.inBlock.after(i)) {
      if (keep(i)) found.push(i);
    }
    return found;
  }

  /** Tutor t's proposed pairs: one per block at most. */
  pairsOfTutor(t: number): number[] {
    const found: number[] = [];
    for (const b of this.program.blocksOf[t]) {
      const i = this.occupantOf(t, b);
      if (i >= 0 && this.list[i]!.tutor === t) found.push(i);
    }
    return found;
  }

  private mark(a: Assignment, i: number) {
    const nb = this.program.blockCount;
    this.occupant[this.program.needs[a.need].student * nb + a.block] = i;
    this.occupant[a.tutor * nb + a.block] = i;
  }
}

/**
 * Pair indexes per block as doubly linked lists: the order of a Set (a pair taken out and put back
 * goes last), without the rehashing a Set does when a search takes thousands of pairs out and puts
 * them back (a quarter of this search's time on a roster of 20,000).
 */
class BlockLists {
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private next: Int32Array;
  private prev: Int32Array;

  constructor(blocks: number, pairs: number) {
    this.head = new Int32Array(blocks).fill(-1);
    this.tail = new Int32Array(blocks).fill(-1);
    this.next = new Int32Array(Math.max(16, pairs));
    this.prev = new Int32Array(Math.max(16, pairs));
  }

  first(b: number): number {
    return this.head[b];
  }

  after(i: number): number {
    return this.next[i];
  }

  append(b: number, i: number) {
    if (i >= this.next.length) this.grow(i);
    const last = this.tail[b];
    this.prev[i] = last;
    this.next[i] = -1;
    if (last >= 0) this.next[last] = i;
    else this.head[b] = i;
    this.tail[b] = i;
  }

  unlink(b: number, i: number) {
    const before = this.prev[i];
    const after = this.next[i];
    if (before >= 0) this.next[before] = after;
    else this.head[b] = after;
    if (after >= 0) this.prev[after] = before;
    else this.tail[b] = before;
  }

  private grow(i: number) {
    const size = Math.max(i + 1, this.next.length * 2);
    const next = new Int32Array(size);
    const prev = new Int32Array(size);
    next.set(this.next);
    prev.set(this.prev);
    this.next = next;
    this.prev = prev;
  }
}

function removeUse(program: Program, usage: Usage, a: Assignment) {
  const nb = program.blockCount;
  usage.studentBlock[program.needs[a.need].student * nb + a.block]--;
  usage.studentBlock[a.tutor * nb + a.block]--;
  usage.blockPairs[a.block]--;
  usage.tutorLoad[a.tutor]--;
}

/** Objective change of adding (sign 1) or removing (sign −1) a pair at the tutor's current load. */
function delta(program: Program, usage: Usage, a: Assignment, sign: 1 | -1): number {
  const load = usage.tutorLoad[a.tutor];
  return sign === 1 ? a.score - slotCost(program, load + 1) : slotCost(program, load) - a.score;
}

export interface AugmentOptions {
  /** Each need's candidate tutors (the flow's, best first). */
  tutorsOf: Map<number, number[]>;
  /** Scores a (tutor, need, block): the same values the flow used. */
  score: (t: number, n: number, b: number) => number;
  /** Work units (candidate checks) the search may spend. */
  budget: number;
}

/** Places unplaced `open` needs by displacing up to two pairs each; returns the new assignments and how many it placed. */
export function augment(program: Program, assignments: Assignment[], open: number[], options: AugmentOptions): { assignments: Assignment[]; placed: number } {
  const placement = new Placement(program, assignments);
  const placedNeeds = new Set(assignments.map((a) => a.need));
  let placed = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let gained = 0;
    for (const n of open) {
      if (placedNeeds.has(n) || placement.work.count > options.budget) continue;
      const best = bestMove(program, placement, n, options);
      if (!best) continue;
      apply(program, placement, n, best.move, options);
      placedNeeds.add(n);
      gained++;
    }
    placed += gained;
    if (gained === 0) break;
  }
  return { assignments: placement.list.filter((a): a is Assignment => a !== null), placed };
}

/** The best-scoring move that places need n, or null. */
function bestMove(program: Program, placement: Placement, n: number, options: AugmentOptions): { move: Move; gain: number } | null {
  const s = program.needs[n].student;
  let best: { move: Move; gain: number } | null = null;
  for (const t of options.tutorsOf.get(n) ?? []) {
    for (const b of program.blocksOf[s]) {
      if (!program.available[t * program.blockCount + b]) continue;
      placement.work.count++;
      for (const ejected of ejectionSets(program, placement, s, t, b)) {
        const gain = tryMove(program, placement, n, { ejected, tutor: t, block: b }, options, false);
        if (gain !== null && (best === null || gain > best.gain)) best = { move: { ejected, tutor: t, block: b }, gain };
      }
    }
  }
  return best;
}

/**
 * The sets of pairs whose removal frees (tutor t, tutee s, block b): the pairs s and t meet in b
 * (a locked one makes b impossible), plus one pair out of b when b is full and one of t's pairs when
 * t is at capacity. Empty list: b cannot be freed within MAX_EJECTED pairs.
 */
function ejectionSets(program: Program, placement: Placement, s: number, t: number, b: number): number[][] {
  const { usage } = placement;
  const nb = program.blockCount;
  const clash: number[] = [];
  for (const student of [s, t]) {
    if (usage.studentBlock[student * nb + b] === 0) continue;
    const i = placement.occupantOf(student, b);
    if (i < 0) return [];
    if (!clash.includes(i)) clash.push(i);
  }
  const list = placement.list;
  const blockShort = usage.blockPairs[b] - clash.length >= program.blockRoom[b];
  const tutorShort = usage.tutorLoad[t] - clash.filter((i) => list[i]!.tutor === t).length >= program.tutorCapacity[t];
  const extra = (blockShort ? 1 : 0) + (tutorShort ? 1 : 0);
  if (clash.length + extra > MAX_EJECTED) return [];
  if (extra === 0) return [clash];
  // One pair must leave: out of block b (and, when t is also full, one of t's own pairs there).
  const outside = (i: number) => !clash.includes(i);
  if (extra === 2) {
    // Both short and nothing clashes (t is free in b, so no pair of t's is in b): one of each leaves.
    const inBlock = placement.pairsInBlock(b, EVICTION_SCAN, outside);
    const ofTutor = placement.pairsOfTutor(t).filter(outside);
    return inBlock.flatMap((i) => ofTutor.map((j) => [i, j]));
  }
  const choices = blockShort ? placement.pairsInBlock(b, EVICTION_SCAN, outside) : placement.pairsOfTutor(t).filter(outside).slice(0, EVICTION_SCAN);
  return choices.map((i) => [...clash, i]);
}

/**
 * Ejects, places n at (tutor, block), re-inserts the ejected pairs; returns the score gain, or null
 * when an ejected pair finds no place. Rolls everything back unless `commit`.
 */
function tryMove(program: Program, placement: Placement, n: number, move: Move, options: AugmentOptions, commit: boolean): number | null {
  const removed = move.ejected.map((i) => ({ i, a: placement.list[i]! }));
  let gain = 0;
  for (const { i, a } of removed) {
    gain += delta(program, placement.usage, a, -1);
    placement.remove(i);
  }
  const s = program.needs[n].student;
  const added: number[] = [];
  let ok = blockFits(program, placement.usage, move.tutor, s, move.block) && placement.usage.tutorLoad[move.tutor] < program.tutorCapacity[move.tutor];
  if (ok) {
    const a: Assignment = { need: n, tutor: move.tutor, block: move.block, score: options.score(move.tutor, n, move.block) };
    gain += delta(program, placement.usage, a, 1);
    added.push(placement.add(a));
  }
  for (const { a } of removed) {
    if (!ok) break;
    const again = bestReinsertion(program, placement, a.need, options);
    if (!again) ok = false;
    else {
      gain += delta(program, placement.usage, again, 1);
      added.push(placement.add(again));
    }
  }
  if (ok && commit) return gain;
  for (let k = 0; k < added.length; k++) placement.pop();
  for (const { i, a } of removed) placement.restore(i, a);
  return ok ? gain : null;
}

function apply(program: Program, placement: Placement, n: number, move: Move, options: AugmentOptions) {
  tryMove(program, placement, n, move, options, true);
}

/** Best (tutor, block) among need m's candidates that fits beside the current placement. */
function bestReinsertion(program: Program, placement: Placement, m: number, options: AugmentOptions): Assignment | null {
  const { usage } = placement;
  const s = program.needs[m].student;
  let best: Assignment | null = null;
  let bestValue = -Infinity;
  for (const t of options.tutorsOf.get(m) ?? []) {
    if (usage.tutorLoad[t] >= program.tutorCapacity[t]) continue;
    const slot = slotCost(program, usage.tutorLoad[t] + 1);
    for (const b of program.blocksOf[s]) {
      placement.work.count++;
      if (!blockFits(program, usage, t, s, b)) continue;
      const score = options.score(t, m, b);
      if (score - slot > bestValue) {
        bestValue = score - slot;
        best = { need: m, tutor: t, block: b, score };
      }
    }
  }
  return best;
}
