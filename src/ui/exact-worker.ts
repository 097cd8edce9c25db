// The sidebar's worker for the exact finish: HiGHS solves here, off the page, so the sidebar (and the
// spreadsheet around it) stays responsive for the solve's length (up to about 20 s at 300 students).
// Bundled on its own and inlined into the sidebar as text (webpack.config.js).
import type { ExactAnswer, ExactTask } from '../core/matching/exact-relay';
import { solveTask, startHighs, type Highs } from './highs-loader';

declare function importScripts(...urls: string[]): void;

export interface WorkerRequest {
  /** The HighsSolver file (used by the first request only). */
  file: string;
  task: ExactTask;
}

/** The answer (null: no answer), or what failed: starting HiGHS here, or the solve itself. */
export type WorkerReply = { answer: ExactAnswer | null } | { failed: 'start' | 'solve' };

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
}

const scope = self as unknown as WorkerScope;
let highs: Promise<Highs> | null = null;

scope.onmessage = async (event) => {
  const { file, task } = event.data;
  highs ??= startHighs(file, (script) => importScripts(URL.createObjectURL(new Blob([script], { type: 'text/javascript' }))));
  let solver: Highs;
  try {
    solver = await highs;
  } catch {
    scope.postMessage({ failed: 'start' });
    return;
  }
  try {
    scope.postMessage({ answer: solveTask(solver, task) });
  } catch {
    scope.postMessage({ failed: 'solve' });
  }
};
