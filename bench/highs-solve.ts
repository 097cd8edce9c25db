// Solves the exact model of highs-model.ts with HiGHS and reads the answer back as the matcher's
// Assignments, so the bench and the tests compare the two on the same objective.
import type { Assignment } from '../src/core/matching/candidates';
import { buildProgram, slotCost, type Program } from '../src/core/matching/program';
import type { MatchInput } from '../src/core/matching';
import { buildExactModel } from './highs-model';

interface HighsSolution {
  Status: string;
  ObjectiveValue: number;
  Columns: Record<string, { Primal?: number }>;
}
export interface HighsSolver {
  solve(problem: string, options?: Record<string, unknown>): HighsSolution;
}

let loading: Promise<HighsSolver> | null = null;

/** The WebAssembly solver, compiled once per process. */
export function loadHighs(): Promise<HighsSolver> {
  loading ??= freshHighs();
  return loading;
}

/** A new instance with its own WebAssembly memory, for after a solve aborted the last one (see Presolve). */
export function freshHighs(): Promise<HighsSolver> {
  return import('highs').then((module) => (module.default as unknown as (options?: object) => Promise<HighsSolver>)({}));
}

export interface ExactAnswer {
  /** HiGHS proved the answer optimal (within the time limit). */
  optimal: boolean;
  status: string;
  placed: number;
  /** Sum of arc scores minus slot costs of the new pairs (what the matcher's compareOutcome uses). */
  objective: number;
  assignments: Assignment[];
  variables: number;
  ms: number;
}

/**
 * HiGHS 1.15's presolve aborts the whole WebAssembly instance on a few of these models (e.g. the
 * sample generator's seed 3 at 200 students); without presolve it solves them, slower. Small models
 * solve fast either way, so they go without it; a caller whose solve aborted retries with 'off' on a
 * fresh instance (freshHighs).
 */
export type Presolve = 'auto' | 'on' | 'off';
const SMALL_MODEL = 3_000;

/**
 * The proven optimum of `input` (placements, then objective). Gaps set to zero: HiGHS's default
 * relative gap (1e-4) would accept an answer a few points short on a large placement weight.
 */
export function solveExact(highs: HighsSolver, input: MatchInput | Program, timeLimitSeconds = 60, presolve: Presolve = 'auto'): ExactAnswer {
  const program = 'input' in input ? input : buildProgram(input);
  const model = buildExactModel(program);
  const start = performance.now();
  const usePresolve = presolve === 'auto' ? model.variables.length > SMALL_MODEL : presolve === 'on';
  const solution = highs.solve(model.text, { time_limit: timeLimitSeconds, mip_rel_gap: 0, mip_abs_gap: 0.5, presolve: usePresolve ? 'on' : 'off' });
  const ms = performance.now() - start;
  const hasSolution = solution.Status === 'Optimal' || solution.Status === 'Time limit reached';
  const assignments: Assignment[] = [];
  if (hasSolution) {
    model.variables.forEach((v, i) => {
      if ((solution.Columns[`x${i}`]?.Primal ?? 0) > 0.5) assignments.push({ need: v.need, tutor: v.tutor, block: v.block, score: v.score });
    });
  }
  return {
    optimal: solution.Status === 'Optimal',
    status: solution.Status,
    placed: assignments.length,
    objective: objectiveOf(program, assignments),
    assignments,
    variables: model.variables.length,
    ms,
  };
}

/** The LP relaxation's bound on (placements, objective), for comparison with the matcher's own bound. */
export function solveRelaxation(highs: HighsSolver, program: Program): { placedBound: number; value: number; placementWeight: number } {
  const model = buildExactModel(program, true);
  const solution = highs.solve(model.text, { presolve: 'on' });
  const value = solution.ObjectiveValue;
  return { placedBound: value / model.placementWeight, value, placementWeight: model.placementWeight };
}

/** Scores minus each tutor's slot costs beyond the locked load. */
export function objectiveOf(program: Program, assignments: Assignment[]): number {
  const load = Int32Array.from(program.lockedLoad);
  let total = 0;
  for (const a of assignments) total += a.score - slotCost(program, ++load[a.tutor]);
  return total;
}
