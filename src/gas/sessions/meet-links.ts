// Google Meet links for the series of online blocks, through the Advanced Calendar service (Calendar
// API v3; CalendarApp cannot add conference data). Each series gets one conference, asked for with
// conferenceDataVersion 1 (without it the API ignores conferenceData). An event is looked at first, so
// a run cut after asking never asks twice; a link still "pending" is picked up by the next sync. The
// links found are kept in the document's properties by series and event (sharded under the 9 KB value
// limit, so hundreds of online series fit), so a re-sync makes no calls.
// It needs no scope beyond `calendar`, which CalendarApp already needs.

/** The part of the Advanced Calendar service used here (the `Calendar` global, enabled in the manifest). */
export interface AdvancedCalendar {
  Events: Pick<GoogleAppsScript.Calendar.Collection.EventsCollection, 'get' | 'patch'>;
}

type CalendarEvent = GoogleAppsScript.Calendar.Schema.Event;

type Properties = Pick<GoogleAppsScript.Properties.Properties, 'getProperty' | 'getProperties' | 'setProperties' | 'deleteProperty'>;

/** The store of an earlier version: one JSON value, which outgrew 9 KB at about 90 series (read once, then removed). */
const OLD_STORE = 'ptHub.calendar.meet';
/** Shards of `seriesKey\teventId\tlink` lines, like the series map, each under the 9 KB value limit. */
const SHARD_COUNT = 'ptHub.calendar.meet.count';
const SHARD = 'ptHub.calendar.meet.';
const SHARD_BUDGET = 8000;

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
  const { known, old } = readStore(services.properties);
  const links = new Map<string, string>();
  const patched: string[] = [];
  // Links of the earlier single value are moved to shards at once.
  let changed = old;
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

type Known = Map<string, { eventId: string; link: string }>;

/** Every stored link, in one read of the document's properties; `old`: read from the earlier single value. */
function readStore(properties: Properties): { known: Known; old: boolean } {
  const all = properties.getProperties();
  const known: Known = new Map();
  const count = Number(all[SHARD_COUNT] ?? 0);
  for (let i = 0; i < count; i++) {
    for (const line of (all[SHARD + i] ?? '').split('\n')) {
      const [key, eventId, link] = line.split('\t');
      if (key && eventId && link) known.set(key, { eventId, link });
    }
  }
  const old = OLD_STORE in all;
  if (old && !count) {
    try {
      for (const [key, value] of Object.entries(JSON.parse(all[OLD_STORE]) as Record<string, { eventId: string; link: string }>)) known.set(key, value);
    } catch {
      // unreadable: the links are asked for again (Calendar gives each event's own, no new conference)
    }
  }
  return { known, old };
}

/** Writes the shards (in one call), then removes shards no longer used and the old single value. */
function writeStore(properties: Properties, known: Known): void {
  const shards: string[] = [];
  let shard = '';
  for (const [key, { eventId, link }] of known) {
    const line = `${key}\t${eventId}\t${link}`;
    if (shard && shard.length + 1 + line.length > SHARD_BUDGET) {
      shards.push(shard);
      shard = '';
    }
    shard = shard ? `${shard}\n${line}` : line;
  }
  if (shard) shards.push(shard);
  const before = Number(properties.getProperty(SHARD_COUNT) ?? 0);
  properties.setProperties({ ...Object.fromEntries(shards.map((text, i) => [SHARD + i, text])), [SHARD_COUNT]: String(shards.length) });
  for (let i = shards.length; i < before; i++) properties.deleteProperty(SHARD + i);
  if (properties.getProperty(OLD_STORE) !== null) properties.deleteProperty(OLD_STORE);
}
