// Help requests through the built bundle: Create forms makes the Help request form; a request is filed
// once, the matcher's best free tutor gets a one-off session on the Sessions tab (kept by Schedule
// sessions), both are emailed; a request no one can take is an alert at once, with the reason; the
// Dashboard counts them.
import { HELP_REQUEST } from '../../src/core/forms/questions';
import { entryPoint } from '../support/load-bundle';
import { createForms, formOf, formsWorld, NOW, reflectionAnswers, rowsOf, submit, type FormsWorld } from '../support/forms-world';

beforeEach(() => jest.useFakeTimers({ now: NOW })); // Monday 2027-03-01, 15:30 in New York: Mon-A (15:15) has begun
afterEach(() => jest.useRealTimers());

const ask = (studentId: string, subject: string, when: string, online = 'No') => ({
  [HELP_REQUEST.studentId]: studentId,
  [HELP_REQUEST.subject]: subject,
  [HELP_REQUEST.skill]: 'fractions',
  [HELP_REQUEST.when]: when,
  [HELP_REQUEST.online]: online,
});

function withEmails(w: FormsWorld): void {
  const sheet = w.fakes.spreadsheet.getSheetByName('Students')!;
  const grid = sheet.getDataRange().getValues();
  grid.slice(1).forEach((row, i) => sheet.getRange(i + 2, 3).setValue(`${String(row[0]).toLowerCase()}@school.org`));
}

describe('help requests (built bundle)', () => {
  it('books the best free tutor this week, once, emails both, and Schedule sessions keeps the one-off session', () => {
    const w = formsWorld(3);
    withEmails(w);
    createForms(w);
    expect(formOf(w, 'Help request').items.map((item) => item.title)).toEqual([HELP_REQUEST.studentId, HELP_REQUEST.subject, HELP_REQUEST.skill, HELP_REQUEST.when, HELP_REQUEST.online]);
    const event = submit(w, 'Help request', ask('U-1', 'Math', 'This week'));
    const [request] = rowsOf(w, 'Help requests');
    expect(request).toMatchObject({ 'Student ID': 'U-1', Subject: 'Math', When: 'This week', Status: 'Booked', 'Session ID': 'H-0001-20270303' });
    expect(['T-2', 'T-3']).toContain(request['Tutor ID']);
    const oneOff = rowsOf(w, 'Sessions').find((row) => row['Session ID'] === 'H-0001-20270303')!;
    expect(oneOff).toMatchObject({ 'Pair ID': 'H-0001', Tutee: 'Tutee 1', Block: 'Wed-A', Status: 'Scheduled', 'One-off': 'Help request' });
    expect(w.mail.sent.map((m) => m.to[0]).sort()).toEqual([`${String(request['Tutor ID']).toLowerCase()}@school.org`, 'u-1@school.org']);
    expect(w.mail.sent.every((m) => !/Tutee 2|Tutee 3/.test(m.body))).toBe(true);

    // The same response again (the trigger fires twice): nothing more.
    w.script.fireFormSubmit(() => event, (handler, e) => entryPoint(w.bundle, handler)(e));
    expect(rowsOf(w, 'Help requests')).toHaveLength(1);
    expect(w.mail.sent).toHaveLength(2);

    entryPoint(w.bundle, 'scheduleSessions')({ sendInvitations: false });
    expect(rowsOf(w, 'Sessions').filter((row) => row['Session ID'] === 'H-0001-20270303')).toHaveLength(1);
  });

  it('a request no one can take is an alert at once, with the reason; Refresh keeps it and the Dashboard counts it', () => {
    const w = formsWorld(2);
    createForms(w);
    submit(w, 'Help request', ask('U-1', 'Math', 'Today'));
    submit(w, 'Help request', ask('U-2', 'Reading', 'This week'));
    const rows = rowsOf(w, 'Help requests');
    expect(rows.map((row) => row.Status)).toEqual(['No tutor', 'No tutor']);
    expect(rows[0].Reason).toBe('none of the 1 tutor who could take it has a free block today');
    expect(String(rows[1].Reason)).toMatch(/^no trained tutor can take this need now/);
    const alerts = rowsOf(w, 'Alerts').filter((row) => row.Kind === 'Help request');
    expect(alerts.map((row) => row['Student ID'])).toEqual(['U-1', 'U-2']);
    expect(String(alerts[0].Detail)).toContain('Tutee 1 asked for help in Math (today), and no tutor could be booked: none of the 1 tutor');
    entryPoint(w.bundle, 'refreshDashboard')();
    expect(rowsOf(w, 'Alerts').filter((row) => row.Kind === 'Help request' && row.Status === 'Open')).toHaveLength(2);
    const dashboard = w.fakes.spreadsheet.getSheetByName('Dashboard')!.getDataRange().getValues().map((row) => row.filter((cell) => cell !== '').join(' | '));
    expect(dashboard).toContain('No tutor could take (alert open) | 2');
    // Marked Handled: the alert closes at the next refresh.
    const sheet = w.fakes.spreadsheet.getSheetByName('Help requests')!;
    const status = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].indexOf('Status') + 1;
    sheet.getRange(2, status).setValue('Handled');
    entryPoint(w.bundle, 'refreshDashboard')();
    expect(rowsOf(w, 'Alerts').filter((row) => row.Kind === 'Help request' && row.Status === 'Open').map((row) => row['Student ID'])).toEqual(['U-2']);
  });

  it("files the one-off session's reflections and exit ticket (its own two students), gives it prefilled links, and sends a stranger to Needs review", () => {
    const w = formsWorld(3);
    createForms(w);
    submit(w, 'Help request', ask('U-1', 'Math', 'This week'));
    const [request] = rowsOf(w, 'Help requests');
    const tutorId = String(request['Tutor ID']);
    const oneOff = rowsOf(w, 'Sessions').find((row) => row['Session ID'] === 'H-0001-20270303')!;
    // Its links prefill its Session ID and each student's ID, like a weekly session's.
    expect(String(oneOff['Tutor reflection'])).toContain('H-0001-20270303');
    expect(String(oneOff['Tutor reflection'])).toContain(encodeURIComponent(tutorId));
    expect(String(oneOff['Tutee reflection'])).toContain('U-1');
    expect(String(oneOff['Exit ticket'])).toContain('H-0001-20270303');

    const one = (studentId: string, role: string) => ({ ...reflectionAnswers(1, 'Tutee'), Session: 'H-0001-20270303', 'Student ID': studentId, 'I am the': role });
    const wed = new Date('2027-03-03T21:00:00Z');
    submit(w, 'Reflection', one('U-1', 'Tutee'), wed);
    submit(w, 'Reflection', one(tutorId, 'Tutor'), wed);
    submit(w, 'Exit ticket', { Session: 'H-0001-20270303', 'Student ID': 'U-1', Skill: 'Adding fractions', 'What is 1/2 + 1/4?': '3/4', 'What is 1/3 + 1/3?': '1/2' }, wed);
    // A student of another pair is not one of the two.
    submit(w, 'Reflection', one('U-2', 'Tutee'), wed);
    const reflections = rowsOf(w, 'Reflections');
    expect(reflections.map((row) => [row['Session ID'], row['Pair ID'], row['Student ID'], row.Role])).toEqual([
      ['H-0001-20270303', 'H-0001', 'U-1', 'Tutee'],
      ['H-0001-20270303', 'H-0001', tutorId, 'Tutor'],
    ]);
    expect(rowsOf(w, 'Exit tickets').map((row) => [row['Session ID'], row['Student ID'], row.Score])).toEqual([['H-0001-20270303', 'U-1', 50]]);
    const review = rowsOf(w, 'Needs review');
    expect(review).toHaveLength(1);
    expect(String(review[0].Reason)).toBe('student "U-2" is not in pair H-0001 of this session');
  });

  it('a booked one-off session gets one event on the program calendar (a Meet link when asked online), once, kept by Schedule sessions', () => {
    const w = formsWorld(3, 0, { advancedCalendar: true });
    withEmails(w);
    createForms(w);
    const event = submit(w, 'Help request', ask('U-1', 'Math', 'This week', 'Yes'));
    const [request] = rowsOf(w, 'Help requests');
    const tutor = `${String(request['Tutor ID']).toLowerCase()}@school.org`;
    const [calendar] = w.calendar.calendars().filter((c) => !c.isDefault);
    const events = w.calendar.series(calendar.id);
    expect(events).toHaveLength(1);
    const [one] = events;
    expect(one.recurrence.rules).toEqual([]);
    expect(one.title).toMatch(/: extra Math session — Tutor \d & Tutee 1$/);
    expect(one.tags).toEqual({ peerTutoringSession: 'H-0001-20270303' });
    // Wed-A, 15:15–16:00 in New York.
    expect([one.start.toISOString(), one.end.toISOString()]).toEqual(['2027-03-03T20:15:00.000Z', '2027-03-03T21:00:00.000Z']);
    expect(one.guests.sort()).toEqual([tutor, 'u-1@school.org'].sort());
    expect(one.invitationsSent).toBe(false);
    const row = () => rowsOf(w, 'Sessions').find((r) => r['Session ID'] === 'H-0001-20270303')!;
    expect(one.description).toContain(String(row()['Tutor reflection']));
    expect(row()['Calendar event ID']).toBe(one.id);
    expect(String(row()['Meet link'])).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(w.calendar.conferences()).toBe(1);

    // The trigger fires again, File responses, and the hourly run: no Calendar write at all.
    const writes = w.calendar.writeCalls().length;
    w.script.fireFormSubmit(() => event, (handler, e) => entryPoint(w.bundle, handler)(e));
    entryPoint(w.bundle, 'menuFileResponses')();
    entryPoint(w.bundle, 'runPendingWork')();
    expect(w.calendar.writeCalls()).toHaveLength(writes);

    // Schedule sessions makes the pairs' series and leaves the one-off event and its row as they are.
    entryPoint(w.bundle, 'scheduleSessions')({ sendInvitations: false });
    expect(w.calendar.series(calendar.id).filter((s) => s.recurrence.rules.length === 0).map((s) => s.id)).toEqual([one.id]);
    expect(w.calendar.series(calendar.id).length).toBeGreaterThan(1);
    expect(row()['Calendar event ID']).toBe(one.id);
    expect(w.calendar.seriesById(one.id)).toMatchObject({ title: one.title, tags: one.tags });
  });

  it('a run cut after creating the event finds it again instead of making a second one', () => {
    const w = formsWorld(3);
    createForms(w);
    // Calendar fails right after creating the event (before it is tagged): the response is filed anyway.
    w.calendar.failNext('CalendarEvent.setTag', { message: 'Service error: Calendar' });
    submit(w, 'Help request', ask('U-1', 'Math', 'This week'));
    const row = () => rowsOf(w, 'Sessions').find((r) => r['Session ID'] === 'H-0001-20270303')!;
    expect(rowsOf(w, 'Help requests')[0].Status).toBe('Booked');
    expect(row()['Calendar event ID']).toBe('');
    const [calendar] = w.calendar.calendars().filter((c) => !c.isDefault);
    expect(w.calendar.series(calendar.id)).toHaveLength(1);
    expect(w.calendar.eventsCreated()).toBe(1);
    // The hourly run picks it up (the work was registered before Calendar was asked).
    entryPoint(w.bundle, 'runPendingWork')();
    expect(w.calendar.eventsCreated()).toBe(1);
    const [one] = w.calendar.series(calendar.id);
    expect(row()['Calendar event ID']).toBe(one.id);
    expect(row()['Meet link']).toBe('');
    // Settled: later runs leave Calendar alone.
    const writes = w.calendar.writeCalls().length;
    entryPoint(w.bundle, 'menuFileResponses')();
    expect(w.calendar.writeCalls()).toHaveLength(writes);
  });

  it('a Meet link still pending when the session is booked is written by a later run, asked for once', () => {
    const w = formsWorld(3, 0, { advancedCalendar: true, meetPendingReads: 1 });
    createForms(w);
    submit(w, 'Help request', ask('U-1', 'Math', 'This week', 'Yes'));
    const row = () => rowsOf(w, 'Sessions').find((r) => r['Session ID'] === 'H-0001-20270303')!;
    expect(row()['Calendar event ID']).not.toBe('');
    expect(row()['Meet link']).toBe('');
    entryPoint(w.bundle, 'menuFileResponses')();
    expect(String(row()['Meet link'])).toMatch(/^https:\/\/meet\.google\.com\//);
    expect(w.calendar.conferences()).toBe(1);
    expect(w.fakes.calls.total('Calendar.Events.patch')).toBe(1);
    // Written: later runs do not ask Calendar again.
    const gets = w.fakes.calls.total('Calendar.Events.get');
    entryPoint(w.bundle, 'menuFileResponses')();
    expect(w.fakes.calls.total('Calendar.Events.get')).toBe(gets);
  });
});

