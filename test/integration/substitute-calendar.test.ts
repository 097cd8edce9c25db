// A substitute goes into Calendar through the built bundle: the one meeting gets the substitute as guest
// and loses the absent tutor (an exception on that occurrence, the rest of the series untouched), a
// second assignment writes nothing, and the next Schedule sessions does not report the add-on's own
// change as a hand edit (while a teacher's edit of another series still is).
import { createAppsScriptFakes, type AppsScriptFakes } from '../fakes/apps-script';
import { createCalendarFake, type CalendarFake } from '../fakes/apps-script/calendar';
import { entryPoint, loadBundle, type BundleContext } from '../support/load-bundle';
import { activePairTabs } from '../support/program-fixture';

interface World {
  fakes: AppsScriptFakes;
  calendar: CalendarFake;
  bundle: BundleContext;
}

function world(): World {
  const fakes = createAppsScriptFakes({ timeZone: 'America/New_York' });
  for (const [name, grid] of Object.entries(activePairTabs(2))) fakes.seedSheet(name, grid);
  const calendar = createCalendarFake(fakes.calls, { timeZone: 'UTC', accounts: fakes.accounts });
  return { fakes, calendar, bundle: loadBundle(fakes, { CalendarApp: calendar.CalendarApp, Calendar: calendar.Calendar }) };
}

const call = (w: World, name: string, ...args: unknown[]) => entryPoint(w.bundle, name)(...args) as any;
const schedule = (w: World) => call(w, 'scheduleSessions', { sendInvitations: false });

/** Marks the tutor of the session of `pairId` on `date` absent (the teacher types No), returns the session ID. */
function markTutorAbsent(w: World, pairId: string, index: number): { sessionId: string; date: string } {
  const sheet = w.fakes.spreadsheet.getSheetByName('Sessions')!;
  const grid = sheet.getDataRange().getValues();
  const rows = grid.map((row, r) => ({ row, r })).filter(({ row, r }) => r > 0 && row[grid[0].indexOf('Pair ID')] === pairId);
  const { row, r } = rows[index];
  sheet.getRange(r + 1, grid[0].indexOf('Tutor present') + 1).setValue('No');
  const date = row[grid[0].indexOf('Date')] as Date;
  return { sessionId: String(row[0]), date: date.toISOString().slice(0, 10) };
}

beforeEach(() => jest.useFakeTimers({ now: new Date('2027-01-04T17:00:00Z') }));
afterEach(() => jest.useRealTimers());

describe('Substitutes in Calendar (built bundle)', () => {
  it('puts the substitute on that one meeting only, once, and the next sync does not call it a hand edit', () => {
    const w = world();
    schedule(w);
    const calendarId = w.calendar.calendars().find((c) => !c.isDefault)!.id;
    const series = w.calendar.series(calendarId).find((s) => s.tags.peerTutoringSeries.startsWith('P-0001'))!;
    const other = w.calendar.series(calendarId).find((s) => s.tags.peerTutoringSeries.startsWith('P-0002'))!;
    const { sessionId, date } = markTutorAbsent(w, 'P-0001', 1);
    w.calendar.editSeriesByHand(other.id, { location: 'Gym' }); // a teacher's own change, meanwhile

    const [need] = call(w, 'substituteNeeds');
    expect(need).toMatchObject({ sessionId, best: { tutorId: 'T-2' } });
    w.fakes.calls.reset();
    const result = call(w, 'assignSubstitute', sessionId, 'T-2');
    expect(result.assigned).toBe(true);
    expect(result.message).toContain(`Calendar: the meeting of ${date} has the substitute as guest`);
    expect(w.calendar.writeCalls()).toEqual(['CalendarEvent.addGuest', 'CalendarEvent.removeGuest']);

    const meetings = w.calendar.occurrences(calendarId, new Date('2027-01-01T00:00:00Z'), new Date('2027-07-01T00:00:00Z')).filter((o) => o.seriesId === series.id);
    const changed = meetings.filter((o) => o.guests.includes('t2@school.org'));
    expect(changed.map((o) => o.date)).toEqual([date]);
    expect(changed[0].guests).not.toContain('t1@school.org');
    expect(changed[0].guests).toContain('u1@school.org');
    expect(meetings.filter((o) => o.date !== date).every((o) => o.guests.includes('t1@school.org'))).toBe(true);

    // Asked again (a double click, or a retry): nothing is written twice.
    w.fakes.calls.reset();
    expect(call(w, 'assignSubstitute', sessionId, 'T-2').message).toContain('(already)');
    expect(w.calendar.writeCalls()).toEqual([]);

    // The next sync: the teacher's change to the other series is reported, the add-on's own is not, and the meeting keeps its substitute.
    const report = schedule(w).calendar;
    expect(report.notices).toEqual([expect.stringContaining('1 series was changed by hand in Google Calendar')]);
    expect(report).toMatchObject({ updated: 0, created: 0 });
    const after = w.calendar.occurrences(calendarId, new Date('2027-01-01T00:00:00Z'), new Date('2027-07-01T00:00:00Z')).find((o) => o.seriesId === series.id && o.date === date)!;
    expect(after.guests).toContain('t2@school.org');
    expect(schedule(w).calendar.notices).toEqual([]);
  });

  it('logs the substitute and says so when the session is not in Calendar yet', () => {
    const w = world();
    call(w, 'scheduleSessions', { sendInvitations: false });
    // The calendar was never made (sessions only): forget the event IDs as a program without a calendar has none.
    const sheet = w.fakes.spreadsheet.getSheetByName('Sessions')!;
    const grid = sheet.getDataRange().getValues();
    const at = grid[0].indexOf('Calendar event ID');
    sheet.getRange(2, at + 1, grid.length - 1, 1).setValues(grid.slice(1).map(() => ['']));
    const { sessionId } = markTutorAbsent(w, 'P-0001', 1);
    w.fakes.calls.reset();
    const result = call(w, 'assignSubstitute', sessionId, 'T-2');
    expect(result).toMatchObject({ assigned: true });
    expect(result.message).toContain('not in Calendar yet');
    expect(w.calendar.writeCalls()).toEqual([]);
  });
});
