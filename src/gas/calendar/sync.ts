// The Calendar adapter: applies what planSync decides (create, update, end) to one dedicated calendar,
// in batches that survive Apps Script's limits. After every write the stored series map is persisted,
// so a run cut anywhere resumes without duplicates: the series about to be created is remembered
// first, and a resumed run looks for it in Calendar (by its tag) before creating it again.
// All services are passed in, so the adapter runs against the fakes in tests.
import type { LocalDate } from '../../core/model';
import {
  fingerprintWithDescription,
  isNoSchool,
  planSync,
  seriesInstants,
  storedAfter,
  syncWrites,
  withoutStored,
  withStored,
  type CreateSeries,
  type EndSeries,
  type SeriesPlan,
  type StoredSeries,
  type UpdateSeries,
} from '../../core/scheduling';
import { addDays, instantOf, localDateOf, wallTimeOf } from '../../core/time';
import type { CalendarHandover, CalendarPort, CalendarSyncReport, CalendarSyncRequest } from '../../sheets/scheduling/calendar-port';
import { listChanges, tokenAfter, type CalendarChanges } from './changes';
import { CALENDAR_ID, CalendarUnavailable, forgetProgramCalendar, openProgramCalendar, programCalendarRecord, readOnlyNotice } from './program-calendar';

type Calendar = GoogleAppsScript.Calendar.Calendar;
type EventSeries = GoogleAppsScript.Calendar.CalendarEventSeries;
type Properties = Pick<GoogleAppsScript.Properties.Properties, 'getProperty' | 'getProperties' | 'setProperties' | 'deleteProperty'>;

export interface CalendarSyncServices {
  calendarApp: Pick<GoogleAppsScript.Calendar.CalendarApp, 'createCalendar' | 'getCalendarById' | 'getId' | 'newRecurrence'>;
  /** The document's properties: the calendar, the series map and the progress belong to the spreadsheet. */
  properties: Properties;
  /** Where a sync cut short is left to be continued (the document's pending work and its hourly trigger). */
  followUp: FollowUp;
  sleep(milliseconds: number): void;
  /** Milliseconds since the epoch (Date.now in Apps Script; a fake clock in tests). */
  clock(): number;
  /**
   * The advanced Calendar service's Events (incremental sync): what changed since the last run in a
   * constant number of calls. Without it every stored series is read, one call each.
   */
  events?: Pick<GoogleAppsScript.Calendar.Collection.EventsCollection, 'list'>;
}

/** What the sync tells the pending-work registry at the end of each run. */
export interface FollowUp {
  /** Writes are left: continue in a later run. */
  continueLater(): void;
  /** Calendar matches the plan: nothing to continue. */
  finished(): void;
}

export interface CalendarSyncLimits {
  /** Most Calendar writes one run makes (each is persisted before the next). */
  maxWrites: number;
  /** Stop starting new writes after this long: Apps Script ends a run at 6 minutes. */
  budgetMs: number;
  /** Retries of a write Calendar refuses for a burst of creations, with doubling waits. */
  retries: number;
  firstBackoffMs: number;
}

export const DEFAULT_LIMITS: CalendarSyncLimits = {
  maxWrites: 300,
  budgetMs: 5 * 60 * 1000,
  retries: 5,
  firstBackoffMs: 1000,
};

/**
 * A continuation started from the open sidebar: short, so the document lock it holds never keeps the
 * teacher's own actions (which wait up to 30 s for it) out for long; the sidebar asks again.
 */
export const SIDEBAR_LIMITS: CalendarSyncLimits = { ...DEFAULT_LIMITS, budgetMs: 45 * 1000 };
/** Tag on every event series the add-on creates: its series key. */
export const SERIES_TAG = 'peerTutoringSeries';
const PREFIX = 'ptHub.calendar.';
const SHARD_COUNT = `${PREFIX}series.count`;
const SHARD = `${PREFIX}series.`;
const PENDING = `${PREFIX}pending`;
const PROGRESS = `${PREFIX}progress`;
/** The sync token after the last run, of which calendar, and series changed by hand not yet reported. */
const CHANGES = `${PREFIX}changes`;
const MAX_EDITED_KEPT = 100;
/** Stay under the 9 KB Properties value limit. */
const SHARD_BUDGET = 8000;

const RATE_LIMIT = /too many calendars or calendar events in a short time/i;
/** Calendar's answer to a change the account may not make (a calendar shared with it to see only). */
const NOT_ALLOWED = /action not allowed/i;
const DAILY_LIMIT = /too many times for one day/i;

/** What a run remembers between runs: totals so far and the teacher's invitation choice. */
interface Progress extends Omit<CalendarSyncReport, 'calendarId'> {
  sendInvitations: boolean;
}

class StopRun extends Error {}

// ---------------------------------------------------------------------------------------------------
// The series map, sharded over document properties (one `key\teventId\tfingerprint` line per series).

class SeriesStore {
  private shards: string[] = [];

  constructor(private readonly properties: Properties) {}

  load(): StoredSeries[] {
    const all = this.properties.getProperties();
    const count = Number(all[SHARD_COUNT] ?? 0);
    this.shards = Array.from({ length: count }, (_, i) => all[SHARD + i] ?? '');
    return this.shards.flatMap((shard) => shard.split('\n').filter(Boolean).map(parseLine));
  }

  /** Forgets every stored series. */
  clear(): void {
    this.load();
    this.save([], null);
  }

  /** Writes only the shards that changed, and the pending creation, in one call. */
  save(entries: readonly StoredSeries[], pending: string | null): void {
    const shards = toShards(entries);
    const changes: Record<string, string> = { [PENDING]: pending ?? '' };
    shards.forEach((shard, i) => {
      if (shard !== this.shards[i]) changes[SHARD + i] = shard;
    });
    if (shards.length !== this.shards.length) changes[SHARD_COUNT] = String(shards.length);
    this.properties.setProperties(changes);
    for (let i = shards.length; i < this.shards.length; i++) this.properties.deleteProperty(SHARD + i);
    this.shards = shards;
  }
}

function parseLine(line: string): StoredSeries {
  const [seriesKey, eventId = '', fingerprint = ''] = line.split('\t');
  return { seriesKey, eventId, fingerprint };
}

function toShards(entries: readonly StoredSeries[]): string[] {
  const shards: string[] = [];
  let current = '';
  for (const { seriesKey, eventId, fingerprint } of entries) {
    const line = `${seriesKey}\t${eventId}\t${fingerprint}`;
    if (current && current.length + line.length + 1 > SHARD_BUDGET) {
      shards.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) shards.push(current);
  return shards;
}

/** seriesKey → Calendar event ID of every stored series (for the Sessions tab). */
export function storedEventIds(properties: Properties): Map<string, string> {
  return new Map(new SeriesStore(properties).load().map((entry) => [entry.seriesKey, entry.eventId]));
}

export function lastCalendarReport(properties: Properties): CalendarSyncReport | null {
  const progress = readProgress(properties);
  if (!progress) return null;
  const { sendInvitations: _ignored, ...report } = progress;
  return { ...report, calendarId: properties.getProperty(CALENDAR_ID) ?? '' };
}

function readProgress(properties: Properties): Progress | null {
  const text = properties.getProperty(PROGRESS);
  return text ? (JSON.parse(text) as Progress) : null;
}

/** The invitation choice of the sync a follow-up run continues (false when there is none). */
export function pendingInvitationChoice(properties: Properties): boolean {
  return readProgress(properties)?.sendInvitations ?? false;
}

/**
 * Moves the stored change token past writes the add-on made outside a sync run (a Meet conference
 * added to a series), so the next sync does not report them as changed by hand. Changes by others
 * found meanwhile are kept for it.
 */
export function acknowledgeOwnWrites(properties: Properties, events: NonNullable<CalendarSyncServices['events']>, written: ReadonlySet<string>): void {
  const text = properties.getProperty(CHANGES);
  if (!text) return;
  let state: ChangesState;
  try {
    state = JSON.parse(text) as ChangesState;
  } catch {
    return;
  }
  const after = tokenAfter(events, state.calendarId, state.token);
  const edited = [...new Set([...state.edited, ...[...after.changed].filter((eventId) => !written.has(eventId))])];
  properties.setProperties({ [CHANGES]: JSON.stringify({ calendarId: state.calendarId, token: after.token, edited } satisfies ChangesState) });
}

/** The adapter behind the sheets layer's CalendarPort; services are looked up only when used. */
export function calendarPort(servicesOf: () => CalendarSyncServices, limits: CalendarSyncLimits = DEFAULT_LIMITS): CalendarPort {
  return {
    sync: (request, fresh) => syncCalendar(servicesOf(), request, fresh, limits),
    eventIds: () => storedEventIds(servicesOf().properties),
    status: () => lastCalendarReport(servicesOf().properties),
    pendingInvitationChoice: () => pendingInvitationChoice(servicesOf().properties),
    retire: (request) => retireCalendar(servicesOf(), request, limits),
  };
}

/**
 * "Start a new program calendar": ends the old calendar's series (all of them: nothing is wanted in it
 * any more), then forgets it and the series map, so the next sync starts a calendar of this account.
 * A cut run keeps the old calendar (and says how much is left), so no series is left running unseen.
 */
export function retireCalendar(services: CalendarSyncServices, request: CalendarSyncRequest, limits: CalendarSyncLimits = DEFAULT_LIMITS): CalendarHandover {
  const { id } = programCalendarRecord(services.properties);
  const old = id ? services.calendarApp.getCalendarById(id) : null;
  // The ending is not the pending sync: it must not register follow-up work for the old calendar.
  const quiet: CalendarSyncServices = { ...services, followUp: { continueLater: () => undefined, finished: () => undefined } };
  const ending = old ? new SyncRun(quiet, { ...request, series: [] }, limits).run(true) : null;
  const reached = ending !== null && !ending.blocked;
  if (ending && reached && !ending.done) {
    return { reached, ended: ending.ended, remaining: ending.remaining, done: false, notices: ending.notices };
  }
  new SeriesStore(services.properties).clear();
  forgetProgramCalendar(services.properties);
  services.properties.deleteProperty(PROGRESS);
  return { reached, ended: ending?.ended ?? 0, remaining: 0, done: true, notices: reached ? [] : [unreachedNotice(id !== null)] };
}

function unreachedNotice(hadCalendar: boolean): string {
  if (!hadCalendar) return 'There was no program calendar yet.';
  return (
    'The old program calendar could not be changed with your account, so its series were not ended: ' +
    'ask its owner to delete that calendar (or its events), so that no pair is invited twice.'
  );
}

// ---------------------------------------------------------------------------------------------------

/**
 * One run of the sync. `fresh` starts a new sync (the menu); otherwise the run continues the totals of
 * the previous one (the follow-up trigger).
 */
export function syncCalendar(
  services: CalendarSyncServices,
  request: CalendarSyncRequest,
  fresh: boolean,
  limits: CalendarSyncLimits = DEFAULT_LIMITS,
): CalendarSyncReport {
  return new SyncRun(services, request, limits).run(fresh);
}

interface ChangesState {
  calendarId: string;
  token: string;
  /** Changed while the last run wrote (not by it): reported by the next run. */
  edited: string[];
}

class SyncRun {
  private readonly startedAt: number;
  private readonly seriesStore: SeriesStore;
  private stored: StoredSeries[] = [];
  private writes = 0;
  /** Event series read so far (only those this run writes to, when the changes are listed). */
  private readonly series = new Map<string, EventSeries | null>();
  /** The sync token this run started from, and the events it wrote to (not changes by hand). */
  private token: string | null = null;
  private readonly written = new Set<string>();
  private calendar!: Calendar;
  private progress!: Progress;

  constructor(
    private readonly services: CalendarSyncServices,
    private readonly request: CalendarSyncRequest,
    private readonly limits: CalendarSyncLimits,
  ) {
    this.startedAt = services.clock();
    this.seriesStore = new SeriesStore(services.properties);
  }

  /** One run; a calendar this account cannot change is reported (`blocked`), never replaced by another. */
  run(fresh: boolean): CalendarSyncReport {
    try {
      return this.sync(fresh);
    } catch (error) {
      if (error instanceof CalendarUnavailable) return this.blocked(error.notice);
      if (NOT_ALLOWED.test(String((error as Error)?.message ?? error))) return this.blocked(readOnlyNotice(this.services.properties));
      throw error;
    }
  }

  /** The report of a run that could not change Calendar; the sync's progress and follow-up stay as they were. */
  private blocked(notice: string): CalendarSyncReport {
    const calendarId = this.services.properties.getProperty(CALENDAR_ID) ?? '';
    return { created: 0, updated: 0, ended: 0, unchanged: 0, recreated: 0, remaining: 0, done: false, notices: [notice], calendarId, blocked: notice };
  }

  private sync(fresh: boolean): CalendarSyncReport {
    const previous = readProgress(this.services.properties);
    this.calendar = this.ensureCalendar();
    this.stored = this.seriesStore.load();
    this.adoptPendingCreation();
    const missing = this.missingSeries();
    const plan = planSync(this.request.series, this.stored, {
      today: this.request.today,
      pairs: this.request.pairs,
      missingEventIds: missing,
    });
    this.progress = fresh || !previous ? this.freshProgress(plan.keep.length) : previous;
    this.progress.notices = [...new Set([...this.progress.notices, ...this.pendingNotices, ...plan.notices.map((n) => n.message)])];
    if (plan.forget.length) this.persist(withoutStored(this.stored, plan.forget.map((entry) => entry.seriesKey)), null);
    const steps: Array<{ write: () => void; count: () => void }> = [
      ...plan.end.map((action) => ({ write: () => this.end(action), count: () => this.progress.ended++ })),
      ...plan.update.map((action) => ({ write: () => this.update(action), count: () => this.progress.updated++ })),
      ...plan.create.map((action) => ({ write: () => this.create(action), count: () => this.countCreation(action) })),
    ];
    let remaining = syncWrites(plan);
    try {
      for (const step of steps) {
        this.apply(step.write, step.count);
        remaining--;
      }
    } catch (error) {
      if (!(error instanceof StopRun)) {
        // This run's own writes must not be taken for a teacher's edits by the next run; the first
        // error is the one to report, so one from saving the token is dropped.
        try {
          this.saveToken();
        } catch {
          // nothing to add
        }
        throw error;
      }
    }
    return this.finish(remaining);
  }

  private freshProgress(unchanged: number): Progress {
    return {
      sendInvitations: this.request.sendInvitations,
      created: 0, updated: 0, ended: 0, unchanged, recreated: 0, remaining: 0, done: false, notices: [],
    };
  }

  private countCreation(action: CreateSeries): void {
    if (action.recreated) this.progress.recreated++;
    else this.progress.created++;
  }

  /** Applies one write within the run's limits; persisting is done by the action itself. */
  private apply(write: () => void, count: () => void): void {
    if (this.writes >= this.limits.maxWrites || this.services.clock() - this.startedAt >= this.limits.budgetMs) throw new StopRun();
    this.withBackoff(write);
    this.writes++;
    count();
  }

  /** Retries a write Calendar refused for a burst, waiting 1 s, 2 s, 4 s…; stops the run if it keeps refusing. */
  private withBackoff(write: () => void): void {
    for (let attempt = 0; ; attempt++) {
      try {
        return write();
      } catch (error) {
        const message = String((error as Error)?.message ?? error);
        if (DAILY_LIMIT.test(message)) {
          this.note('Calendar’s daily limit on new events was reached; the rest will be added in a later run.');
          throw new StopRun();
        }
        if (!RATE_LIMIT.test(message)) throw error;
        const wait = this.limits.firstBackoffMs * 2 ** attempt;
        if (attempt >= this.limits.retries || this.services.clock() - this.startedAt + wait >= this.limits.budgetMs) throw new StopRun();
        this.services.sleep(wait);
      }
    }
  }

  private note(message: string): void {
    if (!this.progress.notices.includes(message)) this.progress.notices.push(message);
  }

  private finish(remaining: number): CalendarSyncReport {
    this.saveToken();
    this.progress.remaining = remaining;
    this.progress.done = remaining === 0;
    this.services.properties.setProperties({ [PROGRESS]: JSON.stringify(this.progress) });
    if (this.progress.done) this.services.followUp.finished();
    else this.services.followUp.continueLater();
    const { sendInvitations: _ignored, ...report } = this.progress;
    return { ...report, calendarId: this.calendar.getId() };
  }

  private persist(entries: StoredSeries[], pending: string | null): void {
    this.stored = entries;
    this.seriesStore.save(entries, pending);
  }

  // --- the calendar -------------------------------------------------------------------------------

  /** The program's calendar (see openProgramCalendar): made on first use, and again if its owner deleted it. */
  private ensureCalendar(): Calendar {
    const { properties, calendarApp } = this.services;
    const before = properties.getProperty(CALENDAR_ID);
    const calendar = openProgramCalendar(calendarApp, properties, this.request.programName, this.request.timeZone);
    // A new calendar holds none of the stored series: forget them all, so they are created in it.
    if (properties.getProperty(CALENDAR_ID) !== before) properties.setProperties({ [SHARD_COUNT]: '0', [PENDING]: '' });
    return calendar;
  }

  /**
   * The stored, not yet ended series that are gone from Calendar. With the advanced service, listed in
   * a constant number of calls (series changed by hand are reported and kept as the teacher left them);
   * without it, each stored series is read.
   */
  private missingSeries(): string[] {
    const live = this.stored.filter((entry) => !entry.fingerprint.startsWith('ended:')).map((entry) => entry.eventId);
    const changes = this.listChanges();
    if (!changes) return live.filter((eventId) => !this.seriesOf(eventId));
    if (changes.since === 'start') return live.filter((eventId) => !changes.live.has(eventId));
    const edited = live.filter((eventId) => changes.edited.has(eventId)).length;
    if (edited > 0) {
      this.pendingNotices.push(
        `${edited} ${edited === 1 ? 'series was' : 'series were'} changed by hand in Google Calendar: kept as changed (a series is rewritten only when its pair's schedule changes).`,
      );
    }
    return live.filter((eventId) => changes.deleted.has(eventId));
  }

  /** Notices found before this run's progress is known (added to it once it is). */
  private readonly pendingNotices: string[] = [];

  /** What changed since the last run, or null without the advanced service. */
  private listChanges(): CalendarChanges | null {
    const events = this.services.events;
    if (!events) return null;
    const calendarId = this.calendar.getId();
    const state = this.changesState();
    const usable = state && state.calendarId === calendarId ? state : null;
    const changes = listChanges(events, calendarId, usable?.token ?? null);
    if (changes.since === 'token') for (const eventId of usable?.edited ?? []) changes.edited.add(eventId);
    this.token = changes.token;
    return changes;
  }

  private changesState(): ChangesState | null {
    const text = this.services.properties.getProperty(CHANGES);
    if (!text) return null;
    try {
      return JSON.parse(text) as ChangesState;
    } catch {
      return null;
    }
  }

  /** The token past this run's own writes; what someone else changed meanwhile waits for the next run. */
  private saveToken(): void {
    const events = this.services.events;
    if (!events || !this.token) return;
    const calendarId = this.calendar.getId();
    const after = tokenAfter(events, calendarId, this.token);
    // Only the program's own series matter, and a handful is plenty to report (a property holds 9 KB).
    const stored = new Set(this.stored.map((entry) => entry.eventId));
    const edited = [...after.changed].filter((eventId) => stored.has(eventId) && !this.written.has(eventId)).slice(0, MAX_EDITED_KEPT);
    const state: ChangesState = { calendarId, token: after.token, edited };
    this.services.properties.setProperties({ [CHANGES]: JSON.stringify(state) });
  }

  /** A stored series, read once (null when it is gone). */
  private seriesOf(eventId: string): EventSeries | null {
    if (!this.series.has(eventId)) this.series.set(eventId, this.calendar.getEventSeriesById(eventId));
    return this.series.get(eventId)!;
  }

  /**
   * A run cut after creating a series but before storing it left the series in Calendar: find it
   * (tagged with its key, or untagged with its title at its first start) and store it instead of
   * creating it again. Its fingerprint is unknown, so the plan rewrites it once.
   */
  private adoptPendingCreation(): void {
    const key = this.services.properties.getProperty(PENDING);
    if (!key || this.stored.some((entry) => entry.seriesKey === key)) return;
    const wanted = this.request.series.find((series) => series.seriesKey === key);
    if (!wanted) return;
    const { firstStart, firstEnd } = seriesInstants(wanted);
    const found = this.calendar.getEvents(firstStart, firstEnd).find((event) => {
      const tag = event.getTag(SERIES_TAG);
      return tag === key || (!tag && event.getTitle() === wanted.title);
    });
    if (found) this.persist(withStored(this.stored, { seriesKey: key, eventId: found.getId(), fingerprint: '' }), null);
  }

  private create(action: CreateSeries): void {
    const { series } = action;
    this.persist(this.stored, series.seriesKey);
    const { firstStart, firstEnd } = seriesInstants(series);
    const created = this.calendar.createEventSeries(series.title, firstStart, firstEnd, this.recurrenceOf(series), {
      description: series.description,
      location: series.location,
      guests: series.guests.join(','),
      sendInvites: this.progress.sendInvitations && series.guests.length > 0,
    });
    created.setTag(SERIES_TAG, series.seriesKey);
    this.written.add(created.getId());
    this.persist(withStored(this.stored, storedAfter(action, created.getId())), null);
  }

  private update(action: UpdateSeries): void {
    const event = this.seriesOf(action.eventId);
    // Deleted by hand since it was listed: the next run's listing reports it, and it is created again.
    if (!event) return;
    this.written.add(action.eventId);
    const { series } = action;
    const { firstStart, firstEnd } = seriesInstants(series);
    event.setRecurrence(this.recurrenceOf(series), firstStart, firstEnd);
    if (event.getTitle() !== series.title) event.setTitle(series.title);
    if (event.getDescription() !== series.description) event.setDescription(series.description);
    if (event.getLocation() !== series.location) event.setLocation(series.location);
    if (event.getTag(SERIES_TAG) !== series.seriesKey) event.setTag(SERIES_TAG, series.seriesKey);
    this.updateGuests(event, series.guests);
    this.persist(withStored(this.stored, storedAfter(action)), null);
  }

  private updateGuests(event: EventSeries, wanted: readonly string[]): void {
    const current = event.getGuestList().map((guest) => guest.getEmail());
    const has = (list: readonly string[], email: string) => list.some((other) => other.toLowerCase() === email.toLowerCase());
    for (const email of current) if (!has(wanted, email)) event.removeGuest(email);
    for (const email of wanted) if (!has(current, email)) event.addGuest(email);
  }

  /**
   * Ends a series at `until`: its recurrence is cut there (past meetings stay in Calendar, with the
   * No-school exceptions they had), or the series is deleted when it had not started by then.
   */
  private end(action: EndSeries): void {
    const event = this.seriesOf(action.eventId);
    this.written.add(action.eventId);
    // Deleted by hand: nothing is left to end.
    if (!event) return this.persist(withStored(this.stored, storedAfter(action)), null);
    const first = this.calendar.getEventById(action.eventId);
    const firstDate = first ? localDateOf(first.getStartTime() as Date, this.request.timeZone) : null;
    if (!first || !firstDate || firstDate > action.until) event.deleteEventSeries();
    else {
      const start = first.getStartTime() as Date;
      const end = first.getEndTime() as Date;
      const time = wallTimeOf(start, this.request.timeZone);
      const recurrence = this.services.calendarApp.newRecurrence();
      recurrence.addWeeklyRule().until(instantOf(action.until, time, this.request.timeZone));
      for (const date of this.exceptionsBetween(firstDate, action.until)) recurrence.addDateExclusion(instantOf(date, time, this.request.timeZone));
      recurrence.setTimeZone(this.request.timeZone);
      event.setRecurrence(recurrence, start, end);
    }
    this.persist(withStored(this.stored, storedAfter(action)), null);
  }

  private exceptionsBetween(first: LocalDate, until: LocalDate): LocalDate[] {
    const dates: LocalDate[] = [];
    for (let date = addDays(first, 7); date <= until; date = addDays(date, 7)) {
      if (isNoSchool(date, this.request.noSchoolDates)) dates.push(date);
    }
    return dates;
  }

  /** Weekly on the first occurrence's weekday until the last one, No-school dates excluded, in the program timezone. */
  private recurrenceOf(series: SeriesPlan): GoogleAppsScript.Calendar.EventRecurrence {
    const { lastStart, exdates } = seriesInstants(series);
    const recurrence = this.services.calendarApp.newRecurrence();
    recurrence.addWeeklyRule().until(lastStart);
    for (const exdate of exdates) recurrence.addDateExclusion(exdate);
    recurrence.setTimeZone(series.timeZone);
    return recurrence;
  }
}

// ---------------------------------------------------------------------------------------------------
// The weekly refresh of the series' agendas.

/**
 * Each stored series whose plan differs from what was last written only in its description (its
 * next session's agenda) gets the new description — one write — and its stored fingerprint moves to
 * the plan's, so the next sync sees it up to date. A series that differs in more, or whose description
 * was changed by hand (its fingerprint then no longer matches), is left for Schedule sessions. Nothing
 * is written when nothing changed. Returns the IDs of the series it wrote to (the add-on's own writes).
 */
export function refreshSeriesDescriptions(services: Pick<CalendarSyncServices, 'calendarApp' | 'properties' | 'clock'>, request: CalendarSyncRequest, budgetMs = DEFAULT_LIMITS.budgetMs): string[] {
  const { id } = programCalendarRecord(services.properties);
  const calendar = id ? services.calendarApp.getCalendarById(id) : null;
  if (!calendar) return [];
  const startedAt = services.clock();
  const store = new SeriesStore(services.properties);
  let stored = store.load();
  // A sync cut while creating a series keeps its pending creation.
  const pending = services.properties.getProperty(PENDING) || null;
  const written: string[] = [];
  for (const series of request.series) {
    const entry = stored.find((other) => other.seriesKey === series.seriesKey);
    if (!entry || entry.fingerprint === series.fingerprint || entry.fingerprint.startsWith('ended:')) continue;
    if (services.clock() - startedAt >= budgetMs) break;
    const event = calendar.getEventSeriesById(entry.eventId);
    if (!event || fingerprintWithDescription(series, event.getDescription()) !== entry.fingerprint) continue;
    event.setDescription(series.description);
    written.push(entry.eventId);
    stored = withStored(stored, { ...entry, fingerprint: series.fingerprint });
    store.save(stored, pending);
  }
  return written;
}

