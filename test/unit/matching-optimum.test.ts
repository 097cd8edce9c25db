// The matcher against the exact optimum on small programs with tight blocks, where block Capacity
// and students' other pairs bind. The optima were computed once by the exact glpk.js model of
// bench/glpk-model.ts (as bench/matching.ts, "Matcher vs exact MIP", does): recomputing them here
// would make the suite slow, and they do not change unless the scoring does. The programs are the
// sample program as it was when the optima were proven (test/support/frozen-sample.ts), so the
// sample can grow without moving them.
import { matchStudents, type MatchInput } from '../../src/core/matching';
import { greedyMatch } from '../../bench/greedy';
import { frozenSampleInput } from '../support/frozen-sample';
import { hardRuleViolations } from '../support/matching-oracle';

/** The bench's tight-capacity recipe, on the frozen sample: every other block holds only 3–6 pairs. */
function tightProgram(seed: number): MatchInput {
  const input = frozenSampleInput(60 + (seed % 5) * 20, seed);
  input.blocks = input.blocks.map((block, i) => ({ ...block, capacity: i % 2 === 0 ? 3 + (seed % 4) : block.capacity }));
  return input;
}

/** Seed → most needs any matching can place (glpk.js, proven optimal). */
const OPTIMUM: Record<number, number> = { 1: 63, 2: 74, 3: 91, 4: 106, 5: 32, 6: 55, 7: 59, 8: 51, 9: 89, 10: 45 };

describe('placements on tight blocks, against the exact optimum', () => {
  const results = Object.keys(OPTIMUM).map(Number).map((seed) => {
    const input = tightProgram(seed);
    return { seed, input, result: matchStudents(input) };
  });

  it('reaches the optimum on 8 of the 10 programs, including seeds 2, 3 and 4 where the ban-only repair fell short', () => {
    // Before pricing and local search seeds 2, 3 and 4 placed 73, 87 and 105.
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 10]) {
      expect({ seed, placed: results.find((r) => r.seed === seed)!.result.totals.placed }).toEqual({ seed, placed: OPTIMUM[seed] });
    }
  });

  it('misses at most 2 of the optimal placements over seeds 1–10 (was 11), never more than 1 in one program', () => {
    const missed = results.map(({ seed, result }) => OPTIMUM[seed] - result.totals.placed);
    for (const gap of missed) expect(gap).toBeLessThanOrEqual(1);
    expect(missed.reduce((sum, gap) => sum + gap, 0)).toBeLessThanOrEqual(2);
  });

  it('keeps every hard rule and beats greedy on each of them', () => {
    for (const { input, result } of results) {
      expect(hardRuleViolations(input, result)).toEqual([]);
      const greedy = greedyMatch(input);
      expect(result.totals.placed).toBeGreaterThanOrEqual(greedy.placed);
      if (result.totals.placed === greedy.placed) expect(result.totals.totalScore).toBeGreaterThanOrEqual(greedy.totalScore);
    }
  });
});
