// The People tab in Chromium at 300 px: a school CSV shows the columns found and what would change,
// then imports; the file's text (a name with HTML) stays text.
import { describeWithWorlds, openSidebar, readTabRows, scrollWidth, settled, WIDTH, XSS_NAME } from './support';

jest.setTimeout(90000);

describeWithWorlds('the People tab (Chromium, 300 px)', (open) => {
  it('previews a CSV\'s column mapping, then imports it once', async () => {
    const world = await open();
    const { page } = world;
    await openSidebar(page, world.server.url);
    await page.getByRole('tab', { name: 'People' }).click();
    const csv = `Student Number,Last Name,First Name,Grade Level\nN-1,"${XSS_NAME.replace(/"/g, '""')}",Zed,8\nN-2,Quinn,Ava,X\n`;
    await page.locator('#roster-file').setInputFiles({ name: 'students.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await settled(page);
    const cells = await page.locator('#roster-import table.mapping td').allTextContents();
    expect(cells).toEqual(['Student ID', 'Student Number', 'First name', 'First Name', 'Last name', 'Last Name', 'Name', 'not found', 'Email', 'not found', 'Grade', 'Grade Level']);
    await expect(page.locator('#import-outcome').textContent()).resolves.toBe('1 student would be added, 0 would be updated, 0 already up to date, 1 skipped.');
    await expect(page.locator('#roster-import li.skipped').textContent()).resolves.toBe('Skipped row 3: grade "X" is not K to 12');
    expect((await readTabRows(world.workbook, 'Students')).some((row) => row['Student ID'] === 'N-1')).toBe(false);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(WIDTH);
    await page.getByRole('button', { name: 'Import students' }).click();
    await settled(page);
    await expect(page.locator('#import-outcome').textContent()).resolves.toBe('1 student added, 0 updated, 0 already up to date, 1 skipped.');
    const added = (await readTabRows(world.workbook, 'Students')).filter((row) => row['Student ID'] === 'N-1');
    expect(added.map((row) => row.Name)).toEqual([`Zed ${XSS_NAME}`]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.getByRole('button', { name: 'Import from Google Classroom' }).click();
    await settled(page);
    await expect(page.locator('#classroom-import').textContent()).resolves.toContain('only available in Google Sheets');
    await page.getByRole('button', { name: 'Who is pending' }).click();
    await settled(page);
    const pending = (await readTabRows(world.workbook, 'Students')).filter((row) => row.Consent !== 'Yes' && row.Active !== 'No');
    await expect(page.locator('#consent-summary').textContent()).resolves.toBe(`${pending.length} active students without guardian consent:`);
    expect(await page.locator('#consent-list li').count()).toBe(pending.length);
  });
});
