// The exact finish relayed to the sidebar's browser (core/matching/exact-relay.ts), as Google Sheets
// runs it: the server keeps the solve as a task, the browser solves it, and the matching runs again
// with the answer. Checked against the local path (HiGHS in the same process): same pairs, same proof.
import fc from 'fast-check';
import { matchWithStats, type MatchInput, type MatchResult, type MipSolver } from '../../src/core/matching';
import { buildProgram } from '../../src/core/matching/program';
import { solve } from '../../src/core/matching/solve';
import { columnValues, exactModel, solveKey, type IntegerProgram } from '../../src/core/matching/exact-model';
import { answerFor, programOf, relaySolver, taskFor, type ExactAnswer, type ExactTask } from '../../src/core/matching/exact-relay';
import { loadHighsSolver } from '../../src/local/highs';
import { randomProgram } from '../support/random-program';
import { familyProgram } from '../../bench/families';

jest.setTimeout(120000);

const seeds = fc.integer({ min: 1, max: 2 ** 31 - 1 });
const LIMITS = { lpIterations: 20_000, seconds: 60 };
/** An own search starved enough to leave most proofs open, so that the finish has work to do. */
const NEARLY_NO_SEARCH = 0.0001;
let highs: MipSolver;

beforeAll(async () => {
  highs = (await loadHighsSolver())!;
});

/** What google.script.run carries: a copy through JSON. */
const overTheWire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** As the sidebar does: each task solved in turn, the matching run again with every answer so far. */
function relayedToTheEnd(input: MatchInput, first: MatchResult, firstTask: ExactTask, effort?: number) {
  const answers: ExactAnswer[] = [];
  let task: ExactTask | null = firstTask;
  let result = first;
  while (task && answers.length < 3) {
    const wired = overTheWire(task);
    answers.push(overTheWire(answerFor(wired, highs.solve(programOf(wired), Float64Array.from(wired.start), wired.limits))!));
    const relay = relaySolver(answers);
    result = matchWithStats(input, { effort, exact: relay }).result;
    task = relay.task;
  }
  return { result, rounds: answers.length };
}

function modelOf(seed: number, students = 40) {
  const program = buildProgram(randomProgram(seed, { students }));
  const model = exactModel(program);
  return { model, start: columnValues(model, solve(program).assignments) };
}

const plain = (model: IntegerProgram) => Object.fromEntries(Object.entries(model).map(([key, value]) => [key, typeof value === 'number' ? value : Array.from(value as ArrayLike<number>)]));

describe('a task', () => {
  it('carries the model and start unchanged over the wire, under the same key', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { model, start } = modelOf(seed);
        const task = overTheWire(taskFor(model.program, start, LIMITS));
        const rebuilt = programOf(task);
        expect(plain(rebuilt)).toEqual(plain(model.program));
        expect(task.start).toEqual(Array.from(start));
        expect(solveKey(rebuilt, task.start, task.limits)).toBe(task.key);
      }),
      { numRuns: 15 },
    );
  });

  it('names one solve: another start or limit is another key', () => {
    const { model, start } = modelOf(7);
    const key = taskFor(model.program, start, LIMITS).key;
    expect(taskFor(model.program, new Float64Array(start.length), LIMITS).key).not.toBe(key);
    expect(taskFor(model.program, start, { ...LIMITS, lpIterations: 1 }).key).not.toBe(key);
  });
});

describe('the relay solver', () => {
  it('keeps a solve it has no answer for as the task, and reports it failed (the own answer stands)', () => {
    const { model, start } = modelOf(11);
    const relay = relaySolver([]);
    expect(relay.task).toBeNull();
    expect(relay.solve(model.program, start, LIMITS)).toEqual({ status: 'failed', bound: Infinity });
    expect(relay.task?.key).toBe(solveKey(model.program, start, LIMITS));
  });

  it("answers with the browser's answer for that solve, as HiGHS answered it", () => {
    const { model, start } = modelOf(12);
    const task = taskFor(model.program, start, LIMITS);
    const outcome = highs.solve(programOf(task), Float64Array.from(task.start), task.limits);
    const answer = overTheWire(answerFor(task, outcome)!);
    const relay = relaySolver([answer]);
    const relayed = relay.solve(model.program, start, LIMITS);
    expect(relay.task).toBeNull();
    expect(relayed.status).toBe(outcome.status);
    expect(relayed.bound).toBe(outcome.bound);
    expect(Array.from(relayed.values!)).toEqual(Array.from(outcome.values!));
  });

  it('does not use an answer for another solve: that solve becomes the task', () => {
    const first = modelOf(13);
    const other = modelOf(14);
    const task = taskFor(first.model.program, first.start, LIMITS);
    const answer = answerFor(task, highs.solve(programOf(task), Float64Array.from(task.start), LIMITS))!;
    const relay = relaySolver([answer]);
    expect(relay.solve(other.model.program, other.start, LIMITS).status).toBe('failed');
    expect(relay.task?.key).toBe(solveKey(other.model.program, other.start, LIMITS));
  });

  it('answers each solve from its own answer, and keeps the first one left as the task', () => {
    const first = modelOf(17);
    const second = modelOf(18);
    const third = modelOf(19);
    const solveTask = (task: ExactTask) => overTheWire(answerFor(task, highs.solve(programOf(task), Float64Array.from(task.start), task.limits))!);
    const firstAnswer = solveTask(taskFor(first.model.program, first.start, LIMITS));
    const relay = relaySolver([firstAnswer]);
    expect(relay.solve(first.model.program, first.start, LIMITS).status).not.toBe('failed');
    expect(relay.solve(second.model.program, second.start, LIMITS).status).toBe('failed');
    expect(relay.solve(third.model.program, third.start, LIMITS).status).toBe('failed');
    expect(relay.task?.key).toBe(solveKey(second.model.program, second.start, LIMITS));
    const both = relaySolver([firstAnswer, solveTask(relay.task!)]);
    expect(both.solve(first.model.program, first.start, LIMITS).status).not.toBe('failed');
    expect(both.solve(second.model.program, second.start, LIMITS).status).not.toBe('failed');
    expect(both.task).toBeNull();
  });

  it('takes anything but a list of answers as no answer', () => {
    const { model, start } = modelOf(20);
    const answer = overTheWire(answerFor(taskFor(model.program, start, LIMITS), { status: 'stopped', bound: 5 })!);
    for (const notAList of [answer, null, 'answers', 7]) {
      const relay = relaySolver(notAList as unknown as ExactAnswer[]);
      expect(relay.solve(model.program, start, LIMITS).status).toBe('failed');
      expect(relay.task).not.toBeNull();
    }
  });

  it('treats an answer that does not fit the model as failed', () => {
    const { model, start } = modelOf(15);
    const key = solveKey(model.program, start, LIMITS);
    const numCols = model.program.numCols;
    const bad: Partial<ExactAnswer>[] = [
      { columns: [numCols], values: [1] },
      { columns: [-1], values: [1] },
      { columns: [0.5], values: [1] },
      { columns: [0], values: [Number.NaN] },
      { columns: [0, 1], values: [1] },
      { status: 'proven' as ExactAnswer['status'] },
    ];
    for (const fields of bad) {
      const answer: ExactAnswer = { key, status: 'optimal', columns: [0], values: [1], bound: 10, ...fields };
      expect(relaySolver([answer]).solve(model.program, start, LIMITS)).toEqual({ status: 'failed', bound: Infinity });
    }
  });

  it('sends no answer for a failed solve, and an unbounded one without a bound', () => {
    const task = taskFor(modelOf(16).model.program, modelOf(16).start, LIMITS);
    expect(answerFor(task, { status: 'failed', bound: Infinity })).toBeNull();
    const stopped = overTheWire(answerFor(task, { status: 'stopped', bound: Infinity })!);
    expect(stopped).toEqual({ key: task.key, status: 'stopped', columns: [], values: [], bound: null });
    const { model, start } = modelOf(16);
    expect(relaySolver([stopped]).solve(model.program, start, LIMITS)).toEqual({ status: 'stopped', bound: Infinity });
  });
});

describe('the matching with a relayed finish', () => {
  it('ends exactly as with HiGHS in the same process: same pairs, same proof', () => {
    let relayed = 0;
    fc.assert(
      fc.property(seeds, fc.integer({ min: 30, max: 80 }), (seed, students) => {
        const input = randomProgram(seed, { students });
        const local = matchWithStats(input, { effort: NEARLY_NO_SEARCH, exact: highs }).result;
        // First run: the server has no solver, so the solve becomes a task.
        const relay = relaySolver([]);
        const first = matchWithStats(input, { effort: NEARLY_NO_SEARCH, exact: relay }).result;
        if (!relay.task) {
          expect(first).toEqual(local);
          return;
        }
        const { result, rounds } = relayedToTheEnd(input, first, relay.task, NEARLY_NO_SEARCH);
        expect(rounds).toBeLessThanOrEqual(2);
        expect(result).toEqual(local);
        relayed++;
      }),
      { numRuns: 25 },
    );
    expect(relayed).toBeGreaterThanOrEqual(8);
  });

  it('relays a larger roster in two rounds, a short solve then a long one, and ends as with HiGHS here', () => {
    // Tight blocks, 250 students: the short solve proves nothing, nor does the (starved) own search after it.
    const input = familyProgram('tight', 16);
    const local = matchWithStats(input, { effort: NEARLY_NO_SEARCH, exact: highs }).result;
    const relay = relaySolver([]);
    const first = matchWithStats(input, { effort: NEARLY_NO_SEARCH, exact: relay }).result;
    expect(relay.task).not.toBeNull();
    const { result, rounds } = relayedToTheEnd(input, first, relay.task!, NEARLY_NO_SEARCH);
    expect(rounds).toBe(2);
    expect(result).toEqual(local);
    expect(result.totals.proof.optimal).toBe(true);
  });
});
