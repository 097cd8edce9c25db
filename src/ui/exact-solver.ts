// The exact finish in Google Sheets. Apps Script cannot start HiGHS, so when a matching asks for an
// exact solve the server sends it here as a task (numbers only, see exact-relay.ts); this browser runs
// HiGHS on it, with the same options and work limit as Node, and the sidebar sends the answer back.
// HiGHS comes from the server (the HighsSolver project file) the first time a matching needs it.
import { answerFor, programOf, type ExactAnswer, type ExactTask } from '../core/matching/exact-relay';
import { solveWithHighs, type Highs } from '../core/matching/highs-run';
import { callServer } from './server-client';

/** Emscripten's hook for instantiating the WebAssembly itself (this build of HiGHS reads no `wasmBinary`). */
type InstantiateWasm = (imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance) => void) => object;

/** What the HighsSolver script defines (see webpack.config.js). */
interface HighsGlobals {
  PeerTutoringHighs?: (options: { instantiateWasm: InstantiateWasm }) => Promise<Highs>;
  /** The WebAssembly binary, gzipped and base64-encoded. */
  PeerTutoringHighsWasm?: string;
}

let loading: Promise<Highs | null> | null = null;

/** HiGHS in this browser, loaded once; null when it cannot run here (the own answer then stands). */
function loadHighs(): Promise<Highs | null> {
  loading ??= (async () => {
    try {
      const script = await callServer('browserSolverScript');
      if (!script) return null;
      const element = document.createElement('script');
      element.text = script.replace(/^\s*<script>/, '').replace(/<\/script>\s*$/, '');
      document.head.appendChild(element);
      const globals = window as unknown as HighsGlobals;
      if (!globals.PeerTutoringHighs || !globals.PeerTutoringHighsWasm) return null;
      const module = await WebAssembly.compile(await gunzip(base64Bytes(globals.PeerTutoringHighsWasm)));
      return await startHighs(globals.PeerTutoringHighs, module);
    } catch {
      return null;
    }
  })();
  return loading;
}

/** Starts the loader on the compiled module; rejects (rather than waiting forever) when instantiating fails. */
function startHighs(loader: NonNullable<HighsGlobals['PeerTutoringHighs']>, module: WebAssembly.Module): Promise<Highs> {
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

/** Solves the task here; null when HiGHS cannot run in this browser or the solve failed. */
export async function solveInBrowser(task: ExactTask): Promise<ExactAnswer | null> {
  const highs = await loadHighs();
  if (!highs) return null;
  try {
    return answerFor(task, solveWithHighs(highs, programOf(task), Float64Array.from(task.start), task.limits));
  } catch {
    // After an abort inside the WebAssembly instance its memory cannot be trusted: no more solves.
    loading = Promise.resolve(null);
    return null;
  }
}
