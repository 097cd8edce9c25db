// The exact finish where the server has no solver (Google Sheets: Apps Script cannot start HiGHS
// synchronously, see the README). The matcher's solve request is relayed to the sidebar: the server
// hands the model to the teacher's browser as a task, the browser runs HiGHS
// (src/ui/exact-solver.ts) and sends the answer back with its next request, and the server runs the
// same matching again with the answers so far in place of a solver (a matching asks for at most two
// solves: a short one, and a long one when the short one proves nothing). A task is numbers only (no
// names, no IDs), and an answer is used only for the exact solve it names (its key) and only after
// every row of the model is checked (match.ts).
import { solveKey, type IntegerProgram, type MipOutcome, type MipSolver, type SolveLimits } from './exact-model';

/** One exact solve, as plain arrays that google.script.run can carry. */
export interface ExactTask {
  /** Names the solve (see {@link solveKey}); the answer carries it back. */
  key: string;
  numCols: number;
  numRows: number;
  colCost: number[];
  colUpper: number[];
  rowUpper: number[];
  rowEqual: number[];
  starts: number[];
  indices: number[];
  values: number[];
  integral: number[];
  /** The own search's answer, as column values: the solver starts from it. */
  start: number[];
  limits: SolveLimits;
}

/** What the browser's solver found for a task. */
export interface ExactAnswer {
  key: string;
  status: 'optimal' | 'stopped';
  /** The solution's nonzero columns and their values; empty when the solver found none. */
  columns: number[];
  values: number[];
  /** The proven bound on the objective; null when there is none. */
  bound: number | null;
}

export function taskFor(model: IntegerProgram, start: ArrayLike<number>, limits: SolveLimits): ExactTask {
  return {
    key: solveKey(model, start, limits),
    numCols: model.numCols,
    numRows: model.numRows,
    colCost: Array.from(model.colCost),
    colUpper: Array.from(model.colUpper),
    rowUpper: Array.from(model.rowUpper),
    rowEqual: Array.from(model.rowEqual),
    starts: Array.from(model.starts),
    indices: Array.from(model.indices),
    values: Array.from(model.values),
    integral: Array.from(model.integral),
    start: Array.from(start),
    limits: { ...limits },
  };
}

/** The task's model as a solver takes it. */
export function programOf(task: ExactTask): IntegerProgram {
  return {
    numCols: task.numCols,
    numRows: task.numRows,
    colCost: Float64Array.from(task.colCost),
    colUpper: Float64Array.from(task.colUpper),
    rowUpper: Float64Array.from(task.rowUpper),
    rowEqual: Uint8Array.from(task.rowEqual),
    starts: Int32Array.from(task.starts),
    indices: Int32Array.from(task.indices),
    values: Float64Array.from(task.values),
    integral: Uint8Array.from(task.integral),
  };
}

/** The answer to send back for a solver's outcome; null when the solve failed (nothing to send). */
export function answerFor(task: ExactTask, outcome: MipOutcome): ExactAnswer | null {
  if (outcome.status === 'failed') return null;
  const columns: number[] = [];
  const values: number[] = [];
  outcome.values?.forEach((value, column) => {
    if (value === 0) return;
    columns.push(column);
    values.push(value);
  });
  return { key: task.key, status: outcome.status, columns, values, bound: Number.isFinite(outcome.bound) ? outcome.bound : null };
}

/** A solver that answers from the browser's answers, and otherwise keeps the request as a task. */
export interface RelaySolver extends MipSolver {
  /** The first solve asked for that no answer covered (null: every one asked was answered). */
  readonly task: ExactTask | null;
}

/**
 * A solver answering from `answers` (each used only for the solve its key names). The first solve
 * without an answer becomes the task: the matcher's later solves start from what that one finds, so
 * the browser answers them one round at a time.
 */
export function relaySolver(answers: readonly ExactAnswer[] = []): RelaySolver {
  // They came over the wire: anything but a list of answers is no answer.
  const known = Array.isArray(answers) ? answers : [];
  let task: ExactTask | null = null;
  return {
    get task() {
      return task;
    },
    solve(model, start, limits): MipOutcome {
      const key = solveKey(model, start, limits);
      const answer = known.find((candidate) => candidate?.key === key);
      if (answer) return outcomeOf(answer, model.numCols);
      task ??= taskFor(model, start, limits);
      return { status: 'failed', bound: Infinity };
    },
  };
}

/** The answer as the solver's outcome; 'failed' when it does not fit the model (it came over the wire). */
function outcomeOf(answer: ExactAnswer, numCols: number): MipOutcome {
  const failed: MipOutcome = { status: 'failed', bound: Infinity };
  if (answer.status !== 'optimal' && answer.status !== 'stopped') return failed;
  if (answer.columns.length !== answer.values.length) return failed;
  const bound = answer.bound ?? Infinity;
  if (Number.isNaN(bound)) return failed;
  if (!answer.columns.length) return { status: answer.status, bound };
  const values = new Float64Array(numCols);
  for (let i = 0; i < answer.columns.length; i++) {
    const column = answer.columns[i];
    const value = answer.values[i];
    if (!Number.isInteger(column) || column < 0 || column >= numCols || !Number.isFinite(value)) return failed;
    values[column] = value;
  }
  return { status: answer.status, values, bound };
}
