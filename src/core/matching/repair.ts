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
  // Within one fill, loads only grow: each group's list drops its full tutors once, for all later needs.
  const live = new Map<number[], number[]>();
  for (const n of openNeeds(program)) {
    if (placed.has(n)) continue;
    const best =
      tutors instanceof TutorIndex ? bestInsertionIndexed(program, tutors, usage, n, live) : bestInsertion(program, usage, n, tutors ? tutors.get(n) ?? [] : undefined);
    if (!best) continue;
    result.push(best);
    addUse(program, usage, best);
  }
  return result;
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
 * Only special tutors (continuing, requested, shown) earn bonuses beyond a group's bound.
 */
export function bestInsertionIndexed(program: Program, index: TutorIndex, usage: Usage, n: number, live?: Map<number[], number[]>): Assignment | null {
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
    // Slot costs are never negative, so a group's bound also bounds its values; ties need reading (roster order).
    if (group.bound < bestValue) break;
    let list = group.tutors;
    if (live) {
      list = live.get(group.tutors) ?? group.tutors.slice();
      live.set(group.tutors, list);
    }
    let kept = 0;
    for (let i = 0; i < list.length; i++) {
      const t = list[i];
      if (usage.tutorLoad[t] >= program.tutorCapacity[t]) continue;
      list[kept++] = t;
      if (!index.isSpecial(n, t)) consider(t, group.bound);
    }
    if (live) list.length = kept;
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
