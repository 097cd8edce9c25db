// The exact finish (core/matching/match.ts, exact-model.ts, local/highs.ts): when the own search
// cannot prove its answer, HiGHS finishes from it. Checked against the independent reference model of
// the bench (bench/highs-model.ts, LP text written from the contract), and with stand-in solvers for
// what HiGHS does rarely: stop at its work limit, fail, or return something no better.
import fc from 'fast-check';
import { matchWithStats, type MatchInput, type MipSolver } from '../../src/core/matching';
import { buildProgram, type Program } from '../../src/core/matching/program';
import { columnValues, exactModel, keepsEveryRow } from '../../src/core/matching/exact-model';
import { solve } from '../../src/core/matching/solve';
import { objective } from '../../src/core/matching/repair';
import { assignmentsOf } from '../../bench/matching';
import { familyProgram, type Family } from '../../bench/families';
import { loadHighs, solveExact, type HighsSolver } from '../../bench/highs-solve';
import { loadHighsSolver } from '../../src/local/highs';
import { randomProgram } from '../support/random-program';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import { writeProgram } from '../../src/sheets/program/program-writer';
import { setUpProgram } from '../../src/sheets/program/setup';
import { sampleProgram } from '../../src/core/sample-program';
import { createSidebarApi } from '../../src/sheets/sidebar-api';
import { NO_CHOICES } from '../../src/sheets/matching/service';
import { hardRuleViolations } from '../support/matching-oracle';

jest.setTimeout(120000);

const seeds = fc.integer({ min: 1, max: 2 ** 31 - 1 });
/** A starved own search: it leaves proofs open on programs of 100+ students, so the exact finish has work to do. */
const STARVED = 0.02;
/** Starved further: small programs too are left open (the finish then runs on about three in four). */
const NEARLY_NO_SEARCH = 0.0001;
let reference: HighsSolver;
let exact: MipSolver;

beforeAll(async () => {
  reference = await loadHighs();
  exact = (await loadHighsSolver())!;
});

function outcomeOf(program: Program, input: MatchInput, solver: MipSolver | undefined, effort = STARVED) {
  const { result, stats } = matchWithStats(input, { effort, exact: solver });
  const mine = assignmentsOf(program, result);
  return { result, stats, placed: mine.length, value: objective(program, mine) };
}

describe('the exact finish with HiGHS', () => {
  it('proves the optimum the own search left open, on random programs', () => {
    let finished = 0;
    fc.assert(
      fc.property(seeds, fc.integer({ min: 20, max: 80 }), (seed, students) => {
        const input = randomProgram(seed, { students });
        const program = buildProgram(input);
        const { result, stats, placed, value } = outcomeOf(program, input, exact, NEARLY_NO_SEARCH);
        const optimum = solveExact(reference, program, 60);
        expect(optimum.optimal).toBe(true);
        expect(hardRuleViolations(input, result)).toEqual([]);
        expect(result.totals.proof.optimal).toBe(true);
        expect({ placed, value }).toEqual({ placed: optimum.placed, value: optimum.objective });
        if (stats.exact) finished++;
      }),
      { numRuns: 40 },
    );
    // The property is about the finish: most runs must have needed it.
    expect(finished).toBeGreaterThanOrEqual(15);
  });

  it('proves the optimum on sample and tight-block programs the starved search cannot', () => {
    for (const family of ['sample', 'tight'] as Family[]) {
      for (const seed of [3, 14, 17]) {
        const input = familyProgram(family, seed, 120);
        const program = buildProgram(input);
        const own = outcomeOf(program, input, undefined);
        const finished = outcomeOf(program, input, exact);
        const optimum = solveExact(reference, program, 60);
        expect(optimum.optimal).toBe(true);
        expect(own.result.totals.proof.optimal).toBe(false);
        expect(finished.result.totals.proof.optimal).toBe(true);
        expect({ family, seed, placed: finished.placed, value: finished.value }).toEqual({ family, seed, placed: optimum.placed, value: optimum.objective });
      }
    }
  });

  it('gives the same answer on every run (preview and Apply agree)', async () => {
    // A second HiGHS instance: it solves again rather than reuse the first one's outcome.
    const other = (await loadHighsSolver())!;
    for (const [family, seed] of [['tight', 17], ['sample', 14]] as [Family, number][]) {
      const input = familyProgram(family, seed, 120);
      const first = matchWithStats(input, { effort: STARVED, exact });
      const second = matchWithStats(input, { effort: STARVED, exact: other });
      expect(first.stats.exact).toBe('optimal');
      expect(second.result).toEqual(first.result);
    }
  });
});

describe('the exact model', () => {
  it('holds every matching the own search finds as a feasible solution worth placements first, then score', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 4, max: 60 }), (seed, students) => {
        const program = buildProgram(randomProgram(seed, { students }));
        const { assignments } = solve(program, { effort: STARVED });
        const model = exactModel(program);
        const x = columnValues(model, assignments);
        const activity = new Float64Array(model.program.numRows);
        for (let c = 0; c < model.program.numCols; c++) {
          for (let e = model.program.starts[c]; e < model.program.starts[c + 1]; e++) activity[model.program.indices[e]] += model.program.values[e] * x[c];
        }
        activity.forEach((value, row) => {
          if (model.program.rowEqual[row]) expect(value).toBe(model.program.rowUpper[row]);
          else expect(value).toBeLessThanOrEqual(model.program.rowUpper[row]);
        });
        const worth = x.reduce((sum, value, c) => sum + value * model.program.colCost[c], 0);
        expect(worth).toBe(model.placementWeight * assignments.length + objective(program, assignments));
        expect(keepsEveryRow(model, x)).toBe(true);
      }),
      { numRuns: 80 },
    );
  });
});

describe('the exact model of a roster beyond reach', () => {
  it('is not built: the listing stops once the columns pass the limit', () => {
    const program = buildProgram(familyProgram('sample', 2, 120));
    const full = exactModel(program);
    expect(exactModel(program, full.program.numCols)).not.toBeNull();
    expect(exactModel(program, full.program.numCols - 1)).toBeNull();
    expect(exactModel(program, full.arcs.length - 1)).toBeNull();
  });
});

describe('when the exact solver does not prove', () => {
  const input = familyProgram('tight', 14, 120);
  const program = buildProgram(input);
  const optimum = () => solveExact(reference, program, 60);
  const own = () => outcomeOf(program, input, undefined);

  it('uses neither the answer nor the bound of a solution that breaks a rule', () => {
    // Every arc chosen: needs get several tutors, students meet twice in a block.
    const breaking: MipSolver = { solve: (model) => ({ status: 'optimal', values: new Float64Array(model.numCols).fill(1), bound: 0 }) };
    expect(outcomeOf(program, input, breaking).result).toEqual(own().result);
  });

  it('keeps the own answer and bounds when it fails', () => {
    const failing: MipSolver = { solve: () => ({ status: 'failed', bound: Infinity }) };
    expect(outcomeOf(program, input, failing).result).toEqual(own().result);
  });

  it('keeps the own answer when the solver returns nothing better, and its bound only tightens the proof', () => {
    // Stopped at its work limit with the start handed back and a bound just above the optimum.
    const best = optimum();
    const model = exactModel(program);
    const stopped: MipSolver = {
      solve: (_model, start) => ({ status: 'stopped', values: start, bound: model.placementWeight * best.placed + best.objective + 3 }),
    };
    const withStopped = outcomeOf(program, input, stopped);
    const alone = own();
    expect({ placed: withStopped.placed, value: withStopped.value }).toEqual({ placed: alone.placed, value: alone.value });
    const proof = withStopped.result.totals.proof;
    expect(proof.optimal).toBe(false);
    // The bound says no more placements than the optimum's, and a score gap of at least the real one.
    expect(withStopped.placed + proof.morePlaceable).toBe(best.placed);
    if (proof.morePlaceable === 0) {
      expect(best.objective - withStopped.value).toBeLessThanOrEqual((proof.scoreGapPercent / 100) * Math.abs(best.objective) + 1e-9);
    }
  });
});

describe('the HiGHS adapter', () => {
  const input = familyProgram('tight', 17, 120);
  const program = buildProgram(input);
  const model = exactModel(program);
  const start = columnValues(model, solve(program, { effort: STARVED }).assignments);

  it('stops at its work limit with a feasible answer and a bound no lower than the optimum', () => {
    const outcome = exact.solve(model.program, start, { lpIterations: 0, seconds: 60 });
    const best = solveExact(reference, program, 60);
    expect(outcome.status).toBe('stopped');
    expect(outcome.values).toHaveLength(model.program.numCols);
    expect(outcome.bound).toBeGreaterThanOrEqual(model.placementWeight * best.placed + best.objective - 1e-6);
  });

  it('solves a model once: the same model, start and limits give the outcome it already has', () => {
    const limits = { lpIterations: 20_000, seconds: 60 };
    const first = exact.solve(model.program, start, limits);
    expect(first.status).toBe('optimal');
    expect(exact.solve(model.program, start, limits)).toBe(first);
    // Another start is another solve.
    expect(exact.solve(model.program, new Float64Array(model.program.numCols), limits)).not.toBe(first);
  });
});

describe('the sidebar functions', () => {
  it("hand the host's exact solver to the matcher: the preview, a swap's list of tutors and Apply", () => {
    // The sample generator's seed 47 at 300 students is one the own search cannot prove (the bench's list).
    const store = XlsxTableStore.create('unsaved.xlsx');
    writeProgram(store, sampleProgram(300, 47, '2026-09-01'));
    setUpProgram(store);
    const calls: number[] = [];
    const recording: MipSolver = {
      solve: (model, start, limits) => {
        calls.push(model.numCols);
        return exact.solve(model, start, limits);
      },
    };
    const api = createSidebarApi({ store, withDocumentLock: (task) => task(), now: () => new Date('2026-09-01T12:00:00Z'), selectCell: () => undefined, today: '2026-09-01', exactSolver: recording });
    const preview = api.proposeMatches(NO_CHOICES);
    expect(calls).toHaveLength(1);
    expect(preview.totals.proof.optimal).toBe(true);
    const waiting = preview.waitlist[0];
    api.alternatives(NO_CHOICES, { tuteeId: waiting.studentId, subject: waiting.subject });
    const outcome = api.applyMatches({ options: NO_CHOICES, fingerprint: preview.fingerprint });
    expect(calls).toHaveLength(3);
    expect(outcome.applied).toBe(true);
  });
});
