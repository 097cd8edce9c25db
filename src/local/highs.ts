// The exact solver for the local program: HiGHS (MIT, University of Edinburgh), compiled to
// WebAssembly (`highs` on npm). It finishes a matching the own search could not prove optimal
// (src/core/matching/match.ts), as the MipSolver port describes.
import type { IntegerProgram, MipOutcome, MipSolver } from '../core/matching/exact-model';

type Highs = Awaited<ReturnType<typeof import('highs').default>>;

/** Loads HiGHS (about 0.1 s, once per process); null when it cannot be loaded (the own search then stands alone). */
export async function loadHighsSolver(): Promise<MipSolver | null> {
  try {
    const highs: Highs = await (await import('highs')).default();
    return highsSolver(highs);
  } catch {
    return null;
  }
}

/** Outcomes kept: a preview, its swap choices and Apply solve the same model in a row. */
const REMEMBERED = 4;

function highsSolver(highs: Highs): MipSolver {
  // After an abort inside the WebAssembly instance its memory cannot be trusted: no more solves.
  let broken = false;
  // The solver is deterministic, so an outcome can be reused for the same model, start and limits.
  const remembered = new Map<string, MipOutcome>();
  return {
    solve(model, start, limits): MipOutcome {
      if (broken) return { status: 'failed', bound: Infinity };
      const key = digest(model, start, limits);
      const known = remembered.get(key);
      if (known) return known;
      let outcome: MipOutcome;
      try {
        outcome = solveWith(highs, model, start, limits);
      } catch {
        broken = true;
        return { status: 'failed', bound: Infinity };
      }
      // A timed-out run is not reproducible: not kept, so the next call tries again.
      if (outcome.status !== 'failed') {
        remembered.set(key, outcome);
        if (remembered.size > REMEMBERED) remembered.delete(remembered.keys().next().value!);
      }
      return outcome;
    },
  };
}

/** Two 32-bit FNV-1a hashes over every number that defines the solve (a collision is out of reach in practice). */
function digest(model: IntegerProgram, start: Float64Array, limits: { lpIterations: number; seconds: number }): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  const add = (value: number) => {
    view.setFloat64(0, value);
    for (const byte of bytes) {
      a = Math.imul(a ^ byte, 0x01000193);
      b = Math.imul(b ^ byte, 0x5bd1e995) ^ (b >>> 15);
    }
  };
  const parts: ArrayLike<number>[] = [model.colCost, model.colUpper, model.rowUpper, model.rowEqual, model.starts, model.indices, model.values, model.integral, start];
  for (const part of parts) {
    add(part.length);
    for (let i = 0; i < part.length; i++) add(part[i]);
  }
  add(limits.lpIterations);
  add(limits.seconds);
  return `${(a >>> 0).toString(16)}:${(b >>> 0).toString(16)}`;
}

function solveWith(highs: Highs, model: IntegerProgram, start: Float64Array, limits: { lpIterations: number; seconds: number }): MipOutcome {
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
