// The built bundle writes each upcoming session's agenda to the Sessions tab and its pair's Calendar
// series; a changed guide rewrites the series in place (no duplicate), and an unchanged program writes
// nothing. The tutor's view reads the same agendas.
import { createAppsScriptFakes, type AppsScriptFakes } from '../fakes/apps-script';
import { createCalendarFake, type CalendarFake } from '../fakes/apps-script/calendar';
import { createScriptAppFake } from '../fakes/apps-script/script-app';
import { entryPoint, loadBundle, type BundleContext } from '../support/load-bundle';
import { fixtureTabs, STUDENT_HEADERS } from '../support/program-fixture';

const PAIR_HEADERS = ['Pair ID', 'Tutor ID', 'Tutor', 'Tutee ID', 'Tutee', 'Subject', 'Block', 'Status', 'Locked', 'Score', 'Why', 'Start date', 'End date'];
const GUIDE_HEADERS = ['Subject', 'Skill', 'Target concept', 'Common misconceptions', 'Worked example', 'Probing questions', 'Link'];

interface World {
  fakes: AppsScriptFakes;
  calendar: CalendarFake;
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
    ['Math', 'Decimals', 'What is 0.1 + 0.2?', '0.3; 0.12', '0.3', ''],
  ];
  tabs.Guides = [GUIDE_HEADERS, ['Math', 'Adding fractions', 'Same-size parts', 'Adding the denominators', '', '', '']];
  const fakes = createAppsScriptFakes({ timeZone: 'America/New_York' });
  for (const [name, grid] of Object.entries(tabs)) fakes.seedSheet(name, grid);
  const calendar = createCalendarFake(fakes.calls, { timeZone: 'UTC', accounts: fakes.accounts });
  const script = createScriptAppFake(fakes.calls, { accounts: fakes.accounts });
  const bundle = loadBundle(fakes, { CalendarApp: calendar.CalendarApp, ScriptApp: script.ScriptApp });
  return { fakes, calendar, bundle };
}

beforeEach(() => jest.useFakeTimers({ now: new Date('2027-01-04T17:00:00Z') }));
afterEach(() => jest.useRealTimers());

const schedule = (w: World) => entryPoint(w.bundle, 'scheduleSessions')({ sendInvitations: false }) as { calendar: Record<string, unknown> };

function agendas(w: World): string[] {
  const grid = w.fakes.spreadsheet.getSheetByName('Sessions')!.getDataRange().getValues();
  const at = grid[0].indexOf('Agenda');
  return grid.slice(1).map((row) => String(row[at]));
}

describe('agendas (built bundle)', () => {
  it('fills Sessions and the Calendar series; a changed guide updates each series in place; nothing changed writes nothing', () => {
    const w = world(3);
    expect(schedule(w).calendar).toMatchObject({ created: 3, updated: 0 });
    const [calendarId] = w.calendar.calendars().filter((c) => !c.isDefault).map((c) => c.id);
    const first = w.calendar.series(calendarId);
    expect(first[0].description).toContain('Agenda for the next session:\nSkill: Adding fractions (not started)\nReview: nothing due\nTarget concept: Same-size parts\nWatch for: Adding the denominators\nRoutine (45 min): Check-in 2 min, Review 12 min');
    const written = agendas(w);
    expect(written.length).toBe(3 * 18);
    expect(written.every((text) => text.startsWith('Skill: Adding fractions (not started)\n'))).toBe(true);
    // A student's or teacher's text is stored as text, never as a formula.
    const sheet = w.fakes.spreadsheet.getSheetByName('Sessions')!;
    expect(sheet.getDataRange().getFormulas().flat().every((formula) => formula === '')).toBe(true);

    w.fakes.spreadsheet.getSheetByName('Guides')!.getRange(2, 3).setValue('Pieces of the same size add');
    w.fakes.calls.reset();
    expect(schedule(w).calendar).toMatchObject({ created: 0, updated: 3, unchanged: 0 });
    const after = w.calendar.series(calendarId);
    expect(after.map((s) => s.id)).toEqual(first.map((s) => s.id));
    expect(w.calendar.eventsCreated()).toBe(3);
    expect(after[0].description).toContain('Target concept: Pieces of the same size add');
    expect(agendas(w).every((text) => text.includes('Target concept: Pieces of the same size add'))).toBe(true);
    // One batched write of Sessions, not one per row.
    expect(w.fakes.calls.count('Range.setValues')).toBeLessThanOrEqual(2);

    w.fakes.calls.reset();
    expect(schedule(w).calendar).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(w.calendar.writeCalls()).toEqual([]);
    expect(w.fakes.calls.count('Range.setValues')).toBe(0);
  });

  it('the tutor sees their own upcoming sessions with the agenda, and the guide no agenda can show is named with its row', () => {
    const w = world(2);
    w.fakes.spreadsheet.getSheetByName('Guides')!.getRange(3, 1, 1, 7).setValues([['Chemistry', 'Moles', 'Counting', '', '', '', '']]);
    schedule(w);
    const view = entryPoint(w.bundle, 'tutorAgendas')('T-2') as { name: string; sessions: { tutee: string; date: string; agenda: { skill: string; routine: { minutes: number }[] } }[]; problems: string[] };
    expect(view.name).toBe('Tutor 2');
    // The next four weeks: Mondays 11 and 25 January (the 18th is a No-school date).
    expect(view.sessions.map((s) => s.date)).toEqual(['2027-01-11', '2027-01-25']);
    expect(view.sessions.every((s) => s.tutee === 'Tutee 2' && s.agenda.skill === 'Adding fractions')).toBe(true);
    expect(view.sessions[0].agenda.routine.reduce((sum, step) => sum + step.minutes, 0)).toBe(45);
    expect(view.problems).toEqual(['Guides row 3, "Subject": no running pair works on Chemistry yet: the guide is kept and shows in agendas once a pair does']);
  });
});
