// The large-neighbourhood search (neighbourhoods.ts) around a matching: never worse, never breaking a
// hard rule (checked by the contract's oracle), and better than a greedy first fit where one is.
import fc from 'fast-check';
import { eligibleArcs, lockedUsage } from '../../src/core/matching/candidates';
import { improveByNeighbourhoods } from '../../src/core/matching/neighbourhoods';
import { buildProgram } from '../../src/core/matching/program';
import { compareOutcome, fillGreedily, objective } from '../../src/core/matching/repair';
import { solve } from '../../src/core/matching/solve';
import { familyProgram } from '../../bench/families';
import { assignmentViolations } from '../support/matching-oracle';
import { randomProgram } from '../support/random-program';

const arcsOf = (program: ReturnType<typeof buildProgram>) => eligibleArcs(program, lockedUsage(program)).need.length;

describe('improveByNeighbourhoods', () => {
  it('never returns a worse matching, and every one keeps the hard rules', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 4, max: 40 }), (seed, students) => {
        const program = buildProgram(randomProgram(seed, { students }));
        const start = fillGreedily(program, []);
        const result = improveByNeighbourhoods(program, start, arcsOf(program), () => false);
        expect(compareOutcome(program, result, start)).toBeGreaterThanOrEqual(0);
        expect(assignmentViolations(program, result)).toEqual([]);
        expect(new Set(result.map((a) => a.need)).size).toBe(result.length);
      }),
      { numRuns: 40 },
    );
  });

  it('a solve started from a matching never returns less than it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 4, max: 40 }), (seed, students) => {
        const program = buildProgram(randomProgram(seed, { students }));
        // A weak start: every other pair of a greedy first fit.
        const start = fillGreedily(program, []).filter((_, i) => i % 2 === 0);
        const { assignments } = solve(program, { start, effort: 0.1 });
        expect(compareOutcome(program, assignments, start)).toBeGreaterThanOrEqual(0);
        expect(assignmentViolations(program, assignments)).toEqual([]);
        expect(new Set(assignments.map((a) => a.need)).size).toBe(assignments.length);
      }),
      { numRuns: 40 },
    );
  });

  it('improves on a greedy first fit of a program with tight block capacities', () => {
    const program = buildProgram(familyProgram('tight', 2, 80));
    const start = fillGreedily(program, []);
    const result = improveByNeighbourhoods(program, start, arcsOf(program), () => false);
    expect(compareOutcome(program, result, start)).toBeGreaterThan(0);
    expect(assignmentViolations(program, result)).toEqual([]);
    expect(result.length > start.length || objective(program, result) > objective(program, start)).toBe(true);
  });

  it('after the block neighbourhoods, half the pairs at a time: with one uncapped block those alone improve a weak start', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const input = randomProgram(seed, { students: 24, blocks: 1 });
        const program = buildProgram({ ...input, blocks: input.blocks.map((block) => ({ ...block, capacity: null })) });
        const greedy = fillGreedily(program, []);
        fc.pre(greedy.length >= 2);
        // Every other pair of a greedy first fit: the dropped pairs could all be placed again.
        const start = greedy.filter((_, i) => i % 2 === 0);
        const result = improveByNeighbourhoods(program, start, arcsOf(program), () => false);
        expect(compareOutcome(program, result, start)).toBeGreaterThan(0);
        expect(assignmentViolations(program, result)).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });

  it('stops as soon as the answer is proven', () => {
    const program = buildProgram(familyProgram('tight', 2, 80));
    const start = fillGreedily(program, []);
    expect(improveByNeighbourhoods(program, start, arcsOf(program), () => true)).toBe(start);
  });
});
