// Feasible matchings from infeasible ones, and the lexicographic comparison every part of the solver
// uses: more placed needs first, then a higher objective (pair scores with their bonuses, minus the
// load-spreading cost of each tutor's extra tutees).
import { addUse, blockFits, copyUsage, isOpenTutor, lockedUsage, openNeeds, usageOf, type Assignment, type Usage } from './candidates';
import { arcBonus, isEligible, pairScore, slotCost, type Program } from './program';
import { TutorIndex } from './tutor-index';

/** Lexicographic: more placed needs first, then a higher objective. */
export function compareOutcome(program: Program, x: Assignment[], y: Assignment[]): number {
  return x.length - y.length || objective(program, x) - objective(program, y);
}

/** Scores (with bonuses) minus slot costs beyond the locked load. */
export function objective(program: Program, assignments: Assignment[]): number {
  const load = Int32Array.from(program.lockedLoad);
  let total = 0;
  for (const a of assignments) total += a.score - slotCost(program, ++load[a.tutor]);
  return total;
}

/** Value of tutor t for need n meeting in block b: the pair score plus the arc's bonuses. */
export function arcValue(program: Program, t: number, n: number, b: number): number {
  const need = program.needs[n];
  return pairScore(program, t, need) + arcBonus(program, t, need, b);
}

/** Keeps pairs in the given order while they fit beside `base` and each other. */
export function dropClashes(program: Program, assignments: Assignment[], base: Usage): Assignment[] {
  const kept: Assignment[] = [];
  const usage = copyUsage(base);
  for (const a of assignments) {
    const s = program.needs[a.need].student;
    if (usage.tutorLoad[a.tutor] >= program.tutorCapacity[a.tutor] || !blockFits(program, usage, a.tutor, s, a.block)) continue;
    kept.push(a);
    addUse(program, usage, a);
  }
  return kept;
}

/**
 * Places each still-open need with the best tutor and block that fit beside everything placed.
 * `tutors`: a {@link TutorIndex} gives exactly the same answer as scanning every tutor, much faster on
 * a large roster; a map restricts each need to its own candidate tutors.
 */
export function fillGreedily(program: Program, assignments: Assignment[], tutors?: Map<number, number[]> | TutorIndex): Assignment[] {
  const usage = usageOf(program, assignments);
  const placed = new Set(assignments.map((a) => a.need));
  const result = [...assignments];
  const fill: FillState = { live: new Map(), free: program.masksValid ? new FreeBlocks(program, usage) : undefined };
  for (const n of openNeeds(program)) {
    if (placed.has(n)) continue;
    const best =
      tutors instanceof TutorIndex && program.weights.loadSpread >= 0 ? bestInsertionIndexed(program, tutors, usage, n, fill) : bestInsertion(program, usage, n, tutors instanceof Map ? tutors.get(n) ?? [] : undefined);
    if (!best) continue;
    result.push(best);
    addUse(program, usage, best);
    fill.free?.add(best);
  }
  return result;
}

/**
 * What one fill knows beyond `usage`. Within a fill, loads and block use only grow, so: each tutor
 * group keeps its tutors with room by load (`live`), each load's list in roster order, so a need
 * reads the least loaded tutors first (all of a group's tutors score alike for a need; the next slot
 * cost alone sets them apart) instead of walking past every tutor that already has a tutee; and each
 * student's free blocks are a bit mask, so a tutor with room but no free block in common is passed
 * over in one test instead of a walk over the tutee's blocks (on a large roster most tutors with room
 * are such). A group also keeps the union of its tutors' free blocks when last read whole: free
 * blocks only shrink, so a group whose union misses the tutee's free blocks is skipped whole.
 */
interface FillState {
  live: Map<number[], LiveGroup>;
  free?: FreeBlocks;
}

interface LiveGroup {
  /** byLoad[k]: tutors with k tutees and room for more, in roster order (a tutor that took one since is moved when met). */
  byLoad: number[][];
  /** Union of the free blocks of the group's tutors with room when last read whole (-1: not read yet). */
  free: number;
}

function liveGroup(program: Program, usage: Usage, tutors: number[]): LiveGroup {
  const byLoad: number[][] = [];
  for (const t of tutors) {
    const load = usage.tutorLoad[t];
    if (load < program.tutorCapacity[t]) (byLoad[load] ??= []).push(t);
  }
  return { byLoad, free: -1 };
}

/** Puts t into its load's list at its roster place. */
function moveToLoad(program: Program, usage: Usage, live: LiveGroup, t: number) {
  const load = usage.tutorLoad[t];
  if (load >= program.tutorCapacity[t]) return;
  const list = (live.byLoad[load] ??= []);
  let at = list.length;
  while (at > 0 && list[at - 1] > t) at--;
  list.splice(at, 0, t);
}

/** Per student, the available blocks they do not meet in yet; and the blocks with room (masks valid only). */
class FreeBlocks {
  private readonly student: Int32Array;
  private open = 0;

  constructor(
    private readonly program: Program,
    private readonly usage: Usage,
  ) {
    const nb = program.blockCount;
    this.student = Int32Array.from(program.availabilityMask);
    for (let s = 0; s < program.students.length; s++) {
      for (const b of program.blocksOf[s]) if (usage.studentBlock[s * nb + b] !== 0) this.student[s] &= ~(1 << b);
    }
    for (let b = 0; b < nb; b++) if (usage.blockPairs[b] < program.blockRoom[b]) this.open |= 1 << b;
  }

  /** Student s's free available blocks. */
  of(s: number): number {
    return this.student[s];
  }

  /** False when no block fits tutor t and tutee s (true does not promise one does: blockFits decides). */
  mayFit(t: number, s: number): boolean {
    return (this.student[t] & this.student[s] & this.open) !== 0;
  }

  /** {@link mayFit} for a tutor whose free blocks are among `blocks`. */
  mayFitAny(blocks: number, s: number): boolean {
    return (blocks & this.student[s] & this.open) !== 0;
  }

  add(a: Assignment) {
    const bit = 1 << a.block;
    this.student[a.tutor] &= ~bit;
    this.student[this.program.needs[a.need].student] &= ~bit;
    if (this.usage.blockPairs[a.block] >= this.program.blockRoom[a.block]) this.open &= ~bit;
  }
}

/** The best (tutor, block) for need n given `usage`, or null: score minus the tutor's next slot cost. */
export function bestInsertion(program: Program, usage: Usage, n: number, tutors?: number[]): Assignment | null {
  const need = program.needs[n];
  let best: Assignment | null = null;
  let bestValue = -Infinity;
  for (const t of tutors ?? program.tutorsBySubject.get(need.key) ?? []) {
    if (!isOpenTutor(program, usage, t, need)) continue;
    const base = pairScore(program, t, need);
    const slot = slotCost(program, usage.tutorLoad[t] + 1);
    for (const b of program.blocksOf[need.student]) {
      if (!blockFits(program, usage, t, need.student, b)) continue;
      const score = base + arcBonus(program, t, need, b);
      if (score - slot > bestValue) {
        bestValue = score - slot;
        best = { need: n, tutor: t, block: b, score };
      }
    }
  }
  return best;
}

/**
 * The same choice as {@link bestInsertion} over every tutor (ties to the first tutor in roster order,
 * then the first block), reading tutor groups only while one could still match or beat the best.
 * Only special tutors (continuing, requested, shown) earn bonuses beyond a group's bound, so within a
 * group a tutor's value is the bound minus its next slot cost: lists are read least loaded first, and
 * the first open tutor of a list is the best of it. (Slot costs grow with the load, as weights are
 * never negative; a tutor met in a list below its load is moved up, so a list read later is whole.)
 */
function bestInsertionIndexed(program: Program, index: TutorIndex, usage: Usage, n: number, fill: FillState): Assignment | null {
  const need = program.needs[n];
  let best: Assignment | null = null;
  let bestValue = -Infinity;
  const consider = (t: number, groupScore?: number) => {
    if (!isOpenTutor(program, usage, t, need)) return;
    const base = groupScore ?? pairScore(program, t, need);
    const slot = slotCost(program, usage.tutorLoad[t] + 1);
    for (const b of program.blocksOf[need.student]) {
      if (!blockFits(program, usage, t, need.student, b)) continue;
      const score = base + arcBonus(program, t, need, b);
      const value = score - slot;
      if (value > bestValue || (value === bestValue && best !== null && t < best.tutor)) {
        bestValue = value;
        best = { need: n, tutor: t, block: b, score };
      }
    }
  };
  for (const t of index.specialTutors(n)) consider(t);
  for (const group of index.groupsFor(need)) {
    // Slot costs are never negative and only special tutors earn bonuses, so a group's bound also bounds
    // its values; ties need reading (roster order).
    if (group.bound < bestValue) break;
    let live = fill.live.get(group.tutors);
    if (!live) fill.live.set(group.tutors, (live = liveGroup(program, usage, group.tutors)));
    if (fill.free && !fill.free.mayFitAny(live.free, need.student)) continue;
    let readWhole = true;
    let free = 0;
    for (let load = 0; load < live.byLoad.length; load++) {
      const list = live.byLoad[load];
      if (!list || list.length === 0) continue;
      const value = group.bound - slotCost(program, load + 1);
      if (value < bestValue) {
        readWhole = false;
        break;
      }
      const moved: number[] = [];
      let kept = 0;
      let i = 0;
      for (; i < list.length; i++) {
        const t = list[i];
        // No later tutor of the list can win: the same value, and a tie goes to the lower index.
        if (value === bestValue && t > best!.tutor) break;
        if (usage.tutorLoad[t] !== load) {
          moved.push(t);
          continue;
        }
        list[kept++] = t;
        if (fill.free) {
          free |= fill.free.of(t);
          if (!fill.free.mayFit(t, need.student)) continue;
        }
        if (index.isSpecial(n, t)) continue;
        consider(t, group.bound);
        if ((best as Assignment | null)?.tutor === t) {
          i++;
          break;
        }
      }
      if (i < list.length) readWhole = false;
      list.copyWithin(kept, i);
      list.length -= i - kept;
      for (const t of moved) moveToLoad(program, usage, live, t);
    }
    if (readWhole) live.free = free;
  }
  return best;
}

/** The shown pairs that still keep every hard rule beside the locked ones and each other, in need order. */
export function shownAssignments(program: Program): Assignment[] {
  const usage = lockedUsage(program);
  const kept: Assignment[] = [];
  const nb = program.blockCount;
  for (const n of openNeeds(program)) {
    const need = program.needs[n];
    if (!need.shown) continue;
    const { tutor: t, block: b } = need.shown;
    if (!program.available[need.student * nb + b] || usage.tutorLoad[t] >= program.tutorCapacity[t]) continue;
    if (!blockFits(program, usage, t, need.student, b) || !isEligible(program, t, need)) continue;
    const a = { need: n, tutor: t, block: b, score: arcValue(program, t, n, b) };
    kept.push(a);
    addUse(program, usage, a);
  }
  return kept;
}
