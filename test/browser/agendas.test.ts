// The tutor's agenda view (Sessions tab) in Chromium at 300 px: find a tutor, see each upcoming
// session's skill, reviews, guide and routine; a guide's text is shown as text and a link that is not
// https never becomes a link.
import { readPairs } from '../../src/sheets/matching/pairs-tab';
import { planSchedule, scheduleSessions } from '../../src/sheets/scheduling/service';
import { scheduleAgendas } from '../../src/sheets/sessions/agendas';
import { describeWithWorlds, openSidebar, screenshot, scrollWidth, WIDTH, withPairsStarted, XSS_NAME } from './support';

jest.setTimeout(60000);

let mathTutorId = '';

/** Matches, starts every pair, puts an HTML-laden guide on the example skill, and schedules with agendas. */
async function scheduledWithGuide(workbook: string): Promise<void> {
  const { store, today, now } = await withPairsStarted(workbook);
  const guides = store.readTab('Guides')!;
  guides[1][2] = XSS_NAME;
  guides[1][6] = 'javascript:window.__xss=2';
  store.writeTab('Guides', guides);
  const plan = planSchedule(store, today);
  scheduleSessions(store, today, now, undefined, plan, null, scheduleAgendas(store, plan.program, plan.pairs, plan.merged.sessions, today).extrasOf);
  mathTutorId = readPairs(store).pairs.find((pair) => pair.subject === 'Math' && pair.status === 'Active')!.tutorId;
  await store.save();
}

describeWithWorlds("the tutor's agenda view (Chromium, 300 px)", (open) => {
  it('finds a tutor and shows each upcoming session with skill, reviews, guide and a routine filling the block', async () => {
    const world = await open(scheduledWithGuide);
    const { page } = world;
    await openSidebar(page, world.server.url);
    await page.getByRole('tab', { name: 'Pairs' }).click();
    await page.locator('#agenda-search').fill(mathTutorId);
    await page.locator(`#agenda-results button[data-student-id="${mathTutorId}"]`).click();
    await page.locator('#agenda-title').waitFor();
    const items = page.locator('#agenda-view li.agenda-item');
    expect(await items.count()).toBeGreaterThan(0);
    const first = items.first();
    await expect(first.locator('.agenda-skill').textContent()).resolves.toBe('Skill: Adding fractions (not started)');
    await expect(first.locator('.agenda-reviews').textContent()).resolves.toMatch(/^Review: /);
    // The guide's text shows as typed; the non-https link stays text.
    await expect(first.locator('.agenda-guide dd').first().textContent()).resolves.toBe(XSS_NAME);
    expect(await page.locator('#agenda-view a').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    // The routine's minutes add up to the block's length.
    const [start, end] = ((await first.locator('h3').textContent()) ?? '').split(' ')[1].split('–');
    const length = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
    const minutes = (await first.locator('.agenda-routine li').allTextContents()).map((text) => Number(/· (\d+) min$/.exec(text)![1]));
    expect(minutes.reduce((a, b) => a + b, 0)).toBe(length(end) - length(start));
    expect(await scrollWidth(page)).toBeLessThanOrEqual(WIDTH);
    await screenshot(page, 'sidebar-300px-agenda');
  });
});
