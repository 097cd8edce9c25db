// Item 6 of issue 8: two processes writing one workbook (peer-tutoring match ‖ schedule, and the local
// sidebar server ‖ schedule). Every write that reports success is in the file afterwards; a write that
// cannot be made says so. Runs the built CLI (npm run build) as real child processes.
import { spawn, type ChildProcess } from 'child_process';
import { existsSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { XlsxTableStore } from '../../src/local/xlsx-store';

const BIN = path.resolve(__dirname, '../../bin/peer-tutoring.js');
const built = existsSync(path.resolve(__dirname, '../../dist/cli.js'));
const describeBuilt = built ? describe : describe.skip;
if (!built) console.warn('dist/cli.js is missing: run npm run build to test concurrent processes');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-race-'));
});

interface Run {
  code: number;
  output: string;
}

function started(args: string[]): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: dir });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const done = new Promise<Run>((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, output })));
  return { child, done };
}

const cli = (...args: string[]) => started(args).done;

/** A matched sample program with every pair Active, so both match and schedule have something to write. */
async function matchedWorkbook(name: string): Promise<string> {
  const file = path.join(dir, name);
  expect((await cli('init', file, '--sample', '40', '--seed', '3')).code).toBe(0);
  expect((await cli('match', file)).code).toBe(0);
  const store = await XlsxTableStore.open(file);
  const pairs = store.readTab('Pairs')!;
  const status = pairs[0].indexOf('Status');
  store.writeTab('Pairs', pairs.map((row, i) => (i === 0 ? row : row.map((cell, j) => (j === status ? 'Active' : cell)))));
  await store.save();
  return file;
}

/** What the file shows of the writes: undo versions saved (one per write) and sessions on the tab. */
async function writesIn(file: string): Promise<{ versions: number; sessions: number }> {
  const store = await XlsxTableStore.open(file);
  const history = store.readTab('Undo history') ?? [];
  // Version numbers only grow (the history keeps the newest few): the largest counts every write so far.
  return { versions: Math.max(0, ...history.slice(1).map((row) => Number(row[0]) || 0)), sessions: (store.readTab('Sessions') ?? []).length - 1 };
}

/** A refused write says why in one line and names what to do; it never fails silently or with a stack trace. */
function expectSucceededOrRefusedClearly(run: Run): boolean {
  expect(run.output).not.toMatch(/\n\s+at /);
  if (run.code === 0) return true;
  expect(run.output).toMatch(/changed by another program since peer-tutoring read it|is being changed by another peer-tutoring command/);
  return false;
}

describeBuilt('two processes writing one workbook', () => {
  it('match ‖ schedule: both writes are in the file, or the refused one says so', async () => {
    for (let round = 0; round < 2; round++) {
      const file = await matchedWorkbook(`round${round}.xlsx`);
      const before = await writesIn(file);
      const [matched, scheduled] = await Promise.all([cli('match', file), cli('schedule', file)]);
      const succeeded = [matched, scheduled].filter(expectSucceededOrRefusedClearly).length;
      const after = await writesIn(file);
      expect(after.versions - before.versions).toBe(succeeded);
      if (scheduled.code === 0) expect(after.sessions).toBeGreaterThan(0);
    }
  });

  it('the local sidebar server ‖ schedule: the server sees the command’s write and neither is lost', async () => {
    const file = await matchedWorkbook('served.xlsx');
    const server = started(['serve', file, '--port', '0']);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        server.child.stdout!.on('data', (chunk: Buffer) => {
          const found = /Sidebar: (http:\/\/localhost:\d+)/.exec(chunk.toString());
          if (found) resolve(found[1]);
        });
        server.done.then((run) => reject(new Error(`the server stopped: ${run.output}`)));
      });
      const apply = () =>
        fetch(`${url}/api/applyMatches`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify([{ options: { locked: [], swapped: [], excluded: [] } }]) });
      const before = await writesIn(file);
      // The teacher keeps applying in the sidebar for as long as the command runs.
      const schedule = cli('schedule', file);
      let running = true;
      void schedule.then(() => (running = false));
      let applied = 0;
      while (running) {
        const response = await apply();
        expect(response.status).toBe(200);
        applied++;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const scheduled = await schedule;
      const scheduleSucceeded = expectSucceededOrRefusedClearly(scheduled);
      // The server read the workbook again after the command saved it: its next write keeps the sessions.
      expect((await apply()).status).toBe(200);
      const after = await writesIn(file);
      expect(after.versions - before.versions).toBe(applied + 1 + (scheduleSucceeded ? 1 : 0));
      if (scheduleSucceeded) expect(after.sessions).toBeGreaterThan(0);
    } finally {
      server.child.kill('SIGTERM');
      await server.done;
    }
  });
});
