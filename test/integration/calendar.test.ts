// The built bundle schedules sessions and syncs the program calendar against the CalendarApp and
// ScriptApp fakes: one series per pair-slot, zero writes on a re-sync, a moved block moves one series,
// an ended pair ends its series, a series deleted by hand is recreated once, and a burst error or a
// 6-minute cut finish in the follow-up trigger without duplicates.
import { instantOf, localDateOf, wallTimeOf } from '../../src/core/time';
import { createAppsScriptFakes, type AppsScriptFakes } from '../fakes/apps-script';
import { createCalendarFake, type CalendarFake } from '../fakes/apps-script/calendar';
import { createScriptAppFake, type ScriptAppFake } from '../fakes/apps-script/script-app';
import { entryPoint, loadBundle, type BundleContext } from '../support/load-bundle';
import { activePairTabs, STUDENT_HEADERS } from '../support/program-fixture';

const TODAY = new Date('2027-01-04T17:00:00Z');
const ZONE = 'America/New_York';

interface World {
  fakes: AppsScriptFakes;
  calendar: CalendarFake;
  script: ScriptAppFake;
  bundle: BundleContext;
}

/**
 * `pairs` pairs, each tutor and tutee their own students, spread over Mon-A and Wed-A; `advanced`: the
 * advanced Calendar service is enabled too (as the manifest asks).
 */
function world(pairs: number, advanced = false): World {
  const tabs = activePairTabs(pairs);
  const fakes = createAppsScriptFakes({ timeZone: 'America/New_York' });
  for (const [name, grid] of Object.entries(tabs)) fakes.seedSheet(name, grid);
  const calendar = createCalendarFake(fakes.calls, { timeZone: 'UTC', accounts: fakes.accounts });
  const script = createScriptAppFake(fakes.calls, { accounts: fakes.accounts });
  const bundle = loadBundle(fakes, { CalendarApp: calendar.CalendarApp, ScriptApp: script.ScriptApp, ...(advanced ? { Calendar: calendar.Calendar } : {}) });
  return { fakes, calendar, script, bundle };
}

// The bundle shares the test's Date: fake timers set "now" for it (today in the program timezone).
beforeEach(() => jest.useFakeTimers({ now: TODAY }));
afterEach(() => {
  jest.restoreAllMocks();
  jest.useRealTimers();
});

type Outcome = { sessions: { sessions: number; added: number }; calendar: Record<string, number | boolean | string[] | string> };

function schedule(w: World, sendInvitations = false): Outcome {
  return entryPoint(w.bundle, 'scheduleSessions')({ sendInvitations }) as Outcome;
}

/** Runs the pending follow-up triggers until none is left; returns how many ran. */
function runContinuations(w: World): number {
  let runs = 0;
  while (w.script.pending().length) {
    w.script.fireDue((handler) => entryPoint(w.bundle, handler)());
    if (++runs > 20) throw new Error('the sync never finished');
  }
  return runs;
}

function programCalendar(w: World): string {
  const calendars = w.calendar.calendars().filter((c) => !c.isDefault);
  expect(calendars).toHaveLength(1);
  return calendars[0].id;
}

function sessionRows(w: World): Record<string, unknown>[] {
  const grid = w.fakes.spreadsheet.getSheetByName('Sessions')!.getDataRange().getValues();
  return grid.slice(1).map((row) => Object.fromEntries(grid[0].map((h, i) => [String(h), row[i]])));
}

/** Every occurrence in Calendar equals every session on the tab (pair, date, start, end). */
function expectCalendarMatchesSessions(w: World): void {
  const id = programCalendar(w);
  const titleToPair = new Map(w.calendar.series(id).map((s) => [s.id, s.tags.peerTutoringSeries.split('#')[0]]));
  const occurrences = w.calendar
    .occurrences(id, new Date('2027-01-01T00:00:00Z'), new Date('2027-07-01T00:00:00Z'))
    .map((o) => `${titleToPair.get(o.seriesId)} ${o.start.toISOString()} ${o.end.toISOString()}`);
  const sessions = sessionRows(w).map((s) => {
    const date = localDateOf(s.Date as Date, ZONE);
    const at = (time: unknown) => instantOf(date, time instanceof Date ? wallTimeOf(time, ZONE) : String(time), ZONE).toISOString();
    return `${s['Pair ID']} ${at(s.Start)} ${at(s.End)}`;
  });
  expect(occurrences.sort()).toEqual(sessions.sort());
}

describe('Schedule sessions with Calendar (built bundle)', () => {
  it('first sync creates one series per pair-slot in a dedicated calendar; a re-sync writes nothing', () => {
    const w = world(6);
    const first = schedule(w);
    const id = programCalendar(w);
    expect(w.calendar.calendars().find((c) => c.id === id)).toMatchObject({ name: 'Test Program', timeZone: 'America/New_York' });
    expect(first.calendar).toMatchObject({ created: 6, updated: 0, ended: 0, unchanged: 0, recreated: 0, remaining: 0, done: true });
    const series = w.calendar.series(id);
    expect(series).toHaveLength(6);
    expect(w.calendar.eventsCreated()).toBe(6);
    const p1 = series.find((s) => s.tags.peerTutoringSeries === 'P-0001#1')!;
    expect(p1).toMatchObject({ location: 'Library', guests: ['t1@school.org', 'u1@school.org'], invitationsSent: false });
    expect(p1.description).toContain('Subject: Math');
    expect(series.find((s) => s.tags.peerTutoringSeries === 'P-0002#1')!.guests).toEqual(['t2@school.org']);
    expectCalendarMatchesSessions(w);
    // The Sessions tab carries each session's series ID.
    const rows = sessionRows(w);
    expect(rows.every((row) => row['Calendar event ID'] === series.find((s) => s.tags.peerTutoringSeries === `${row['Pair ID']}#1`)!.id)).toBe(true);
    // Calendar is done; only the dashboard waits, refreshed once by the next hourly run, which then goes.
    expect(runContinuations(w)).toBe(1);
    expect(w.script.pending()).toEqual([]);

    w.fakes.calls.reset();
    const again = schedule(w);
    expect(again.calendar).toMatchObject({ created: 0, updated: 0, ended: 0, unchanged: 6, done: true });
    expect(w.calendar.writeCalls()).toEqual([]);
    expect(w.fakes.calls.count('Range.setValues')).toBe(0);
  });

  it('sends invitations only when the teacher ticks it', () => {
    const w = world(2);
    schedule(w, true);
    expect(w.calendar.series(programCalendar(w)).map((s) => s.invitationsSent)).toEqual([true, true]);
  });

  it('a changed block moves exactly one series; an ended pair ends its series at its end date', () => {
    const w = world(4);
    schedule(w);
    const id = programCalendar(w);
    const before = new Map(w.calendar.series(id).map((s) => [s.tags.peerTutoringSeries, s]));
    jest.setSystemTime(new Date('2027-03-01T17:00:00Z'));
    const pairs = w.fakes.spreadsheet.getSheetByName('Pairs')!;
    pairs.getRange(2, 7).setValue('Wed-A'); // P-0001 moves to Wednesdays
    pairs.getRange(3, 8).setValue('Ended'); // P-0002 ends today
    pairs.getRange(3, 13).setValue(new Date('2027-03-01T05:00:00Z'));
    w.fakes.calls.reset();
    const report = schedule(w).calendar;
    expect(report).toMatchObject({ created: 0, updated: 1, ended: 1, unchanged: 2, done: true });
    expect(w.calendar.eventsCreated()).toBe(4);
    const after = new Map(w.calendar.series(id).map((s) => [s.tags.peerTutoringSeries, s]));
    expect(after.get('P-0001#1')!.id).toBe(before.get('P-0001#1')!.id);
    expect(after.get('P-0001#1')!.location).toBe('Room 12');
    const ended = w.calendar.occurrences(id, new Date('2027-01-01T00:00:00Z'), new Date('2027-07-01T00:00:00Z'))
      .filter((o) => o.seriesId === before.get('P-0002#1')!.id);
    expect(ended.at(-1)!.date <= '2027-03-01').toBe(true);
    expect(ended.length).toBeGreaterThan(5);
    expect(after.get('P-0003#1')).toEqual(before.get('P-0003#1'));
  });

  it('a series deleted by hand is recreated once and reported', () => {
    const w = world(3);
    schedule(w);
    const id = programCalendar(w);
    const gone = w.calendar.series(id).find((s) => s.tags.peerTutoringSeries === 'P-0002#1')!;
    w.calendar.deleteSeriesByHand(gone.id);
    const report = schedule(w).calendar;
    expect(report).toMatchObject({ created: 0, recreated: 1, unchanged: 2, done: true });
    expect(report.notices).toEqual(['Series P-0002#1: its Calendar event was deleted by hand; it was recreated']);
    expect(w.calendar.series(id)).toHaveLength(3);
    expect(schedule(w).calendar).toMatchObject({ recreated: 0, created: 0, unchanged: 3 });
    expectCalendarMatchesSessions(w);
  });

  it('backs off on a burst error, then finishes in the follow-up trigger with nothing duplicated or missing', () => {
    const w = world(10);
    // The calendar and 4 series, then a burst refused 6 times: the first try and 5 retries.
    w.calendar.failAfterCreations(5, { times: 6 });
    const first = schedule(w).calendar;
    expect(first).toMatchObject({ created: 4, done: false, remaining: 6 });
    expect(w.fakes.utilities.slept).toBeGreaterThanOrEqual(1000 + 2000 + 4000 + 8000 + 16000);
    // One hourly trigger for this document and teacher: an add-on may not come back sooner.
    expect(w.script.pending()).toEqual([{ handler: 'runPendingWork', afterMs: 3600000, owner: 'teacher@school.example', recurring: true }]);
    expect(runContinuations(w)).toBe(1);
    const id = programCalendar(w);
    expect(w.calendar.series(id)).toHaveLength(10);
    expect(new Set(w.calendar.series(id).map((s) => s.tags.peerTutoringSeries)).size).toBe(10);
    expect(entryPoint(w.bundle, 'calendarSyncStatus')()).toMatchObject({ created: 10, remaining: 0, done: true });
    expect(w.script.fake.triggers.filter((t) => !t.deleted)).toEqual([]);
    expectCalendarMatchesSessions(w);
    expect(sessionRows(w).every((row) => String(row['Calendar event ID']).endsWith('@google.com'))).toBe(true);
  });

  it('stops before the 6-minute limit and resumes in the follow-up trigger', () => {
    const w = world(12);
    // Each Calendar creation takes 40 s of the run's time.
    const start = Date.now();
    const spy = jest.spyOn(Date, 'now').mockImplementation(() => start + w.calendar.eventsCreated() * 40000);
    const first = schedule(w).calendar;
    expect(first.done).toBe(false);
    expect(first.created).toBeLessThan(12);
    expect(first.created).toBeGreaterThanOrEqual(6);
    spy.mockRestore();
    expect(runContinuations(w)).toBe(1);
    const id = programCalendar(w);
    expect(w.calendar.series(id)).toHaveLength(12);
    expect(w.calendar.eventsCreated()).toBe(12);
    expectCalendarMatchesSessions(w);
  });

  it('a run cut between creating a series and storing it does not duplicate it', () => {
    const w = world(3);
    w.calendar.failNext('CalendarEventSeries.setTag', { message: 'Exceeded maximum execution time' });
    expect(() => schedule(w)).toThrow('Exceeded maximum execution time');
    const id = programCalendar(w);
    expect(w.calendar.series(id)).toHaveLength(1);
    const report = schedule(w).calendar;
    expect(report).toMatchObject({ created: 2, updated: 1, done: true });
    expect(w.calendar.series(id)).toHaveLength(3);
    expect(w.calendar.series(id).map((s) => s.tags.peerTutoringSeries).sort()).toEqual(['P-0001#1', 'P-0002#1', 'P-0003#1']);
  });

  it('makes the same number of Spreadsheet calls for 4 and 40 pairs', () => {
    const spreadsheetCalls = (pairs: number) => {
      const w = world(pairs);
      w.fakes.calls.reset();
      schedule(w);
      const snapshot = w.fakes.calls.snapshot();
      return Object.entries(snapshot).filter(([name]) => /^(Spreadsheet|Sheet|Range|SpreadsheetApp)\./.test(name)).reduce((sum, [, n]) => sum + n, 0);
    };
    expect(spreadsheetCalls(40)).toBe(spreadsheetCalls(4));
  });
});

describe('With the advanced Calendar service, what changed is listed in a constant number of calls', () => {
  /** Calls a re-sync makes to Calendar (CalendarApp and the advanced service). */
  const calendarCalls = (w: World) => w.fakes.calls.log().filter((name) => /^(Calendar|CalendarApp|CalendarEvent)/.test(name));

  it('an unchanged re-sync reads no series: the same calls for 4 and 40 pairs, nothing written', () => {
    const counts = [4, 40].map((pairs) => {
      const w = world(pairs, true);
      schedule(w);
      w.fakes.calls.reset();
      expect(schedule(w).calendar).toMatchObject({ created: 0, updated: 0, recreated: 0, unchanged: pairs, done: true });
      expect(w.calendar.writeCalls()).toEqual([]);
      expect(w.fakes.calls.count('Calendar.getEventSeriesById')).toBe(0);
      return calendarCalls(w).length;
    });
    expect(counts[1]).toBe(counts[0]);
    // Without the advanced service each stored series is read.
    const plain = world(40);
    schedule(plain);
    plain.fakes.calls.reset();
    schedule(plain);
    expect(plain.fakes.calls.count('Calendar.getEventSeriesById')).toBe(40);
  });

  it('a series deleted by hand is recreated once; its pair meets again', () => {
    const w = world(3, true);
    schedule(w);
    const id = programCalendar(w);
    const gone = w.calendar.series(id).find((s) => s.tags.peerTutoringSeries === 'P-0002#1')!;
    w.calendar.deleteSeriesByHand(gone.id);
    expect(schedule(w).calendar).toMatchObject({ recreated: 1, unchanged: 2, done: true });
    expect(schedule(w).calendar).toMatchObject({ recreated: 0, created: 0, unchanged: 3 });
    expectCalendarMatchesSessions(w);
  });

  it('a series edited by hand, or one meeting deleted by hand, is reported and kept as the teacher left it', () => {
    const w = world(3, true);
    schedule(w);
    const id = programCalendar(w);
    const [first, second] = w.calendar.series(id);
    w.calendar.editSeriesByHand(first.id, { location: 'Gym' });
    w.calendar.deleteOccurrenceByHand(second.id, '2027-01-13');
    w.fakes.calls.reset();
    const report = schedule(w).calendar;
    expect(report).toMatchObject({ created: 0, updated: 0, recreated: 0, unchanged: 3, done: true });
    expect(report.notices).toEqual([expect.stringContaining('2 series were changed by hand in Google Calendar: kept as changed')]);
    expect(w.calendar.writeCalls()).toEqual([]);
    expect(w.calendar.seriesById(first.id)!.location).toBe('Gym');
    // Reported once: the next run finds nothing new.
    expect(schedule(w).calendar.notices).toEqual([]);
  });

  it('a run that fails half-way: its own writes are never reported as changes by hand', () => {
    const w = world(4, true);
    w.calendar.failAfterCreations(2, { times: 1, message: 'Unexpected error while getting the method or property createEventSeries' });
    expect(() => schedule(w)).toThrow(/Unexpected error/);
    const report = schedule(w).calendar;
    // The calendar and one series were made before the failure.
    expect(report).toMatchObject({ created: 3, recreated: 0, unchanged: 1, done: true });
    expect(report.notices).toEqual([]);
    expect(w.calendar.series(programCalendar(w))).toHaveLength(4);
  });

  it('a sync token Google let expire: the run lists the calendar afresh and still finds what was deleted', () => {
    const w = world(3, true);
    schedule(w);
    const id = programCalendar(w);
    w.calendar.deleteSeriesByHand(w.calendar.series(id)[0].id);
    w.calendar.expireSyncTokens();
    expect(schedule(w).calendar).toMatchObject({ recreated: 1, unchanged: 2, done: true });
    expect(w.calendar.series(id)).toHaveLength(3);
    expect(schedule(w).calendar).toMatchObject({ recreated: 0, unchanged: 3 });
  });
});

describe('Schedule sessions from the menu', () => {
  it('previews first and changes nothing when the teacher says No', () => {
    const w = world(3);
    w.fakes.ui.alertAnswers.push(w.fakes.ui.Button.NO);
    entryPoint(w.bundle, 'menuScheduleSessions')();
    expect(w.fakes.ui.alerts.at(-1)!.prompt).toMatch(/^\d+ sessions for 3 pairs, in 3 recurring Calendar events/);
    expect(w.calendar.writeCalls()).toEqual([]);
    expect(w.fakes.spreadsheet.getSheetByName('Sessions')!.getDataRange().getValues()).toHaveLength(1);
  });

  it('says that proposed pairs wait to start, instead of offering to schedule nothing', () => {
    const w = world(2);
    const pairs = w.fakes.spreadsheet.getSheetByName('Pairs')!;
    const grid = pairs.getDataRange().getValues();
    pairs.getRange(2, 8, grid.length - 1, 1).setValues(grid.slice(1).map(() => ['Proposed']));
    entryPoint(w.bundle, 'menuScheduleSessions')();
    expect(w.fakes.ui.alerts.at(-1)!.prompt).toBe(
      'No Active or Trial pairs yet, so there is nothing to schedule. 2 proposed pairs wait to start: open Peer Tutoring → Match students, Sessions tab, and start them.',
    );
    expect(w.calendar.writeCalls()).toEqual([]);
  });

  it('creates the sessions and their series when the teacher says Yes', () => {
    const w = world(3);
    w.fakes.ui.alertAnswers.push(w.fakes.ui.Button.YES);
    entryPoint(w.bundle, 'menuScheduleSessions')();
    const sessions = w.fakes.spreadsheet.getSheetByName('Sessions')!.getDataRange().getValues().length - 1;
    expect(w.fakes.ui.alerts.at(-1)!.prompt).toContain(`${sessions} sessions for 3 pairs`);
    expect(w.calendar.series(programCalendar(w))).toHaveLength(3);
  });
});

describe('Work left over continues in one hourly trigger per document', () => {
  /** A sync cut after the calendar and `created` series: the rest is pending work. */
  function cutShort(w: World, created: number): void {
    w.calendar.failAfterCreations(created + 1, { times: 6 });
    expect(schedule(w).calendar).toMatchObject({ done: false });
  }

  it('a finished sync in one spreadsheet never deletes another spreadsheet’s trigger', () => {
    const one = world(4);
    // A second document of the same teacher, sharing the add-on's triggers (getProjectTriggers lists both).
    const two = (() => {
      const w = world(4);
      const fakes = createAppsScriptFakes({ timeZone: 'America/New_York', accounts: one.fakes.accounts, spreadsheetId: 'second-sheet' });
      for (const name of w.fakes.fakeSpreadsheet.sheetNames()) fakes.seedSheet(name, w.fakes.spreadsheet.getSheetByName(name)!.getDataRange().getValues());
      const calendar = createCalendarFake(fakes.calls, { timeZone: 'UTC', accounts: one.fakes.accounts });
      const script = createScriptAppFake(fakes.calls, { accounts: one.fakes.accounts, store: one.script.store, documentId: 'second-sheet' });
      return { fakes, calendar, script, bundle: loadBundle(fakes, { CalendarApp: calendar.CalendarApp, ScriptApp: script.ScriptApp }) };
    })();
    cutShort(two, 1);
    expect(two.script.pending()).toHaveLength(1);
    cutShort(one, 1);
    expect(runContinuations(one)).toBe(1);
    expect(one.script.pending()).toEqual([]);
    // The other spreadsheet's follow-up is still there, and finishes its own sync.
    expect(two.script.pending().map((t) => t.handler)).toEqual(['runPendingWork']);
    expect(runContinuations(two)).toBe(1);
    expect(two.calendar.series()).toHaveLength(4);
  });

  it('a run that finds the document busy keeps the work and its trigger, and finishes on a later run', () => {
    const w = world(6);
    cutShort(w, 2);
    w.fakes.locks.document.holdElsewhere();
    w.script.fireDue((handler) => entryPoint(w.bundle, handler)());
    expect(w.script.pending().map((t) => t.handler)).toEqual(['runPendingWork']);
    expect(entryPoint(w.bundle, 'calendarSyncStatus')()).toMatchObject({ done: false, remaining: 4 });
    w.fakes.locks.document.releaseElsewhere();
    expect(runContinuations(w)).toBe(1);
    expect(entryPoint(w.bundle, 'calendarSyncStatus')()).toMatchObject({ created: 6, done: true });
    expect(w.script.pending()).toEqual([]);
  });

  it('Continue now runs the left-over work at once, and says so honestly in the menu', () => {
    const w = world(5);
    cutShort(w, 1);
    expect(entryPoint(w.bundle, 'continuePendingWork')()).toMatchObject({ created: 5, remaining: 0, done: true });
    expect(w.script.pending()).toEqual([]);
    expect(w.calendar.series(programCalendar(w))).toHaveLength(5);

    const menu = world(5);
    cutShort(menu, 1);
    menu.fakes.ui.alertAnswers.push(menu.fakes.ui.Button.OK);
    menu.calendar.failAfterCreations(1, { times: 6 });
    entryPoint(menu.bundle, 'menuContinuePendingWork')();
    expect(menu.fakes.ui.alerts.at(-1)!.prompt).toMatch(/^3 Calendar changes are still left; they continue within the hour, or now with Peer Tutoring → Continue pending work now/);
  });

  it('a background run that fails keeps its work and shows why in the status', () => {
    const w = world(3);
    cutShort(w, 1);
    w.calendar.failNext('CalendarApp.getCalendarById', { message: 'Service unavailable: Calendar' });
    w.script.fireDue((handler) => entryPoint(w.bundle, handler)());
    expect(w.script.pending()).toHaveLength(1);
    expect(entryPoint(w.bundle, 'calendarSyncStatus')()).toMatchObject({
      done: false,
      notices: ['The last run in the background stopped: Service unavailable: Calendar'],
    });
    expect(runContinuations(w)).toBe(1);
    expect(entryPoint(w.bundle, 'calendarSyncStatus')()).toMatchObject({ done: true, notices: [] });
  });

  it('replaces the one-minute follow-up trigger of earlier versions by the hourly one', () => {
    const w = world(3);
    w.script.fake.triggers.push({ id: 'old', handler: 'continueCalendarSync', owner: 'teacher@school.example', documentId: 'fake-spreadsheet-id', afterMs: 60000, recurring: false, fired: true, deleted: false });
    cutShort(w, 1);
    expect(w.script.fake.triggers.filter((t) => !t.deleted).map((t) => t.handler)).toEqual(['runPendingWork']);
  });
});

describe('A pair that breaks a hard rule stops meeting', () => {
  it('consent withdrawn: its Calendar series ends today, the other pairs are untouched, and nothing personal is logged', () => {
    const w = world(3);
    schedule(w);
    const id = programCalendar(w);
    const before = new Map(w.calendar.series(id).map((s) => [s.tags.peerTutoringSeries, s]));
    jest.setSystemTime(new Date('2027-03-01T17:00:00Z'));
    // Tutee U-2's guardian withdraws consent.
    const students = w.fakes.spreadsheet.getSheetByName('Students')!;
    students.getRange(5, STUDENT_HEADERS.indexOf('Consent') + 1).setValue('No');
    const outcome = schedule(w) as Outcome & { sessions: { warnings: string[]; stopped: unknown[] } };
    expect(outcome.calendar).toMatchObject({ ended: 1, updated: 0, created: 0, unchanged: 2, done: true });
    expect(outcome.sessions.stopped).toEqual([{ pairId: 'P-0002', reason: "the tutee's guardian consent is No" }]);
    const occurrences = w.calendar.occurrences(id, new Date('2027-01-01T00:00:00Z'), new Date('2027-07-01T00:00:00Z'));
    const stopped = occurrences.filter((o) => o.seriesId === before.get('P-0002#1')!.id);
    expect(stopped.length).toBeGreaterThan(3);
    expect(stopped.every((o) => o.date <= '2027-03-01')).toBe(true);
    expect(w.calendar.series(id).find((s) => s.id === before.get('P-0001#1')!.id)).toEqual(before.get('P-0001#1'));
    expect(sessionRows(w).filter((row) => row['Pair ID'] === 'P-0002' && localDateOf(row.Date as Date, ZONE) > '2027-03-01')).toEqual([]);
    expectCalendarMatchesSessions(w);
    expect([...w.fakes.logger.entries, ...w.fakes.console.entries.map((e) => e.text)]).toEqual([]);
  });
});

describe('Co-teachers share one program calendar', () => {
  const A = 'teacher@school.example';
  const B = 'co.teacher@school.example';
  const nonDefault = (w: World) => w.calendar.calendars().filter((c) => !c.isDefault);

  /** Teacher A schedules; then teacher B opens the spreadsheet and moves P-0001 to Wednesdays. */
  function coTeacherWorld(): { w: World; id: string } {
    const w = world(3);
    schedule(w);
    const id = programCalendar(w);
    expect(nonDefault(w)[0].owner).toBe(A);
    w.fakes.accounts.actAs(B);
    w.fakes.spreadsheet.getSheetByName('Pairs')!.getRange(2, 7).setValue('Wed-A');
    w.fakes.calls.reset();
    return { w, id };
  }

  it('a second teacher who cannot open the calendar gets a clear message, never a calendar of their own; Sessions are still written', () => {
    const { w, id } = coTeacherWorld();
    const outcome = schedule(w) as Outcome & { calendar: { blocked: string } };
    expect(outcome.calendar.blocked).toBe(
      `Calendar was not changed: the program calendar "Test Program" belongs to ${A} and is not shared with your account. ` +
        `Ask them to share the calendar "Test Program" with you with "Make changes to events" permission, or to run Schedule sessions themselves. ` +
        'To hand the program over to a calendar of your own instead, use Peer Tutoring → Start a new program calendar.',
    );
    expect(nonDefault(w).map((c) => c.id)).toEqual([id]);
    expect(w.calendar.writeCalls()).toEqual([]);
    expect(w.fakes.calls.count('Range.setValues')).toBeGreaterThan(0);
    expect(sessionRows(w).filter((row) => row['Pair ID'] === 'P-0001').every((row) => row.Block === 'Wed-A' || localDateOf(row.Date as Date, ZONE) <= '2027-01-04')).toBe(true);
    // No Calendar work waits for B: only the dashboard refresh, done by the next hourly run.
    expect(runContinuations(w)).toBe(1);
    expect(w.script.pending()).toEqual([]);
    // The owner's next run brings Calendar in step with what B wrote.
    w.fakes.accounts.actAs(A);
    expect(schedule(w).calendar).toMatchObject({ updated: 1, unchanged: 2, done: true });
  });

  it('the menu says the same, and so does a run for a calendar from before owners were recorded', () => {
    const { w } = coTeacherWorld();
    w.fakes.properties.document.deleteProperty('ptHub.calendar.owner');
    w.fakes.properties.document.deleteProperty('ptHub.calendar.name');
    w.fakes.ui.alertAnswers.push(w.fakes.ui.Button.YES);
    entryPoint(w.bundle, 'menuScheduleSessions')();
    const html = w.fakes.ui.dialogs.at(-1)!.output.getContent();
    expect(html).toContain('Calendar: not changed (see below).');
    expect(html).toContain('belongs to the teacher who first scheduled sessions here and is not shared with your account');
    expect(nonDefault(w)).toHaveLength(1);
    // The owner's next run records who owns it; from then on B's message names them.
    w.fakes.accounts.actAs(A);
    schedule(w);
    w.fakes.accounts.actAs(B);
    expect((schedule(w).calendar as { blocked: string }).blocked).toContain(`belongs to ${A}`);
  });

  it('a calendar shared with "Make changes to events" is synced through; shared to see only, it is not changed and B is told why', () => {
    const { w, id } = coTeacherWorld();
    w.calendar.share(id, B, 'writer');
    expect(schedule(w).calendar).toMatchObject({ updated: 1, unchanged: 2, done: true });
    expect(nonDefault(w).map((c) => c.id)).toEqual([id]);
    expect(w.calendar.series(id).find((s) => s.tags.peerTutoringSeries === 'P-0001#1')!.location).toBe('Room 12');

    w.calendar.share(id, B, 'reader');
    w.fakes.spreadsheet.getSheetByName('Pairs')!.getRange(2, 7).setValue('Mon-A');
    const report = schedule(w).calendar as { blocked: string };
    expect(report.blocked).toMatch(/^Calendar was only partly changed: your account may see the program calendar "Test Program" but not change its events\. Ask teacher@school\.example/);
    expect(nonDefault(w)).toHaveLength(1);
  });

  it('the owner who deleted the calendar gets a new one; another teacher does not', () => {
    const { w, id } = coTeacherWorld();
    w.fakes.accounts.actAs(A);
    w.calendar.fakeCalendarApp.getCalendarById(id).deleteCalendar();
    w.fakes.accounts.actAs(B);
    expect(schedule(w).calendar).toHaveProperty('blocked');
    expect(nonDefault(w)).toEqual([]);
    w.fakes.accounts.actAs(A);
    expect(schedule(w).calendar).toMatchObject({ created: 3, done: true });
    expect(nonDefault(w).map((c) => c.owner)).toEqual([A]);
  });

  it('Start a new program calendar hands the program over: the old series end, a calendar of B’s own gets every pair', () => {
    const { w, id } = coTeacherWorld();
    w.calendar.share(id, B, 'writer');
    jest.setSystemTime(new Date('2027-02-01T17:00:00Z'));
    w.fakes.ui.alertAnswers.push(w.fakes.ui.Button.YES);
    entryPoint(w.bundle, 'menuStartNewCalendar')();
    expect(w.fakes.ui.dialogs.at(-1)!.output.getContent()).toContain('Old calendar: 3 series ended.');
    const fresh = nonDefault(w).find((c) => c.id !== id)!;
    expect(fresh.owner).toBe(B);
    expect(w.calendar.series(fresh.id)).toHaveLength(3);
    const old = w.calendar.occurrences(id, new Date('2027-01-01T00:00:00Z'), new Date('2027-07-01T00:00:00Z'));
    expect(old.every((o) => o.date <= '2027-02-01')).toBe(true);
    // From now on B's runs sync B's calendar, and A, without access to it, is told whom to ask.
    expect(schedule(w).calendar).toMatchObject({ unchanged: 3, done: true });
    w.fakes.accounts.actAs(A);
    expect((schedule(w).calendar as { blocked: string }).blocked).toContain(`belongs to ${B}`);
  });

  it('a handover from a calendar B cannot reach says that the old series could not be ended', () => {
    const { w } = coTeacherWorld();
    w.fakes.ui.alertAnswers.push(w.fakes.ui.Button.YES);
    entryPoint(w.bundle, 'menuStartNewCalendar')();
    const html = w.fakes.ui.dialogs.at(-1)!.output.getContent();
    expect(html).toContain('Old calendar: not changed.');
    expect(html).toContain('ask its owner to delete that calendar');
    expect(nonDefault(w).map((c) => c.owner).sort()).toEqual([B, A].sort());
  });
});
