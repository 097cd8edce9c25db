// The Sessions tab of the sidebar in headless Chromium, over a sample workbook whose pairs were
// matched and partly set to Active or Trial: preview, create, progress, errors, and 300 px.
import type { Browser, Page } from 'playwright-core';
import { localDateOf } from '../../src/core/time';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import { applyMatches, NO_CHOICES } from '../../src/sheets/matching/service';
import { readSettings } from '../../src/sheets/program/settings';
import {
  closeWorld,
  describeInBrowser,
  launchBrowser,
  openSidebar,
  openWorld,
  readTabRows,
  screenshot,
  scrollWidth,
  settled,
  WIDTH,
  type SidebarWorld,
} from './support';

jest.setTimeout(60000);

/** Applies the matching and makes every other pair Active, every fourth Trial; the rest stay Proposed. */
async function matchAndActivate(workbook: string): Promise<void> {
  const store = await XlsxTableStore.open(workbook);
  const now = new Date();
  applyMatches(store, { options: NO_CHOICES, confirmEnding: true }, localDateOf(now, readSettings(store).settings.timezone), now);
  const [headers, ...rows] = store.readTab('Pairs') ?? [];
  const status = headers.indexOf('Status');
  rows.forEach((row, i) => {
    if (i % 2 === 0) row[status] = 'Active';
    else if (i % 4 === 1) row[status] = 'Trial';
  });
  store.writeTab('Pairs', [headers, ...rows]);
  await store.save();
}

/** Breaks the first block (End before Start): scheduling must stop with a located message. */
async function breakFirstBlock(workbook: string): Promise<void> {
  const store = await XlsxTableStore.open(workbook);
  const [headers, first, ...rest] = store.readTab('Blocks') ?? [];
  const start = headers.indexOf('Start');
  const end = headers.indexOf('End');
  store.writeTab('Blocks', [headers, Object.assign([...first], { [start]: '16:00', [end]: '15:00' }), ...rest]);
  await store.save();
}

function countsByPair(rows: Record<string, unknown>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(String(row['Pair ID']), (counts.get(String(row['Pair ID'])) ?? 0) + 1);
  return counts;
}

/** Per pair, the Sessions and Events columns of the preview table. */
async function previewCounts(page: Page): Promise<Map<string, { sessions: number; events: number }>> {
  const rows = await page.locator('.schedule-pairs tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [
      tr.getAttribute('data-pair-id') ?? '',
      Number(tr.querySelector('.sessions')?.textContent),
      Number(tr.querySelector('.events')?.textContent),
    ] as const),
  );
  return new Map(rows.map(([pairId, sessions, events]) => [pairId, { sessions, events }]));
}

describeInBrowser('the Sessions tab in Chromium at 300 px', () => {
  let browser: Browser;
  let world: SidebarWorld;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(async () => {
    await closeWorld(world);
  });

  async function open(prepare: (workbook: string) => Promise<void> = matchAndActivate): Promise<void> {
    world = await openWorld(browser, prepare);
    page = world.page;
    await openSidebar(page, world.server.url);
    await page.getByRole('tab', { name: 'Sessions' }).click();
  }

  async function preview(): Promise<void> {
    await page.getByRole('button', { name: /^Preview (schedule|again)$/ }).click();
    await page.locator('#schedule-preview-title').waitFor();
    await settled(page);
  }

  it('previews per-pair sessions and event series that Create sessions then writes to the Sessions tab', async () => {
    await open();
    const pairs = (await readTabRows(world.workbook, 'Pairs')).filter((row) => row.Status === 'Active' || row.Status === 'Trial');
    expect(pairs.length).toBeGreaterThan(2);
    expect(await readTabRows(world.workbook, 'Sessions')).toEqual([]);

    await preview();
    const counts = await previewCounts(page);
    expect([...counts.keys()].sort()).toEqual(pairs.map((row) => String(row['Pair ID'])).sort());
    for (const { sessions, events } of counts.values()) {
      expect(sessions).toBeGreaterThan(0);
      expect(events).toBeGreaterThanOrEqual(1);
    }
    const total = [...counts.values()].reduce((sum, pair) => sum + pair.sessions, 0);
    const series = [...counts.values()].reduce((sum, pair) => sum + pair.events, 0);
    await expect(page.locator('#schedule-preview .totals').textContent()).resolves.toBe(`Pairs${counts.size}Sessions${total}Event series${series}`);
    await expect(page.locator('.schedule-changes').textContent()).resolves.toBe(`Sessions tab: ${total} to add, 0 to move, 0 to remove.`);
    expect(await page.getByLabel('Send invitations to students').isChecked()).toBe(false);

    const request = page.waitForRequest((r) => r.url().endsWith('/api/scheduleSessions'));
    await page.getByRole('button', { name: 'Create sessions' }).click();
    expect((await request).postDataJSON()).toEqual([{ sendInvitations: false }]);
    await page.locator('#schedule-report-title', { hasText: 'Sessions created' }).waitFor();
    expect(await settled(page)).toBe('Sessions written.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('schedule-report-title');

    const written = countsByPair(await readTabRows(world.workbook, 'Sessions'));
    expect(written).toEqual(new Map([...counts].map(([pairId, pair]) => [pairId, pair.sessions])));
    await expect(page.locator('#schedule-report .totals').first().textContent()).resolves.toBe(`Added${total}Removed0Moved0Kept0`);
    // The local host has no Calendar: the report says so and names the export instead.
    await expect(page.locator('#calendar-report').textContent()).resolves.toMatch(
      /Calendar sync runs in Google Sheets\..*peer-tutoring schedule <workbook\.xlsx> --ics sessions\.ics/,
    );
    expect(await page.getByRole('button', { name: 'Create sessions' }).isHidden()).toBe(true);

    // Nothing changed since: a second run writes nothing and says so.
    await preview();
    await expect(page.locator('.schedule-changes').textContent()).resolves.toBe('The Sessions tab is already up to date.');
    await page.getByRole('button', { name: 'Create sessions' }).click();
    await page.locator('#schedule-report-title', { hasText: 'Sessions up to date' }).waitFor();
    await expect(page.locator('#schedule-report').textContent()).resolves.toMatch(`Added0Removed0Moved0Kept${total}`);
  });

  it('lists located warnings, e.g. a future session marked Held in the Sessions tab', async () => {
    await open();
    await preview();
    await page.getByRole('button', { name: 'Create sessions' }).click();
    await page.locator('#schedule-report-title').waitFor();
    const store = await XlsxTableStore.open(world.workbook);
    const [headers, ...rows] = store.readTab('Sessions') ?? [];
    rows[2][headers.indexOf('Status')] = 'Held';
    store.writeTab('Sessions', [headers, ...rows]);
    await store.save();
    const sessionId = String(rows[2][headers.indexOf('Session ID')]);

    await preview();
    const warning = page.locator('.schedule-warnings li');
    await expect(warning.textContent()).resolves.toMatch(new RegExp(`^Sessions row 4 \\(${sessionId}\\): a future session cannot be Held`));
    await expect(page.locator('#schedule-preview h3').first().textContent()).resolves.toBe('Warnings (1)');
    await warning.scrollIntoViewIfNeeded();
    await screenshot(page, 'sidebar-300px-schedule-warnings');
  });

  it('passes the invitation choice to the server when the teacher ticks it', async () => {
    await open();
    await preview();
    await page.getByLabel('Send invitations to students').check();
    const request = page.waitForRequest((r) => r.url().endsWith('/api/scheduleSessions'));
    await page.getByRole('button', { name: 'Create sessions' }).click();
    expect((await request).postDataJSON()).toEqual([{ sendInvitations: true }]);
    await page.locator('#schedule-report-title').waitFor();
  });

  it('says what to do when no pair is Active or Trial yet, and offers no Create', async () => {
    await open(async () => undefined);
    await preview();
    await expect(page.locator('#schedule-preview').textContent()).resolves.toMatch(/No Active or Trial pairs yet/);
    expect(await page.getByRole('button', { name: 'Create sessions' }).isHidden()).toBe(true);
  });

  it('shows the located server message when scheduling cannot run, and changes nothing', async () => {
    await open(async (workbook) => {
      await matchAndActivate(workbook);
      await breakFirstBlock(workbook);
    });
    await page.getByRole('button', { name: 'Preview schedule' }).click();
    const alert = page.getByRole('alert');
    await expect(alert.locator('.error-message').textContent()).resolves.toMatch(/^Blocks row 2\b.*End/);
    expect(await page.locator('#schedule-preview').isHidden()).toBe(true);
    expect(await page.getByRole('button', { name: 'Preview schedule' }).isEnabled()).toBe(true);
    expect(await readTabRows(world.workbook, 'Sessions')).toEqual([]);
  });

  it('shows a spinner and "Creating sessions…" while the server works, and the error if it fails', async () => {
    await open();
    await preview();
    await page.route('**/api/scheduleSessions', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 700));
      await route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ message: 'Exceeded maximum execution time' }) });
    });
    await page.getByRole('button', { name: 'Create sessions' }).click();
    await expect(page.locator('#status').textContent()).resolves.toBe('Creating sessions…');
    expect(await page.locator('#status .spinner').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Create sessions' }).isDisabled()).toBe(true);
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Something went wrong.*Exceeded maximum execution time/s);
    expect(await page.getByRole('button', { name: 'Create sessions' }).isEnabled()).toBe(true);
  });

  it('reports a Calendar sync cut short honestly, continues it while open and at once on Continue now', async () => {
    await open();
    await page.clock.install();
    await preview();
    const calendar = { created: 12, updated: 0, ended: 0, unchanged: 0, recreated: 1, notices: [], calendarId: 'c1' };
    const sessions = { added: 40, removed: 0, moved: 0, kept: 0, sessions: 40, written: true, version: 3, warnings: [], shortfalls: [] };
    await page.route('**/api/scheduleSessions', (route) =>
      route.fulfill({ json: { value: { sessions, calendar: { ...calendar, remaining: 9, done: false } } } }),
    );
    const continued: number[] = [];
    await page.route('**/api/continuePendingWork', (route) => {
      continued.push(Date.now());
      const value = continued.length === 1 ? { ...calendar, created: 16, remaining: 5, done: false } : { ...calendar, created: 21, remaining: 0, done: true };
      return route.fulfill({ json: { value } });
    });
    await page.getByRole('button', { name: 'Create sessions' }).click();
    const part = page.locator('#calendar-report');
    await expect(part.locator('.calendar-remaining').textContent()).resolves.toBe(
      '9 Calendar changes left: continues within the hour, or now when you press Continue or open the sidebar.',
    );
    await expect(part.locator('.totals').textContent()).resolves.toBe('Created12Updated0Ended0Recreated1');
    await screenshot(page, 'sidebar-300px-schedule-continuing');
    // While the sidebar is open it continues the work itself, in short runs.
    await page.clock.fastForward(31000);
    await part.locator('.calendar-remaining', { hasText: /^5 Calendar changes left/ }).waitFor();
    // Continue now does not wait for the next run.
    await part.getByRole('button', { name: 'Continue now' }).click();
    await part.locator('.calendar-done').waitFor();
    await expect(part.locator('.totals').textContent()).resolves.toBe('Created21Updated0Ended0Recreated1');
    expect(continued).toHaveLength(2);
  });

  it('tells a co-teacher whose account cannot change the program calendar whom to ask, and claims no progress', async () => {
    await open();
    await preview();
    const blocked = 'Calendar was not changed: the program calendar "Peer Tutoring" belongs to ms.lee@school.example and is not shared with your account.';
    const sessions = { added: 4, removed: 0, moved: 0, kept: 0, sessions: 4, written: true, version: 2, warnings: [], shortfalls: [], stopped: [] };
    const calendar = { created: 0, updated: 0, ended: 0, unchanged: 0, recreated: 0, remaining: 0, done: false, notices: [blocked], calendarId: 'c1', blocked };
    await page.route('**/api/scheduleSessions', (route) => route.fulfill({ json: { value: { sessions, calendar } } }));
    await page.getByRole('button', { name: 'Create sessions' }).click();
    const part = page.locator('#calendar-report');
    await expect(part.locator('.calendar-blocked').textContent()).resolves.toBe(blocked);
    expect(await part.locator('.calendar-remaining').count()).toBe(0);
    expect(await part.getByRole('button', { name: 'Continue now' }).count()).toBe(0);
  });

  it('continues work left over by an earlier run as soon as the sidebar opens', async () => {
    world = await openWorld(browser, matchAndActivate);
    page = world.page;
    const calendar = { created: 3, updated: 0, ended: 0, unchanged: 0, recreated: 0, notices: [], calendarId: 'c1' };
    await page.route('**/api/calendarSyncStatus', (route) => route.fulfill({ json: { value: { ...calendar, remaining: 7, done: false } } }));
    const continued = new Promise<void>((resolve) =>
      void page.route('**/api/continuePendingWork', (route) => {
        resolve();
        return route.fulfill({ json: { value: { ...calendar, created: 10, remaining: 0, done: true } } });
      }),
    );
    await openSidebar(page, world.server.url);
    await continued;
    await settled(page);
    expect(await page.getByRole('alert').isVisible()).toBe(false);
  });

  it('works from the keyboard: arrow keys switch tabs, Enter previews and creates', async () => {
    world = await openWorld(browser, matchAndActivate);
    page = world.page;
    await openSidebar(page, world.server.url);
    await page.locator('#tab-matching').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-sessions');
    expect(await page.locator('#panel-sessions').isVisible()).toBe(true);
    expect(await page.locator('#panel-matching').isHidden()).toBe(true);
    await page.keyboard.press('Tab'); // the invitations checkbox
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('send-invitations');
    await page.keyboard.press('Space');
    expect(await page.locator('#send-invitations').isChecked()).toBe(true);
    await page.keyboard.press('Tab'); // Preview schedule (Create is hidden until a preview)
    await page.keyboard.press('Enter');
    await page.locator('#schedule-preview-title').waitFor();
    await settled(page);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('schedule-preview-title');
    await page.keyboard.press('Tab'); // past the checkbox
    await page.keyboard.press('Tab'); // to Create sessions
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('schedule-create');
    const request = page.waitForRequest((r) => r.url().endsWith('/api/scheduleSessions'));
    await page.keyboard.press('Enter');
    expect((await request).postDataJSON()).toEqual([{ sendInvitations: true }]);
    await page.locator('#schedule-report-title').waitFor();
    await page.locator('#tab-sessions').focus();
    await page.keyboard.press('ArrowLeft');
    expect(await page.locator('#panel-matching').isVisible()).toBe(true);
  });

  it('fits 300 px without horizontal scrolling; saves test-results/sidebar-300px-schedule.png', async () => {
    await open();
    await preview();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(WIDTH);
    await page.setViewportSize({ width: WIDTH - 16, height: 800 });
    expect(await scrollWidth(page)).toBeLessThanOrEqual(WIDTH - 16);
    await page.setViewportSize({ width: WIDTH, height: 800 });
    await screenshot(page, 'sidebar-300px-schedule');
    await page.getByRole('button', { name: 'Create sessions' }).click();
    await page.locator('#schedule-report-title').waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(WIDTH);
    await screenshot(page, 'sidebar-300px-schedule-report');
  });
});
