// What happened in the program calendar since the last sync, in a constant number of calls: the
// Calendar API's incremental sync (advanced Calendar service, Events.list with a sync token). A series
// is one item (its occurrences are not expanded); an occurrence changed or deleted on its own is an
// item carrying the series' iCalUID, which is CalendarApp's event ID. Pages of 2,500 items: a
// calendar of 500 pairs is one call, whatever happened in it.

type EventsApi = Pick<GoogleAppsScript.Calendar.Collection.EventsCollection, 'list'>;
type ApiEvent = GoogleAppsScript.Calendar.Schema.Event;

/** What a listing found, by CalendarApp event ID. */
export type CalendarChanges =
  /** Since the stored token: series deleted, and series (or one of their occurrences) changed. */
  | { since: 'token'; deleted: Set<string>; edited: Set<string>; token: string }
  /** No usable token (first sync, or Google let it expire): every live series. */
  | { since: 'start'; live: Set<string>; token: string };

const PAGE_SIZE = 2500;
/** Google's answer (HTTP 410 Gone) to a sync token it no longer accepts: a full listing is needed. */
const TOKEN_GONE = /full sync is required|sync token is no longer valid|\b410\b/i;

export function listChanges(events: EventsApi, calendarId: string, token: string | null): CalendarChanges {
  if (token) {
    try {
      return changesOf(listAll(events, calendarId, { syncToken: token }));
    } catch (error) {
      if (!TOKEN_GONE.test(String((error as Error)?.message ?? error))) throw error;
    }
  }
  const { items, token: next } = listAll(events, calendarId, { showDeleted: false });
  return { since: 'start', live: new Set(items.map((item) => String(item.iCalUID))), token: next };
}

/** The token after the changes since `token` (this run's own writes), and the event IDs changed meanwhile. */
export function tokenAfter(events: EventsApi, calendarId: string, token: string): { changed: Set<string>; token: string } {
  const changes = changesOf(listAll(events, calendarId, { syncToken: token }));
  return { changed: new Set([...changes.deleted, ...changes.edited]), token: changes.token };
}

function changesOf(listing: { items: ApiEvent[]; token: string }): Extract<CalendarChanges, { since: 'token' }> {
  const deleted = new Set<string>();
  const edited = new Set<string>();
  for (const item of listing.items) {
    const id = String(item.iCalUID);
    // A cancelled occurrence is an edit of its series; only the series item itself cancelled is a deletion.
    if (item.status === 'cancelled' && !item.recurringEventId) deleted.add(id);
    else edited.add(id);
  }
  for (const id of deleted) edited.delete(id);
  return { since: 'token', deleted, edited, token: listing.token };
}

function listAll(events: EventsApi, calendarId: string, args: Record<string, unknown>): { items: ApiEvent[]; token: string } {
  const items: ApiEvent[] = [];
  let pageToken: string | undefined;
  for (;;) {
    const page = events.list(calendarId, { ...args, maxResults: PAGE_SIZE, ...(pageToken ? { pageToken } : {}) });
    items.push(...(page.items ?? []));
    if (!page.nextPageToken) return { items, token: page.nextSyncToken ?? '' };
    pageToken = page.nextPageToken;
  }
}
