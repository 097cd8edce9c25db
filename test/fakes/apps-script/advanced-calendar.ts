// The Advanced Calendar service (`Calendar`, Calendar API v3) as far as Meet links go, over the
// CalendarApp fake's events. Faithful to the API reference: an event is addressed by its event ID (the
// CalendarApp series ID without `@google.com`) in its own calendar, else "Not Found"; conferenceData in
// a patch is ignored unless conferenceDataVersion is 1; a createRequest whose requestId was used before
// is ignored; a created conference may stay "pending" for a while (no entry points yet), then succeeds
// with a `https://meet.google.com/xxx-yyyy-zzz` video entry point and hangoutLink. Every call counted.
import type { CalendarFake } from './calendar';
import { CallCounter, Counted } from './calls';

interface Conference {
  requestId: string;
  status: 'pending' | 'success';
  uri: string;
  /** Reads until a pending conference succeeds (it does on that read). */
  pendingReads: number;
}

export interface AdvancedCalendarEvent {
  id: string;
  hangoutLink?: string;
  conferenceData?: {
    createRequest?: { requestId: string; conferenceSolutionKey: { type: string }; status?: { statusCode: string } };
    entryPoints?: { entryPointType: string; uri: string; label: string }[];
    conferenceSolution?: { key: { type: string }; name: string };
  };
}

class FakeEvents extends Counted {
  constructor(
    calls: CallCounter,
    private readonly calendar: CalendarFake,
    private readonly conferences: Map<string, Conference>,
    private readonly usedRequestIds: Set<string>,
    private readonly options: { pendingReads: number },
  ) {
    super(calls, 'Calendar.Events');
  }

  get(calendarId: string, eventId: string): AdvancedCalendarEvent {
    this.track('get');
    this.series(calendarId, eventId);
    const conference = this.conferences.get(eventId);
    if (conference?.status === 'pending' && --conference.pendingReads <= 0) conference.status = 'success';
    return this.eventOf(eventId);
  }

  patch(resource: Partial<AdvancedCalendarEvent>, calendarId: string, eventId: string, optionalArgs: { conferenceDataVersion?: number } = {}): AdvancedCalendarEvent {
    this.track('patch');
    this.series(calendarId, eventId);
    const request = resource.conferenceData?.createRequest;
    // "conferenceDataVersion: 0 … conference data is ignored" unless the client says it supports version 1.
    if (request && optionalArgs.conferenceDataVersion === 1 && !this.usedRequestIds.has(request.requestId)) {
      if (request.conferenceSolutionKey?.type !== 'hangoutsMeet') throw new Error('Invalid conference type value.');
      this.usedRequestIds.add(request.requestId);
      if (!this.conferences.has(eventId)) {
        const code = meetCode(this.conferences.size + 1);
        this.conferences.set(eventId, { requestId: request.requestId, status: this.options.pendingReads > 0 ? 'pending' : 'success', uri: `https://meet.google.com/${code}`, pendingReads: this.options.pendingReads });
      }
    }
    return this.eventOf(eventId);
  }

  private series(calendarId: string, eventId: string): void {
    const series = this.calendar.seriesById(`${eventId}@google.com`);
    if (!series || series.calendarId !== calendarId) throw new Error('API call to calendar.events.get failed with error: Not Found');
  }

  private eventOf(eventId: string): AdvancedCalendarEvent {
    const conference = this.conferences.get(eventId);
    if (!conference) return { id: eventId };
    const createRequest = { requestId: conference.requestId, conferenceSolutionKey: { type: 'hangoutsMeet' }, status: { statusCode: conference.status } };
    if (conference.status === 'pending') return { id: eventId, conferenceData: { createRequest } };
    return {
      id: eventId,
      hangoutLink: conference.uri,
      conferenceData: {
        createRequest,
        entryPoints: [{ entryPointType: 'video', uri: conference.uri, label: conference.uri.replace('https://', '') }],
        conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet' },
      },
    };
  }
}

function meetCode(n: number): string {
  const letters = (value: number, length: number) => Array.from({ length }, (_, i) => String.fromCharCode(97 + ((value * (i + 7) + i) % 26))).join('');
  return `${letters(n, 3)}-${letters(n + 11, 4)}-${letters(n + 23, 3)}`;
}

export interface AdvancedCalendarFake {
  /** Pass as the `Calendar` global. */
  Calendar: { Events: FakeEvents };
  /** Conferences created, by event ID. */
  conferences(): number;
}

/** `pendingReads`: a new conference is pending until that many reads later (0: ready in the patch's own answer). */
export function createAdvancedCalendarFake(calls: CallCounter, calendar: CalendarFake, options: { pendingReads?: number } = {}): AdvancedCalendarFake {
  const conferences = new Map<string, Conference>();
  const events = new FakeEvents(calls, calendar, conferences, new Set(), { pendingReads: options.pendingReads ?? 0 });
  return { Calendar: { Events: events }, conferences: () => conferences.size };
}
