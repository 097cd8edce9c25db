// A student's request to talk to a teacher shows at the top of the sidebar until the teacher marks it
// handled; the name renders as text.
import { REFLECTION } from '../../src/core/forms/questions';
import { fileResponses } from '../../src/sheets/forms/filing-service';
import { scheduleSessions } from '../../src/sheets/scheduling/service';
import { readSessions } from '../../src/sheets/scheduling/sessions-tab';
import { readPairs } from '../../src/sheets/matching/pairs-tab';
import { describeWithWorlds, openSidebar, readTabRows, screenshot, settled, withPairsStarted } from './support';

jest.setTimeout(60000);

describeWithWorlds('requests to talk to a teacher (Chromium, 300 px)', (open) => {
  it('lists the request above everything and removes it once handled', async () => {
    const world = await open(withTalkRequest);
    const { page } = world;
    await openSidebar(page, world.server.url);
    const talk = page.locator('#talk');
    await talk.locator('li.talk-request').waitFor();
    await expect(page.locator('#talk-title').textContent()).resolves.toBe('1 student asks to talk to a teacher');
    await expect(talk.textContent()).resolves.toMatch(/\(tutee\).*What was hard: <b>everything<\/b>/s);
    await screenshot(page, 'sidebar-300px-talk');
    await talk.getByRole('button', { name: /^Mark .* request handled$/ }).click();
    await settled(page);
    expect(await talk.isHidden()).toBe(true);
    const reflections = await readTabRows(world.workbook, 'Reflections');
    expect(reflections.filter((row) => row['Talk to a teacher'] === 'Yes').map((row) => row.Handled)).toEqual(['Yes']);
  });
});

/** A sample whose first pair has sessions, and whose tutee asked to talk to a teacher after the first. */
async function withTalkRequest(workbook: string): Promise<void> {
  const { store, today, now } = await withPairsStarted(workbook);
  scheduleSessions(store, today, now);
  const [pair] = readPairs(store).pairs;
  const session = readSessions(store).rows.find((row) => row.pairId === pair.pairId)!;
  fileResponses(
    store,
    [
      {
        form: 'Reflection',
        submitted: now,
        answers: {
          Session: session.sessionId,
          'Student ID': pair.tuteeId,
          'I am the': 'Tutee',
          [REFLECTION.mood]: '1',
          [REFLECTION.confidence]: '1',
          [REFLECTION.held]: 'Yes',
          [REFLECTION.partnerPresent]: 'Yes',
          [REFLECTION.whatWasHard]: '<b>everything</b>',
          [REFLECTION.talkToTeacher]: 'Yes',
        },
      },
    ],
    now,
  );
  await store.save();
}
