// A substitute in Calendar: the one meeting of the pair's weekly series gets the substitute as guest and
// loses the absent tutor. CalendarApp's getEvents returns the occurrences of a series one by one; a
// change made on one of them is an exception of that occurrence only (the series stays as it is).
// The add-on's own write moves the sync's change token past it (acknowledgeOwnWrites), so the next
// Schedule sessions does not take it for a teacher's hand edit.
import { acknowledgeOwnWrites } from '../calendar/sync';
import { CALENDAR_ID } from '../calendar/program-calendar';

type CalendarApp = Pick<GoogleAppsScript.Calendar.CalendarApp, 'getCalendarById'>;
type Properties = Parameters<typeof acknowledgeOwnWrites>[0];
type Events = Parameters<typeof acknowledgeOwnWrites>[1];

export interface SubstituteGuestServices {
  calendarApp: CalendarApp;
  properties: Properties;
  /** The advanced Calendar service's Events (undefined where it is not enabled). */
  events?: Events;
}

export function substituteGuest(services: SubstituteGuestServices, change: { eventId: string; start: Date; add: string; remove: string }): 'written' | 'unchanged' | 'not found' {
  const calendarId = services.properties.getProperty(CALENDAR_ID);
  const calendar = calendarId ? services.calendarApp.getCalendarById(calendarId) : null;
  if (!calendar) return 'not found';
  // The occurrences overlapping the meeting's first minute: the pair's is the one of its series starting then.
  const meeting = calendar
    .getEvents(change.start, new Date(change.start.getTime() + 60_000))
    .find((event) => event.getId() === change.eventId && event.getStartTime().getTime() === change.start.getTime());
  if (!meeting) return 'not found';
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const guests = meeting.getGuestList().map((guest) => guest.getEmail());
  let wrote = false;
  if (!guests.some((email) => same(email, change.add))) {
    meeting.addGuest(change.add);
    wrote = true;
  }
  if (change.remove && !same(change.remove, change.add) && guests.some((email) => same(email, change.remove))) {
    meeting.removeGuest(change.remove);
    wrote = true;
  }
  if (wrote && services.events) acknowledgeOwnWrites(services.properties, services.events, new Set([change.eventId]));
  return wrote ? 'written' : 'unchanged';
}
