// In-memory CalendarApp, Calendar, CalendarEventSeries, CalendarEvent, EventRecurrence and RecurrenceRule,
// faithful to the Apps Script reference for what syncing weekly event series needs. Occurrences are
// expanded as RFC 5545 (which Google Calendar implements) in the recurrence's timezone, so a weekly
// 15:00 series stays at 15:00 wall-clock across daylight-saving changes. Each class implements `Pick<>`
// of the real interface, so a wrong signature fails `tsc`; objects are handed out typed as the real
// interfaces (see `asGas`), and every call is counted as `Class.method`.
import type { LocalDate, WallTime } from '../../../src/core/model';
import * as time from '../../../src/core/time';
import { addDays, isValidTimeZone } from '../../../src/core/time';
import { DEFAULT_ACCOUNT, FakeAccounts, sameAccount } from './accounts';
import { CallCounter, Counted } from './calls';
import { fakeEnum, isEnumMember } from './enums';
import { asGas } from './spreadsheet';

type GasCalendarApp = GoogleAppsScript.Calendar.CalendarApp;
type GasCalendar = GoogleAppsScript.Calendar.Calendar;
type GasSeries = GoogleAppsScript.Calendar.CalendarEventSeries;
type GasEvent = GoogleAppsScript.Calendar.CalendarEvent;
type GasGuest = GoogleAppsScript.Calendar.EventGuest;
type GasRecurrence = GoogleAppsScript.Calendar.EventRecurrence;
type GasRule = GoogleAppsScript.Calendar.RecurrenceRule;
type GasWeekday = GoogleAppsScript.Base.Weekday;
type GasDate = GoogleAppsScript.Base.Date;
type Options = { [key: string]: any };

/** A value the real API returns as null where its typings promise an object (missing series, unset tag…). */
function nullable<T>(value: object | string | null): T {
  return value as unknown as T;
}

const WEEKDAY_NAMES = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];
const MONTH_NAMES = [
  'JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE',
  'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER',
];

export const Weekday = fakeEnum<typeof GoogleAppsScript.Base.Weekday>(WEEKDAY_NAMES);
export const Month = fakeEnum<typeof GoogleAppsScript.Base.Month>(MONTH_NAMES);
export const GuestStatus = fakeEnum<typeof GoogleAppsScript.Calendar.GuestStatus>(['INVITED', 'MAYBE', 'NO', 'OWNER', 'YES']);

/** The error Calendar throws on a burst of creations (verbatim, as scripts report it). */
export const CALENDAR_RATE_LIMIT_MESSAGE =
  'You have been creating or deleting too many calendars or calendar events in a short time. Please try again later.';
/** What Calendar answers a change to a calendar the account may only see (or not even that). */
export const CALENDAR_NOT_ALLOWED_MESSAGE = 'Action not allowed';
/** The error once the daily "Calendar events created" quota is spent. */
export const CALENDAR_DAILY_QUOTA_MESSAGE = 'Service invoked too many times for one day: calendar.';
/** "Calendar events created" per day: 5,000 for consumer accounts, 10,000 for Google Workspace (schools). */
export const CALENDAR_EVENTS_PER_DAY_CONSUMER = 5000;
export const CALENDAR_EVENTS_PER_DAY_WORKSPACE = 10000;

/** Calls that change something in Calendar (a sync that changes nothing must make none of them). */
export const CALENDAR_WRITE_METHODS: ReadonlySet<string> = new Set([
  'CalendarApp.createCalendar',
  'CalendarApp.createEventSeries',
  'Calendar.createEventSeries',
  'Calendar.createEvent',
  'CalendarEvent.setTag',
  'CalendarEvent.setDescription',
  'Calendar.deleteCalendar',
  'Calendar.setDescription',
  'Calendar.setName',
  'Calendar.setTimeZone',
  'CalendarEventSeries.addGuest',
  'CalendarEventSeries.deleteEventSeries',
  'CalendarEventSeries.deleteTag',
  'CalendarEventSeries.removeGuest',
  'CalendarEventSeries.setDescription',
  'CalendarEventSeries.setLocation',
  'CalendarEventSeries.setRecurrence',
  'CalendarEventSeries.setTag',
  'CalendarEventSeries.setTitle',
  'CalendarEvent.deleteEvent',
  'CalendarEvent.addGuest',
  'CalendarEvent.removeGuest',
]);

// ---------------------------------------------------------------------------------------------------
// Recurrence: the builder objects record a plain spec; the series keeps a copy taken when it is written
// (as the real service serialises the recurrence on the call, later builder changes do not leak in).

type Frequency = 'DAILY' | 'WEEKLY';

interface RuleSpec {
  frequency: Frequency;
  exclusion: boolean;
  interval: number;
  times: number | null;
  until: Date | null;
  /** 0 = Monday … 6 = Sunday; null = the weekday of the first occurrence. */
  weekdays: number[] | null;
  weekStart: number;
}

export interface RecurrenceSpec {
  rules: RuleSpec[];
  /** Extra occurrences (`addDate`, RDATE) and excluded ones (`addDateExclusion`, EXDATE), as instants. */
  dates: Date[];
  exclusionDates: Date[];
  /** `setTimeZone`; null = the calendar's timezone. */
  timeZone: string | null;
}

function copySpec(spec: RecurrenceSpec): RecurrenceSpec {
  return {
    rules: spec.rules.map((rule) => ({ ...rule, weekdays: rule.weekdays && [...rule.weekdays] })),
    dates: spec.dates.map(copyDate),
    exclusionDates: spec.exclusionDates.map(copyDate),
    timeZone: spec.timeZone,
  };
}

function copyDate(date: Date): Date {
  return new Date(date.getTime());
}

function checkDate(value: unknown, name: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new Error(`Invalid argument: ${name}`);
  }
  return copyDate(value);
}

function checkPositiveInteger(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new Error(`Invalid argument: ${name}`);
  return value;
}

/** Apps Script Weekday member → 0 = Monday … 6 = Sunday. */
function weekdayNumber(day: unknown): number {
  const index = isEnumMember(day) ? WEEKDAY_NAMES.indexOf(day.name()) : -1;
  if (index < 0) throw new Error('Invalid argument: day');
  return (index + 6) % 7;
}

export class FakeEventRecurrence
  extends Counted
  implements
    Pick<
      GasRecurrence,
      'addDailyExclusion' | 'addDailyRule' | 'addDate' | 'addDateExclusion' | 'addWeeklyExclusion' | 'addWeeklyRule' | 'setTimeZone'
    >
{
  readonly spec: RecurrenceSpec = { rules: [], dates: [], exclusionDates: [], timeZone: null };

  constructor(calls: CallCounter) {
    super(calls, 'EventRecurrence');
  }

  addDailyExclusion(): GasRule {
    this.track('addDailyExclusion');
    return this.newRule('DAILY', true);
  }

  addDailyRule(): GasRule {
    this.track('addDailyRule');
    return this.newRule('DAILY', false);
  }

  addWeeklyExclusion(): GasRule {
    this.track('addWeeklyExclusion');
    return this.newRule('WEEKLY', true);
  }

  addWeeklyRule(): GasRule {
    this.track('addWeeklyRule');
    return this.newRule('WEEKLY', false);
  }

  addDate(date: Date): GasRecurrence {
    this.track('addDate');
    this.spec.dates.push(checkDate(date, 'date'));
    return asGas(this);
  }

  addDateExclusion(date: Date): GasRecurrence {
    this.track('addDateExclusion');
    this.spec.exclusionDates.push(checkDate(date, 'date'));
    return asGas(this);
  }

  setTimeZone(timeZone: string): GasRecurrence {
    this.track('setTimeZone');
    if (!isValidTimeZone(timeZone)) throw new Error('Invalid argument: timeZone');
    this.spec.timeZone = timeZone;
    return asGas(this);
  }

  /** Used by RecurrenceRule, which "behaves like the EventRecurrence it belongs to". Not counted. */
  newRule(frequency: Frequency, exclusion: boolean): GasRule {
    const rule: RuleSpec = { frequency, exclusion, interval: 1, times: null, until: null, weekdays: null, weekStart: 0 };
    this.spec.rules.push(rule);
    return asGas(new FakeRecurrenceRule(this.calls, this, rule));
  }
}

type RuleMethods =
  | 'addDailyExclusion'
  | 'addDailyRule'
  | 'addDate'
  | 'addDateExclusion'
  | 'addWeeklyExclusion'
  | 'addWeeklyRule'
  | 'interval'
  | 'onlyOnWeekday'
  | 'onlyOnWeekdays'
  | 'setTimeZone'
  | 'times'
  | 'until'
  | 'weekStartsOn';

/** Modifiers apply to this rule (the most recently added one, when chained). */
export class FakeRecurrenceRule extends Counted implements Pick<GasRule, RuleMethods> {
  constructor(
    calls: CallCounter,
    readonly recurrence: FakeEventRecurrence,
    private readonly rule: RuleSpec,
  ) {
    super(calls, 'RecurrenceRule');
  }

  addDailyExclusion(): GasRule {
    this.track('addDailyExclusion');
    return this.recurrence.newRule('DAILY', true);
  }

  addDailyRule(): GasRule {
    this.track('addDailyRule');
    return this.recurrence.newRule('DAILY', false);
  }

  addWeeklyExclusion(): GasRule {
    this.track('addWeeklyExclusion');
    return this.recurrence.newRule('WEEKLY', true);
  }

  addWeeklyRule(): GasRule {
    this.track('addWeeklyRule');
    return this.recurrence.newRule('WEEKLY', false);
  }

  addDate(date: Date): GasRecurrence {
    this.track('addDate');
    this.recurrence.spec.dates.push(checkDate(date, 'date'));
    return asGas(this.recurrence);
  }

  addDateExclusion(date: Date): GasRecurrence {
    this.track('addDateExclusion');
    this.recurrence.spec.exclusionDates.push(checkDate(date, 'date'));
    return asGas(this.recurrence);
  }

  setTimeZone(timeZone: string): GasRecurrence {
    this.track('setTimeZone');
    if (!isValidTimeZone(timeZone)) throw new Error('Invalid argument: timeZone');
    this.recurrence.spec.timeZone = timeZone;
    return asGas(this.recurrence);
  }

  interval(interval: number): GasRule {
    this.track('interval');
    this.rule.interval = checkPositiveInteger(interval, 'interval');
    return asGas(this);
  }

  onlyOnWeekday(day: GasWeekday): GasRule {
    this.track('onlyOnWeekday');
    this.rule.weekdays = [weekdayNumber(day)];
    return asGas(this);
  }

  onlyOnWeekdays(days: GasWeekday[]): GasRule {
    this.track('onlyOnWeekdays');
    if (!Array.isArray(days) || days.length === 0) throw new Error('Invalid argument: days');
    this.rule.weekdays = [...new Set(days.map(weekdayNumber))];
    return asGas(this);
  }

  times(times: number): GasRule {
    this.track('times');
    this.rule.times = checkPositiveInteger(times, 'times');
    return asGas(this);
  }

  until(endDate: Date): GasRule {
    this.track('until');
    this.rule.until = checkDate(endDate, 'endDate');
    return asGas(this);
  }

  weekStartsOn(day: GasWeekday): GasRule {
    this.track('weekStartsOn');
    this.rule.weekStart = weekdayNumber(day);
    return asGas(this);
  }
}

/** The recurrence behind a value passed as an EventRecurrence (a RecurrenceRule works too, as in Apps Script). */
function recurrenceSpecOf(value: unknown): RecurrenceSpec {
  if (value instanceof FakeEventRecurrence) return copySpec(value.spec);
  if (value instanceof FakeRecurrenceRule) return copySpec(value.recurrence.spec);
  throw new Error('Invalid argument: recurrence');
}

// Intl conversions dominate expansion time, and series share block times and dates, so they are
// memoised (a 1,000-series term then expands in well under a second).
const memo = new Map<string, unknown>();

function remembered<T>(key: string, compute: () => T): T {
  if (memo.has(key)) return memo.get(key) as T;
  if (memo.size > 200000) memo.clear();
  const value = compute();
  memo.set(key, value);
  return value;
}

function instantOf(date: LocalDate, wallTime: WallTime, timeZone: string): Date {
  return new Date(remembered(`i|${timeZone}|${date}|${wallTime}`, () => time.instantOf(date, wallTime, timeZone).getTime()));
}

function localDateOf(instant: Date, timeZone: string): LocalDate {
  return remembered(`d|${timeZone}|${instant.getTime()}`, () => time.localDateOf(instant, timeZone));
}

function wallTimeOf(instant: Date, timeZone: string): WallTime {
  return remembered(`t|${timeZone}|${instant.getTime()}`, () => time.wallTimeOf(instant, timeZone));
}

// ---------------------------------------------------------------------------------------------------
// Expansion (RFC 5545): the first start (DTSTART) is an occurrence; rules add dates at its wall-clock
// time in the recurrence timezone; UNTIL is an inclusive bound on the start instant; COUNT counts from
// the first start and before exclusions are removed; EXDATE removes the occurrence starting at exactly
// that instant (an exclusion at another time of day matches nothing, as in Google Calendar).

export interface SeriesTiming {
  start: Date;
  end: Date;
  timeZone: string;
  recurrence: RecurrenceSpec;
}

const DAY = 86400000;

/** Whole days since 1970-01-01 (weekday 3 = Thursday in the 0 = Monday numbering). */
function dayNumber(date: LocalDate): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY);
}

function dateOfDay(day: number): LocalDate {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

function weekdayOfDay(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/**
 * Candidate days of a rule, in order, from the first start's day: weekly rules step week by week
 * (weeks begin on `weekStart`, every `interval`-th counted from the first start's week), daily rules
 * day by day (every `interval`-th), both keeping only `weekdays` when given.
 */
function* ruleDays(rule: RuleSpec, firstDay: number, lastDay: number): Generator<number> {
  if (rule.frequency === 'DAILY') {
    for (let day = firstDay; day <= lastDay; day += rule.interval) {
      if (!rule.weekdays || rule.weekdays.includes(weekdayOfDay(day))) yield day;
    }
    return;
  }
  const weekdays = rule.weekdays ?? [weekdayOfDay(firstDay)];
  const offsets = weekdays.map((weekday) => (weekday - rule.weekStart + 7) % 7).sort((a, b) => a - b);
  const firstWeek = firstDay - ((weekdayOfDay(firstDay) - rule.weekStart + 7) % 7);
  for (let week = firstWeek; week <= lastDay; week += 7 * rule.interval) {
    for (const offset of offsets) if (week + offset >= firstDay && week + offset <= lastDay) yield week + offset;
  }
}

/** Starts the rule generates up to `horizon` (or its UNTIL/COUNT), from the first start onwards. */
function ruleStarts(rule: RuleSpec, first: Date, timeZone: string, horizon: Date): Date[] {
  const firstDay = dayNumber(localDateOf(first, timeZone));
  const wallTime = wallTimeOf(first, timeZone);
  const lastDay = dayNumber(localDateOf(horizon, timeZone)) + 1;
  const starts: Date[] = [];
  for (const day of ruleDays(rule, firstDay, lastDay)) {
    const start = instantOf(dateOfDay(day), wallTime, timeZone);
    if (start < first) continue;
    if (rule.until && start > rule.until) break;
    if (rule.times !== null && starts.length >= rule.times) break;
    starts.push(start);
  }
  return starts;
}

/** Start instants of the series' occurrences that overlap [from, to), in order. */
export function occurrenceStarts(timing: SeriesTiming, from: Date, to: Date): Date[] {
  const { start, end, timeZone, recurrence } = timing;
  const duration = end.getTime() - start.getTime();
  const horizon = new Date(to.getTime());
  const included = new Set<number>([start.getTime()]);
  const excluded = new Set<number>(recurrence.exclusionDates.map((date) => date.getTime()));
  for (const rule of recurrence.rules) {
    for (const instant of ruleStarts(rule, start, timeZone, horizon)) (rule.exclusion ? excluded : included).add(instant.getTime());
  }
  for (const date of recurrence.dates) included.add(date.getTime());
  return [...included]
    .filter((instant) => !excluded.has(instant) && instant < to.getTime() && instant + duration > from.getTime())
    .sort((a, b) => a - b)
    .map((instant) => new Date(instant));
}

// ---------------------------------------------------------------------------------------------------
// State shared by every handle (Calendar, CalendarEventSeries… objects are handles onto these records,
// as the real ones are onto the server's data: two handles on one series see each other's writes).

/** "See all event details" (reader) or "Make changes to events" (writer), as the owner shared it. */
export type ShareRole = 'reader' | 'writer';

interface CalendarRecord {
  id: string;
  /** The account that created it; only the owner manages it (name, deletion) or shares it. */
  owner: string;
  /** Accounts the owner shared it with (lowercase email → role). */
  shares: Map<string, ShareRole>;
  name: string;
  description: string;
  timeZone: string;
  isDefault: boolean;
  deleted: boolean;
}

interface SeriesRecord {
  id: string;
  calendarId: string;
  title: string;
  description: string;
  location: string;
  guests: string[];
  tags: Map<string, string>;
  timing: SeriesTiming;
  invitationsSent: boolean;
  created: Date;
  updated: Date;
  deleted: 'script' | 'hand' | null;
  /** Every change, numbered in the calendar's order: what Events.list reports since a sync token. */
  changes: { sequence: number; instanceStart: Date | null; instanceStatus?: 'cancelled' | 'confirmed' }[];
  /**
   * Occurrences changed on their own (exceptions), by start instant (ms): their guest list. Calendar
   * keeps an exception when the series' guests or text change; a new recurrence (setRecurrence) drops them.
   */
  overrides?: Map<number, string[]>;
  /** A Google Meet conference added through the advanced service (Events.patch with conference data). */
  conference?: { requestId: string; status: 'pending' | 'success'; uri: string; pendingReads: number };
}

interface Fault {
  remaining: number;
  message: string;
}

export interface CalendarFakeOptions {
  /** Timezone of the default calendar and of new calendars (default UTC). */
  timeZone?: string;
  /** The accounts of the test (default: one account, `ownerEmail`); the current one runs the script. */
  accounts?: FakeAccounts;
  /** With no `accounts`: the one user, owner of every calendar it creates, ID of its default calendar. */
  ownerEmail?: string;
  /** "Calendar events created" per day (default: the Google Workspace quota). */
  eventsPerDay?: number;
  /** Clock for getDateCreated/getLastUpdated. */
  now?: () => Date;
  /** A new Meet conference stays "pending" until that many Events.get reads later (default 0: ready at once). */
  meetPendingReads?: number;
}

class CalendarStore {
  readonly calendars = new Map<string, CalendarRecord>();
  readonly series = new Map<string, SeriesRecord>();
  readonly faults = new Map<string, Fault>();
  /** Creations that may still succeed before a burst error, and how many attempts then fail. */
  creationAllowance: { remaining: number; failures: number; message: string } | null = null;
  eventsCreated = 0;
  /** Number of the latest change to any series (sync tokens name the change they were issued after). */
  sequence = 0;
  /** Sync tokens of an earlier generation answer 410 Gone (Google may expire tokens at any time). */
  tokenGeneration = 0;
  private nextId = 1;
  private readonly issued = new Set<string>();

  constructor(
    readonly accounts: FakeAccounts,
    readonly defaultTimeZone: string,
    readonly eventsPerDay: number,
    readonly now: () => Date,
  ) {
    this.defaultCalendar();
  }

  /** The account running the script now. */
  get me(): string {
    return this.accounts.current;
  }

  /** The current account's primary calendar: its ID is the account's email, as in Google Calendar. */
  defaultCalendar(): CalendarRecord {
    const existing = this.calendars.get(this.me);
    if (existing) return existing;
    const record: CalendarRecord = {
      id: this.me,
      owner: this.me,
      shares: new Map(),
      name: this.me,
      description: '',
      timeZone: this.defaultTimeZone,
      isDefault: true,
      deleted: false,
    };
    this.calendars.set(record.id, record);
    return record;
  }

  /**
   * CalendarApp reaches "calendars that the user owns or is subscribed to" (Apps Script reference,
   * class CalendarApp): another account's calendar is invisible (getCalendarById gives null) until
   * its owner shares it.
   */
  canSee(record: CalendarRecord): boolean {
    return this.owns(record) || record.shares.has(this.me.toLowerCase());
  }

  /** Events may be changed by the owner and by accounts given "Make changes to events". */
  canChangeEvents(record: CalendarRecord): boolean {
    return this.owns(record) || record.shares.get(this.me.toLowerCase()) === 'writer';
  }

  owns(record: CalendarRecord): boolean {
    return sameAccount(record.owner, this.me);
  }

  /** Refuses a change the current account may not make, as Calendar does. */
  checkChangeEvents(calendarId: string): void {
    const record = this.calendars.get(calendarId);
    if (record && !this.canChangeEvents(record)) throw new Error(CALENDAR_NOT_ALLOWED_MESSAGE);
  }

  /**
   * An opaque lowercase ID, the same from run to run: the high bits of an LCG (its low bits repeat
   * every few steps), re-drawn in the unlikely event of a repeat, so IDs are always distinct.
   */
  newToken(length: number): string {
    for (;;) {
      let state = (this.nextId++ * 2654435761) % 4294967296;
      let token = '';
      while (token.length < length) {
        state = (state * 1664525 + 1013904223) % 4294967296;
        token += '0123456789abcdefghijklmnopqrstuv'[Math.floor(state / 134217728)];
      }
      if (!this.issued.has(token)) {
        this.issued.add(token);
        return token;
      }
    }
  }

  liveCalendar(id: string): CalendarRecord | null {
    const record = this.calendars.get(id);
    return record && !record.deleted ? record : null;
  }

  /** A calendar that exists and that the current account can open, else null. */
  visibleCalendar(id: string): CalendarRecord | null {
    const record = this.liveCalendar(id);
    return record && this.canSee(record) ? record : null;
  }

  liveSeries(id: string, calendarId: string): SeriesRecord | null {
    const record = this.series.get(id);
    return record && !record.deleted && record.calendarId === calendarId ? record : null;
  }

  /**
   * Records a change to a series (or to one of its occurrences, starting at `instanceStart`: deleted,
   * 'cancelled', or changed on its own, 'confirmed').
   */
  logChange(record: SeriesRecord, instanceStart: Date | null = null, instanceStatus: 'cancelled' | 'confirmed' = 'cancelled'): void {
    record.changes.push({ sequence: ++this.sequence, instanceStart, instanceStatus });
  }

  /** Throws the injected error of `method`, if one is armed. */
  checkFault(method: string): void {
    const fault = this.faults.get(method);
    if (!fault) return;
    if (--fault.remaining <= 0) this.faults.delete(method);
    throw new Error(fault.message);
  }

  /** Applies the burst and daily limits to one creation; `isEvent` counts it against the daily quota. */
  checkCreation(isEvent: boolean): void {
    const allowance = this.creationAllowance;
    if (allowance) {
      if (allowance.remaining > 0) allowance.remaining--;
      else {
        if (--allowance.failures <= 0) this.creationAllowance = null;
        throw new Error(allowance.message);
      }
    }
    if (isEvent && this.eventsCreated >= this.eventsPerDay) throw new Error(CALENDAR_DAILY_QUOTA_MESSAGE);
    if (isEvent) this.eventsCreated++;
  }
}

/** "a comma-separated list of email addresses that should be added as guests". */
function parseGuests(guests: unknown): string[] {
  if (guests === undefined || guests === null) return [];
  const list: string[] = [];
  for (const part of String(guests).split(',')) addEmail(list, part);
  return list;
}

function addEmail(list: string[], email: string): void {
  const trimmed = String(email).trim();
  if (trimmed && !list.some((guest) => guest.toLowerCase() === trimmed.toLowerCase())) list.push(trimmed);
}

function checkTimes(startTime: unknown, endTime: unknown): { start: Date; end: Date } {
  const start = checkDate(startTime, 'startTime');
  const end = checkDate(endTime, 'endTime');
  if (end < start) throw new Error('Event start date must be before event end date.');
  return { start, end };
}

// ---------------------------------------------------------------------------------------------------

export class FakeEventGuest extends Counted implements Pick<GasGuest, 'getAdditionalGuests' | 'getEmail' | 'getGuestStatus' | 'getName'> {
  constructor(
    calls: CallCounter,
    private readonly email: string,
    private readonly status: GoogleAppsScript.Calendar.GuestStatus,
  ) {
    super(calls, 'EventGuest');
  }

  getAdditionalGuests(): number {
    this.track('getAdditionalGuests');
    return 0;
  }

  getEmail(): string {
    this.track('getEmail');
    return this.email;
  }

  getGuestStatus(): GoogleAppsScript.Calendar.GuestStatus {
    this.track('getGuestStatus');
    return this.status;
  }

  /** "the guest's name, or the guest's email address if the name is not available". */
  getName(): string {
    this.track('getName');
    return this.email;
  }
}

function guestList(calls: CallCounter, store: CalendarStore, record: SeriesRecord, includeOwner: boolean): GasGuest[] {
  const guests = record.guests.map((email) => new FakeEventGuest(calls, email, GuestStatus.INVITED));
  const owner = store.calendars.get(record.calendarId)!.owner;
  if (includeOwner) guests.unshift(new FakeEventGuest(calls, owner, GuestStatus.OWNER));
  return guests.map((guest) => asGas<GasGuest>(guest));
}

type SeriesMethods =
  | 'addGuest'
  | 'deleteEventSeries'
  | 'deleteTag'
  | 'getAllTagKeys'
  | 'getDateCreated'
  | 'getDescription'
  | 'getGuestByEmail'
  | 'getGuestList'
  | 'getId'
  | 'getLastUpdated'
  | 'getLocation'
  | 'getOriginalCalendarId'
  | 'getTag'
  | 'getTitle'
  | 'isOwnedByMe'
  | 'removeGuest'
  | 'setDescription'
  | 'setLocation'
  | 'setRecurrence'
  | 'setTag'
  | 'setTitle';

export class FakeCalendarEventSeries extends Counted implements Pick<GasSeries, SeriesMethods> {
  constructor(
    calls: CallCounter,
    private readonly store: CalendarStore,
    private readonly record: SeriesRecord,
  ) {
    super(calls, 'CalendarEventSeries');
  }

  /** Counts the call, applies injected faults, and refuses a series that no longer exists. */
  private use(method: string): SeriesRecord {
    this.track(method);
    this.store.checkFault(`CalendarEventSeries.${method}`);
    if (this.record.deleted) throw new Error('The event series has been deleted.');
    return this.record;
  }

  private write(method: string, change: (record: SeriesRecord) => void): GasSeries {
    const record = this.use(method);
    this.store.checkChangeEvents(record.calendarId);
    change(record);
    record.updated = this.store.now();
    this.store.logChange(record);
    return asGas(this);
  }

  addGuest(email: string): GasSeries {
    return this.write('addGuest', (record) => addEmail(record.guests, email));
  }

  deleteEventSeries(): void {
    const record = this.use('deleteEventSeries');
    this.store.checkChangeEvents(record.calendarId);
    record.deleted = 'script';
    this.store.logChange(record);
  }

  deleteTag(key: string): GasSeries {
    return this.write('deleteTag', (record) => record.tags.delete(String(key)));
  }

  getAllTagKeys(): string[] {
    return [...this.use('getAllTagKeys').tags.keys()];
  }

  getDateCreated(): Date {
    return copyDate(this.use('getDateCreated').created);
  }

  getDescription(): string {
    return this.use('getDescription').description;
  }

  getGuestByEmail(email: string): GasGuest {
    const record = this.use('getGuestByEmail');
    const found = record.guests.find((guest) => guest.toLowerCase() === String(email).toLowerCase());
    return nullable(found ? new FakeEventGuest(this.calls, found, GuestStatus.INVITED) : null);
  }

  getGuestList(includeOwner = false): GasGuest[] {
    return guestList(this.calls, this.store, this.use('getGuestList'), includeOwner);
  }

  /** The iCalUID, shared by every occurrence. */
  getId(): string {
    return this.use('getId').id;
  }

  getLastUpdated(): Date {
    return copyDate(this.use('getLastUpdated').updated);
  }

  getLocation(): string {
    return this.use('getLocation').location;
  }

  getOriginalCalendarId(): string {
    return this.use('getOriginalCalendarId').calendarId;
  }

  /** The tag's value, or null when the key was never set. */
  getTag(key: string): string {
    return nullable(this.use('getTag').tags.get(String(key)) ?? null);
  }

  getTitle(): string {
    return this.use('getTitle').title;
  }

  /** Whether the current account owns the calendar the series is in. */
  isOwnedByMe(): boolean {
    const record = this.use('isOwnedByMe');
    return this.store.owns(this.store.calendars.get(record.calendarId)!);
  }

  removeGuest(email: string): GasSeries {
    return this.write('removeGuest', (record) => {
      record.guests = record.guests.filter((guest) => guest.toLowerCase() !== String(email).toLowerCase());
    });
  }

  setDescription(description: string): GasSeries {
    return this.write('setDescription', (record) => (record.description = String(description)));
  }

  setLocation(location: string): GasSeries {
    return this.write('setLocation', (record) => (record.location = String(location)));
  }

  /** Replaces every rule and exception; the times are those of the first occurrence. All-day (two-argument) form unsupported. */
  setRecurrence(recurrence: GasRecurrence, startTime: GasDate, endTime?: GasDate): GasSeries {
    return this.write('setRecurrence', (record) => {
      if (endTime === undefined) throw new Error('The fake supports timed event series only (setRecurrence with an end time).');
      const { start, end } = checkTimes(startTime, endTime);
      const spec = recurrenceSpecOf(recurrence);
      const calendar = this.store.calendars.get(record.calendarId)!;
      record.timing = { start, end, timeZone: spec.timeZone ?? calendar.timeZone, recurrence: spec };
      record.overrides = undefined;
    });
  }

  setTag(key: string, value: string): GasSeries {
    return this.write('setTag', (record) => record.tags.set(String(key), String(value)));
  }

  setTitle(title: string): GasSeries {
    return this.write('setTitle', (record) => (record.title = String(title)));
  }
}

type EventMethods =
  | 'addGuest'
  | 'removeGuest'
  | 'deleteEvent'
  | 'getDescription'
  | 'getEndTime'
  | 'getEventSeries'
  | 'getGuestList'
  | 'getId'
  | 'getLocation'
  | 'getOriginalCalendarId'
  | 'getStartTime'
  | 'getTag'
  | 'getTitle'
  | 'isAllDayEvent'
  | 'isRecurringEvent'
  | 'setDescription'
  | 'setTag';

/** One occurrence of a series, as getEvents returns it. */
export class FakeCalendarEvent extends Counted implements Pick<GasEvent, EventMethods> {
  constructor(
    calls: CallCounter,
    private readonly store: CalendarStore,
    private readonly record: SeriesRecord,
    private readonly start: Date,
  ) {
    super(calls, 'CalendarEvent');
  }

  private use(method: string): SeriesRecord {
    this.track(method);
    this.store.checkFault(`CalendarEvent.${method}`);
    if (this.record.deleted) throw new Error('The event has been deleted.');
    return this.record;
  }

  /** Deletes this occurrence only (the series gains an exception); a single event is deleted. */
  deleteEvent(): void {
    const record = this.use('deleteEvent');
    if (!isRecurring(record)) {
      record.deleted = 'script';
      this.store.logChange(record);
      return;
    }
    record.timing.recurrence.exclusionDates.push(copyDate(this.start));
    record.updated = this.store.now();
    this.store.logChange(record, copyDate(this.start));
  }

  getDescription(): string {
    return this.use('getDescription').description;
  }

  getEndTime(): Date {
    const { timing } = this.use('getEndTime');
    return new Date(this.start.getTime() + timing.end.getTime() - timing.start.getTime());
  }

  getEventSeries(): GasSeries {
    return asGas(new FakeCalendarEventSeries(this.calls, this.store, this.use('getEventSeries')));
  }

  getGuestList(includeOwner = false): GasGuest[] {
    const record = this.use('getGuestList');
    return guestList(this.calls, this.store, { ...record, guests: this.guests(record) }, includeOwner);
  }

  /** This occurrence's guests: its exception's, or the series'. */
  private guests(record: SeriesRecord): string[] {
    return record.overrides?.get(this.start.getTime()) ?? record.guests;
  }

  /** Changes the guests of this occurrence only: it becomes an exception of the series (listed on its own by Events.list). */
  private changeGuests(method: string, change: (guests: string[]) => void): GasEvent {
    const record = this.use(method);
    this.store.checkChangeEvents(record.calendarId);
    const guests = [...this.guests(record)];
    change(guests);
    record.overrides ??= new Map();
    record.overrides.set(this.start.getTime(), guests);
    record.updated = this.store.now();
    this.store.logChange(record, copyDate(this.start), 'confirmed');
    return asGas(this);
  }

  addGuest(email: string): GasEvent {
    return this.changeGuests('addGuest', (guests) => addEmail(guests, email));
  }

  /** Removing someone who is not a guest changes nothing but still counts as a write, as Calendar saves the event. */
  removeGuest(email: string): GasEvent {
    return this.changeGuests('removeGuest', (guests) => {
      const at = guests.findIndex((guest) => guest.toLowerCase() === String(email).trim().toLowerCase());
      if (at >= 0) guests.splice(at, 1);
    });
  }

  getId(): string {
    return this.use('getId').id;
  }

  getLocation(): string {
    return this.use('getLocation').location;
  }

  getOriginalCalendarId(): string {
    return this.use('getOriginalCalendarId').calendarId;
  }

  getStartTime(): Date {
    this.use('getStartTime');
    return copyDate(this.start);
  }

  getTag(key: string): string {
    return nullable(this.use('getTag').tags.get(String(key)) ?? null);
  }

  getTitle(): string {
    return this.use('getTitle').title;
  }

  isAllDayEvent(): boolean {
    this.use('isAllDayEvent');
    return false;
  }

  isRecurringEvent(): boolean {
    return isRecurring(this.use('isRecurringEvent'));
  }

  /**
   * A tag (an extended property) on a single event; on an occurrence of a series Calendar would make
   * it an exception, which the add-on never does, so the fake refuses it. Either way a change.
   */
  setTag(key: string, value: string): GasEvent {
    return this.write('setTag', (record) => record.tags.set(String(key), String(value)));
  }

  setDescription(description: string): GasEvent {
    return this.write('setDescription', (record) => (record.description = String(description)));
  }

  private write(method: string, change: (record: SeriesRecord) => void): GasEvent {
    const record = this.use(method);
    if (isRecurring(record)) throw new Error(`The fake does not support CalendarEvent.${method} on an occurrence of a series.`);
    this.store.checkChangeEvents(record.calendarId);
    change(record);
    record.updated = this.store.now();
    this.store.logChange(record);
    return asGas(this);
  }
}

/** A series has rules or extra dates; an event made by createEvent has neither. */
function isRecurring(record: SeriesRecord): boolean {
  return record.timing.recurrence.rules.length + record.timing.recurrence.dates.length > 0;
}

type CalendarMethods =
  | 'createEvent'
  | 'createEventSeries'
  | 'deleteCalendar'
  | 'getDescription'
  | 'getEventById'
  | 'getEventSeriesById'
  | 'getEvents'
  | 'getId'
  | 'getName'
  | 'getTimeZone'
  | 'isMyPrimaryCalendar'
  | 'isOwnedByMe'
  | 'setDescription'
  | 'setName'
  | 'setTimeZone';

export class FakeCalendar extends Counted implements Pick<GasCalendar, CalendarMethods> {
  constructor(
    calls: CallCounter,
    private readonly store: CalendarStore,
    private readonly record: CalendarRecord,
    className = 'Calendar',
  ) {
    super(calls, className);
  }

  private use(method: string): CalendarRecord {
    this.track(method);
    this.store.checkFault(`Calendar.${method}`);
    if (this.record.deleted) throw new Error('The calendar has been deleted.');
    // A handle outlives its sharing: once the owner stops sharing, nothing can be done through it.
    if (!this.store.canSee(this.record)) throw new Error(CALENDAR_NOT_ALLOWED_MESSAGE);
    return this.record;
  }

  /** Name, timezone, description and deletion belong to the owner. */
  private manage(method: string): CalendarRecord {
    const calendar = this.use(method);
    if (!this.store.owns(calendar)) throw new Error(CALENDAR_NOT_ALLOWED_MESSAGE);
    return calendar;
  }

  /** Options: description, location, guests (comma-separated emails), sendInvites (default false). */
  createEventSeries(title: string, startTime: Date, endTime: Date, recurrence: GasRecurrence, options: Options = {}): GasSeries {
    const calendar = this.use('createEventSeries');
    this.store.checkChangeEvents(calendar.id);
    const { start, end } = checkTimes(startTime, endTime);
    const spec = recurrenceSpecOf(recurrence);
    const record = this.addRecord(calendar, title, { start, end, timeZone: spec.timeZone ?? calendar.timeZone, recurrence: spec }, options);
    return asGas(new FakeCalendarEventSeries(this.calls, this.store, record));
  }

  /**
   * One event (no recurrence), as a series record without rules: it is listed by getEvents,
   * getEventById and Events.list (its own item, `recurringEventId` absent), and counts against the
   * daily quota like any created event. Options: description, location, guests, sendInvites.
   */
  createEvent(title: string, startTime: Date, endTime: Date, options: Options = {}): GasEvent {
    const calendar = this.use('createEvent');
    this.store.checkChangeEvents(calendar.id);
    const { start, end } = checkTimes(startTime, endTime);
    const record = this.addRecord(calendar, title, { start, end, timeZone: calendar.timeZone, recurrence: { rules: [], dates: [], exclusionDates: [], timeZone: null } }, options);
    return asGas<GasEvent>(new FakeCalendarEvent(this.calls, this.store, record, start));
  }

  /** A created event or series, counted against the daily quota, stored and logged as a change. */
  private addRecord(calendar: CalendarRecord, title: string, timing: SeriesTiming, options: Options): SeriesRecord {
    this.store.checkCreation(true);
    const now = this.store.now();
    const record: SeriesRecord = {
      id: `${this.store.newToken(26)}@google.com`,
      calendarId: calendar.id,
      title: String(title),
      description: options.description === undefined ? '' : String(options.description),
      location: options.location === undefined ? '' : String(options.location),
      guests: parseGuests(options.guests),
      tags: new Map(),
      timing,
      invitationsSent: options.sendInvites === true,
      created: now,
      updated: now,
      deleted: null,
      changes: [],
    };
    this.store.series.set(record.id, record);
    this.store.logChange(record);
    return record;
  }

  /** "A user can only delete a calendar they own"; the primary calendar cannot be deleted. */
  deleteCalendar(): void {
    const calendar = this.manage('deleteCalendar');
    if (calendar.isDefault) throw new Error('The primary calendar cannot be deleted.');
    calendar.deleted = true;
  }

  getDescription(): string {
    return this.use('getDescription').description;
  }

  /** The first remaining occurrence of the event with this iCalUID, or null. */
  getEventById(iCalId: string): GasEvent {
    const calendar = this.use('getEventById');
    const record = this.store.liveSeries(String(iCalId), calendar.id);
    const first = record && occurrenceStarts(record.timing, record.timing.start, farFuture(record.timing))[0];
    return nullable(record && first ? new FakeCalendarEvent(this.calls, this.store, record, first) : null);
  }

  /** The series with this iCalUID in this calendar, or null if it does not exist (or was deleted). */
  getEventSeriesById(iCalId: string): GasSeries {
    const calendar = this.use('getEventSeriesById');
    const record = this.store.liveSeries(String(iCalId), calendar.id);
    return nullable(record ? new FakeCalendarEventSeries(this.calls, this.store, record) : null);
  }

  /**
   * Occurrences that start in, end in, or span [startTime, endTime), by start time. Options: `start`
   * and `max` (paging), `search` (matched here against title, description and location).
   */
  getEvents(startTime: Date, endTime: Date, options: Options = {}): GasEvent[] {
    const calendar = this.use('getEvents');
    const from = checkDate(startTime, 'startTime');
    const to = checkDate(endTime, 'endTime');
    const search = options.search === undefined ? null : String(options.search).toLowerCase();
    const events: { record: SeriesRecord; start: Date }[] = [];
    for (const record of this.store.series.values()) {
      if (record.deleted || record.calendarId !== calendar.id || (search && !matchesSearch(record, search))) continue;
      for (const start of occurrenceStarts(record.timing, from, to)) events.push({ record, start });
    }
    events.sort((a, b) => a.start.getTime() - b.start.getTime() || a.record.id.localeCompare(b.record.id));
    const first = Number(options.start ?? 0);
    const page = events.slice(first, options.max === undefined ? undefined : first + Number(options.max));
    return page.map(({ record, start }) => asGas<GasEvent>(new FakeCalendarEvent(this.calls, this.store, record, start)));
  }

  getId(): string {
    return this.use('getId').id;
  }

  getName(): string {
    return this.use('getName').name;
  }

  getTimeZone(): string {
    return this.use('getTimeZone').timeZone;
  }

  isMyPrimaryCalendar(): boolean {
    return this.use('isMyPrimaryCalendar').isDefault;
  }

  isOwnedByMe(): boolean {
    return this.store.owns(this.use('isOwnedByMe'));
  }

  setDescription(description: string): GasCalendar {
    this.manage('setDescription').description = String(description);
    return asGas(this);
  }

  setName(name: string): GasCalendar {
    this.manage('setName').name = String(name);
    return asGas(this);
  }

  /** Existing events keep their instants; later series default to the new timezone. */
  setTimeZone(timeZone: string): GasCalendar {
    const calendar = this.manage('setTimeZone');
    if (!isValidTimeZone(timeZone)) throw new Error('Invalid argument: timeZone');
    calendar.timeZone = timeZone;
    return asGas(this);
  }
}

function matchesSearch(record: SeriesRecord, search: string): boolean {
  return [record.title, record.description, record.location].some((text) => text.toLowerCase().includes(search));
}

/** A bound for "every occurrence": the rules' own end, or ten years on for an endless series. */
function farFuture(timing: SeriesTiming): Date {
  return new Date(timing.start.getTime() + 10 * 366 * 86400000);
}

type CalendarAppMethods =
  | 'GuestStatus'
  | 'Month'
  | 'Weekday'
  | 'createCalendar'
  | 'createEventSeries'
  | 'getAllOwnedCalendars'
  | 'getCalendarById'
  | 'getCalendarsByName'
  | 'getDefaultCalendar'
  | 'getEventSeriesById'
  | 'getEvents'
  | 'getId'
  | 'getName'
  | 'getOwnedCalendarById'
  | 'getOwnedCalendarsByName'
  | 'getTimeZone'
  | 'newRecurrence';

/** CalendarApp: the user's calendars, plus the default calendar's own methods. */
export class FakeCalendarApp extends Counted implements Pick<GasCalendarApp, CalendarAppMethods> {
  readonly GuestStatus = GuestStatus;
  readonly Month = Month;
  readonly Weekday = Weekday;

  constructor(
    calls: CallCounter,
    private readonly store: CalendarStore,
  ) {
    super(calls, 'CalendarApp');
  }

  private use(method: string): void {
    this.track(method);
    this.store.checkFault(`CalendarApp.${method}`);
  }

  private handle(record: CalendarRecord | null): GasCalendar {
    return nullable(record ? new FakeCalendar(this.calls, this.store, record) : null);
  }

  /** The default calendar, answering as `CalendarApp.<method>` calls. */
  private defaultCalendar(): FakeCalendar {
    return new FakeCalendar(this.calls, this.store, this.store.defaultCalendar(), 'CalendarApp');
  }

  /** Options: timeZone, summary (the description); location, color, hidden, selected are accepted. */
  createCalendar(name: string, options: Options = {}): GasCalendar {
    this.use('createCalendar');
    const timeZone = options.timeZone === undefined ? this.store.defaultTimeZone : String(options.timeZone);
    if (!isValidTimeZone(timeZone)) throw new Error('Invalid argument: timeZone');
    this.store.checkCreation(false);
    const record: CalendarRecord = {
      id: `c_${this.store.newToken(64)}@group.calendar.google.com`,
      owner: this.store.me,
      shares: new Map(),
      name: String(name),
      description: options.summary === undefined ? '' : String(options.summary),
      timeZone,
      isDefault: false,
      deleted: false,
    };
    this.store.calendars.set(record.id, record);
    return this.handle(record);
  }

  createEventSeries(title: string, startTime: Date, endTime: Date, recurrence: GasRecurrence, options: Options = {}): GasSeries {
    return this.defaultCalendar().createEventSeries(title, startTime, endTime, recurrence, options);
  }

  getAllOwnedCalendars(): GasCalendar[] {
    this.use('getAllOwnedCalendars');
    return this.live().filter((record) => this.store.owns(record)).map((record) => this.handle(record));
  }

  /** The calendar, or null if it does not exist, was deleted, or is not shared with the current account. */
  getCalendarById(id: string): GasCalendar {
    this.use('getCalendarById');
    return this.handle(this.store.visibleCalendar(String(id)));
  }

  getCalendarsByName(name: string): GasCalendar[] {
    this.use('getCalendarsByName');
    return this.named(name, (record) => this.store.canSee(record));
  }

  getDefaultCalendar(): GasCalendar {
    this.use('getDefaultCalendar');
    return this.handle(this.store.defaultCalendar());
  }

  /** Only looks in the default calendar, as in Apps Script. */
  getEventSeriesById(iCalId: string): GasSeries {
    return this.defaultCalendar().getEventSeriesById(iCalId);
  }

  getEvents(startTime: Date, endTime: Date, options: Options = {}): GasEvent[] {
    return this.defaultCalendar().getEvents(startTime, endTime, options);
  }

  getId(): string {
    return this.defaultCalendar().getId();
  }

  getName(): string {
    return this.defaultCalendar().getName();
  }

  getOwnedCalendarById(id: string): GasCalendar {
    this.use('getOwnedCalendarById');
    const record = this.store.liveCalendar(String(id));
    return this.handle(record && this.store.owns(record) ? record : null);
  }

  getOwnedCalendarsByName(name: string): GasCalendar[] {
    this.use('getOwnedCalendarsByName');
    return this.named(name, (record) => this.store.owns(record));
  }

  getTimeZone(): string {
    return this.defaultCalendar().getTimeZone();
  }

  newRecurrence(): GasRecurrence {
    this.use('newRecurrence');
    return asGas(new FakeEventRecurrence(this.calls));
  }

  private live(): CalendarRecord[] {
    return [...this.store.calendars.values()].filter((record) => !record.deleted);
  }

  /** Calendar names match case-insensitively. */
  private named(name: string, reachable: (record: CalendarRecord) => boolean): GasCalendar[] {
    const wanted = String(name).toLowerCase();
    return this.live()
      .filter((record) => reachable(record) && record.name.toLowerCase() === wanted)
      .map((record) => this.handle(record));
  }
}

// ---------------------------------------------------------------------------------------------------
// The factory and what tests see (nothing below is counted).

export interface CalendarSnapshot {
  id: string;
  /** The account that created the calendar. */
  owner: string;
  name: string;
  description: string;
  timeZone: string;
  isDefault: boolean;
}

export interface SeriesSnapshot {
  id: string;
  calendarId: string;
  title: string;
  description: string;
  location: string;
  guests: string[];
  tags: Record<string, string>;
  start: Date;
  end: Date;
  timeZone: string;
  recurrence: RecurrenceSpec;
  invitationsSent: boolean;
}

export interface Occurrence {
  seriesId: string;
  title: string;
  start: Date;
  end: Date;
  /** Date and wall-clock times in the calendar's timezone. */
  date: LocalDate;
  startTime: WallTime;
  endTime: WallTime;
  /** This meeting's guests (its exception's, when it was changed on its own). */
  guests: string[];
}

export interface CalendarFake {
  /** Pass this where code expects `CalendarApp` (only the methods of `FakeCalendarApp` exist). */
  CalendarApp: GasCalendarApp;
  fakeCalendarApp: FakeCalendarApp;
  /** The accounts whose calendars this fake holds; `accounts.actAs` switches the user running the script. */
  accounts: FakeAccounts;
  /** Calendars that exist (not deleted) of every account, default calendars first. */
  calendars(): CalendarSnapshot[];
  /** The owner shares a calendar with `email` ('writer' = "Make changes to events"); 'none' stops sharing. */
  share(calendarId: string, email: string, role: ShareRole | 'none'): void;
  /** Series that exist, optionally of one calendar, in creation order. */
  series(calendarId?: string): SeriesSnapshot[];
  /** One series, or null when it does not exist or was deleted. */
  seriesById(id: string): SeriesSnapshot | null;
  /** Occurrences of every series of a calendar overlapping [from, to), by start. */
  occurrences(calendarId: string, from: Date, to: Date): Occurrence[];
  /** Calls that changed Calendar, in order (failed attempts included: each was a round trip). */
  writeCalls(): string[];
  /** Event series created so far (counts against the daily quota). */
  eventsCreated(): number;
  /** Lets `n` more creations (calendars or series) succeed, then fails the next `times` (default: all). */
  failAfterCreations(n: number, options?: { times?: number; message?: string }): void;
  /** Makes the next `times` (default 1) calls of `method` (e.g. `CalendarEventSeries.setRecurrence`) throw. */
  failNext(method: string, options?: { times?: number; message?: string }): void;
  /** A teacher deletes the whole series in Calendar: it disappears for the script. */
  deleteSeriesByHand(id: string): void;
  /** A teacher deletes one occurrence (on `date`, in the calendar's timezone) in Calendar. */
  deleteOccurrenceByHand(id: string, date: LocalDate): void;
  /** A teacher edits a series in Calendar (title, location or description). */
  editSeriesByHand(id: string, change: { title?: string; location?: string; description?: string }): void;
  /** Google lets every sync token issued so far expire: the next Events.list with one answers 410 Gone. */
  expireSyncTokens(): void;
  /** Pass this where code expects the advanced Calendar service (`Calendar`): Events.list, and get/patch for Meet conferences. */
  Calendar: GoogleAppsScript.Calendar;
  /** Live series with a Meet conference. */
  conferences(): number;
}

export function createCalendarFake(calls: CallCounter, options: CalendarFakeOptions = {}): CalendarFake {
  const timeZone = options.timeZone ?? 'UTC';
  if (!isValidTimeZone(timeZone)) throw new Error(`Unknown timezone ${timeZone}`);
  const accounts = options.accounts ?? new FakeAccounts(options.ownerEmail ?? DEFAULT_ACCOUNT);
  const store = new CalendarStore(
    accounts,
    timeZone,
    options.eventsPerDay ?? CALENDAR_EVENTS_PER_DAY_WORKSPACE,
    options.now ?? (() => new Date()),
  );
  const fakeCalendarApp = new FakeCalendarApp(calls, store);
  const existing = (id: string): SeriesRecord => {
    const record = store.series.get(id);
    if (!record || record.deleted) throw new Error(`The fake calendar has no event series ${id}.`);
    return record;
  };
  return {
    Calendar: asGas<GoogleAppsScript.Calendar>({ Events: new FakeEventsCollection(calls, store, options.meetPendingReads ?? 0) }),
    conferences: () => [...store.series.values()].filter((record) => record.conference && !record.deleted).length,
    CalendarApp: asGas<GasCalendarApp>(fakeCalendarApp),
    fakeCalendarApp,
    accounts,
    calendars: () =>
      [...store.calendars.values()]
        .filter((record) => !record.deleted)
        .sort((a, b) => Number(b.isDefault) - Number(a.isDefault))
        .map(({ id, owner, name, description, timeZone: zone, isDefault }) => ({ id, owner, name, description, timeZone: zone, isDefault })),
    share: (calendarId, email, role) => {
      const record = store.liveCalendar(calendarId);
      if (!record) throw new Error(`The fake has no calendar ${calendarId}.`);
      if (role === 'none') record.shares.delete(email.toLowerCase());
      else record.shares.set(email.toLowerCase(), role);
    },
    series: (calendarId) =>
      [...store.series.values()].filter((record) => !record.deleted && (!calendarId || record.calendarId === calendarId)).map(snapshotOf),
    seriesById: (id) => {
      const record = store.series.get(id);
      return record && !record.deleted ? snapshotOf(record) : null;
    },
    occurrences: (calendarId, from, to) => occurrencesOf(store, calendarId, from, to),
    writeCalls: () => calls.log().filter((name) => CALENDAR_WRITE_METHODS.has(name)),
    eventsCreated: () => store.eventsCreated,
    failAfterCreations: (n, fault = {}) => {
      store.creationAllowance = { remaining: n, failures: fault.times ?? Infinity, message: fault.message ?? CALENDAR_RATE_LIMIT_MESSAGE };
    },
    failNext: (method, fault = {}) => {
      store.faults.set(method, { remaining: fault.times ?? 1, message: fault.message ?? CALENDAR_RATE_LIMIT_MESSAGE });
    },
    deleteSeriesByHand: (id) => {
      const record = existing(id);
      record.deleted = 'hand';
      store.logChange(record);
    },
    editSeriesByHand: (id, change) => {
      const record = existing(id);
      if (change.title !== undefined) record.title = change.title;
      if (change.location !== undefined) record.location = change.location;
      if (change.description !== undefined) record.description = change.description;
      store.logChange(record);
    },
    expireSyncTokens: () => {
      store.tokenGeneration++;
    },
    deleteOccurrenceByHand: (id, date) => {
      const record = existing(id);
      const zone = store.calendars.get(record.calendarId)!.timeZone;
      const from = instantOf(date, '00:00', zone);
      const starts = occurrenceStarts(record.timing, from, instantOf(addDays(date, 1), '00:00', zone));
      const start = starts.find((instant) => localDateOf(instant, zone) === date);
      if (!start) throw new Error(`Event series ${id} has no occurrence on ${date}.`);
      record.timing.recurrence.exclusionDates.push(start);
      store.logChange(record, start);
    },
  };
}

function snapshotOf(record: SeriesRecord): SeriesSnapshot {
  return {
    id: record.id,
    calendarId: record.calendarId,
    title: record.title,
    description: record.description,
    location: record.location,
    guests: [...record.guests],
    tags: Object.fromEntries(record.tags),
    start: copyDate(record.timing.start),
    end: copyDate(record.timing.end),
    timeZone: record.timing.timeZone,
    recurrence: copySpec(record.timing.recurrence),
    invitationsSent: record.invitationsSent,
  };
}

function occurrencesOf(store: CalendarStore, calendarId: string, from: Date, to: Date): Occurrence[] {
  const calendar = store.calendars.get(calendarId);
  if (!calendar || calendar.deleted) throw new Error(`The fake has no calendar ${calendarId}.`);
  const zone = calendar.timeZone;
  const found: Occurrence[] = [];
  for (const record of store.series.values()) {
    if (record.deleted || record.calendarId !== calendarId) continue;
    const duration = record.timing.end.getTime() - record.timing.start.getTime();
    for (const start of occurrenceStarts(record.timing, from, to)) {
      const end = new Date(start.getTime() + duration);
      found.push({
        seriesId: record.id,
        title: record.title,
        start,
        end,
        date: localDateOf(start, zone),
        startTime: wallTimeOf(start, zone),
        endTime: wallTimeOf(end, zone),
        guests: [...(record.overrides?.get(start.getTime()) ?? record.guests)],
      });
    }
  }
  return found.sort((a, b) => a.start.getTime() - b.start.getTime() || a.seriesId.localeCompare(b.seriesId));
}

// ---------------------------------------------------------------------------------------------------
// The advanced Calendar service (Calendar API v3), Events.list only, as its reference and the
// incremental-sync guide describe it: a recurring series is one item (singleEvents false), an
// occurrence changed or deleted on its own is an item of its own with `recurringEventId`; the API's
// `id` is CalendarApp's ID without "@google.com" and `iCalUID` is CalendarApp's ID. Without a sync
// token the live events are listed; with one, every event changed since, deleted ones included
// (status "cancelled"). Pages hold `maxResults` items (default 250, at most 2500); `nextSyncToken`
// comes on the last page only. An expired token fails with the API's 410 error.

export const SYNC_TOKEN_GONE_MESSAGE =
  'API call to calendar.events.list failed with error: Sync token is no longer valid, a full sync is required.';

type ApiEvent = GoogleAppsScript.Calendar.Schema.Event;

class FakeEventsCollection extends Counted {
  private readonly usedRequestIds = new Set<string>();

  constructor(
    calls: CallCounter,
    private readonly store: CalendarStore,
    private readonly meetPendingReads = 0,
  ) {
    super(calls, 'Calendar.Events');
  }

  /** One event by its API ID (CalendarApp's ID without "@google.com"), in its own calendar. */
  get(calendarId: string, eventId: string): ApiEvent {
    this.track('get');
    const record = this.eventRecord(calendarId, eventId, 'get');
    const conference = record.conference;
    if (conference?.status === 'pending' && --conference.pendingReads <= 0) conference.status = 'success';
    return withConference(record);
  }

  /**
   * Patch semantics, for conference data only (what the add-on sends): ignored unless
   * conferenceDataVersion is 1, and a createRequest whose requestId was used before is ignored; a new
   * Meet conference is a change of the event (incremental sync lists it).
   */
  patch(resource: ApiEvent, calendarId: string, eventId: string, optionalArgs: { conferenceDataVersion?: number } = {}): ApiEvent {
    this.track('patch');
    const record = this.eventRecord(calendarId, eventId, 'patch');
    const request = resource.conferenceData?.createRequest;
    if (request?.requestId && optionalArgs.conferenceDataVersion === 1 && !this.usedRequestIds.has(request.requestId)) {
      if (request.conferenceSolutionKey?.type !== 'hangoutsMeet') throw new Error('API call to calendar.events.patch failed with error: Invalid conference type value.');
      this.usedRequestIds.add(request.requestId);
      if (!record.conference) {
        const n = [...this.store.series.values()].filter((r) => r.conference).length + 1;
        record.conference = { requestId: request.requestId, status: this.meetPendingReads > 0 ? 'pending' : 'success', uri: `https://meet.google.com/${meetCode(n)}`, pendingReads: this.meetPendingReads };
        this.store.logChange(record);
      }
    }
    return withConference(record);
  }

  private eventRecord(calendarId: string, eventId: string, method: string): SeriesRecord {
    const record = this.store.liveSeries(`${eventId}@google.com`, calendarId);
    if (!record) throw new Error(`API call to calendar.events.${method} failed with error: Not Found`);
    return record;
  }

  list(calendarId: string, optionalArgs: { syncToken?: string; pageToken?: string; maxResults?: number; showDeleted?: boolean } = {}): GoogleAppsScript.Calendar.Schema.Events {
    this.track('list');
    this.store.checkFault('Calendar.Events.list');
    const calendar = this.store.visibleCalendar(calendarId);
    if (!calendar) throw new Error('API call to calendar.events.list failed with error: Not Found');
    const pageSize = Math.min(Math.max(1, optionalArgs.maxResults ?? 250), 2500);
    // A page token carries the listing's snapshot (its change number) and where the page starts.
    const page = optionalArgs.pageToken ? /^p(\d+)_(\d+)_(-?\d+)$/.exec(optionalArgs.pageToken) : null;
    if (optionalArgs.pageToken && !page) throw new Error('API call to calendar.events.list failed with error: Invalid page token value.');
    const snapshot = page ? Number(page[1]) : this.store.sequence;
    const offset = page ? Number(page[2]) : 0;
    const since = page ? Number(page[3]) : optionalArgs.syncToken === undefined ? -1 : this.sinceOf(calendarId, optionalArgs.syncToken);
    const items = since < 0 ? this.liveItems(calendarId, snapshot) : this.changedItems(calendarId, since, snapshot);
    const pageItems = items.slice(offset, offset + pageSize);
    const last = offset + pageSize >= items.length;
    return {
      kind: 'calendar#events',
      items: pageItems,
      ...(last ? { nextSyncToken: `s${this.store.tokenGeneration}_${calendarId.length}_${snapshot}` } : { nextPageToken: `p${snapshot}_${offset + pageSize}_${since}` }),
    };
  }

  /** The change number a sync token was issued after; 410 Gone when it expired or is not one. */
  private sinceOf(calendarId: string, token: string): number {
    const match = /^s(\d+)_(\d+)_(\d+)$/.exec(token);
    if (!match || Number(match[1]) !== this.store.tokenGeneration || Number(match[2]) !== calendarId.length) throw new Error(SYNC_TOKEN_GONE_MESSAGE);
    return Number(match[3]);
  }

  private seriesOf(calendarId: string): SeriesRecord[] {
    return [...this.store.series.values()].filter((record) => record.calendarId === calendarId);
  }

  private liveItems(calendarId: string, snapshot: number): ApiEvent[] {
    return this.seriesOf(calendarId)
      .filter((record) => !record.deleted && record.changes[0].sequence <= snapshot)
      .map((record) => apiEvent(record, 'confirmed'));
  }

  private changedItems(calendarId: string, since: number, snapshot: number): ApiEvent[] {
    const items: ApiEvent[] = [];
    for (const record of this.seriesOf(calendarId)) {
      const changes = record.changes.filter((change) => change.sequence > since && change.sequence <= snapshot);
      if (changes.some((change) => change.instanceStart === null)) items.push(apiEvent(record, record.deleted ? 'cancelled' : 'confirmed'));
      for (const change of changes) {
        if (change.instanceStart === null) continue;
        items.push({
          id: `${apiId(record)}_${change.instanceStart.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`,
          iCalUID: record.id,
          recurringEventId: apiId(record),
          originalStartTime: { dateTime: change.instanceStart.toISOString() },
          status: change.instanceStatus ?? 'cancelled',
        });
      }
    }
    return items;
  }
}

function withConference(record: SeriesRecord): ApiEvent {
  const event = apiEvent(record, 'confirmed');
  const conference = record.conference;
  if (!conference) return event;
  const createRequest = { requestId: conference.requestId, conferenceSolutionKey: { type: 'hangoutsMeet' }, status: { statusCode: conference.status } };
  if (conference.status === 'pending') return { ...event, conferenceData: { createRequest } };
  return {
    ...event,
    hangoutLink: conference.uri,
    conferenceData: {
      createRequest,
      entryPoints: [{ entryPointType: 'video', uri: conference.uri, label: conference.uri.replace('https://', '') }],
      conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet' },
    },
  };
}

/** A Meet code shaped like Google's (`abc-defg-hij`), different for each conference (n in base 26, scrambled). */
function meetCode(n: number): string {
  let value = n * 7919 + 104729;
  const letters: string[] = [];
  for (let i = 0; i < 10; i++) {
    letters.push(String.fromCharCode(97 + (value % 26)));
    value = Math.floor(value / 26);
  }
  return `${letters.slice(0, 3).join('')}-${letters.slice(3, 7).join('')}-${letters.slice(7).join('')}`;
}

function apiId(record: SeriesRecord): string {
  return record.id.replace(/@google\.com$/, '');
}

function apiEvent(record: SeriesRecord, status: 'confirmed' | 'cancelled'): ApiEvent {
  return { id: apiId(record), iCalUID: record.id, status, summary: record.title, updated: record.updated.toISOString() };
}
