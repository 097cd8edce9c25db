// The Calendar event of each one-off session (help request): a single event on the program calendar
// (CalendarApp createEvent), with a Google Meet link through the advanced Calendar service when the
// session is online, as the pairs' series get theirs. Exactly once: the session IDs whose creation has
// begun are remembered in the document's properties before Calendar is asked, and until their event
// IDs are on the Sessions tab; a run cut in between finds the event (by its tag, or its title at its
// time) instead of creating it again.
import { apiEventId, linkOf, type AdvancedCalendar } from './meet-links';
import { oneOffEventsWanted, recordOneOffEvents, type OneOffCreated, type OneOffEvent } from '../../sheets/sessions/one-off-events';
import type { TableStore } from '../../sheets/table-store';

type Calendar = Pick<GoogleAppsScript.Calendar.Calendar, 'createEvent' | 'getEvents' | 'getId'>;
type CalendarEvent = GoogleAppsScript.Calendar.CalendarEvent;
type Properties = Pick<GoogleAppsScript.Properties.Properties, 'getProperty' | 'setProperty'>;

/** Tag on every one-off event the add-on creates: its Session ID. */
export const SESSION_TAG = 'peerTutoringSession';
const PENDING = 'ptHub.calendar.oneOff.pending';
/** Online one-off sessions whose Meet conference was asked for and is not ready yet. */
const MEET_PENDING = 'ptHub.calendar.oneOff.meetPending';

export interface OneOffEventServices {
  calendar: Calendar;
  properties: Properties;
  /** The advanced Calendar service (Meet links); null where it is not enabled. */
  advanced: AdvancedCalendar | null;
  requestId(): string;
  /** Called once before the first creation of a run: the work is registered, so a cut run is resumed. */
  beforeCreating(): void;
  clock(): number;
}

export interface OneOffLimits {
  /** Stop starting new creations after this long (Apps Script ends a run at 6 minutes). */
  budgetMs: number;
}

export const ONE_OFF_LIMITS: OneOffLimits = { budgetMs: 4 * 60 * 1000 };

/**
 * Creates the events of `create` (and asks Meet links for `meetOnly`); returns what Calendar gave each
 * session, and how many creations were left for a later run.
 */
export function createOneOffEvents(
  services: OneOffEventServices,
  wanted: { create: readonly OneOffEvent[]; meetOnly: readonly { sessionId: string; eventId: string }[] },
  limits: OneOffLimits = ONE_OFF_LIMITS,
): { created: Map<string, OneOffCreated>; left: number } {
  const startedAt = services.clock();
  const pending = readSet(services.properties, PENDING);
  const created = new Map<string, OneOffCreated>();
  let left = 0;
  let registered = false;
  for (const session of wanted.create) {
    if (services.clock() - startedAt >= limits.budgetMs) {
      left++;
      continue;
    }
    let event = pending.has(session.sessionId) ? findCreated(services.calendar, session) : null;
    if (!event) {
      if (!registered) services.beforeCreating();
      registered = true;
      pending.add(session.sessionId);
      services.properties.setProperty(PENDING, JSON.stringify([...pending]));
      event = services.calendar.createEvent(session.title, session.start, session.end, {
        description: session.description,
        location: session.location,
        guests: session.guests.join(','),
        // Both were emailed the booking already; the event is on their calendars as guests.
        sendInvites: false,
      });
      event.setTag(SESSION_TAG, session.sessionId);
    }
    const eventId = event.getId();
    created.set(session.sessionId, { eventId, meetLink: session.online ? meetLink(services, eventId) : '' });
  }
  for (const { sessionId, eventId } of wanted.meetOnly) {
    const link = meetLink(services, eventId);
    if (link) created.set(sessionId, { eventId, meetLink: link });
  }
  return { created, left };
}

/**
 * Gives every upcoming one-off session its event (and Meet link), then writes them on Sessions in one
 * write. `open` gives the program calendar, or null when this account cannot change it (the sessions
 * wait on the Sessions tab for a run that can). Returns how many creations are left for a later run.
 */
export function syncOneOffEvents(
  store: TableStore,
  now: Date,
  booked: boolean,
  open: () => Calendar | null,
  services: Omit<OneOffEventServices, 'calendar'>,
  limits: OneOffLimits = ONE_OFF_LIMITS,
): { left: number } {
  // Filing runs without a booking cost nothing here unless a creation or a Meet link is pending.
  const meetPending = readSet(services.properties, MEET_PENDING);
  if (!booked && !meetPending.size && !readSet(services.properties, PENDING).size) return { left: 0 };
  const wanted = oneOffEventsWanted(store, now, meetPending);
  const waiting = new Set(wanted.create.map((session) => session.sessionId));
  if (!wanted.create.length && !wanted.meetOnly.length) {
    settle(services.properties, (sessionId) => !waiting.has(sessionId));
    return { left: 0 };
  }
  const calendar = open();
  if (!calendar) return { left: 0 };
  const { created, left } = createOneOffEvents({ ...services, calendar }, wanted, limits);
  // Remembered creations are forgotten only once their event IDs are on the tab.
  if (!recordOneOffEvents(store, created)) return { left };
  settle(services.properties, (sessionId) => created.has(sessionId) || !waiting.has(sessionId));
  // An online session whose conference is still pending is asked about again by the next runs.
  const online = new Set([...wanted.create.filter((s) => s.online).map((s) => s.sessionId), ...wanted.meetOnly.map((s) => s.sessionId)]);
  const stillPending = [...online].filter((sessionId) => created.has(sessionId) && !created.get(sessionId)!.meetLink);
  const before = [...meetPending].sort().join();
  if (stillPending.sort().join() !== before) services.properties.setProperty(MEET_PENDING, stillPending.length ? JSON.stringify(stillPending) : '');
  return { left };
}

/** Forgets the pending creations `done` says are settled (one write, only when something changed). */
function settle(properties: Properties, done: (sessionId: string) => boolean): void {
  const pending = readSet(properties, PENDING);
  if (!pending.size) return;
  const kept = [...pending].filter((sessionId) => !done(sessionId));
  if (kept.length !== pending.size) properties.setProperty(PENDING, kept.length ? JSON.stringify(kept) : '');
}

/** The event a cut run created: tagged with the session, or untagged with its title at its time. */
function findCreated(calendar: Calendar, session: OneOffEvent): CalendarEvent | null {
  return (
    calendar.getEvents(session.start, session.end).find((event) => {
      const tag = event.getTag(SESSION_TAG);
      return tag === session.sessionId || (!tag && event.getTitle() === session.title);
    }) ?? null
  );
}

function meetLink(services: OneOffEventServices, eventId: string): string {
  if (!services.advanced) return '';
  return linkOf({ calendar: services.advanced, calendarId: services.calendar.getId(), requestId: services.requestId }, apiEventId(eventId)).link ?? '';
}

function readSet(properties: Properties, key: string): Set<string> {
  try {
    const list: unknown = JSON.parse(properties.getProperty(key) || '[]');
    return new Set(Array.isArray(list) ? list.map(String) : []);
  } catch {
    return new Set();
  }
}
