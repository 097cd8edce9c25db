// A typed promise client over `google.script.run`. The server's functions and their types come from
// SidebarApi (imported as a type only, so no server code enters the sidebar bundle): the sidebar cannot
// call a function the server does not export, nor pass it arguments of the wrong shape.
import type { SidebarApi } from '../sheets/sidebar-api';

/**
 * What google.script.run can carry (HtmlService guide, "Parameters and return values"): primitives,
 * null, and objects and arrays made of them. A Date, function or DOM node anywhere inside makes the
 * request fail, so such a type becomes `never` as a whole (the mistake surfaces where it is used).
 */
type Illegal = Date | ((...args: never[]) => unknown) | symbol | bigint | Map<unknown, unknown> | Set<unknown>;

/** `true` (possibly in a union with `false`) when T holds an illegal value anywhere. */
type HoldsIllegal<T> = T extends Illegal
  ? true
  : T extends readonly (infer Item)[]
    ? HoldsIllegal<Item>
    : T extends object
      ? { [K in keyof T]-?: HoldsIllegal<T[K]> }[keyof T]
      : false;

/** The copy the other side receives: `undefined` inside arrays arrives as null. */
type Copied<T> = T extends readonly (infer Item)[]
  ? Array<undefined extends Item ? Copied<Exclude<Item, undefined>> | null : Copied<Item>>
  : T extends object
    ? { [K in keyof T]: Copied<T[K]> }
    : T;

export type Serialized<T> = true extends HoldsIllegal<T> ? never : Copied<T>;

export type ServerFunction = keyof SidebarApi;
export type ServerResult<K extends ServerFunction> = Serialized<ReturnType<SidebarApi[K]>>;

/** The part of the client-side `google.script.run` API used here (the @types package has none). */
export interface ScriptRun {
  withSuccessHandler(handler: (value: unknown, userObject?: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: unknown, userObject?: unknown) => void): ScriptRun;
  withUserObject(userObject: unknown): ScriptRun;
  [serverFunction: string]: unknown;
}

export interface GoogleScript {
  script: { run: ScriptRun };
}

// Module-scoped declaration: the sidebar page (Apps Script's iframe, or the local shim) defines it.
declare const google: GoogleScript | undefined;

/** The message of whatever a failure handler received (an Error, an Error-like object or a string). */
export function errorMessage(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string' && error.message) {
    return error.message;
  }
  if (typeof error === 'string' && error) return error;
  return 'The server call failed without a message.';
}

function scriptRun(): ScriptRun {
  if (typeof google === 'undefined' || !google?.script?.run) {
    throw new Error('google.script.run is not available: open this page from the add-on menu or the local server.');
  }
  return google.script.run;
}

/** Calls a server function; resolves with its (serialised) result, rejects with an Error carrying its message. */
export function callServer<K extends ServerFunction>(name: K, ...args: Parameters<SidebarApi[K]>): Promise<ServerResult<K>> {
  return new Promise((resolve, reject) => {
    const runner = scriptRun()
      .withSuccessHandler((value) => resolve(value as ServerResult<K>))
      .withFailureHandler((error) => reject(new Error(errorMessage(error))));
    const serverFunction = runner[name];
    if (typeof serverFunction !== 'function') throw new Error(`The server has no function ${name}.`);
    serverFunction.apply(runner, args);
  });
}
