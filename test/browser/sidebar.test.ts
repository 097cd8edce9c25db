// The sidebar in real headless Chromium, served by the local server over a temporary sample workbook.
// Needs `npm run build` first (build/Sidebar.html). Skipped, with a message, when Chromium is absent.
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { startSidebarServer, type SidebarServer } from '../../src/local/server';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import { createWorkbook, describeInBrowser, launchBrowser, readTabRows, RESULTS_DIR, WIDTH, XSS_NAME, type Row } from './support';

jest.setTimeout(60000);

const readPairsTab = (file: string): Promise<Row[]> => readTabRows(file, 'Pairs');

interface PairData {
  tutorId: string;
  tuteeId: string;
  subject: string;
  block: string;
}

async function pairData(page: Page, index: number): Promise<PairData> {
  const card = page.locator('li.pair').nth(index);
  const attribute = async (name: string) => (await card.getAttribute(name)) ?? '';
  return {
    tutorId: await attribute('data-tutor-id'),
    tuteeId: await attribute('data-tutee-id'),
    subject: await attribute('data-subject'),
    block: await attribute('data-block'),
  };
}

const cardFor = (page: Page, need: { tuteeId: string; subject: string }) =>
  page.locator(`li.pair[data-tutee-id="${need.tuteeId}"][data-subject="${need.subject}"]`);

describeInBrowser('the sidebar in Chromium at 300 px', () => {
  let browser: Browser;
  let dir: string;
  let workbook: string;
  let server: SidebarServer;
  let page: Page;
  let sample: { xssStudentId: string; activeStudents: number };

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-browser-'));
    workbook = path.join(dir, 'program.xlsx');
    sample = await createWorkbook(workbook);
    server = await startSidebarServer({ workbookPath: workbook, port: 0 });
    page = await browser.newPage({ viewport: { width: WIDTH, height: 800 } });
    page.on('pageerror', (error) => console.error(`Sidebar page error: ${error.message}`));
  });

  afterEach(async () => {
    await page?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function openSidebar(): Promise<void> {
    await page.goto(server.url);
    await page.locator('#program-name', { hasText: 'Lincoln Middle & High Peer Tutoring' }).waitFor();
  }

  async function findMatches(): Promise<void> {
    await page.getByRole('button', { name: /^(Find matches|Match again)$/ }).click();
    await page.locator('li.pair').first().waitFor();
    await settled();
  }

  /** Opens every page of the long list ("Show more"), so all pairs are on screen. */
  async function showAllPairs(): Promise<void> {
    while (await page.locator('#show-more').count()) await page.locator('#show-more').click();
  }

  /** Waits until a re-run has finished (controls enabled again) and returns the status text. */
  async function settled(): Promise<string> {
    await page.waitForFunction(() => document.getElementById('app')?.getAttribute('aria-busy') === 'false');
    return (await page.locator('#status').textContent()) ?? '';
  }

  it('shows the program, its summary counts and the roster state on load', async () => {
    await openSidebar();
    await expect(page.locator('#summary').textContent()).resolves.toMatch(/60 students · \d+ active/);
    await expect(page.locator('#problems').textContent()).resolves.toMatch(/No roster problems found/);
  });

  it('lists roster problems as buttons that select the bad cell', async () => {
    const store = await XlsxTableStore.open(workbook);
    const students = store.readTab('Students') ?? [];
    const grade = students[0].indexOf('Grade');
    students[4][grade] = 'seventh';
    store.writeTab('Students', students);
    await store.save();

    await openSidebar();
    const problem = page.locator('#problems').getByRole('button', { name: /^Students row 5, "Grade"/ });
    await problem.waitFor();
    const selectCall = page.waitForRequest((request) => request.url().endsWith('/api/selectCell'));
    await problem.click();
    expect((await selectCall).postDataJSON()).toEqual(['Students', 5, grade + 1]);
    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'sidebar-300px-problems.png') });
  });

  it('says under the totals what the matcher proved: "optimal" for this 60-student program, with what that means', async () => {
    await openSidebar();
    await findMatches();
    const proof = page.locator('.totals .proof');
    await expect(proof.locator('dt').textContent()).resolves.toBe('Matching');
    // Small enough for the matcher's bound to meet its answer (test/unit/matching-exact.test.ts checks
    // the claim against HiGHS; test/unit/matching-proof.test.ts the other wordings).
    await expect(proof.locator('dd').textContent()).resolves.toBe('optimal');
    await expect(proof.locator('dd').getAttribute('title')).resolves.toMatch(/^Proven by the matcher: "optimal" means no matching places more needs/);
  });

  it('matches, locks one pair and applies: the Pairs tab is written with Locked = Yes; Undo restores it', async () => {
    await openSidebar();
    await findMatches();
    await expect(page.locator('.totals').textContent()).resolves.toMatch(/Needs placed\s*\d+ \/ \d+/);
    const locked = await pairData(page, 0);
    const lockButton = page.locator('li.pair').first().locator('[data-action="lock"]');
    await lockButton.click();
    await settled();
    await expect(cardFor(page, locked).locator('[data-action="lock"]').getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(page.locator('.choices').textContent()).resolves.toBe('Your choices: 1 locked; they are kept when you apply.');
    // Locking a pair as proposed moves nothing else.
    await expect(page.locator('#changes').textContent()).resolves.toBe('Nothing changed since the previous preview.');
    await showAllPairs();
    const shown = await page.locator('li.pair').evaluateAll((cards) =>
      cards.map((card) => [card.getAttribute('data-tutor-id'), card.getAttribute('data-tutee-id'), card.getAttribute('data-subject'), card.getAttribute('data-block')].join('|')),
    );

    expect(await readPairsTab(workbook)).toEqual([]);
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.locator('#report-title', { hasText: 'Applied' }).waitFor();
    await expect(page.locator('#report').textContent()).resolves.toMatch(/Wrote \d+ pairs? to the Pairs tab/);

    const rows = await readPairsTab(workbook);
    expect(rows.length).toBeGreaterThan(1);
    const lockedRow = rows.find(
      (row) => row['Tutor ID'] === locked.tutorId && row['Tutee ID'] === locked.tuteeId && row.Subject === locked.subject,
    );
    expect(lockedRow).toMatchObject({ Block: locked.block, Locked: 'Yes', Status: 'Proposed' });
    expect(rows.filter((row) => row.Locked === 'Yes')).toHaveLength(1);
    // What Apply wrote is exactly what the screen showed.
    expect(rows.map((row) => [row['Tutor ID'], row['Tutee ID'], row.Subject, row.Block].join('|')).sort()).toEqual([...shown].sort());

    // Matching again: the pair is now locked in the sheet, which the sidebar cannot undo.
    await findMatches();
    const lockButton2 = cardFor(page, locked).locator('[data-action="lock"]');
    await expect(cardFor(page, locked).locator('.badge.locked').textContent()).resolves.toBe('Locked in sheet');
    await expect(lockButton2.getAttribute('aria-pressed')).resolves.toBe('true');
    expect(await lockButton2.isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.locator('#report-title', { hasText: 'Applied' }).waitFor();
    await page.getByRole('button', { name: 'Undo this apply' }).click();
    await page.locator('#report-title', { hasText: 'Undone' }).waitFor();
    expect((await readPairsTab(workbook)).map((row) => [row['Tutor ID'], row['Tutee ID'], row.Subject, row.Block].join('|')).sort()).toEqual([...shown].sort());
  });

  it('keeps a lock through a re-run, and the teacher can still unlock it', async () => {
    await openSidebar();
    await findMatches();
    const locked = await pairData(page, 0);
    const lockOf = () => cardFor(page, locked).locator('[data-action="lock"]');
    await lockOf().click();
    await settled();
    await page.locator('li.pair').nth(1).locator('[data-action="exclude"]').click();
    await settled();
    await expect(cardFor(page, locked).getAttribute('data-tutor-id')).resolves.toBe(locked.tutorId);
    await expect(lockOf().getAttribute('aria-pressed')).resolves.toBe('true');
    expect(await cardFor(page, locked).locator('.badge.locked').count()).toBe(0);
    await lockOf().click();
    await settled();
    await expect(lockOf().getAttribute('aria-pressed')).resolves.toBe('false');
    expect(await lockOf().isEnabled()).toBe(true);
    await expect(page.locator('.choices').textContent()).resolves.toBe('Your choices: 1 excluded; they are kept when you apply.');
  });

  it('renders an HTML-laden student name as literal text, never as markup', async () => {
    await openSidebar();
    await findMatches();
    const shown = page.locator('.tutee, .tutor, .name').filter({ hasText: XSS_NAME });
    await expect(shown.first().textContent()).resolves.toBe(XSS_NAME);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });

  it('excludes a pair and re-runs matching without it', async () => {
    await openSidebar();
    await findMatches();
    const excluded = await pairData(page, 0);
    await page.locator('li.pair').first().locator('[data-action="exclude"]').click();
    await settled();
    await expect(page.locator('.choices').textContent()).resolves.toBe('Your choices: 1 excluded; they are kept when you apply.');
    const sameTutor = cardFor(page, excluded).and(page.locator(`[data-tutor-id="${excluded.tutorId}"]`));
    expect(await sameTutor.count()).toBe(0);
  });

  it('swaps a tutor for one of the feasible alternatives, each shown with why', async () => {
    await openSidebar();
    await findMatches();
    const cards = await page.locator('li.pair').count();
    for (let i = 0; i < cards; i++) {
      const need = await pairData(page, i);
      await page.locator('li.pair').nth(i).locator('[data-action="swap"]').click();
      const panel = page.locator('li.pair').nth(i).locator('.alternatives');
      await panel.locator('.alternatives-title').waitFor();
      const options = panel.locator('li.alternative');
      if ((await options.count()) === 0) {
        await panel.getByRole('button', { name: 'Close' }).click();
        continue;
      }
      await expect(options.first().locator('.why').textContent()).resolves.toMatch(/\S/);
      const tutorId = await options.first().getAttribute('data-tutor-id');
      expect(tutorId).not.toBe(need.tutorId);
      await options.first().getByRole('button', { name: /^Choose/ }).click();
      await settled();
      const card = cardFor(page, need);
      await expect(card.getAttribute('data-tutor-id')).resolves.toBe(tutorId);
      await expect(card.locator('.badge.swapped').textContent()).resolves.toBe('Swapped');
      await expect(page.locator('.choices').textContent()).resolves.toBe('Your choices: 1 swapped; they are kept when you apply.');
      return;
    }
    throw new Error('no pair in the sample had an alternative tutor');
  });

  it('shows a spinner and "Matching N students…" while the server works', async () => {
    await openSidebar();
    await page.route('**/api/proposeMatches', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 700));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Find matches' }).click();
    await expect(page.locator('#status').textContent()).resolves.toBe(`Matching ${sample.activeStudents} students…`);
    expect(await page.locator('#status .spinner').isVisible()).toBe(true);
    expect(await page.locator('#find').isDisabled()).toBe(true);
    await page.locator('li.pair').first().waitFor();
    expect(await settled()).toMatch(/^\d+ of \d+ needs placed\.$/);
  });

  it('shows the server error message when a call fails, and recovers on retry', async () => {
    const moved = `${workbook}.moved`;
    renameSync(workbook, moved);
    await page.goto(server.url);
    const alert = page.getByRole('alert');
    await expect(alert.textContent()).resolves.toMatch(/no such file/);
    await expect(page.locator('#summary').textContent()).resolves.toBe('The roster could not be read.');

    renameSync(moved, workbook);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.locator('#program-name', { hasText: 'Lincoln Middle & High Peer Tutoring' }).waitFor();
    expect(await alert.isHidden()).toBe(true);

    renameSync(workbook, moved);
    await page.getByRole('button', { name: 'Find matches' }).click();
    await expect(alert.textContent()).resolves.toMatch(/Something went wrong.*no such file/s);
    expect(await page.locator('#find').isEnabled()).toBe(true);
  });

  it('works from the keyboard: Enter on Find matches, focus moves to the preview', async () => {
    await openSidebar();
    await page.locator('#find').focus();
    await page.keyboard.press('Enter');
    await page.locator('li.pair').first().waitFor();
    await settled();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('preview-title');
    // Past the waitlist, the search box and the filters, to the first pair's Lock button.
    for (let i = 0; i < 8 && (await page.evaluate(() => document.activeElement?.getAttribute('data-action'))) !== 'lock'; i++) {
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('lock');
    await page.keyboard.press('Space');
    await settled();
    const first = page.locator('li.pair').first();
    await expect(first.locator('[data-action="lock"]').getAttribute('aria-pressed')).resolves.toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('lock');

    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab'); // Swap tutor
    await page.keyboard.press('Enter');
    await first.locator('.alternatives-title').waitFor();
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('alternatives-title');
    await page.keyboard.press('Escape');
    expect(await first.locator('.alternatives').isHidden()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('swap');
  });

  it('fits 300 px without horizontal scrolling; saves screenshots in test-results/', async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const shot = (name: string) => page.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`) });
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth);
    await openSidebar();
    await findMatches();
    await page.locator('li.pair').first().locator('[data-action="lock"]').click();
    await settled();
    expect(await fits()).toBeLessThanOrEqual(WIDTH);
    // Where the sidebar shows a classic scrollbar, about 15 px less is left: still no sideways scrolling.
    await page.setViewportSize({ width: WIDTH - 16, height: 800 });
    expect(await fits()).toBeLessThanOrEqual(WIDTH - 16);
    await page.setViewportSize({ width: WIDTH, height: 800 });
    await shot('sidebar-300px');

    await page.locator('.waitlist-group summary').click();
    await page.locator('.waitlist').scrollIntoViewIfNeeded();
    await shot('sidebar-300px-waitlist');

    await page.locator('li.pair').nth(1).locator('[data-action="swap"]').click();
    await page.locator('li.pair').nth(1).locator('.alternatives-title').waitFor();
    expect(await fits()).toBeLessThanOrEqual(WIDTH);
    await shot('sidebar-300px-swap');

    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.locator('#report-title', { hasText: 'Applied' }).waitFor();
    await shot('sidebar-300px-applied');

    renameSync(workbook, `${workbook}.moved`);
    await page.getByRole('button', { name: 'Find matches' }).click();
    await page.getByRole('alert').locator('.error-message').waitFor();
    expect(await fits()).toBeLessThanOrEqual(WIDTH);
    await shot('sidebar-300px-error');
  });
});
