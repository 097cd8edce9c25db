// Runs the built Apps Script bundle (build/Code.js) the way Apps Script does: as one classic script in
// a global scope that holds only the Apps Script services (here, the fakes). Node's `require`,
// `process`, `module` and timers are absent, so a bundle that depends on them fails here as it would
// in Apps Script.
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import type { AppsScriptFakes } from '../fakes/apps-script';
import { createScriptAppFake, type ScriptAppFake } from '../fakes/apps-script/script-app';

/** ScriptApp is always there in Apps Script: one fake per set of fakes, unless a test passes its own. */
const scriptApps = new WeakMap<AppsScriptFakes, ScriptAppFake>();

function defaultScriptApp(fakes: AppsScriptFakes): ScriptAppFake {
  let scriptApp = scriptApps.get(fakes);
  if (!scriptApp) {
    scriptApp = createScriptAppFake(fakes.calls, { accounts: fakes.accounts });
    scriptApps.set(fakes, scriptApp);
  }
  return scriptApp;
}

/** build/ at the repository root; benches bundle this file as an ES module (no __dirname) and run from the root. */
export const BUILD_DIR = typeof __dirname === 'string' ? path.resolve(__dirname, '../../build') : path.resolve('build');
export const BUNDLE_PATH = path.join(BUILD_DIR, 'Code.js');

/** The bundle's global scope: its top-level functions and whatever it assigned to the global object. */
export type BundleContext = vm.Context & Record<string, unknown>;

export function readBundle(bundlePath = BUNDLE_PATH): string {
  if (!fs.existsSync(bundlePath)) {
    throw new Error(`${bundlePath} is missing: run npm run build before the bundle tests.`);
  }
  return fs.readFileSync(bundlePath, 'utf8');
}

/**
 * Loads the bundle into a fresh context whose globals are the fakes' services and a ScriptApp fake
 * (plus `extraGlobals`, e.g. a CalendarApp fake or a ScriptApp the test inspects), and registers the built HTML files (build/*.html) with the fake HtmlService.
 */
export function loadBundle(
  fakes: AppsScriptFakes,
  extraGlobals: Record<string, unknown> = {},
  bundlePath = BUNDLE_PATH,
): BundleContext {
  const code = readBundle(bundlePath);
  const buildDir = path.dirname(bundlePath);
  for (const file of fs.readdirSync(buildDir).filter((name) => name.endsWith('.html'))) {
    fakes.html.addFile(file, fs.readFileSync(path.join(buildDir, file), 'utf8'));
  }
  // Apps Script runs the project and its services in one JavaScript realm: share Date and Error so
  // `instanceof Date` holds for getValues results and `instanceof Error` for the services' exceptions.
  const context = vm.createContext({ Date, Error, ScriptApp: defaultScriptApp(fakes).ScriptApp, ...fakes.globals(), ...extraGlobals }) as BundleContext;
  vm.runInContext(code, context, { filename: bundlePath });
  return context;
}

/** A function the bundle exposes globally (an entry point), or an error naming it. */
export function entryPoint(context: BundleContext, name: string): (...args: unknown[]) => unknown {
  const candidate = context[name];
  if (typeof candidate !== 'function') throw new Error(`The bundle has no global function ${name}.`);
  return candidate as (...args: unknown[]) => unknown;
}
