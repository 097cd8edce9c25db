// The matcher against an independent exact reference: the whole assignment as an integer program
// (bench/highs-model.ts) solved by HiGHS, on small random programs with every kind of clash (students
// with several needs, students who tutor and are tutored, block capacities). The matcher must place
// exactly as many needs as the optimum and reach its score; and whatever it says about itself must
// hold against the optimum: "optimal" only when it is, and a gap never smaller than the real one.
import fc from 'fast-check';
import { matchStudents, matchWithStats, type MatchInput, type MatchResult } from '../../src/core/matching';
import { buildProgram, type Program } from '../../src/core/matching/program';
import { objective } from '../../src/core/matching/repair';
import { assignmentsOf } from '../../bench/matching';
import { familyProgram, type Family } from '../../bench/families';
import { loadHighs, solveExact, type ExactAnswer, type HighsSolver } from '../../bench/highs-solve';
import { randomProgram } from '../support/random-program';
import { hardRuleViolations } from '../support/matching-oracle';

jest.setTimeout(120000);

const seeds = fc.integer({ min: 1, max: 2 ** 31 - 1 });
let highs: HighsSolver;

beforeAll(async () => {
  highs = await loadHighs();
});

/** The matcher's answer and the proven optimum, on the same objective (scores, slot costs, bonuses). */
function againstOptimum(input: MatchInput) {
  const program = buildProgram(input);
  const result = matchStudents(input);
  const mine = assignmentsOf(program, result);
  const exact = solveExact(highs, program, 60);
  expect(exact.optimal).toBe(true);
  return { result, placed: mine.length, value: objective(program, mine), optimum: { placed: exact.placed, value: exact.objective } };
}

describe('the matcher against the exact optimum (HiGHS)', () => {
  it('places as many needs as the optimum and reaches its score on small random programs', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 4, max: 40 }), (seed, students) => {
        const input = randomProgram(seed, { students });
        const { result, placed, value, optimum } = againstOptimum(input);
        expect(hardRuleViolations(input, result)).toEqual([]);
        expect({ placed, value }).toEqual(optimum);
      }),
      { numRuns: 60 },
    );
  });

  it('reaches the optimum on small sample programs, with and without tight block capacities', () => {
    for (const family of ['sample', 'tight'] as Family[]) {
      for (let seed = 1; seed <= 8; seed++) {
        const { placed, value, optimum } = againstOptimum(familyProgram(family, seed, 30 + 5 * seed));
        expect({ family, seed, placed, value }).toEqual({ family, seed, ...optimum });
      }
    }
  });

  it('says "optimal" only when it is, and never claims a gap smaller than the real one', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 4, max: 40 }), fc.constantFrom(0.02, 1), (seed, students, effort) => {
        // A starved work budget leaves proofs open: the bounds it reports must still hold.
        const input = randomProgram(seed, { students });
        const program = buildProgram(input);
        const exact = solveExact(highs, program, 60);
        const { result } = matchWithStats(input, { effort });
        expectSoundProof(program, result, exact);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps its proofs sound when it searches again from what the neighbourhoods improved', () => {
    // A starved budget on 80 students: the first search stops short, the neighbourhoods improve on it,
    // and the second search's bounds are combined with the first's.
    let searchedAgain = 0;
    for (const family of ['sample', 'tight'] as Family[]) {
      for (const seed of [4, 14, 16, 17]) {
        const input = familyProgram(family, seed, 80);
        const program = buildProgram(input);
        const { result, stats } = matchWithStats(input, { effort: 0.02 });
        if (stats.searchedAgain) searchedAgain++;
        expectSoundProof(program, result, solveExact(highs, program, 60));
      }
    }
    expect(searchedAgain).toBeGreaterThanOrEqual(2);
  });
});

/** What the matcher says of its answer holds against the optimum: "optimal" only when it is, no gap understated. */
function expectSoundProof(program: Program, result: MatchResult, exact: ExactAnswer) {
  expect(exact.optimal).toBe(true);
  const mine = assignmentsOf(program, result);
  const proof = result.totals.proof;
  expect(mine.length + proof.morePlaceable).toBeGreaterThanOrEqual(exact.placed);
  if (proof.optimal) expect({ placed: mine.length, value: objective(program, mine) }).toEqual({ placed: exact.placed, value: exact.objective });
  if (proof.morePlaceable === 0) {
    expect(mine.length).toBe(exact.placed);
    const shortfall = exact.objective - objective(program, mine);
    expect(shortfall).toBeLessThanOrEqual((proof.scoreGapPercent / 100) * Math.abs(exact.objective) + 1e-9);
  }
}
