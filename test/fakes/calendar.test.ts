// Faithfulness of the CalendarApp fake: what an adapter applying `planSync` relies on (IDs, lookups
// after deletion, weekly expansion with UNTIL and EXDATE across daylight-saving changes, guests,
// invitations, call counts) and the injected quota errors it must survive.
import { generateSessions, planSeries, planSlots, seriesInstants, type SeriesPlan } from '../../src/core/scheduling';
import { addDays, instantOf, localDateOf, wallTimeOf } from '../../src/core/time';
import { block, pair, settings, student } from '../unit/scheduling-fixtures';
import { CallCounter } from './apps-script/calls';
import {
  CALENDAR_DAILY_QUOTA_MESSAGE,
  CALENDAR_RATE_LIMIT_MESSAGE,
  createCalendarFake,
  type CalendarFake,
} from './apps-script/calendar';

type GasCalendar = GoogleAppsScript.Calendar.Calendar;

/** Calendar returns `Base.Date`, which the typings do not equate with the JS Date it is. */
function jsDate(date: GoogleAppsScript.Base.Date): Date {
  return new Date(date.getTime());
}

function setup(timeZone = 'America/New_York'): { fake: CalendarFake; calls: CallCounter; calendar: GasCalendar } {
  const calls = new CallCounter();
  const fake = createCalendarFake(calls, { timeZone, now: () => new Date('2025-01-06T12:00:00Z') });
  const calendar = fake.CalendarApp.createCalendar('Peer tutoring', { timeZone });
  calls.reset();
  return { fake, calls, calendar };
}

/** A weekly series as the sync adapter writes one: first start/end, weekday, UNTIL at the last start, EXDATEs. */
function createWeekly(
  fake: CalendarFake,
  calendar: GasCalendar,
  zone: string,
  spec: { first: string; last: string; start?: string; end?: string; except?: string[]; options?: Record<string, unknown> },
): GoogleAppsScript.Calendar.CalendarEventSeries {
  const start = spec.start ?? '15:00';
  const { CalendarApp } = fake;
  const weekday = CalendarApp.Weekday[weekdayName(spec.first)];
  const recurrence = CalendarApp.newRecurrence().addWeeklyRule().onlyOnWeekday(weekday).until(instantOf(spec.last, start, zone));
  for (const date of spec.except ?? []) recurrence.addDateExclusion(instantOf(date, start, zone));
  return calendar.createEventSeries(
    'Math: Ana & Ben',
    instantOf(spec.first, start, zone),
    instantOf(spec.first, spec.end ?? '15:45', zone),
    recurrence,
    spec.options ?? {},
  );
}

function weekdayName(date: string): keyof typeof GoogleAppsScript.Base.Weekday {
  const names = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;
  return names[new Date(`${date}T12:00:00Z`).getUTCDay()];
}

function weeklyDates(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let date = first; date <= last; date = addDays(date, 7)) dates.push(date);
  return dates;
}

const wholeYear = { from: new Date('2024-12-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z') };

describe('calendars', () => {
  test('a created calendar is found by ID with its timezone; once deleted, lookups return null', () => {
    const calls = new CallCounter();
    const fake = createCalendarFake(calls, { timeZone: 'Europe/Berlin' });
    const created = fake.CalendarApp.createCalendar('Peer tutoring', { timeZone: 'Asia/Kolkata', summary: 'Sessions' });
    const id = created.getId();
    expect(id).toMatch(/^c_[0-9a-v]{64}@group\.calendar\.google\.com$/);
    const found = fake.CalendarApp.getCalendarById(id);
    expect([found.getName(), found.getTimeZone(), found.getDescription()]).toEqual(['Peer tutoring', 'Asia/Kolkata', 'Sessions']);
    expect(fake.CalendarApp.getOwnedCalendarById(id).getId()).toBe(id);
    expect(fake.CalendarApp.getCalendarsByName('peer TUTORING').map((calendar) => calendar.getId())).toEqual([id]);

    found.deleteCalendar();
    expect(fake.CalendarApp.getCalendarById(id)).toBeNull();
    expect(fake.CalendarApp.getOwnedCalendarById(id)).toBeNull();
    expect(fake.CalendarApp.getCalendarById('nobody@group.calendar.google.com')).toBeNull();
    expect(() => created.getName()).toThrow('deleted');
    expect(fake.calendars().map((calendar) => calendar.id)).toEqual(['teacher@school.example']);
  });

  test('the default calendar is the user’s, in the default timezone, and cannot be deleted', () => {
    const fake = createCalendarFake(new CallCounter(), { timeZone: 'Europe/Berlin', ownerEmail: 'ms.lee@school.example' });
    const calendar = fake.CalendarApp.getDefaultCalendar();
    expect([calendar.getId(), calendar.getTimeZone(), calendar.isMyPrimaryCalendar()]).toEqual(['ms.lee@school.example', 'Europe/Berlin', true]);
    expect(fake.CalendarApp.getTimeZone()).toBe('Europe/Berlin');
    expect(() => calendar.deleteCalendar()).toThrow();
    expect(() => fake.CalendarApp.createCalendar('Bad', { timeZone: 'Mars/Olympus' })).toThrow('timeZone');
  });
});

describe('two accounts', () => {
  const A = 'ms.lee@school.example';
  const B = 'mr.diaz@school.example';

  function twoTeachers() {
    const fake = createCalendarFake(new CallCounter(), { timeZone: 'America/New_York', ownerEmail: A });
    const calendar = fake.CalendarApp.createCalendar('Peer tutoring');
    return { fake, id: calendar.getId() };
  }

  test('each account has its own default calendar, and another account’s calendar is not found until shared', () => {
    const { fake, id } = twoTeachers();
    expect(fake.CalendarApp.getCalendarById(id).isOwnedByMe()).toBe(true);
    fake.accounts.actAs(B);
    expect(fake.CalendarApp.getId()).toBe(B);
    expect(fake.CalendarApp.getCalendarById(id)).toBeNull();
    expect(fake.CalendarApp.getCalendarsByName('Peer tutoring')).toEqual([]);
    expect(fake.CalendarApp.getAllOwnedCalendars().map((c) => c.getId())).toEqual([B]);
    expect(fake.calendars().find((c) => c.id === id)!.owner).toBe(A);
  });

  test('a calendar shared with "Make changes to events" can be written by the other account, but not renamed or deleted', () => {
    const { fake, id } = twoTeachers();
    fake.share(id, B, 'writer');
    fake.accounts.actAs(B);
    const calendar = fake.CalendarApp.getCalendarById(id);
    expect(calendar.isOwnedByMe()).toBe(false);
    expect(fake.CalendarApp.getOwnedCalendarById(id)).toBeNull();
    const series = createWeekly(fake, calendar, 'America/New_York', { first: '2025-01-06', last: '2025-02-03' });
    series.setTitle('Math');
    expect(series.isOwnedByMe()).toBe(false);
    expect(() => calendar.setName('Mine now')).toThrow('Action not allowed');
    expect(() => calendar.deleteCalendar()).toThrow('Action not allowed');
  });

  test('a calendar shared to see only refuses changes; unsharing closes even an open handle', () => {
    const { fake, id } = twoTeachers();
    fake.share(id, B, 'reader');
    fake.accounts.actAs(B);
    const calendar = fake.CalendarApp.getCalendarById(id);
    expect(() => createWeekly(fake, calendar, 'America/New_York', { first: '2025-01-06', last: '2025-02-03' })).toThrow('Action not allowed');
    fake.accounts.actAs(A);
    fake.share(id, B, 'none');
    fake.accounts.actAs(B);
    expect(() => calendar.getName()).toThrow('Action not allowed');
    expect(fake.CalendarApp.getCalendarById(id)).toBeNull();
  });
});

describe('event series', () => {
  test('each creation returns a new iCalUID; lookups are per calendar; after deletion they return null', () => {
    const zone = 'America/New_York';
    const { fake, calendar } = setup(zone);
    const first = createWeekly(fake, calendar, zone, { first: '2025-01-06', last: '2025-03-31' });
    const second = createWeekly(fake, calendar, zone, { first: '2025-01-07', last: '2025-03-25' });
    expect(first.getId()).toMatch(/^[0-9a-v]{26}@google\.com$/);
    expect(second.getId()).not.toBe(first.getId());
    const recurrence = fake.CalendarApp.newRecurrence().addWeeklyRule().times(1);
    const many = Array.from({ length: 300 }, () =>
      calendar.createEventSeries('x', new Date('2025-01-06T20:00:00Z'), new Date('2025-01-06T21:00:00Z'), recurrence).getId(),
    );
    expect(new Set([first.getId(), second.getId(), ...many]).size).toBe(302);
    expect(fake.series()).toHaveLength(302);
    for (const id of many) calendar.getEventSeriesById(id).deleteEventSeries();
    expect(calendar.getEventSeriesById(first.getId()).getTitle()).toBe('Math: Ana & Ben');
    // CalendarApp.getEventSeriesById only looks in the default calendar.
    expect(fake.CalendarApp.getEventSeriesById(first.getId())).toBeNull();

    const [firstId, secondId] = [first.getId(), second.getId()];
    first.deleteEventSeries();
    expect(calendar.getEventSeriesById(firstId)).toBeNull();
    expect(calendar.getEventById(firstId)).toBeNull();
    expect(() => first.setTitle('x')).toThrow('deleted');

    fake.deleteSeriesByHand(secondId);
    expect(calendar.getEventSeriesById(secondId)).toBeNull();
    expect(() => second.getTitle()).toThrow('deleted');
    expect(fake.series()).toEqual([]);
    expect(fake.occurrences(calendar.getId(), wholeYear.from, wholeYear.to)).toEqual([]);
  });

  test('guests come from the comma-separated option; invitations are sent only when asked', () => {
    const zone = 'America/New_York';
    const { fake, calendar } = setup(zone);
    const quiet = createWeekly(fake, calendar, zone, {
      first: '2025-01-06',
      last: '2025-01-27',
      options: { guests: ' ana@school.example, ben@school.example,, ANA@school.example ', description: 'Subject: Math', location: 'Library' },
    });
    const invited = createWeekly(fake, calendar, zone, {
      first: '2025-01-06',
      last: '2025-01-27',
      options: { guests: 'cy@school.example', sendInvites: true },
    });
    expect(quiet.getGuestList().map((guest) => guest.getEmail())).toEqual(['ana@school.example', 'ben@school.example']);
    expect(quiet.getGuestList()[0].getGuestStatus()).toBe(fake.CalendarApp.GuestStatus.INVITED);
    expect(quiet.getGuestList(true).map((guest) => guest.getEmail())).toEqual([
      'teacher@school.example',
      'ana@school.example',
      'ben@school.example',
    ]);
    expect([quiet.getDescription(), quiet.getLocation()]).toEqual(['Subject: Math', 'Library']);
    expect(fake.series().map((series) => series.invitationsSent)).toEqual([false, true]);
    expect(invited.getGuestByEmail('CY@school.example').getEmail()).toBe('cy@school.example');
    expect(invited.getGuestByEmail('nobody@school.example')).toBeNull();

    quiet.removeGuest('ANA@school.example').addGuest('dee@school.example').addGuest('ben@school.example');
    expect(fake.seriesById(quiet.getId())!.guests).toEqual(['ben@school.example', 'dee@school.example']);
  });

  test('tags store a key on the series; an unset tag is null', () => {
    const zone = 'Europe/Berlin';
    const { fake, calendar } = setup(zone);
    const series = createWeekly(fake, calendar, zone, { first: '2025-01-06', last: '2025-01-27' });
    expect(series.getTag('seriesKey')).toBeNull();
    series.setTag('seriesKey', 'P-001#1');
    expect(calendar.getEventSeriesById(series.getId()).getTag('seriesKey')).toBe('P-001#1');
    expect(series.getAllTagKeys()).toEqual(['seriesKey']);
    series.deleteTag('seriesKey');
    expect(series.getTag('seriesKey')).toBeNull();
  });

  test('an end before the start is refused as Calendar refuses it', () => {
    const { fake, calendar } = setup();
    const recurrence = fake.CalendarApp.newRecurrence().addWeeklyRule().times(3);
    expect(() =>
      calendar.createEventSeries('x', new Date('2025-01-06T16:00:00Z'), new Date('2025-01-06T15:00:00Z'), recurrence),
    ).toThrow('Event start date must be before event end date.');
  });
});

describe('occurrences across daylight-saving changes', () => {
  const cases = [
    // Spring forward: New York 2025-03-09, Berlin 2025-03-30. Fall back: Berlin 2025-10-26, New York 2025-11-02.
    { zone: 'America/New_York', first: '2025-02-24', last: '2025-04-14', except: ['2025-03-10', '2025-04-07'] },
    { zone: 'America/New_York', first: '2025-10-20', last: '2025-11-24', except: ['2025-11-03'] },
    { zone: 'Europe/Berlin', first: '2025-03-17', last: '2025-04-21', except: ['2025-03-31', '2025-04-21'] },
    { zone: 'Europe/Berlin', first: '2025-10-13', last: '2025-11-10', except: ['2025-10-27'] },
  ];

  test.each(cases)('weekly 15:00 in $zone from $first stays 15:00 wall-clock, ends at UNTIL, skips exceptions', ({ zone, first, last, except }) => {
    const { fake, calendar } = setup(zone);
    createWeekly(fake, calendar, zone, { first, last, except });
    const occurrences = fake.occurrences(calendar.getId(), wholeYear.from, wholeYear.to);
    const expected = weeklyDates(first, last).filter((date) => !except.includes(date));
    expect(occurrences.map((occurrence) => occurrence.date)).toEqual(expected);
    expect(new Set(occurrences.map((occurrence) => `${occurrence.startTime}-${occurrence.endTime}`))).toEqual(new Set(['15:00-15:45']));
    // The instants really do move in UTC: the window spans an offset change.
    expect(new Set(occurrences.map((occurrence) => occurrence.start.getUTCHours())).size).toBe(2);
  });

  test('getEvents returns the same occurrences as events of the series, overlapping the range', () => {
    const zone = 'Europe/Berlin';
    const { fake, calendar } = setup(zone);
    const series = createWeekly(fake, calendar, zone, { first: '2025-03-17', last: '2025-04-21', except: ['2025-03-31'] });
    // From mid-occurrence on 03-24 (included: it ends inside the range) to 04-14 15:00 (excluded: starts at the end).
    const events = calendar.getEvents(instantOf('2025-03-24', '15:30', zone), instantOf('2025-04-14', '15:00', zone));
    expect(events.map((event) => localDateOf(jsDate(event.getStartTime()), zone))).toEqual(['2025-03-24', '2025-04-07']);
    expect(events.map((event) => wallTimeOf(jsDate(event.getEndTime()), zone))).toEqual(['15:45', '15:45']);
    expect(events.every((event) => event.getId() === series.getId() && event.isRecurringEvent())).toBe(true);
    expect(events[0].getEventSeries().getId()).toBe(series.getId());
    expect(calendar.getEvents(wholeYear.from, wholeYear.to, { max: 2, start: 1 }).map((e) => localDateOf(jsDate(e.getStartTime()), zone))).toEqual([
      '2025-03-24',
      '2025-04-07',
    ]);
    expect(calendar.getEvents(wholeYear.from, wholeYear.to, { search: 'physics' })).toEqual([]);
    expect(localDateOf(jsDate(calendar.getEventById(series.getId()).getStartTime()), zone)).toBe('2025-03-17');
  });

  test('Asia/Kolkata has no DST: every occurrence at the same UTC time', () => {
    const zone = 'Asia/Kolkata';
    const { fake, calendar } = setup(zone);
    createWeekly(fake, calendar, zone, { first: '2025-03-03', last: '2025-11-03' });
    const occurrences = fake.occurrences(calendar.getId(), wholeYear.from, wholeYear.to);
    expect(occurrences).toHaveLength(36);
    expect(new Set(occurrences.map((occurrence) => occurrence.start.toISOString().slice(11)))).toEqual(new Set(['09:30:00.000Z']));
  });
});

describe('recurrence rules', () => {
  const zone = 'America/New_York';
  const starts = (fake: CalendarFake, calendar: GasCalendar) =>
    fake.occurrences(calendar.getId(), wholeYear.from, wholeYear.to).map((occurrence) => `${occurrence.date} ${occurrence.startTime}`);

  test('UNTIL bounds the start instant inclusively: midnight of the last day leaves that day out', () => {
    const { fake, calendar } = setup(zone);
    const recurrence = fake.CalendarApp.newRecurrence().addWeeklyRule().until(instantOf('2025-01-20', '00:00', zone));
    calendar.createEventSeries('x', instantOf('2025-01-06', '15:00', zone), instantOf('2025-01-06', '16:00', zone), recurrence);
    expect(starts(fake, calendar)).toEqual(['2025-01-06 15:00', '2025-01-13 15:00']);
  });

  test('an exclusion at another time of day matches no occurrence', () => {
    const { fake, calendar } = setup(zone);
    createWeekly(fake, calendar, zone, { first: '2025-01-06', last: '2025-01-20' });
    const recurrence = fake.CalendarApp.newRecurrence();
    recurrence.addWeeklyRule().until(instantOf('2025-01-20', '15:00', zone)).addDateExclusion(instantOf('2025-01-13', '00:00', zone));
    calendar.createEventSeries('y', instantOf('2025-01-06', '15:00', zone), instantOf('2025-01-06', '16:00', zone), recurrence);
    expect(starts(fake, calendar).filter((start) => start.startsWith('2025-01-13'))).toHaveLength(2);
  });

  test('times, interval, several weekdays, extra dates and weekly exclusions', () => {
    const { fake, calendar } = setup(zone);
    const { CalendarApp } = fake;
    const recurrence = CalendarApp.newRecurrence()
      .addWeeklyRule()
      .onlyOnWeekdays([CalendarApp.Weekday.MONDAY, CalendarApp.Weekday.THURSDAY])
      .interval(2)
      .times(5)
      .addDate(instantOf('2025-01-08', '15:00', zone));
    calendar.createEventSeries('x', instantOf('2025-01-06', '15:00', zone), instantOf('2025-01-06', '16:00', zone), recurrence);
    // Every other week, Mondays and Thursdays, five in all (COUNT counts from the first start), plus one extra date.
    expect(starts(fake, calendar)).toEqual([
      '2025-01-06 15:00',
      '2025-01-08 15:00',
      '2025-01-09 15:00',
      '2025-01-20 15:00',
      '2025-01-23 15:00',
      '2025-02-03 15:00',
    ]);

    const daily = CalendarApp.newRecurrence().addDailyRule().times(10).addWeeklyExclusion().onlyOnWeekdays([CalendarApp.Weekday.SATURDAY, CalendarApp.Weekday.SUNDAY]);
    const other = setup(zone);
    other.calendar.createEventSeries('y', instantOf('2025-01-06', '08:00', zone), instantOf('2025-01-06', '09:00', zone), daily);
    expect(starts(other.fake, other.calendar).map((start) => start.slice(0, 10))).toEqual([
      '2025-01-06', '2025-01-07', '2025-01-08', '2025-01-09', '2025-01-10', '2025-01-13', '2025-01-14', '2025-01-15',
    ]);
  });

  test('a rule that can never match yields only the first start', () => {
    const { fake, calendar } = setup(zone);
    const never = fake.CalendarApp.newRecurrence().addDailyRule().interval(7).onlyOnWeekday(fake.CalendarApp.Weekday.TUESDAY);
    calendar.createEventSeries('x', instantOf('2025-01-06', '15:00', zone), instantOf('2025-01-06', '16:00', zone), never);
    expect(starts(fake, calendar)).toEqual(['2025-01-06 15:00']);
  });

  test('the series keeps the recurrence as written: changing the builder afterwards changes nothing', () => {
    const { fake, calendar } = setup(zone);
    const recurrence = fake.CalendarApp.newRecurrence();
    recurrence.addWeeklyRule().times(2);
    calendar.createEventSeries('x', instantOf('2025-01-06', '15:00', zone), instantOf('2025-01-06', '16:00', zone), recurrence);
    recurrence.addDateExclusion(instantOf('2025-01-06', '15:00', zone));
    expect(starts(fake, calendar)).toEqual(['2025-01-06 15:00', '2025-01-13 15:00']);
  });

  test('setRecurrence moves the series to a new weekday and time, keeping its ID, tags and guests', () => {
    const { fake, calendar } = setup(zone);
    const series = createWeekly(fake, calendar, zone, { first: '2025-01-06', last: '2025-01-27', options: { guests: 'ana@school.example' } });
    series.setTag('seriesKey', 'P-001#1');
    const recurrence = fake.CalendarApp.newRecurrence()
      .addWeeklyRule()
      .onlyOnWeekday(fake.CalendarApp.Weekday.WEDNESDAY)
      .until(instantOf('2025-01-22', '10:00', zone));
    series.setRecurrence(recurrence, instantOf('2025-01-08', '10:00', zone), instantOf('2025-01-08', '10:50', zone));
    expect(starts(fake, calendar)).toEqual(['2025-01-08 10:00', '2025-01-15 10:00', '2025-01-22 10:00']);
    const moved = calendar.getEventSeriesById(series.getId());
    expect([moved.getTag('seriesKey'), moved.getGuestList().length]).toEqual(['P-001#1', 1]);
  });

  test('a teacher deleting one occurrence by hand leaves the rest of the series', () => {
    const { fake, calendar } = setup(zone);
    const series = createWeekly(fake, calendar, zone, { first: '2025-01-06', last: '2025-01-20' });
    fake.deleteOccurrenceByHand(series.getId(), '2025-01-13');
    expect(starts(fake, calendar)).toEqual(['2025-01-06 15:00', '2025-01-20 15:00']);
    expect(() => fake.deleteOccurrenceByHand(series.getId(), '2025-01-14')).toThrow('no occurrence');
  });
});

describe('call counting', () => {
  test('each call is counted by Class.method; reading back what was written makes no writes', () => {
    const zone = 'America/New_York';
    const { fake, calls, calendar } = setup(zone);
    const series = createWeekly(fake, calendar, zone, { first: '2025-01-06', last: '2025-01-27', except: ['2025-01-13'] });
    series.setTag('seriesKey', 'P-001#1');
    expect(calls.snapshot()).toEqual({
      'Calendar.createEventSeries': 1,
      'CalendarApp.newRecurrence': 1,
      'CalendarEventSeries.setTag': 1,
      'EventRecurrence.addWeeklyRule': 1,
      // until() returned the rule, which "behaves like the EventRecurrence it belongs to".
      'RecurrenceRule.addDateExclusion': 1,
      'RecurrenceRule.onlyOnWeekday': 1,
      'RecurrenceRule.until': 1,
    });
    expect(fake.writeCalls()).toEqual(['Calendar.createEventSeries', 'CalendarEventSeries.setTag']);

    calls.reset();
    const again = fake.CalendarApp.getCalendarById(calendar.getId()).getEventSeriesById(series.getId());
    again.getTitle();
    again.getGuestList();
    again.getTag('seriesKey');
    expect(calls.log()).toEqual([
      'Calendar.getId',
      'CalendarApp.getCalendarById',
      'CalendarEventSeries.getId',
      'Calendar.getEventSeriesById',
      'CalendarEventSeries.getTitle',
      'CalendarEventSeries.getGuestList',
      'CalendarEventSeries.getTag',
    ]);
    expect(fake.writeCalls()).toEqual([]);
  });
});

describe('injected faults', () => {
  const zone = 'America/New_York';

  test('a burst error after N creations, with the message Calendar gives; nothing is created by a failed call', () => {
    const { fake, calls, calendar } = setup(zone);
    fake.failAfterCreations(2);
    createWeekly(fake, calendar, zone, { first: '2025-01-06', last: '2025-01-27' });
    createWeekly(fake, calendar, zone, { first: '2025-01-07', last: '2025-01-28' });
    expect(() => createWeekly(fake, calendar, zone, { first: '2025-01-08', last: '2025-01-29' })).toThrow(CALENDAR_RATE_LIMIT_MESSAGE);
    expect(() => fake.CalendarApp.createCalendar('Another')).toThrow(CALENDAR_RATE_LIMIT_MESSAGE);
    expect(fake.series()).toHaveLength(2);
    expect(fake.eventsCreated()).toBe(2);
    // Each attempt was a round trip, so it is counted.
    expect(calls.count('Calendar.createEventSeries')).toBe(3);
  });

  test('only the next k attempts fail, so a back-off and retry succeeds', () => {
    const { fake, calendar } = setup(zone);
    fake.failAfterCreations(0, { times: 2 });
    const attempt = () => createWeekly(fake, calendar, zone, { first: '2025-01-06', last: '2025-01-27' });
    expect(attempt).toThrow(CALENDAR_RATE_LIMIT_MESSAGE);
    expect(attempt).toThrow(CALENDAR_RATE_LIMIT_MESSAGE);
    expect(attempt().getId()).toMatch(/@google\.com$/);
    expect(fake.series()).toHaveLength(1);
  });

  test('the daily "Calendar events created" quota', () => {
    const calls = new CallCounter();
    const fake = createCalendarFake(calls, { timeZone: zone, eventsPerDay: 1 });
    const calendar = fake.CalendarApp.createCalendar('Peer tutoring');
    createWeekly(fake, calendar, zone, { first: '2025-01-06', last: '2025-01-27' });
    expect(() => createWeekly(fake, calendar, zone, { first: '2025-01-07', last: '2025-01-28' })).toThrow(CALENDAR_DAILY_QUOTA_MESSAGE);
  });

  test('failNext makes one named call throw once', () => {
    const { fake, calendar } = setup(zone);
    const series = createWeekly(fake, calendar, zone, { first: '2025-01-06', last: '2025-01-27' });
    fake.failNext('CalendarEventSeries.setTitle', { message: 'Service error: Calendar' });
    expect(() => series.setTitle('New')).toThrow('Service error: Calendar');
    expect(series.setTitle('New').getTitle()).toBe('New');
  });
});

describe('with the scheduling core', () => {
  /** Writes one planned series the way the Calendar adapter does (weekday rule, UNTIL at the last start, EXDATEs). */
  function writeSeries(fake: CalendarFake, calendar: GasCalendar, series: SeriesPlan): void {
    const { CalendarApp } = fake;
    const instants = seriesInstants(series);
    const weekday = CalendarApp.Weekday[weekdayName(series.firstStart.date)];
    const recurrence = CalendarApp.newRecurrence().addWeeklyRule().onlyOnWeekday(weekday).until(instants.lastStart);
    for (const exdate of instants.exdates) recurrence.addDateExclusion(exdate);
    calendar.createEventSeries(series.title, instants.firstStart, instants.firstEnd, recurrence, {
      description: series.description,
      location: series.location,
      guests: series.guests.join(','),
    });
  }

  test.each(['America/New_York', 'Europe/Berlin'])('planned series in %s show exactly the generated sessions', (zone) => {
    const program = settings({
      timezone: zone,
      termStart: '2026-02-02',
      termEnd: '2026-04-24',
      noSchoolDates: [{ from: '2026-02-16', to: '2026-02-16' }, { from: '2026-04-06', to: '2026-04-10' }],
    });
    const blocks = [block('Mon-A', 'Mon'), block('Thu-B', 'Thu', '12:00', '12:45')];
    const students = ['S-1', 'S-2', 'S-3', 'S-4'].map((id) => student(id, ['Mon-A', 'Thu-B']));
    const pairs = [pair('P-1', 'S-1', 'S-2', 'Mon-A'), pair('P-2', 'S-3', 'S-4', 'Thu-B')];
    const { slots } = planSlots({ pairs, blocks, students, sessionsPerWeek: 1 });
    const { fake, calendar } = setup(zone);
    for (const series of planSeries({ pairs, slots, students, settings: program })) writeSeries(fake, calendar, series);

    const term = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-06-01T00:00:00Z') };
    const shown = fake.occurrences(calendar.getId(), term.from, term.to).map((o) => `${o.date} ${o.startTime}-${o.endTime}`);
    const sessions = generateSessions(pairs, slots, program).map((s) => `${s.date} ${s.start}-${s.end}`);
    expect(shown.sort()).toEqual(sessions.sort());
    expect(fake.series().map((series) => series.guests)).toEqual([
      ['s-1@school.org', 's-2@school.org'],
      ['s-3@school.org', 's-4@school.org'],
    ]);
  });
});

describe('typing', () => {
  test('CalendarApp can be handed to code typed against the real interface', () => {
    const { fake } = setup();
    const programCalendar = (app: GoogleAppsScript.Calendar.CalendarApp, name: string) => app.createCalendar(name).getName();
    expect(programCalendar(fake.CalendarApp, 'Peer tutoring')).toBe('Peer tutoring');
  });
});

describe('advanced Calendar service: Meet conferences', () => {
  const request = (requestId: string) => ({ conferenceData: { createRequest: { requestId, conferenceSolutionKey: { type: 'hangoutsMeet' } } } });

  it('ignores conference data without conferenceDataVersion 1 and a repeated requestId; Not Found in another calendar', () => {
    const calls = new CallCounter();
    const fake = createCalendarFake(calls);
    const own = fake.CalendarApp.createCalendar('Program');
    const series = own.createEventSeries('Pair', new Date('2027-01-04T15:00:00Z'), new Date('2027-01-04T15:30:00Z'), fake.CalendarApp.newRecurrence().addWeeklyRule());
    const eventId = series.getId().replace(/@google\.com$/, '');
    const events = fake.Calendar.Events;
    expect(events.patch(request('a'), own.getId(), eventId).conferenceData).toBeUndefined();
    const made = events.patch(request('b'), own.getId(), eventId, { conferenceDataVersion: 1 });
    expect(made.conferenceData!.entryPoints![0]).toMatchObject({ entryPointType: 'video', uri: expect.stringMatching(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/) });
    events.patch(request('b'), own.getId(), eventId, { conferenceDataVersion: 1 });
    expect(fake.conferences()).toBe(1);
    expect(events.get(own.getId(), eventId).hangoutLink).toBe(made.hangoutLink);
    expect(() => events.get('other@group.calendar.google.com', eventId)).toThrow(/Not Found/);
  });
});

describe('one occurrence changed on its own', () => {
  it('an occurrence from getEvents changes its own guests only, is listed by incremental sync as a confirmed instance, and a new recurrence drops it', () => {
    const calls = new CallCounter();
    const fake = createCalendarFake(calls);
    const own = fake.CalendarApp.createCalendar('Program');
    const series = own.createEventSeries('Pair', new Date('2027-01-04T15:00:00Z'), new Date('2027-01-04T15:30:00Z'), fake.CalendarApp.newRecurrence().addWeeklyRule().times(3), { guests: 'tutor@school.org,tutee@school.org' });
    const token = fake.Calendar.Events.list(own.getId(), {}).nextSyncToken!;
    const [second] = own.getEvents(new Date('2027-01-11T15:00:00Z'), new Date('2027-01-11T15:01:00Z'));
    second.addGuest('sub@school.org').removeGuest('tutor@school.org');
    const guests = fake.occurrences(own.getId(), new Date('2027-01-01T00:00:00Z'), new Date('2027-02-01T00:00:00Z')).map((o) => o.guests.join(' '));
    expect(guests).toEqual(['tutor@school.org tutee@school.org', 'tutee@school.org sub@school.org', 'tutor@school.org tutee@school.org']);
    expect(own.getEvents(new Date('2027-01-11T15:00:00Z'), new Date('2027-01-11T15:01:00Z'))[0].getGuestList().map((g) => g.getEmail())).toEqual(['tutee@school.org', 'sub@school.org']);
    const items = fake.Calendar.Events.list(own.getId(), { syncToken: token }).items!;
    expect(items.map((item) => ({ status: item.status, iCalUID: item.iCalUID, recurring: Boolean(item.recurringEventId) }))).toEqual([
      { status: 'confirmed', iCalUID: series.getId(), recurring: true },
      { status: 'confirmed', iCalUID: series.getId(), recurring: true },
    ]);
    series.setRecurrence(fake.CalendarApp.newRecurrence().addWeeklyRule().times(3), new Date('2027-01-04T15:00:00Z'), new Date('2027-01-04T15:30:00Z'));
    expect(fake.occurrences(own.getId(), new Date('2027-01-01T00:00:00Z'), new Date('2027-02-01T00:00:00Z')).every((o) => o.guests.includes('tutor@school.org'))).toBe(true);
  });
});

describe('single events (createEvent)', () => {
  it('one event: listed by getEvents and getEventById, not recurring, tagged, in Events.list, deleted whole, counted against the quota', () => {
    const { fake, calls, calendar } = setup();
    const start = new Date('2025-01-08T20:15:00Z');
    const end = new Date('2025-01-08T21:00:00Z');
    const tokenBefore = fake.Calendar.Events!.list(calendar.getId(), {}).nextSyncToken!;
    const event = calendar.createEvent('Extra session', start, end, { description: 'Subject: Math', location: 'Online', guests: 'a@school.org, A@school.org,b@school.org', sendInvites: false });
    expect(event.getId()).toMatch(/@google\.com$/);
    expect(event.isRecurringEvent()).toBe(false);
    event.setTag('peerTutoringSession', 'H-0001-20250108');
    expect(calendar.getEvents(new Date('2025-01-08T00:00:00Z'), new Date('2025-01-09T00:00:00Z')).map((e) => [e.getId(), e.getTag('peerTutoringSession')])).toEqual([[event.getId(), 'H-0001-20250108']]);
    expect(calendar.getEvents(new Date('2025-01-15T00:00:00Z'), new Date('2025-01-16T00:00:00Z'))).toEqual([]);
    expect(jsDate(calendar.getEventById(event.getId()).getStartTime())).toEqual(start);
    expect(fake.seriesById(event.getId())).toMatchObject({ guests: ['a@school.org', 'b@school.org'], location: 'Online', invitationsSent: false });
    expect(fake.eventsCreated()).toBe(1);
    expect(calls.count('Calendar.createEvent')).toBe(1);
    // The change log: the new event is one item since the earlier token; deleting it lists it cancelled.
    const changed = fake.Calendar.Events!.list(calendar.getId(), { syncToken: tokenBefore });
    expect(changed.items!.map((item) => [item.iCalUID, item.status, item.recurringEventId])).toEqual([[event.getId(), 'confirmed', undefined]]);
    const id = event.getId();
    calendar.getEventById(id).deleteEvent();
    expect(calendar.getEventById(id)).toBeNull();
    expect(() => event.getTitle()).toThrow('The event has been deleted.');
    const after = fake.Calendar.Events!.list(calendar.getId(), { syncToken: changed.nextSyncToken });
    expect(after.items!.map((item) => [item.iCalUID, item.status])).toEqual([[id, 'cancelled']]);
  });

  it('refuses an end before the start', () => {
    const { calendar } = setup();
    expect(() => calendar.createEvent('x', new Date('2025-01-08T21:00:00Z'), new Date('2025-01-08T20:00:00Z'))).toThrow('Event start date must be before event end date.');
  });
});
