// Google Meet links for the series of online blocks, through the Advanced Calendar service (Calendar
// API v3; CalendarApp cannot add conference data). Each series gets one conference, asked for with
// conferenceDataVersion 1 (without it the API ignores conferenceData). An event is looked at first, so
// a run cut after asking never asks twice; a link still "pending" is picked up by the next sync. The
// links found are kept in the document's properties by series and event, so a re-sync makes no calls.
// It needs no scope beyond `calendar`, which CalendarApp already needs.

/** The part of the Advanced Calendar service used here (the `Calendar` global, enabled in the manifest). */
export interface AdvancedCalendar {
  Events: Pick<GoogleAppsScript.Calendar.Collection.EventsCollection, 'get' | 'patch'>;
}

type CalendarEvent = GoogleAppsScript.Calendar.Schema.Event;

type Properties = Pick<GoogleAppsScript.Properties.Properties, 'getProperty' | 'setProperty'>;

const STORE = 'ptHub.calendar.meet';

/** CalendarApp's series ID is the event's iCalUID (`…@google.com`); Calendar API wants the event ID before the `@`. */
export function apiEventId(seriesId: string): string {
  return seriesId.replace(/@google\.com$/, '');
}

/** The video entry point of an event, or null while there is none (not asked, or still pending). */
export function meetLinkOf(event: CalendarEvent): string | null {
  const video = event.conferenceData?.entryPoints?.find((entry) => entry.entryPointType === 'video');
  return video?.uri ?? event.hangoutLink ?? null;
}

export interface MeetServices {
  calendar: AdvancedCalendar;
  properties: Properties;
  calendarId: string;
  /** seriesKey → CalendarApp series ID of every stored series. */
  eventIds: ReadonlyMap<string, string>;
  /** A request ID no earlier request used (the API ignores a repeated one). */
  requestId(): string;
}

/**
 * seriesKey → Meet link for `seriesKeys`; asks Calendar only for series it has no link of. `patched`
 * lists the CalendarApp IDs of the events it changed (so the sync does not take them for hand edits).
 */
export function meetLinks(services: MeetServices, seriesKeys: readonly string[]): { links: Map<string, string>; patched: string[] } {
  const known = readStore(services.properties);
  const links = new Map<string, string>();
  const patched: string[] = [];
  let changed = false;
  for (const key of seriesKeys) {
    const seriesId = services.eventIds.get(key);
    if (!seriesId) continue;
    const stored = known.get(key);
    if (stored && stored.eventId === seriesId) {
      links.set(key, stored.link);
      continue;
    }
    const { link, asked } = linkOf(services, apiEventId(seriesId));
    if (asked) patched.push(seriesId);
    if (!link) continue;
    links.set(key, link);
    known.set(key, { eventId: seriesId, link });
    changed = true;
  }
  // Only the series asked about are kept, so the map never outgrows what the program has.
  if (changed || known.size > seriesKeys.length) writeStore(services.properties, new Map([...known].filter(([key]) => seriesKeys.includes(key))));
  return { links, patched };
}

/**
 * The Meet link of one event (by its API ID), asking Calendar for a conference when it has none and
 * was never asked; null while the conference is pending. `asked`: the event was patched just now.
 */
export function linkOf(services: Pick<MeetServices, 'calendar' | 'calendarId' | 'requestId'>, eventId: string): { link: string | null; asked: boolean } {
  const { calendar, calendarId } = services;
  const event = calendar.Events.get(calendarId, eventId);
  const existing = meetLinkOf(event);
  // Asked before (a pending conference): wait for it rather than asking again.
  if (existing || event.conferenceData?.createRequest) return { link: existing, asked: false };
  const patched = calendar.Events.patch(
    { conferenceData: { createRequest: { requestId: services.requestId(), conferenceSolutionKey: { type: 'hangoutsMeet' } } } },
    calendarId,
    eventId,
    { conferenceDataVersion: 1 },
  );
  return { link: meetLinkOf(patched), asked: true };
}

function readStore(properties: Properties): Map<string, { eventId: string; link: string }> {
  const text = properties.getProperty(STORE);
  if (!text) return new Map();
  try {
    return new Map(Object.entries(JSON.parse(text) as Record<string, { eventId: string; link: string }>));
  } catch {
    return new Map();
  }
}

function writeStore(properties: Properties, known: Map<string, { eventId: string; link: string }>): void {
  properties.setProperty(STORE, JSON.stringify(Object.fromEntries(known)));
}
