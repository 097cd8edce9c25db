// `google.script.run` for the sidebar served locally: the same chaining API as in Apps Script, each
// call POSTed as JSON to /api/<name>. The function is injected into the page as source text
// (`shimScript`), so it must stay self-contained: no imports, no helpers from outside its body.

export interface ShimWindow {
  google?: unknown;
  fetch(url: string, init: { method: string; headers: Record<string, string>; body: string }): Promise<{
    ok: boolean;
    status: number;
    json(): Promise<unknown>;
  }>;
}

type Handler = (value: unknown, userObject: unknown) => void;

export function installScriptRunShim(win: ShimWindow, functionNames: string[]): void {
  /** Like Apps Script: a Date or function anywhere in the arguments fails the request. */
  function encodeArguments(args: unknown[]): string {
    return JSON.stringify(args, function (this: Record<string, unknown>, key: string, value: unknown) {
      const original = key === '' ? value : this[key];
      if (original instanceof Date || typeof original === 'function') {
        throw new Error('google.script.run cannot pass a ' + (original instanceof Date ? 'Date' : 'function') + ' to the server.');
      }
      return value;
    });
  }

  async function post(name: string, args: unknown[]): Promise<unknown> {
    const body = encodeArguments(args);
    let response;
    try {
      response = await win.fetch('/api/' + encodeURIComponent(name), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: body,
      });
    } catch (error) {
      throw new Error('Could not reach the local sidebar server (' + String(error) + '). Is `npm start` still running?');
    }
    const payload = (await response.json().catch(() => ({}))) as { value?: unknown; message?: unknown };
    if (!response.ok) throw new Error(typeof payload.message === 'string' ? payload.message : 'Server error ' + response.status);
    return payload.value;
  }

  function errorLike(error: unknown): { name: string; message: string } {
    const message = error instanceof Error ? error.message : String(error);
    return { name: 'ScriptError', message: message };
  }

  function runner(success: Handler | null, failure: Handler | null, userObject: unknown): Record<string, unknown> {
    const run: Record<string, unknown> = {
      withSuccessHandler: (handler: Handler) => runner(handler, failure, userObject),
      withFailureHandler: (handler: Handler) => runner(success, handler, userObject),
      withUserObject: (object: unknown) => runner(success, failure, object),
    };
    functionNames.forEach((name) => {
      run[name] = (...args: unknown[]) => {
        post(name, args).then(
          (value) => success && success(value, userObject),
          (error) => (failure ? failure(errorLike(error), userObject) : console.error(error)),
        );
      };
    });
    return run;
  }

  win.google = { script: { run: runner(null, null, undefined), host: { close: () => undefined } } };
}

/** The <script> element that installs the shim in the served page. */
export function shimScript(functionNames: string[]): string {
  const names = JSON.stringify(functionNames).replace(/</g, '\\u003c');
  return `<script>(${installScriptRunShim.toString()})(window, ${names});</script>`;
}
