// The sidebar's typed google.script.run client, the local shim that imitates google.script.run, and
// the pure choice logic (lock / exclude / swap) behind the preview buttons.
import { installScriptRunShim, shimScript, type ShimWindow } from '../../src/local/script-run-shim';
import type { MatchOptions, PairChoice } from '../../src/sheets/matching/service';
import { emptyOptions, exclude, isLockedChoice, swapTutor, toggleLock } from '../../src/ui/choices';
import { callServer, errorMessage, type Serialized, type ServerResult } from '../../src/ui/server-client';

// --- compile-time checks (tsc --noEmit): what crosses google.script.run -------------------------
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const typeChecks: [
  Equal<Serialized<Date>, never>,
  Equal<Serialized<{ when: Date; name: string }>, never>,
  Equal<Serialized<{ list: Array<{ at: Date }> }>, never>,
  Equal<Serialized<{ f: () => void }>, never>,
  Equal<Serialized<{ name: string; n: number; ok: boolean; none: null }>, { name: string; n: number; ok: boolean; none: null }>,
  Equal<Serialized<Array<string | undefined>>, Array<string | null>>,
  Equal<ServerResult<'undoChange'>, { restored: string[]; label: string } | { refused: string }>,
] = [true, true, true, true, true, true, true];
void typeChecks;

function typedCallsOnly(): void {
  // @ts-expect-error: the server exports no such function
  void callServer('deleteEverything');
  // @ts-expect-error: selectCell takes (tab, row, column)
  void callServer('selectCell', 'Students', '3');
  // @ts-expect-error: proposeMatches needs MatchOptions
  void callServer('proposeMatches', { locked: [] });
}
void typedCallsOnly;

// --- callServer over a recorded google.script.run ---------------------------------------------
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function fakeGoogle(outcome: Outcome, calls: Array<{ name: string; args: unknown[] }>) {
  const runner = (success?: (v: unknown) => void, failure?: (e: unknown) => void): Record<string, unknown> =>
    new Proxy(
      {},
      {
        get: (_, name: string) => {
          if (name === 'withSuccessHandler') return (handler: (v: unknown) => void) => runner(handler, failure);
          if (name === 'withFailureHandler') return (handler: (e: unknown) => void) => runner(success, handler);
          if (name === 'withUserObject') return () => runner(success, failure);
          return (...args: unknown[]) => {
            calls.push({ name, args });
            setTimeout(() => (outcome.ok ? success?.(outcome.value) : failure?.(outcome.error)), 0);
          };
        },
      },
    );
  return { script: { run: runner() } };
}

describe('callServer', () => {
  const globals = globalThis as { google?: unknown };
  afterEach(() => delete globals.google);

  it('calls the named server function with its arguments and resolves with the result', async () => {
    const calls: Array<{ name: string; args: unknown[] }> = [];
    globals.google = fakeGoogle({ ok: true, value: { restored: ['Pairs'] } }, calls);
    await expect(callServer('undoChange', 3)).resolves.toEqual({ restored: ['Pairs'] });
    await callServer('selectCell', 'Students', 4, 2);
    expect(calls).toEqual([
      { name: 'undoChange', args: [3] },
      { name: 'selectCell', args: ['Students', 4, 2] },
    ]);
  });

  it('rejects with an Error carrying the server message', async () => {
    globals.google = fakeGoogle({ ok: false, error: { name: 'ScriptError', message: 'Students tab: missing "Grade"' } }, []);
    await expect(callServer('getOverview')).rejects.toThrow('Students tab: missing "Grade"');
  });

  it('rejects with a clear message outside Apps Script', async () => {
    await expect(callServer('getOverview')).rejects.toThrow(/google\.script\.run is not available/);
  });

  it('never turns a failure into an empty message', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage('plain text')).toBe('plain text');
    expect(errorMessage({})).toBe('The server call failed without a message.');
    expect(errorMessage(undefined)).toBe('The server call failed without a message.');
  });
});

// --- the local google.script.run shim ----------------------------------------------------------
interface Posted {
  url: string;
  body: unknown;
  contentType: string;
}

function shimWindow(respond: (name: string) => { status: number; payload: unknown }, posted: Posted[]) {
  const win: ShimWindow = {
    fetch: async (url, init) => {
      posted.push({ url, body: JSON.parse(init.body), contentType: init.headers['Content-Type'] });
      const { status, payload } = respond(url.replace('/api/', ''));
      return { ok: status < 400, status, json: async () => payload };
    },
  };
  installScriptRunShim(win, ['getOverview', 'selectCell']);
  return (win.google as { script: { run: Record<string, (...args: unknown[]) => unknown> } }).script.run;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the local google.script.run shim', () => {
  it('POSTs the arguments as JSON and passes the value and user object to the success handler', async () => {
    const posted: Posted[] = [];
    const run = shimWindow(() => ({ status: 200, payload: { value: { programName: 'P' } } }), posted);
    const success = jest.fn();
    const chained = (run.withSuccessHandler(success) as typeof run).withUserObject('ctx') as typeof run;
    chained.selectCell('Students', 3, 2);
    await settle();
    await settle();
    expect(posted).toEqual([{ url: '/api/selectCell', body: ['Students', 3, 2], contentType: 'application/json' }]);
    expect(success).toHaveBeenCalledWith({ programName: 'P' }, 'ctx');
  });

  it('gives the failure handler an Error-like object with the server message', async () => {
    const run = shimWindow(() => ({ status: 500, payload: { message: 'Blocks tab: missing "Day"' } }), []);
    const failure = jest.fn();
    (run.withFailureHandler(failure) as typeof run).getOverview();
    await settle();
    await settle();
    expect(failure).toHaveBeenCalledWith({ name: 'ScriptError', message: 'Blocks tab: missing "Day"' }, undefined);
  });

  it('fails a call with a Date argument, as Apps Script does', async () => {
    const posted: Posted[] = [];
    const run = shimWindow(() => ({ status: 200, payload: {} }), posted);
    const failure = jest.fn();
    (run.withFailureHandler(failure) as typeof run).selectCell({ at: new Date() });
    await settle();
    expect(posted).toEqual([]);
    expect(failure.mock.calls[0][0].message).toMatch(/cannot pass a Date/);
  });

  it('exposes only the server functions it was given; each with* returns a new runner', () => {
    const run = shimWindow(() => ({ status: 200, payload: {} }), []);
    expect(typeof run.getOverview).toBe('function');
    expect(run.deleteEverything).toBeUndefined();
    expect(run.withSuccessHandler(() => undefined)).not.toBe(run);
  });

  it('injects as a self-contained script whose names cannot close the element', () => {
    const script = shimScript(['a</script><b>']);
    expect(script.startsWith('<script>(function')).toBe(true);
    expect(script.match(/<\/script>/g)).toHaveLength(1);
  });
});

// --- the teacher's choices ---------------------------------------------------------------------
const pair = (tutorId: string, tuteeId = 'S-2', subject = 'Math', block = 'Mon-A'): PairChoice => ({ tutorId, tuteeId, subject, block });

describe('preview choices', () => {
  it('toggles a lock on and off, comparing subjects case-insensitively', () => {
    const locked = toggleLock(emptyOptions(), pair('S-1'));
    expect(locked.locked).toEqual([pair('S-1')]);
    expect(isLockedChoice(locked, { tuteeId: 'S-2', subject: ' math ' })).toBe(true);
    expect(toggleLock(locked, pair('S-1', 'S-2', 'MATH'))).toEqual(emptyOptions());
  });

  it('keeps one choice per need: locking a swapped pair moves it to locked', () => {
    const swapped = swapTutor(emptyOptions(), pair('S-1'), { tutorId: 'S-9', block: 'Wed-A' });
    expect(swapped.swapped).toEqual([pair('S-9', 'S-2', 'Math', 'Wed-A')]);
    const locked = toggleLock(swapped, pair('S-9', 'S-2', 'Math', 'Wed-A'));
    expect(locked).toEqual<MatchOptions>({ locked: [pair('S-9', 'S-2', 'Math', 'Wed-A')], swapped: [], excluded: [] });
  });

  it('excluding a pair drops its lock or swap and records the exclusion once', () => {
    const options = exclude(exclude(toggleLock(emptyOptions(), pair('S-1')), pair('S-1')), pair('S-1'));
    expect(options).toEqual<MatchOptions>({ locked: [], swapped: [], excluded: [{ tutorId: 'S-1', tuteeId: 'S-2', subject: 'Math' }] });
  });

  it('swapping replaces an earlier swap for the same need', () => {
    const once = swapTutor(emptyOptions(), pair('S-1'), { tutorId: 'S-8', block: 'Mon-A' });
    const twice = swapTutor(once, pair('S-8'), { tutorId: 'S-9', block: 'Tue-A' });
    expect(twice.swapped).toEqual([pair('S-9', 'S-2', 'Math', 'Tue-A')]);
  });
});
