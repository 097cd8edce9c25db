// Online blocks through the built bundle: each series of a block whose Location is Online gets one
// Google Meet link (Advanced Calendar service, conferenceDataVersion 1), written on the Sessions tab
// and in the tutor's view; a re-sync asks Calendar nothing; a link still pending comes at the next
// sync; a series recreated after a deletion by hand gets a new link.
import { createAppsScriptFakes, type AppsScriptFakes } from '../fakes/apps-script';
import { createCalendarFake, type CalendarFake } from '../fakes/apps-script/calendar';
import { createScriptAppFake } from '../fakes/apps-script/script-app';
import { entryPoint, loadBundle, type BundleContext } from '../support/load-bundle';
import { fixtureTabs, STUDENT_HEADERS } from '../support/program-fixture';

const PAIR_HEADERS = ['Pair ID', 'Tutor ID', 'Tutor', 'Tutee ID', 'Tutee', 'Subject', 'Block', 'Status', 'Locked', 'Score', 'Why', 'Start date', 'End date'];

interface World {
  fakes: AppsScriptFakes;
  calendar: CalendarFake;
  bundle: BundleContext;
}

function world(pendingReads = 0, online = 2): World {
  const tabs = fixtureTabs();
  tabs.Blocks.push(['Thu-Online', 'Thu', '18:00', '18:30', 'Online', '']);
  tabs.Students = [STUDENT_HEADERS];
  tabs.Pairs = [PAIR_HEADERS];
  // Pairs 1…online meet online; one more meets in a room.
  for (let i = 1; i <= online + 1; i++) {
    tabs.Students.push([`T-${i}`, `Tutor ${i}`, '', 10, 'Tutor', 'Math 4', '', 'English', '', 'All', '', 'Yes', 'Yes', 'Yes']);
    tabs.Students.push([`U-${i}`, `Tutee ${i}`, '', 7, 'Tutee', '', 'Math 2', 'English', '', 'All', '', 'Yes', 'No', 'Yes']);
    tabs.Pairs.push([`P-${String(i).padStart(4, '0')}`, `T-${i}`, `Tutor ${i}`, `U-${i}`, `Tutee ${i}`, 'Math', i === online + 1 ? 'Mon-A' : 'Thu-Online', 'Active', 'No', 1, '', '', '']);
  }
  const fakes = createAppsScriptFakes({ timeZone: 'America/New_York' });
  for (const [name, grid] of Object.entries(tabs)) fakes.seedSheet(name, grid);
  const calendar = createCalendarFake(fakes.calls, { timeZone: 'UTC', accounts: fakes.accounts, meetPendingReads: pendingReads });
  const script = createScriptAppFake(fakes.calls, { accounts: fakes.accounts });
  const bundle = loadBundle(fakes, { CalendarApp: calendar.CalendarApp, ScriptApp: script.ScriptApp, Calendar: calendar.Calendar });
  return { fakes, calendar, bundle };
}

beforeEach(() => jest.useFakeTimers({ now: new Date('2027-01-04T17:00:00Z') }));
afterEach(() => jest.useRealTimers());

const schedule = (w: World) => entryPoint(w.bundle, 'scheduleSessions')({ sendInvitations: false });

function linksByPair(w: World): Map<string, Set<string>> {
  const grid = w.fakes.spreadsheet.getSheetByName('Sessions')!.getDataRange().getValues();
  const pair = grid[0].indexOf('Pair ID');
  const link = grid[0].indexOf('Meet link');
  const links = new Map<string, Set<string>>();
  for (const row of grid.slice(1)) links.set(String(row[pair]), new Set([...(links.get(String(row[pair])) ?? []), String(row[link])]));
  return links;
}

describe('Meet links for online blocks (built bundle)', () => {
  it('one link per online series on every one of its sessions, none for a room; a re-sync asks nothing', () => {
    const w = world();
    schedule(w);
    const links = linksByPair(w);
    const [one] = [...links.get('P-0001')!];
    const [two] = [...links.get('P-0002')!];
    expect(one).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(links.get('P-0001')!.size).toBe(1);
    expect(two).not.toBe(one);
    expect([...links.get('P-0003')!]).toEqual(['']);
    expect(w.calendar.conferences()).toBe(2);
    expect(w.fakes.calls.count('Calendar.Events.patch')).toBe(2);
    const view = entryPoint(w.bundle, 'tutorAgendas')('T-1') as { sessions: { meetLink: string; location: string }[] };
    expect(view.sessions[0]).toMatchObject({ meetLink: one, location: 'Online' });

    w.fakes.calls.reset();
    const again = schedule(w) as { calendar: { notices: string[]; updated: number } };
    expect(w.fakes.calls.count('Calendar.Events.get') + w.fakes.calls.count('Calendar.Events.patch')).toBe(0);
    expect(w.fakes.calls.count('Range.setValues')).toBe(0);
    // The conferences were the add-on's own writes: not reported as changed by hand, nothing rewritten.
    expect(again.calendar).toMatchObject({ updated: 0, notices: [] });
  });

  it('a link still pending comes at the next sync; a series deleted by hand gets a new one', () => {
    const w = world(1);
    schedule(w);
    expect([...linksByPair(w).get('P-0001')!]).toEqual(['']);
    schedule(w);
    const [first] = [...linksByPair(w).get('P-0001')!];
    expect(first).toMatch(/^https:\/\/meet\.google\.com\//);
    expect(w.calendar.conferences()).toBe(2);

    const calendarId = w.calendar.calendars().find((c) => !c.isDefault)!.id;
    const series = w.calendar.series(calendarId).find((s) => s.tags.peerTutoringSeries === 'P-0001#1')!;
    w.calendar.deleteSeriesByHand(series.id);
    schedule(w);
    schedule(w);
    const [again] = [...linksByPair(w).get('P-0001')!];
    expect(again).toMatch(/^https:\/\/meet\.google\.com\//);
    expect(again).not.toBe(first);
  });

  it('500 online series: 500 distinct links, stored in shards under the 9 KB value limit; a re-sync asks Calendar nothing', () => {
    const w = world(0, 500);
    // Schedule sessions continues in follow-up runs (300 Calendar writes a run) until every series exists.
    for (let run = 0; run < 5 && linksByPair(w).get('P-0500')?.has('') !== false; run++) schedule(w);
    const links = linksByPair(w);
    const online = [...links].filter(([pair]) => pair !== 'P-0501').map(([, set]) => [...set]);
    expect(online).toHaveLength(500);
    expect(online.every((set) => set.length === 1 && /^https:\/\/meet\.google\.com\//.test(set[0]))).toBe(true);
    expect(new Set(online.map((set) => set[0])).size).toBe(500);
    expect(w.calendar.conferences()).toBe(500);
    const stored = w.fakes.properties.getDocumentProperties().getProperties();
    const shards = Object.keys(stored).filter((key) => /^ptHub\.calendar\.meet\.\d+$/.test(key));
    expect(shards.length).toBeGreaterThan(1);
    expect(Number(stored['ptHub.calendar.meet.count'])).toBe(shards.length);
    expect(Math.max(...shards.map((key) => stored[key].length))).toBeLessThanOrEqual(9 * 1024);

    w.fakes.calls.reset();
    schedule(w);
    expect(w.fakes.calls.count('Calendar.Events.get') + w.fakes.calls.count('Calendar.Events.patch')).toBe(0);
    expect(w.calendar.conferences()).toBe(500);
  }, 120000);

  it('links stored by an earlier version (one value) are read, moved to shards, and not asked for again', () => {
    const w = world();
    schedule(w);
    const props = w.fakes.properties.getDocumentProperties();
    const count = Number(props.getProperty('ptHub.calendar.meet.count'));
    const old: Record<string, { eventId: string; link: string }> = {};
    for (let i = 0; i < count; i++) {
      for (const line of String(props.getProperty(`ptHub.calendar.meet.${i}`)).split('\n')) {
        const [key, eventId, link] = line.split('\t');
        old[key] = { eventId, link };
      }
      props.deleteProperty(`ptHub.calendar.meet.${i}`);
    }
    props.deleteProperty('ptHub.calendar.meet.count');
    props.setProperty('ptHub.calendar.meet', JSON.stringify(old));
    w.fakes.calls.reset();
    schedule(w);
    expect(w.fakes.calls.count('Calendar.Events.get') + w.fakes.calls.count('Calendar.Events.patch')).toBe(0);
    expect(props.getProperty('ptHub.calendar.meet')).toBeNull();
    expect(w.calendar.conferences()).toBe(2);
  });
});

