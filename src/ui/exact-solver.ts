// The exact finish in Google Sheets. Apps Script cannot start HiGHS synchronously, so when a
// matching asks for an exact solve the server sends it here as a task (numbers only, see
// exact-relay.ts); the sidebar solves it with HiGHS and sends the answer back. HiGHS comes from the
// server (the HighsSolver project file) the first time a matching needs it, and runs in a worker
// (exact-worker.ts), so the page stays responsive; where no worker can start HiGHS, the page solves
// itself.
import type { ExactAnswer, ExactTask } from '../core/matching/exact-relay';
import { solveTask, startHighs, type Highs } from './highs-loader';
import type { WorkerReply, WorkerRequest } from './exact-worker';
import { callServer } from './server-client';

/** The worker's script, bundled and inlined by the build (webpack.config.js). */
declare const EXACT_WORKER_SOURCE: string;

let solverFile: Promise<string | null> | null = null;
/** The worker; null once workers proved unable to run HiGHS here (then the page solves). */
let worker: Worker | null | undefined;
let highsInPage: Promise<Highs> | null = null;

/** Solves the task in this browser; null when it cannot (the own answer then stands, with its bound). */
export async function solveInBrowser(task: ExactTask): Promise<ExactAnswer | null> {
  solverFile ??= callServer('browserSolverScript').catch(() => null);
  const file = await solverFile;
  if (!file) {
    // A failed call is asked again next time, not remembered for the rest of the session.
    solverFile = null;
    return null;
  }
  const reply = await askWorker({ file, task });
  if ('answer' in reply) return reply.answer;
  return reply.failed === 'start' ? solveInPage(file, task) : null;
}

function askWorker(request: WorkerRequest): Promise<WorkerReply> {
  const current = worker === undefined ? startWorker() : worker;
  if (!current) return Promise.resolve({ failed: 'start' });
  return new Promise((resolve) => {
    current.onmessage = (event: MessageEvent<WorkerReply>) => {
      // After a failure inside the WebAssembly instance its memory cannot be trusted: a fresh worker next time.
      if ('failed' in event.data) dropWorker(event.data.failed === 'start');
      resolve(event.data);
    };
    // The worker's script could not run (a browser or policy that allows no such worker).
    current.onerror = () => {
      dropWorker(true);
      resolve({ failed: 'start' });
    };
    current.postMessage(request);
  });
}

function startWorker(): Worker | null {
  try {
    worker = new Worker(URL.createObjectURL(new Blob([EXACT_WORKER_SOURCE], { type: 'text/javascript' })));
  } catch {
    worker = null;
  }
  return worker;
}

function dropWorker(forGood: boolean): void {
  worker?.terminate();
  worker = forGood ? null : undefined;
}

async function solveInPage(file: string, task: ExactTask): Promise<ExactAnswer | null> {
  try {
    highsInPage ??= startHighs(file, (script) => {
      const element = document.createElement('script');
      element.text = script;
      document.head.appendChild(element);
    });
    return solveTask(await highsInPage, task);
  } catch {
    return null;
  }
}
