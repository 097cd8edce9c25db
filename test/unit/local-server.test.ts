// The local sidebar server over a real .xlsx workbook: routing, errors as JSON, saving only on
// writes, serialised calls, and loopback-only access.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'fs';
import http from 'http';
import { tmpdir } from 'os';
import path from 'path';
import { sampleProgram } from '../../src/core/sample-program';
import { startSidebarServer, type SidebarServer } from '../../src/local/server';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import { writeProgram } from '../../src/sheets/program/program-writer';
import { setUpProgram } from '../../src/sheets/program/setup';

let dir: string;
let workbook: string;
let server: SidebarServer;
const NO_CHOICES = { locked: [], swapped: [], excluded: [] };

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-server-'));
  workbook = path.join(dir, 'program.xlsx');
  const store = XlsxTableStore.create(workbook);
  writeProgram(store, sampleProgram(30, 5));
  setUpProgram(store);
  await store.save();
  const html = path.join(dir, 'Sidebar.html');
  writeFileSync(html, '<!DOCTYPE html><html><head><title>t</title></head><body><script>/*app*/</script></body></html>');
  server = await startSidebarServer({ workbookPath: workbook, port: 0, sidebarHtmlPath: html });
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(name: string, args: unknown[] = [], contentType = 'application/json') {
  const response = await fetch(`${server.url}api/${name}`, { method: 'POST', headers: { 'Content-Type': contentType }, body: JSON.stringify(args) });
  return { status: response.status, body: (await response.json()) as { value?: unknown; message?: string } };
}

/** A raw request with a chosen Host header (fetch does not let one set it). */
function requestWithHost(host: string): Promise<number> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/', headers: { Host: host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on('error', reject);
  });
}

describe('the local sidebar server', () => {
  it('listens on loopback and serves the sidebar with the google.script.run shim before its script', async () => {
    expect(server.url).toMatch(/^http:\/\/localhost:\d+\/$/);
    const page = await (await fetch(server.url)).text();
    expect(page.indexOf('installScriptRunShim')).toBeGreaterThan(-1);
    expect(page.indexOf('installScriptRunShim')).toBeLessThan(page.indexOf('/*app*/'));
    expect(page).toContain('"getOverview","checkRoster","proposeMatches"');
  });

  it('answers a sidebar function with its value', async () => {
    const { status, body } = await call('getOverview');
    expect(status).toBe(200);
    expect(body.value).toMatchObject({ programName: 'Lincoln Middle & High Peer Tutoring', summary: { students: 30 } });
  });

  it('saves the workbook only for calls that write', async () => {
    const before = statSync(workbook).mtimeMs;
    expect((await call('proposeMatches', [NO_CHOICES])).status).toBe(200);
    expect(statSync(workbook).mtimeMs).toBe(before);
    const applied = await call('applyMatches', [{ options: NO_CHOICES }]);
    expect(applied.status).toBe(200);
    const rows = (await XlsxTableStore.open(workbook)).readTab('Pairs') ?? [];
    expect(rows.length - 1).toBe((applied.body.value as { report: { pairsWritten: number } }).report.pairsWritten);
  });

  it('runs concurrent calls one at a time, each seeing the previous one’s writes', async () => {
    // Requests may arrive in any order; run one at a time, each apply sees the history the last one wrote.
    const results = await Promise.all([1, 2, 3].map(() => call('applyMatches', [{ options: NO_CHOICES }])));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const versions = results.map((r) => (r.body.value as { report: { version: number } }).report.version).sort((a, b) => a - b);
    expect(versions).toEqual([versions[0], versions[0] + 1, versions[0] + 2]);
  });

  it('answers 404 for an unknown function and 500 with the message for a thrown error', async () => {
    await expect(call('deleteEverything')).resolves.toEqual({ status: 404, body: { message: 'There is no server function named deleteEverything.' } });
    await expect(call('__proto__')).resolves.toMatchObject({ status: 404 });
    rmSync(workbook);
    const failed = await call('getOverview');
    expect(failed.status).toBe(500);
    expect(failed.body.message).toMatch(/no such file/);
  });

  it('refuses bodies that are not a JSON array of arguments, and non-JSON requests', async () => {
    const notArray = await fetch(`${server.url}api/getOverview`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' });
    expect(notArray.status).toBe(400);
    expect((await call('getOverview', [], 'text/plain')).status).toBe(415);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    expect(await requestWithHost('evil.example:80')).toBe(403);
    expect(await requestWithHost('localhost')).toBe(200);
  });
});
