import fc from 'fast-check';
import { matchStudents, feasibleTutors, type MatchInput } from '../../src/core/matching';
import { greedyMatch } from '../../bench/greedy';
import { randomProgram } from '../support/random-program';
import { hardRuleViolations, maxPlacements } from '../support/matching-oracle';

const seeds = fc.integer({ min: 1, max: 2 ** 31 - 1 });

describe('matching properties over random programs', () => {
  it('never breaks a hard rule', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 2, max: 40 }), (seed, students) => {
        const input = randomProgram(seed, { students });
        expect(hardRuleViolations(input, matchStudents(input))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('places as many needs as an independent maximum matching when clashes cannot arise', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 2, max: 40 }), (seed, students) => {
        const input = randomProgram(seed, { students, clashFree: true });
        expect(matchStudents(input).totals.placed).toBe(maxPlacements(input));
      }),
      { numRuns: 150 },
    );
  });

  it('beats or equals greedy when clashes cannot arise: more placed, or as many with at least its score', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 2, max: 40 }), (seed, students) => {
        const input = randomProgram(seed, { students, clashFree: true });
        const optimal = matchStudents(input).totals;
        const greedy = greedyMatch(input);
        expect(optimal.placed).toBeGreaterThanOrEqual(greedy.placed);
        if (optimal.placed === greedy.placed) expect(optimal.totalScore).toBeGreaterThanOrEqual(greedy.totalScore);
      }),
      { numRuns: 100 },
    );
  });

  it('keeps locked pairs exactly and still breaks no hard rule', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 4, max: 30 }), (seed, students) => {
        const first = randomProgram(seed, { students });
        const proposed = matchStudents(first).pairs;
        const locked = proposed.filter((_, i) => (i + seed) % 3 === 0).map((pair, i) => ({
          pairId: `L-${i}`,
          tutorId: pair.tutorId,
          tuteeId: pair.tuteeId,
          subject: pair.subject,
          block: pair.block,
          status: 'Active' as const,
          locked: true,
          score: pair.score,
          why: pair.why,
          startDate: null,
          endDate: null,
        }));
        const input: MatchInput = { ...first, pairs: [...first.pairs.filter((p) => p.status === 'Ended'), ...locked] };
        const result = matchStudents(input);
        for (const pair of locked) {
          expect(result.pairs).toContainEqual(
            expect.objectContaining({ tutorId: pair.tutorId, tuteeId: pair.tuteeId, subject: pair.subject, block: pair.block, locked: true, existingPairId: pair.pairId }),
          );
        }
        expect(hardRuleViolations(input, result)).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });

  it('is deterministic, whatever the roster order', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 2, max: 30 }), (seed, students) => {
        const input = randomProgram(seed, { students });
        const reversed = { ...input, students: [...input.students].reverse() };
        const result = matchStudents(input);
        expect(matchStudents(input)).toEqual(result);
        expect(matchStudents(reversed)).toEqual(result);
      }),
      { numRuns: 60 },
    );
  });

  it('gives every need exactly one outcome: a pair or a waitlist entry with a reason', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 2, max: 30 }), (seed, students) => {
        const input = randomProgram(seed, { students });
        const result = matchStudents(input);
        expect(result.totals.placed + result.waitlist.length).toBe(result.totals.needs);
        for (const entry of result.waitlist) expect(entry.reason).toMatch(/\w/);
        for (const pair of result.pairs) expect(pair.why).toMatch(/helping/);
      }),
      { numRuns: 60 },
    );
  });

  it('offers only swaps that keep every hard rule', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 4, max: 30 }), (seed, students) => {
        const input = randomProgram(seed, { students });
        const result = matchStudents(input);
        for (const pair of result.pairs.filter((p) => !p.locked).slice(0, 3)) {
          for (const option of feasibleTutors(input, pair.tuteeId, pair.subject, result)) {
            const swapped = result.pairs.map((p) => (p === pair ? { ...p, tutorId: option.tutorId, block: option.block } : p));
            expect(hardRuleViolations(input, { ...result, pairs: swapped })).toEqual([]);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
