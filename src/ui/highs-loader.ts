// HiGHS in a browser, started from the HighsSolver file the server hands over (see webpack.config.js),
// and one exact solve on it, with the same options and work limit as in Node (highs-run.ts). Used by
// the sidebar's worker (exact-worker.ts) and, where no worker can run, by the page itself.
import { answerFor, programOf, type ExactAnswer, type ExactTask } from '../core/matching/exact-relay';
import { solveWithHighs, type Highs } from '../core/matching/highs-run';

export type { Highs };

/** Emscripten's hook for instantiating the WebAssembly itself (this build of HiGHS reads no `wasmBinary`). */
type InstantiateWasm = (imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance) => void) => object;

/** What the HighsSolver script defines. */
interface HighsGlobals {
  PeerTutoringHighs?: (options: { instantiateWasm: InstantiateWasm }) => Promise<Highs>;
  /** The WebAssembly binary, gzipped and base64-encoded. */
  PeerTutoringHighsWasm?: string;
}

/**
 * Starts HiGHS from the HighsSolver file's content. `evaluate` runs its script in this global scope
 * (a script element in the page, importScripts in a worker).
 */
export async function startHighs(file: string, evaluate: (script: string) => void): Promise<Highs> {
  evaluate(file.replace(/^\s*<script>/, '').replace(/<\/script>\s*$/, ''));
  const globals = globalThis as HighsGlobals;
  if (!globals.PeerTutoringHighs || !globals.PeerTutoringHighsWasm) throw new Error('The HighsSolver script defined no HiGHS.');
  const module = await WebAssembly.compile(await gunzip(base64Bytes(globals.PeerTutoringHighsWasm)));
  return startLoader(globals.PeerTutoringHighs, module);
}

/** The answer to a task; null when the solve failed. */
export function solveTask(highs: Highs, task: ExactTask): ExactAnswer | null {
  return answerFor(task, solveWithHighs(highs, programOf(task), Float64Array.from(task.start), task.limits));
}

/** Starts the loader on the compiled module; rejects (rather than waiting forever) when instantiating fails. */
function startLoader(loader: NonNullable<HighsGlobals['PeerTutoringHighs']>, module: WebAssembly.Module): Promise<Highs> {
  return new Promise((resolve, reject) => {
    const instantiateWasm: InstantiateWasm = (imports, receive) => {
      WebAssembly.instantiate(module, imports).then(receive, reject);
      return {};
    };
    loader({ instantiateWasm }).then(resolve, reject);
  });
}

function base64Bytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function gunzip(bytes: Uint8Array): Promise<ArrayBuffer> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}
