// Large-neighbourhood search around an answer the search could not prove optimal: some pairs are
// freed, the others stay (as if locked), and the freed pairs with every open need are matched again
// by the whole solver (solve.ts), which on such a small program is usually exact. It starts from the
// freed pairs themselves: building a first matching of its own took more than half of each
// sub-solve's time, and found no better. Neighbourhoods, in a fixed order (deterministic): the pairs
// in blocks with a Capacity (where placements compete most), then each block's pairs with the next
// block's, pass after pass while a pass finds better; then half the pairs at a time, picked by a
// fixed hash. A neighbourhood's answer is kept only when it places more needs, or as many scoring
// higher, so the result is never worse; the proven bounds of the whole program still hold, and a
// better answer may meet them (then it is optimal).
import type { Pair } from '../model';
import type { Assignment } from './candidates';
import { buildProgram, needIndexOf, needKey, type Program } from './program';
import { arcValue, compareOutcome } from './repair';
import { solve } from './solve';

/**
 * Work the sub-solves may spend, in arcs of their networks, per arc of the whole program's network:
 * sub-solves go on, pass after pass over the neighbourhoods, while a pass improves the answer and
 * this budget lasts (deterministic, and about linear in the roster).
 */
const ARCS_PER_ARC = 3;
/** The sub-solves' share of the usual work budget: they are small, and many. */
const NEIGHBOURHOOD_EFFORT = 0.1;

/**
 * Once the block neighbourhoods find nothing better, neighbourhoods of half the pairs, picked by a
 * fixed hash of need and round (deterministic), use what is left of the budget. Measured on 150
 * programs of 50–300 students: 14 scored higher, none lower, for 1–2 % more time; freeing 20 %, 30 %,
 * 40 % or 70 % of the pairs helped fewer.
 */
const RANDOM_SHARE = 0.5;
/** Random neighbourhoods in a row without a better answer before giving up (a guard: the budget ends it first). */
const RANDOM_MISSES = 20;

/**
 * Tries the neighbourhoods in turn while `proven(best)` is false; returns the best matching found
 * (`assignments` itself when nothing better turns up). `arcs`: the whole program's network size.
 */
export function improveByNeighbourhoods(program: Program, assignments: Assignment[], arcs: number, proven: (best: Assignment[]) => boolean): Assignment[] {
  let best = assignments;
  let budget = ARCS_PER_ARC * arcs;
  const needIndex = needIndexOf(program);
  /** Re-solves with the pairs `inside` freed; true when that found a better matching. */
  const tryFreeing = (inside: (a: Assignment) => boolean): boolean => {
    const { assignments: candidate, arcs: spent } = resolveAround(program, needIndex, best, inside);
    budget -= Math.max(1, spent);
    if (compareOutcome(program, candidate, best) <= 0) return false;
    best = candidate;
    return true;
  };
  const list = neighbourhoods(program);
  // Stops after a whole pass without a better answer: every neighbourhood was tried around it.
  for (let sinceBetter = 0, i = 0; sinceBetter < list.length && budget > 0 && !proven(best); i = (i + 1) % list.length) {
    const blocks = list[i];
    sinceBetter = tryFreeing((a) => blocks.has(a.block)) ? 0 : sinceBetter + 1;
  }
  for (let round = 1, misses = 0; misses < RANDOM_MISSES && budget > 0 && !proven(best); round++) {
    misses = tryFreeing((a) => pickedInRound(a.need, round)) ? 0 : misses + 1;
  }
  return best;
}

/** Whether need n's pair is freed in random round `round`: about RANDOM_SHARE of them are. */
function pickedInRound(n: number, round: number): boolean {
  const hash = (Math.imul(n + 1, 0x9e3779b1) ^ Math.imul(round, 0x85ebca6b)) >>> 0;
  return hash / 2 ** 32 < RANDOM_SHARE;
}

/** Which blocks each neighbourhood frees: the capped blocks together, then each block with the next. */
function neighbourhoods(program: Program): Set<number>[] {
  const blocks = program.blockNames.map((_, b) => b);
  const capped = blocks.filter((b) => Number.isFinite(program.blockRoom[b]));
  const list: Set<number>[] = capped.length ? [new Set(capped)] : [];
  for (const b of blocks) if (blocks.length > 1) list.push(new Set([b, (b + 1) % blocks.length]));
  return list;
}

/**
 * The best matching that keeps every pair `inside` does not free, from a solve of the rest.
 * `needIndex`: {@link needIndexOf} `program`.
 */
function resolveAround(program: Program, needIndex: Map<string, number>, assignments: Assignment[], inside: (a: Assignment) => boolean): { assignments: Assignment[]; arcs: number } {
  const kept = assignments.filter((a) => !inside(a));
  const input = program.input;
  const sub = buildProgram({ ...input, pairs: [...input.pairs, ...kept.map((a, i) => asLockedPair(program, a, i))] });
  // The freed pairs are a matching of the sub-program: the search starts from them.
  const subNeedIndex = needIndexOf(sub);
  const start = assignments.filter(inside).map((a) => samePairIn(program, sub, subNeedIndex, a));
  const solved = solve(sub, { effort: NEIGHBOURHOOD_EFFORT, start });
  const added = solved.assignments.map((a) => samePairIn(sub, program, needIndex, a));
  return { assignments: [...kept, ...added], arcs: solved.stats.arcs };
}

/**
 * A pair of `from` as the same pair of `to`, a program of the same roster that numbers its needs
 * and students its own way (`toNeedIndex`: {@link needIndexOf} `to`).
 */
function samePairIn(from: Program, to: Program, toNeedIndex: Map<string, number>, a: Assignment): Assignment {
  const need = from.needs[a.need];
  const n = toNeedIndex.get(needKey(from.students[need.student].id, need.key))!;
  const tutor = to.studentIndex.get(from.students[a.tutor].id)!;
  return { need: n, tutor, block: a.block, score: arcValue(to, tutor, n, a.block) };
}

/** A kept pair as a locked row of the Pairs tab, which the program then counts against every limit. */
function asLockedPair(program: Program, a: Assignment, i: number): Pair {
  const need = program.needs[a.need];
  return {
    // Sorted after every real Pair ID (readPairs reads in Pair ID order), unique per kept pair.
    pairId: `\uffff-neighbourhood-${String(i).padStart(6, '0')}`,
    tutorId: program.students[a.tutor].id,
    tuteeId: program.students[need.student].id,
    subject: need.subject,
    block: program.blockNames[a.block],
    status: 'Active',
    locked: true,
    score: a.score,
    why: '',
    startDate: null,
    endDate: null,
  };
}
