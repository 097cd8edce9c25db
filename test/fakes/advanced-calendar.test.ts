// The Advanced Calendar fake behaves as the Calendar API reference says for conference data.
import { CallCounter } from './apps-script/calls';
import { createAdvancedCalendarFake } from './apps-script/advanced-calendar';
import { createCalendarFake } from './apps-script/calendar';

function eventWorld() {
  const calls = new CallCounter();
  const calendar = createCalendarFake(calls);
  const own = calendar.CalendarApp.createCalendar('Program');
  const series = own.createEventSeries('Pair', new Date('2027-01-04T15:00:00Z'), new Date('2027-01-04T15:30:00Z'), calendar.CalendarApp.newRecurrence().addWeeklyRule());
  const eventId = series.getId().replace(/@google\.com$/, '');
  return { calls, meet: createAdvancedCalendarFake(calls, calendar), calendarId: own.getId(), eventId };
}

const request = (requestId: string) => ({ conferenceData: { createRequest: { requestId, conferenceSolutionKey: { type: 'hangoutsMeet' } } } });

describe('Advanced Calendar fake', () => {
  it('ignores conference data without conferenceDataVersion 1, and a repeated requestId', () => {
    const { meet, calendarId, eventId } = eventWorld();
    expect(meet.Calendar.Events.patch(request('a'), calendarId, eventId).conferenceData).toBeUndefined();
    const made = meet.Calendar.Events.patch(request('b'), calendarId, eventId, { conferenceDataVersion: 1 });
    expect(made.conferenceData!.entryPoints![0]).toMatchObject({ entryPointType: 'video', uri: expect.stringMatching(/^https:\/\/meet\.google\.com\//) });
    meet.Calendar.Events.patch(request('b'), calendarId, eventId, { conferenceDataVersion: 1 });
    expect(meet.conferences()).toBe(1);
    expect(meet.Calendar.Events.get(calendarId, eventId).hangoutLink).toBe(made.hangoutLink);
  });

  it('answers Not Found for an event of another calendar or an unknown one', () => {
    const { meet, eventId } = eventWorld();
    expect(() => meet.Calendar.Events.get('other@group.calendar.google.com', eventId)).toThrow(/Not Found/);
    expect(() => meet.Calendar.Events.get('x', 'nope')).toThrow(/Not Found/);
  });
});
