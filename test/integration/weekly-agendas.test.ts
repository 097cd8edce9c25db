// The weekly run of the hourly dispatcher (the tutors' email day) brings each pair's Calendar series up
// to its coming session's agenda: one setDescription per series whose agenda changed, nothing when none
// did, a description changed by hand left as it is; the next Schedule sessions finds them up to date.
import { createAppsScriptFakes, type AppsScriptFakes } from '../fakes/apps-script';
import { createCalendarFake, type CalendarFake } from '../fakes/apps-script/calendar';
import { createMailFake } from '../fakes/apps-script/mail';
import { createScriptAppFake, type ScriptAppFake } from '../fakes/apps-script/script-app';
import { entryPoint, loadBundle, type BundleContext } from '../support/load-bundle';
import { fixtureTabs, STUDENT_HEADERS } from '../support/program-fixture';

const PAIR_HEADERS = ['Pair ID', 'Tutor ID', 'Tutor', 'Tutee ID', 'Tutee', 'Subject', 'Block', 'Status', 'Locked', 'Score', 'Why', 'Start date', 'End date'];
const GUIDE_HEADERS = ['Subject', 'Skill', 'Target concept', 'Common misconceptions', 'Worked example', 'Probing questions', 'Link'];

interface World {
  fakes: AppsScriptFakes;
  calendar: CalendarFake;
  script: ScriptAppFake;
  bundle: BundleContext;
}

function world(pairs: number): World {
  const tabs = fixtureTabs();
  tabs.Students = [STUDENT_HEADERS];
  tabs.Pairs = [PAIR_HEADERS];
  for (let i = 1; i <= pairs; i++) {
    tabs.Students.push([`T-${i}`, `Tutor ${i}`, `t${i}@school.org`, 10, 'Tutor', 'Math 4', '', 'English', '', 'All', '', 'Yes', 'Yes', 'Yes']);
    tabs.Students.push([`U-${i}`, `Tutee ${i}`, '', 7, 'Tutee', '', 'Math 2', 'English', '', 'All', '', 'Yes', 'No', 'Yes']);
    tabs.Pairs.push([`P-000${i}`, `T-${i}`, `Tutor ${i}`, `U-${i}`, `Tutee ${i}`, 'Math', 'Mon-A', 'Active', 'No', 1, '', '', '']);
  }
  tabs['Exit ticket questions'] = [
    ['Subject', 'Skill', 'Question', 'Choices', 'Answer', 'Points'],
    ['Math', 'Adding fractions', 'What is 1/2 + 1/4?', '3/4; 2/6', '3/4', ''],
  ];
  tabs.Guides = [GUIDE_HEADERS, ['Math', 'Adding fractions', 'Same-size parts', '', '', '', '']];
  tabs.Settings.push(['Weekly tutor email', 'Sun']);
  const fakes = createAppsScriptFakes({ timeZone: 'America/New_York' });
  for (const [name, grid] of Object.entries(tabs)) fakes.seedSheet(name, grid);
  const calendar = createCalendarFake(fakes.calls, { timeZone: 'UTC', accounts: fakes.accounts });
  const script = createScriptAppFake(fakes.calls, { accounts: fakes.accounts });
  const mail = createMailFake(fakes.calls, fakes.accounts);
  const bundle = loadBundle(fakes, { CalendarApp: calendar.CalendarApp, ScriptApp: script.ScriptApp, MailApp: mail.MailApp });
  return { fakes, calendar, script, bundle };
}

beforeEach(() => jest.useFakeTimers({ now: new Date('2027-01-04T17:00:00Z') }));
afterEach(() => jest.useRealTimers());

const hourly = (w: World) => w.script.fireDue((handler) => entryPoint(w.bundle, handler)());
const descriptions = (w: World) => w.calendar.series(w.calendar.calendars().find((c) => !c.isDefault)!.id).map((s) => s.description);
const setGuide = (w: World, text: string) => w.fakes.spreadsheet.getSheetByName('Guides')!.getRange(2, 3).setValue(text);

describe('weekly agendas in the Calendar series (built bundle)', () => {
  it('one write per series whose agenda changed, once a week; nothing when unchanged; a hand edit kept; Schedule then finds them up to date', () => {
    const w = world(3);
    entryPoint(w.bundle, 'scheduleSessions')({ sendInvitations: false });
    expect(descriptions(w).every((d) => d.includes('Target concept: Same-size parts'))).toBe(true);

    // The teacher improves the guide; the Sunday run of the tutors' email brings every series up to it.
    setGuide(w, 'Pieces of the same size add');
    jest.setSystemTime(new Date('2027-01-10T15:00:00Z'));
    const before = w.calendar.writeCalls().length;
    hourly(w);
    expect(w.calendar.writeCalls().slice(before)).toEqual(Array(3).fill('CalendarEventSeries.setDescription'));
    expect(descriptions(w).every((d) => d.includes('Target concept: Pieces of the same size add'))).toBe(true);
    // Later runs of the same week: nothing.
    jest.setSystemTime(new Date('2027-01-10T16:00:00Z'));
    hourly(w);
    expect(w.calendar.writeCalls()).toHaveLength(before + 3);
    // Schedule sessions finds every series up to date.
    const report = entryPoint(w.bundle, 'scheduleSessions')({ sendInvitations: false }) as { calendar: { updated: number; notices: string[] } };
    expect(report.calendar).toMatchObject({ updated: 0 });
    expect(w.calendar.writeCalls()).toHaveLength(before + 3);

    // Next week, nothing changed: nothing written.
    jest.setSystemTime(new Date('2027-01-17T15:00:00Z'));
    hourly(w);
    expect(w.calendar.writeCalls()).toHaveLength(before + 3);

    // A teacher rewrote one series' description by hand: kept; the other two get the new agenda.
    const [first] = w.calendar.series(w.calendar.calendars().find((c) => !c.isDefault)!.id);
    w.calendar.editSeriesByHand(first.id, { description: 'See the printed plan.' });
    setGuide(w, 'Same-size pieces add up');
    jest.setSystemTime(new Date('2027-01-24T15:00:00Z'));
    hourly(w);
    expect(w.calendar.writeCalls()).toHaveLength(before + 5);
    expect(w.calendar.seriesById(first.id)!.description).toBe('See the printed plan.');
    expect(descriptions(w).filter((d) => d.includes('Target concept: Same-size pieces add up'))).toHaveLength(2);
  });
});
