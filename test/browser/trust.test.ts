// The matching workflow a teacher must be able to trust, in real Chromium over a sample workbook:
// pairs start from the sidebar, a roster typo blocks Apply instead of ending pairs, and Undo never
// overwrites what changed since (here: pairs started and sessions scheduled from the command line).
import { main } from '../../src/local/cli';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import { describeWithWorlds, openSidebar, readTabRows, settled, type SidebarWorld } from './support';

jest.setTimeout(90000);

describeWithWorlds('trusting the matching workflow (Chromium, 300 px)', (open) => {
  async function applyFromSidebar(w: SidebarWorld): Promise<void> {
    await openSidebar(w.page, w.server.url);
    await w.page.getByRole('button', { name: 'Find matches' }).click();
    await w.page.locator('li.pair').first().waitFor();
    await settled(w.page);
    await w.page.getByRole('button', { name: 'Apply', exact: true }).click();
    await w.page.locator('#report-title', { hasText: 'Applied' }).waitFor();
  }

  it('starts the new pairs from the report after Apply; the Sessions preview then has sessions', async () => {
    const world = await open();
    const { page } = world;
    await applyFromSidebar(world);
    const startAll = page.locator('#start-all');
    await expect(startAll.textContent()).resolves.toMatch(/^Start all \d+ as Active$/);
    await startAll.click();
    await page.locator('#started').waitFor();
    const pairs = await readTabRows(world.workbook, 'Pairs');
    expect(pairs.length).toBeGreaterThan(0);
    expect(pairs.every((row) => row.Status === 'Active')).toBe(true);

    await page.getByRole('tab', { name: 'Sessions' }).click();
    await page.getByRole('button', { name: 'Preview schedule' }).click();
    await page.locator('#schedule-preview-title').waitFor();
    await expect(page.locator('table.schedule-pairs tbody tr').count()).resolves.toBe(pairs.length);
    expect(await page.locator('#schedule-pending').isHidden()).toBe(true);
  });

  it('offers the waiting pairs on the Sessions tab when none has started', async () => {
    const world = await open(async (workbook) => {
      expect(await main(['match', workbook])).toBe(0);
    });
    const { page } = world;
    await openSidebar(page, world.server.url);
    await page.getByRole('tab', { name: 'Sessions' }).click();
    await page.getByRole('button', { name: 'Preview schedule' }).click();
    await page.locator('#schedule-preview-title').waitFor();
    await expect(page.locator('#schedule-pending #start-title').textContent()).resolves.toMatch(/pairs? waiting to start/);
    await expect(page.locator('#schedule-preview').textContent()).resolves.toMatch(/No Active or Trial pairs yet/);
    expect(await page.locator('.schedule-changes').count()).toBe(0);
    await page.locator('#schedule-pending #start-all').click();
    await page.locator('table.schedule-pairs').waitFor();
    expect(await page.locator('table.schedule-pairs tbody tr').count()).toBeGreaterThan(0);
  });

  it('blocks Apply while a roster row has a problem, and ends no started pair', async () => {
    const world = await open(async (workbook) => {
      expect(await main(['match', workbook])).toBe(0);
      expect(await main(['approve', workbook, '--all'])).toBe(0);
      const store = await XlsxTableStore.open(workbook);
      const students = store.readTab('Students')!;
      const pairs = store.readTab('Pairs')!;
      const tuteeId = pairs[1][pairs[0].indexOf('Tutee ID')];
      const row = students.find((cells) => cells[0] === tuteeId)!;
      row[students[0].indexOf('Grade')] = '9th';
      store.writeTab('Students', students);
      await store.save();
    });
    const { page } = world;
    const before = await readTabRows(world.workbook, 'Pairs');
    await openSidebar(page, world.server.url);
    await page.getByRole('button', { name: 'Find matches' }).click();
    await page.locator('li.pair').first().waitFor();
    await settled(page);
    await expect(page.locator('#apply-blocked').textContent()).resolves.toMatch(/Apply waits until the 1 problem above is fixed/);
    expect(await page.getByRole('button', { name: 'Apply', exact: true }).isDisabled()).toBe(true);
    // The pairs that would end are listed first, each with why.
    await expect(page.locator('#ending').textContent()).resolves.toMatch(/left out until their Students row is fixed/);
    expect(await readTabRows(world.workbook, 'Pairs')).toEqual(before);
  });

  it('refuses Undo once the pairs were started and sessions scheduled from the command line: Sessions stay', async () => {
    const world = await open();
    const { page, workbook } = world;
    await applyFromSidebar(world);
    expect(await main(['approve', workbook, '--all'])).toBe(0);
    expect(await main(['schedule', workbook])).toBe(0);
    const sessions = await readTabRows(workbook, 'Sessions');
    expect(sessions.length).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Undo this apply' }).click();
    await page.locator('#report-title', { hasText: 'Not undone' }).waitFor();
    await expect(page.locator('#report').textContent()).resolves.toMatch(/Pairs changed after "Apply matching".*nothing was changed/s);
    expect(await readTabRows(workbook, 'Sessions')).toEqual(sessions);
    expect((await readTabRows(workbook, 'Pairs')).every((row) => row.Status === 'Active')).toBe(true);
  });
});
