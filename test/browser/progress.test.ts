// The Progress tab in Chromium at 300 px: refresh rebuilds the dashboard and lists the open alerts,
// each with a suggested action; a search narrows them to one student.
import { XlsxTableStore } from '../../src/local/xlsx-store';
import { addSampleHistory } from '../../src/sheets/forms/sample-history';
import { addDays, localDateOf } from '../../src/core/time';
import { describeWithWorlds, openSidebar, readTabRows, screenshot, scrollWidth, settled, WIDTH } from './support';

jest.setTimeout(90000);

describeWithWorlds('the Progress tab (Chromium, 300 px)', (open) => {
  it('refreshes the dashboard, lists open alerts with what to do, and finds a student', async () => {
    const world = await open(async (workbook) => {
      const store = await XlsxTableStore.open(workbook);
      const today = localDateOf(new Date(), 'America/Chicago');
      addSampleHistory(store, 3, addDays(today, -21), today, new Date());
      await store.save();
    });
    const { page } = world;
    await openSidebar(page, world.server.url);
    await page.getByRole('tab', { name: 'Progress' }).click();
    await page.getByRole('button', { name: 'Refresh dashboard' }).click();
    await settled(page);
    const items = page.locator('#progress li.alert-item');
    const count = await items.count();
    expect(count).toBeGreaterThan(0);
    await expect(items.first().locator('.action-text').textContent()).resolves.toMatch(/^Suggested: /);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(WIDTH);
    await screenshot(page, 'sidebar-300px-progress');

    const name = (await items.first().locator('.name').textContent())!;
    await page.locator('#alert-search').fill(name);
    const shown = await page.locator('#progress li.alert-item .name').allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((text) => text === name)).toBe(true);
    const alerts = await readTabRows(world.workbook, 'Alerts');
    expect(alerts.filter((row) => row.Status === 'Open')).toHaveLength(count);

    // A student in a pair (an alert about a session) is found by name; their card shows the pair's attendance.
    const paired = page.locator('#progress li.alert-item:is([data-kind="Low mood"], [data-kind="No reflections"], [data-kind="Talk to a teacher"], [data-kind="Stalled"])').first();
    await page.locator('#alert-search').fill('');
    const pairedName = (await paired.locator('.name').textContent())!;
    await page.locator('#alert-search').fill(pairedName);
    const match = page.locator('#student-results button', { hasText: pairedName });
    await match.first().click();
    await page.locator('#student-title', { hasText: pairedName }).waitFor();
    await expect(page.locator('#student-results').textContent()).resolves.toMatch(/came to \d+ of \d+ sessions/);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(WIDTH);
    await screenshot(page, 'sidebar-300px-student');
  });
});

describeWithWorlds('the dashboard’s charts and a re-match from an alert (Chromium, 300 px)', (open) => {
  it('draws the three charts from the refreshed figures, and applies an alert’s suggested re-match', async () => {
    const world = await open(async (workbook) => {
      const store = await XlsxTableStore.open(workbook);
      const today = localDateOf(new Date(), 'America/Chicago');
      addSampleHistory(store, 3, addDays(today, -42), today, new Date());
      // A tutor who joined after the matching, free at every block for every subject: the matcher's other tutor.
      const header = store.readTab('Students')![0].map(String);
      const pairs = store.readTab('Pairs')!;
      const subjects = [...new Set(pairs.slice(1).map((row) => String(row[pairs[0].indexOf('Subject')])))];
      const joined: Record<string, string | number> = {
        'Student ID': 'S-9001', Name: 'Rosa Newcomer', Grade: 12, Role: 'Tutor', 'Can tutor': subjects.map((s) => `${s} 4`).join('; '),
        Languages: 'English; Spanish', Availability: 'All', 'Max tutees': 8, Consent: 'Yes', Trained: 'Yes', Active: 'Yes',
      };
      store.appendRows('Students', [header.map((h) => joined[h] ?? '')]);
      await store.save();
    });
    const { page } = world;
    await openSidebar(page, world.server.url);
    await page.getByRole('tab', { name: 'Progress' }).click();
    await page.getByRole('button', { name: 'Refresh dashboard' }).click();
    await settled(page);
    for (const id of ['chart-attendance', 'chart-score']) {
      const chart = page.locator(`#${id} svg`);
      await expect(chart.getAttribute('aria-label')).resolves.toMatch(/: \d+/);
      expect(await page.locator(`#${id} svg polyline`).count()).toBe(1);
      expect(await page.locator(`#${id} svg circle`).count()).toBeGreaterThan(3);
    }
    expect(await page.locator('#chart-gains svg rect').count()).toBeGreaterThan(0);
    await expect(page.locator('#impact-summary').textContent()).resolves.toMatch(/students/);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(WIDTH);
    await screenshot(page, 'sidebar-300px-dashboard-charts');

    const rematch = page.locator('#progress li.alert-item button.rematch').first();
    const item = page.locator('#progress li.alert-item', { has: page.locator('button.rematch') }).first();
    const studentId = (await item.getAttribute('data-student-id'))!;
    const label = (await rematch.textContent())!;
    const tutorName = /^Re-match with (.*) \([^)]*\)$/.exec(label)![1];
    await rematch.click();
    await settled(page);
    await expect(page.locator('#status').textContent()).resolves.toMatch(new RegExp(`now works with ${tutorName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const pairs = await readTabRows(world.workbook, 'Pairs');
    const running = pairs.filter((row) => row['Tutee ID'] === studentId && (row.Status === 'Active' || row.Status === 'Trial'));
    expect(running.some((row) => row.Tutor === tutorName)).toBe(true);
    expect(pairs.some((row) => row['Tutee ID'] === studentId && row.Status === 'Ended')).toBe(true);
  });
});
