// The exact solver for the local program: HiGHS compiled to WebAssembly (`highs` on npm). It
// finishes a matching the own search could not prove optimal (src/core/matching/match.ts), as the
// MipSolver port describes; the solve itself is shared with the sidebar's browser (highs-run.ts).
import { solveKey, type MipOutcome, type MipSolver } from '../core/matching/exact-model';
import { solveWithHighs, type Highs } from '../core/matching/highs-run';

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
      const key = solveKey(model, start, limits);
      const known = remembered.get(key);
      if (known) return known;
      let outcome: MipOutcome;
      try {
        outcome = solveWithHighs(highs, model, start, limits);
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
