// Messages to pairs in Chromium at 300 px, on the local server: choose a subject's pairs and a
// template, preview (recipients, the skipped with why), send: one .eml per student in outbox/ and a row
// on the Messages tab. An empty message cannot be sent.
import { existsSync, readdirSync } from 'fs';
import path from 'path';
import { describeWithWorlds, openSidebar, readTabRows, screenshot, scrollWidth, settled, WIDTH, withPairsStarted } from './support';

jest.setTimeout(60000);

async function startedPairs(workbook: string): Promise<void> {
  await (await withPairsStarted(workbook)).store.save();
}

describeWithWorlds('messages to pairs (Chromium, 300 px)', (open) => {
  it('previews a subject message with recipients and the skipped, sends it to outbox/ and logs it', async () => {
    const world = await open(startedPairs);
    const { page } = world;
    await openSidebar(page, world.server.url);
    await page.getByRole('tab', { name: 'Pairs' }).click();
    await page.getByRole('button', { name: 'Write a message' }).click();
    await page.locator('#message-kind').selectOption('subject');
    await page.locator('#message-target').selectOption('Math');
    await page.locator('#message-template').selectOption({ label: 'Bring materials' });
    await expect(page.locator('#message-subject').inputValue()).resolves.toBe('Bring your materials');

    // Empty: refused with a clear message, Send stays off.
    await page.locator('#message-body').fill('   ');
    await page.getByRole('button', { name: 'Preview message' }).click();
    await settled(page);
    await expect(page.locator('#message-result [role="alert"]').textContent()).resolves.toBe('The message is empty: write what you want to say.');
    expect(await page.locator('#message-send').isDisabled()).toBe(true);

    await page.locator('#message-body').fill('Bring your fraction strips on Tuesday.');
    await page.getByRole('button', { name: 'Preview message' }).click();
    await settled(page);
    const recipients = await page.locator('.message-recipients li').count();
    expect(recipients).toBeGreaterThan(0);
    const skipped = await page.locator('.message-skipped li').allTextContents();
    expect(skipped.every((text) => /: (no email|guardian consent is \w+|not active|.* is not an email address)$/.test(text))).toBe(true);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(WIDTH);
    await screenshot(page, 'sidebar-300px-message');

    await page.locator('#message-send').click();
    await settled(page);
    await expect(page.locator('#message-preview-title').textContent()).resolves.toBe(`Sent to ${recipients} student${recipients === 1 ? '' : 's'}`);
    const outbox = path.join(world.dir, 'outbox');
    expect(existsSync(outbox)).toBe(true);
    expect(readdirSync(outbox).filter((name) => name.endsWith('.eml'))).toHaveLength(recipients);
    const log = await readTabRows(world.workbook, 'Messages');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ Audience: 'all Math pairs', Subject: 'Bring your materials', Message: 'Bring your fraction strips on Tuesday.', Recipients: recipients });
  });
});
