// One exact solve on a HiGHS instance (MIT, University of Edinburgh; `highs` on npm, WebAssembly).
// Shared by the two places that have one: Node (src/local/highs.ts) and the sidebar's browser in
// Google Sheets (src/ui/exact-solver.ts). The instance is handed in, so nothing here loads or reads
// anything; with the same model, start and limits, every HiGHS instance gives the same outcome.
import type { Highs } from 'highs';
import type { IntegerProgram, MipOutcome, SolveLimits } from './exact-model';

export type { Highs };

export function solveWithHighs(highs: Highs, model: IntegerProgram, start: Float64Array, limits: SolveLimits): MipOutcome {
  return highs.withModel((solver): MipOutcome => {
    solver.options.set({
      output_flag: false,
      // Presolve off: HiGHS 1.15's presolve aborts the whole instance on a few of these models, and
      // without it they solve about as fast (the 29 bench programs that need the finish: 70 s off,
      // 63 s on, 27 proven either way).
      presolve: 'off',
      mip_rel_gap: 0,
      // Objectives are whole points: a gap under one is a proof.
      mip_abs_gap: 0.5,
      time_limit: limits.seconds,
    });
    solver.passModel(modelData(highs, model));
    solver.setSolution({ colValue: start });
    // The work limit counts simplex iterations, at points HiGHS reaches alike on every run: the
    // branch-and-bound's total, and the first (root) relaxation's own.
    let outOfWork = false;
    const stopAt = (iterations: unknown, event: { interrupt(): void }) => {
      if (Number(iterations ?? 0) <= limits.lpIterations) return undefined;
      outOfWork = true;
      event.interrupt();
      return undefined;
    };
    const { callbackType, modelStatus: statuses, solutionStatus } = highs.constants;
    const { modelStatus } = solver.run({
      [callbackType.mipInterrupt]: (event) => stopAt(event.data.mip_total_lp_iterations, event),
      [callbackType.simplexInterrupt]: (event) => stopAt(event.data.simplex_iteration_count, event),
    });
    const bound = Number(solver.info.get('mip_dual_bound'));
    const values = solver.getSolution().colValue.slice();
    if (modelStatus === statuses.optimal) return { status: 'optimal', values, bound: Math.min(bound, solver.getObjectiveValue()) };
    // Stopped by the work limit: reproducible. Stopped by the clock: not, so that answer is not used.
    if (modelStatus === statuses.interrupted && outOfWork) {
      const feasible = Number(solver.info.get('primal_solution_status')) === solutionStatus.feasible;
      return { status: 'stopped', values: feasible ? values : undefined, bound: Number.isFinite(bound) ? bound : Infinity };
    }
    return { status: 'failed', bound: Infinity };
  });
}

function modelData(highs: Highs, model: IntegerProgram) {
  const rowLower = model.rowUpper.map((upper, row) => (model.rowEqual[row] ? upper : -highs.infinity));
  return {
    numCols: model.numCols,
    numRows: model.numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: model.colCost,
    colLower: new Float64Array(model.numCols),
    colUpper: model.colUpper,
    rowLower,
    rowUpper: model.rowUpper,
    matrix: { format: 'csc' as const, numRows: model.numRows, numCols: model.numCols, starts: model.starts, indices: model.indices, values: model.values },
    integrality: Int32Array.from(model.integral),
  };
}
