// The exact finish as it runs in Google Sheets, in real Chromium: the server (the local one, set to
// behave like Apps Script) has no solver, so the sidebar loads HiGHS from the server's HighsSolver
// file, solves the matching's task in a worker, and shows the matching proven optimal; Apply writes
// exactly that preview.
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { sampleProgram } from '../../src/core/sample-program';
import { startSidebarServer, type SidebarServer } from '../../src/local/server';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import { writeProgram } from '../../src/sheets/program/program-writer';
import { setUpProgram } from '../../src/sheets/program/setup';
import { describeInBrowser, launchBrowser, openSidebar, readTabRows, RESULTS_DIR, settled, WIDTH } from './support';

jest.setTimeout(180000);

describeInBrowser('the exact finish in the sidebar’s browser (as in Google Sheets)', () => {
  let browser: Browser;
  let dir: string;
  let workbook: string;
  let server: SidebarServer;
  let page: Page;
  const solverScriptCalls: string[] = [];
  /** The arguments of each sidebar call, by function, as the page sent them. */
  const sent = new Map<string, unknown[][]>();
  let workers = 0;

  beforeAll(async () => {
    browser = await launchBrowser();
    dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-exact-'));
    workbook = path.join(dir, 'program.xlsx');
    // The sample generator's seed 32 at 130 students: the own search cannot prove its matching.
    const store = XlsxTableStore.create(workbook);
    writeProgram(store, sampleProgram(130, 32, '2026-09-01'));
    setUpProgram(store);
    await store.save();
    server = await startSidebarServer({ workbookPath: workbook, port: 0, today: '2026-09-01', exactSolverIn: 'browser' });
    page = await browser.newPage({ viewport: { width: WIDTH, height: 800 } });
    page.on('pageerror', (error) => console.error(`Sidebar page error: ${error.message}`));
    page.on('worker', () => workers++);
    page.on('request', (request) => {
      if (request.url().endsWith('/api/browserSolverScript')) solverScriptCalls.push(request.url());
      const call = /\/api\/(\w+)$/.exec(request.url());
      if (call && request.postData()) sent.set(call[1], [...(sent.get(call[1]) ?? []), JSON.parse(request.postData()!) as unknown[]]);
    });
  });

  afterAll(async () => {
    await page?.close();
    await server?.close();
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('solves in the page itself where no worker can start, and still shows the matching proven', async () => {
    const noWorkers = await browser.newPage({ viewport: { width: WIDTH, height: 800 } });
    await noWorkers.addInitScript(() => {
      window.Worker = class {
        constructor() {
          throw new Error('Workers are not allowed here.');
        }
      } as unknown as typeof Worker;
    });
    await openSidebar(noWorkers, server.url);
    await noWorkers.getByRole('button', { name: 'Find matches' }).click();
    await expect(settled(noWorkers)).resolves.toMatch(/^\d+ of \d+ needs placed\./);
    await expect(noWorkers.locator('.totals .proof dd').textContent()).resolves.toBe('optimal');
    await noWorkers.close();
  });

  it('solves the matching in a worker, shows it proven "optimal", and Apply writes that preview', async () => {
    await openSidebar(page, server.url);
    await page.getByRole('button', { name: 'Find matches' }).click();
    // While HiGHS works in the page, the status line says so.
    await page.locator('#status', { hasText: 'Checking whether a better matching exists' }).waitFor();
    await expect(settled(page)).resolves.toMatch(/^\d+ of \d+ needs placed\./);
    await expect(page.locator('.totals .proof dd').textContent()).resolves.toBe('optimal');
    expect(solverScriptCalls).toHaveLength(1);
    // HiGHS ran in a worker, off the page.
    expect(workers).toBe(1);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'sidebar-300px-exact-in-browser.png') });

    // A swap's list of tutors is asked with the answer: it comes back for the proven matching.
    await page.locator('li.pair').first().locator('[data-action="swap"]').click();
    await page.locator('li.pair').first().locator('.alternatives-title').waitFor();
    await expect(page.locator('#error').isHidden()).resolves.toBe(true);
    const answersSent = (sent.get('proposeMatches') ?? []).at(-1)?.[1] as { key: string }[];
    expect(answersSent.length).toBeGreaterThan(0);
    for (const answer of answersSent) expect(answer.key).toMatch(/\S/);
    expect((sent.get('alternatives') ?? []).at(-1)?.[2]).toEqual(answersSent);
    await page.locator('li.pair').first().getByRole('button', { name: 'Close' }).click();

    // A re-run solves with the HiGHS already loaded.
    await page.getByRole('button', { name: 'Match again' }).click();
    await settled(page);
    await expect(page.locator('.totals .proof dd').textContent()).resolves.toBe('optimal');
    expect(solverScriptCalls).toHaveLength(1);
    expect(workers).toBe(1);

    while (await page.locator('#show-more').count()) await page.locator('#show-more').click();
    const shown = await page.locator('li.pair').evaluateAll((cards) =>
      cards.map((card) => [card.getAttribute('data-tutor-id'), card.getAttribute('data-tutee-id'), card.getAttribute('data-subject'), card.getAttribute('data-block')].join('|')),
    );
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.locator('#report-title', { hasText: 'Applied' }).waitFor();
    // Apply carried the answers the preview on screen was made with.
    const applied = (sent.get('applyMatches') ?? []).at(-1)?.[0] as { exactAnswers?: unknown };
    expect(applied.exactAnswers).toEqual((sent.get('proposeMatches') ?? []).at(-1)?.[1]);
    const written = (await readTabRows(workbook, 'Pairs')).map((row) => [row['Tutor ID'], row['Tutee ID'], row.Subject, row.Block].join('|'));
    expect(written.sort()).toEqual(shown.sort());
  });
});
