// Which calendar is the program's, and who owns it. A calendar belongs to the account that created
// it; CalendarApp reaches "calendars that the user owns or is subscribed to" (Apps Script reference,
// class CalendarApp), so for another teacher getCalendarById gives null until the owner shares it, and
// CalendarApp itself cannot share a calendar. The document's properties therefore remember the
// calendar's ID, owner and name, and a teacher who cannot open it is told whom to ask — never given a
// second calendar of their own by surprise, which would invite every pair again and leave the first
// calendar's series running.

type Calendar = GoogleAppsScript.Calendar.Calendar;
type Properties = Pick<GoogleAppsScript.Properties.Properties, 'getProperty' | 'setProperties' | 'deleteProperty'>;
type CalendarApp = Pick<GoogleAppsScript.Calendar.CalendarApp, 'createCalendar' | 'getCalendarById' | 'getId'>;

const PREFIX = 'ptHub.calendar.';
export const CALENDAR_ID = `${PREFIX}id`;
const OWNER = `${PREFIX}owner`;
const NAME = `${PREFIX}name`;

/** Why this account cannot sync the program calendar; the sync leaves Calendar alone and says this. */
export class CalendarUnavailable extends Error {
  constructor(readonly notice: string) {
    super(notice);
    this.name = 'CalendarUnavailable';
  }
}

export interface ProgramCalendarRecord {
  id: string | null;
  /** The owner's email; null for a calendar made by an earlier version that did not record it. */
  owner: string | null;
  name: string;
}

export function programCalendarRecord(properties: Properties): ProgramCalendarRecord {
  return {
    id: properties.getProperty(CALENDAR_ID),
    owner: properties.getProperty(OWNER),
    name: properties.getProperty(NAME) ?? '',
  };
}

/**
 * The program's calendar for the account running the script: its own or one shared with it. A
 * calendar the owner deleted is made again (by the owner only); with no calendar yet, one is made
 * and this account recorded as its owner. Throws CalendarUnavailable when the recorded calendar
 * belongs to someone else (or its owner is unknown) and this account cannot open it.
 */
export function openProgramCalendar(calendarApp: CalendarApp, properties: Properties, name: string, timeZone: string): Calendar {
  const record = programCalendarRecord(properties);
  const found = record.id ? calendarApp.getCalendarById(record.id) : null;
  if (found) {
    // Calendars made before owners were recorded: the owner says so the first time they sync.
    if (!record.owner && found.isOwnedByMe()) properties.setProperties({ [OWNER]: me(calendarApp), [NAME]: found.getName() });
    return found;
  }
  if (record.id && !(record.owner && sameAccount(record.owner, me(calendarApp)))) {
    throw new CalendarUnavailable(unavailableNotice(record));
  }
  const calendar = calendarApp.createCalendar(name, { timeZone });
  properties.setProperties({ [CALENDAR_ID]: calendar.getId(), [OWNER]: me(calendarApp), [NAME]: name });
  return calendar;
}

/** The account running the script: its default calendar's ID is its email (no extra OAuth scope needed). */
function me(calendarApp: CalendarApp): string {
  return calendarApp.getId();
}

function sameAccount(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function calendarName(record: ProgramCalendarRecord): string {
  return record.name ? `"${record.name}"` : 'of this program';
}

function unavailableNotice(record: ProgramCalendarRecord): string {
  const who = record.owner ?? 'the teacher who first scheduled sessions here';
  return (
    `Calendar was not changed: the program calendar ${calendarName(record)} belongs to ${who} and is not shared with your account. ` +
    `Ask them to share the calendar ${calendarName(record)} with you with "Make changes to events" permission, or to run Schedule sessions themselves. ` +
    'To hand the program over to a calendar of your own instead, use Peer Tutoring → Start a new program calendar.'
  );
}

/** What a sync says when the account may see the calendar but not change its events. */
export function readOnlyNotice(properties: Properties): string {
  const record = programCalendarRecord(properties);
  const who = record.owner ?? 'its owner';
  return (
    `Calendar was only partly changed: your account may see the program calendar ${calendarName(record)} but not change its events. ` +
    `Ask ${who} to give you "Make changes to events" permission on it, or to run Schedule sessions themselves.`
  );
}

/** Forgets the program calendar (its ID, owner and name): the next sync makes a new one, owned by whoever runs it. */
export function forgetProgramCalendar(properties: Properties): void {
  for (const key of [CALENDAR_ID, OWNER, NAME]) properties.deleteProperty(key);
}
