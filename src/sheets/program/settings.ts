// The Settings tab: one row per setting, read by name. Unknown settings are left alone (a teacher
// may keep notes there); a missing setting takes its default.
import { WEEKDAYS } from '../../core/model';
import { DEFAULT_SETTINGS, type AlertThresholds, type DateRange, type Level, type LocalDate, type MatchWeights, type Settings } from '../../core/model';
import { parseRoutine } from '../../core/sessions/routine';
import { daysBetween, isValidTimeZone, localDateOf } from '../../core/time';
import { dateCell, isBlank, parseDate, parseInteger, parseList, parseYesNo, quote, yesNo, type Parsed } from '../store/cells';
import type { Problem } from './problems';
import { SETTINGS_TAB, headerKey } from './schema';
import { indexHeaders, readTable, writeGrid } from '../store/table';
import { valueOf, type Cell, type Grid, type GridCell, type TableStore } from '../store/table-store';

type Draft = Settings;

interface SettingSpec {
  name: string;
  /** The cell that holds this setting's value ('' for none). */
  valueOf(settings: Settings, timeZone: string): Cell;
  /** Parses the cell into the draft; returns a message when it cannot. */
  apply(cell: Cell, draft: Draft, timeZone: string): string | null;
}

function assign<T>(parsed: Parsed<T>, set: (value: T) => void): string | null {
  if (!parsed.ok) return parsed.message;
  set(parsed.value);
  return null;
}

function weightSetting(name: string, key: keyof MatchWeights): SettingSpec {
  return {
    name: `Weight: ${name}`,
    valueOf: (settings) => settings.weights[key],
    apply: (cell, draft) =>
      assign(parseInteger(cell, 0, 1000), (value) => (draft.weights = { ...draft.weights, [key]: value })),
  };
}

function alertSetting(name: string, key: keyof AlertThresholds, min: number, max: number): SettingSpec {
  return {
    name: `Alert: ${name}`,
    valueOf: (settings) => settings.alerts[key],
    apply: (cell, draft) => assign(parseInteger(cell, min, max), (value) => (draft.alerts = { ...draft.alerts, [key]: value })),
  };
}

function mentorSetting(name: string, key: keyof Settings['mentor'], min: number, max: number): SettingSpec {
  return {
    name: `Mentor: ${name}`,
    valueOf: (settings) => settings.mentor[key],
    apply: (cell, draft) => assign(parseInteger(cell, min, max), (value) => (draft.mentor = { ...draft.mentor, [key]: value })),
  };
}

/** `2026-12-21..2027-01-01; 2027-02-15` → ranges; each item a date or a `from..to` range. */
export function parseNoSchoolDates(cell: Cell, timeZone: string): Parsed<DateRange[]> {
  if (cell instanceof Date) {
    const date = parseDate(cell, timeZone);
    return date.ok ? { ok: true, value: [{ from: date.value, to: date.value }] } : date;
  }
  const ranges: DateRange[] = [];
  for (const item of parseList(cell)) {
    const [fromText, toText = fromText, extra] = item.split('..').map((part) => part.trim());
    const from = parseDate(fromText, timeZone);
    const to = parseDate(toText, timeZone);
    if (extra !== undefined || !from.ok || !to.ok) {
      return { ok: false, message: `"${item}" is not a date like 2026-11-26 or a range like 2026-12-21..2027-01-01` };
    }
    if (to.value < from.value) return { ok: false, message: `the range "${item}" ends before it starts` };
    ranges.push({ from: from.value, to: to.value });
  }
  return { ok: true, value: ranges };
}

/** `1; 3; 7; 14; 30`: growing whole numbers of days. */
function parseReviewDays(cell: Cell): Parsed<number[]> {
  const days = parseList(cell).map((item) => Number(item));
  if (days.some((day) => !Number.isInteger(day) || day < 1 || day > 365) || days.some((day, i) => i > 0 && day <= days[i - 1])) {
    return { ok: false, message: `${quote(cell)} should be growing numbers of days like 1; 3; 7; 14; 30` };
  }
  return { ok: true, value: days };
}

export const SETTING_SPECS: SettingSpec[] = [
  {
    name: 'Program name',
    valueOf: (settings) => settings.programName,
    apply: (cell, draft) => ((draft.programName = String(cell).trim() || DEFAULT_SETTINGS.programName), null),
  },
  {
    name: 'Timezone',
    valueOf: (settings) => settings.timezone,
    apply: (cell, draft) => {
      const zone = String(cell).trim();
      if (!isValidTimeZone(zone)) return `${quote(cell)} is not a timezone name like America/Chicago`;
      draft.timezone = zone;
      return null;
    },
  },
  {
    name: 'Term start',
    valueOf: (settings, zone) => dateCell(settings.termStart, zone),
    apply: (cell, draft, zone) => assign(parseDate(cell, zone), (value) => (draft.termStart = value)),
  },
  {
    name: 'Term end',
    valueOf: (settings, zone) => dateCell(settings.termEnd, zone),
    apply: (cell, draft, zone) => assign(parseDate(cell, zone), (value) => (draft.termEnd = value)),
  },
  {
    name: 'No-school dates',
    valueOf: (settings) => settings.noSchoolDates.map((r) => (r.from === r.to ? r.from : `${r.from}..${r.to}`)).join('; '),
    apply: (cell, draft, zone) => assign(parseNoSchoolDates(cell, zone), (value) => (draft.noSchoolDates = value)),
  },
  {
    name: 'Min tutor level',
    valueOf: (settings) => settings.minTutorLevel,
    apply: (cell, draft) => assign(parseInteger(cell, 1, 4), (value) => (draft.minTutorLevel = value as Level)),
  },
  {
    name: 'Max tutees per tutor',
    valueOf: (settings) => settings.maxTuteesPerTutor,
    apply: (cell, draft) => assign(parseInteger(cell, 0, 20), (value) => (draft.maxTuteesPerTutor = value)),
  },
  {
    name: 'Require training',
    valueOf: (settings) => yesNo(settings.requireTraining),
    apply: (cell, draft) => assign(parseYesNo(cell), (value) => (draft.requireTraining = value)),
  },
  {
    name: 'Sessions per week',
    valueOf: (settings) => settings.sessionsPerWeek,
    apply: (cell, draft) => assign(parseInteger(cell, 1, 7), (value) => (draft.sessionsPerWeek = value)),
  },
  {
    name: 'New pairs start as trial',
    valueOf: (settings) => yesNo(settings.startWithTrial),
    apply: (cell, draft) => assign(parseYesNo(cell), (value) => (draft.startWithTrial = value)),
  },
  {
    name: 'Mastery tickets',
    valueOf: (settings) => settings.masteryTickets,
    apply: (cell, draft) => assign(parseInteger(cell, 1, 20), (value) => (draft.masteryTickets = value)),
  },
  {
    name: 'Mastery score',
    valueOf: (settings) => settings.masteryScore,
    apply: (cell, draft) => assign(parseInteger(cell, 0, 100), (value) => (draft.masteryScore = value)),
  },
  {
    name: 'Review days',
    valueOf: (settings) => settings.reviewDays.join('; '),
    apply: (cell, draft) => assign(parseReviewDays(cell), (value) => (draft.reviewDays = value)),
  },
  {
    name: 'Family letter note',
    valueOf: (settings) => settings.familyLetterNote,
    apply: (cell, draft) => ((draft.familyLetterNote = String(cell).trim()), null),
  },
  {
    name: 'Anonymisation key',
    valueOf: (settings) => settings.anonymisationKey,
    apply: (cell, draft) => ((draft.anonymisationKey = String(cell).trim()), null),
  },
  {
    name: 'Session routine',
    valueOf: (settings) => settings.sessionRoutine,
    apply: (cell, draft) => {
      const parsed = parseRoutine(String(cell));
      if (!parsed.ok) return `${quote(cell)} ${parsed.message}`;
      draft.sessionRoutine = String(cell).trim();
      return null;
    },
  },
  {
    name: 'Weekly tutor email',
    valueOf: (settings) => settings.weeklyEmailDay ?? 'Off',
    apply: (cell, draft) => {
      const text = String(cell).trim();
      if (/^off$/i.test(text)) return ((draft.weeklyEmailDay = null), null);
      const day = WEEKDAYS.find((d) => d.toLowerCase() === text.slice(0, 3).toLowerCase() && text.length <= 9);
      if (!day) return `${quote(cell)} should be Off or the day the email goes out for the week after, e.g. Sun`;
      draft.weeklyEmailDay = day;
      return null;
    },
  },
  {
    name: 'Required training modules',
    valueOf: (settings) => settings.requiredTrainingModules.join('; '),
    apply: (cell, draft) => ((draft.requiredTrainingModules = parseList(cell)), null),
  },
  {
    name: 'Keep personal data for days after term end',
    valueOf: (settings) => settings.retentionDays,
    apply: (cell, draft) => assign(parseInteger(cell, 0, 3650), (value) => (draft.retentionDays = value)),
  },
  mentorSetting('held sessions at least', 'heldSessions', 1, 500),
  mentorSetting('attendance at least %', 'attendancePercent', 0, 100),
  mentorSetting('new tutors per mentor', 'capacity', 1, 20),
  {
    name: 'Daily alerts email',
    valueOf: (settings) => yesNo(settings.dailyAlertsEmail),
    apply: (cell, draft) => assign(parseYesNo(cell), (value) => (draft.dailyAlertsEmail = value)),
  },
  alertSetting('attendance below %', 'attendancePercent', 0, 100),
  alertSetting('attendance over sessions', 'attendanceWindow', 1, 20),
  alertSetting('stalled after tickets', 'stalledTickets', 2, 20),
  alertSetting('low mood at or below', 'lowMood', 1, 5),
  alertSetting('no reflections for days', 'silentDays', 1, 120),
  alertSetting('waitlisted for days', 'waitDays', 1, 365),
  alertSetting('tutor sessions per week above', 'tutorSessionsPerWeek', 1, 30),
  weightSetting('shared language', 'sharedLanguage'),
  weightSetting('learning preference', 'learningPreference'),
  weightSetting('grade gap', 'gradeGap'),
  weightSetting('level gap', 'levelGap'),
  weightSetting('continuity', 'continuity'),
  weightSetting('requested tutor', 'requestedTutor'),
  weightSetting('load spread', 'loadSpread'),
  weightSetting('stability', 'stability'),
];

/** Settings as written by Set up program: defaults, with Timezone blank (the spreadsheet's applies). */
export const INITIAL_SETTINGS: Settings = { ...DEFAULT_SETTINGS, timezone: '' };

/** Today's date in the program timezone: the day matching and scheduling count from. */
export function programToday(store: TableStore, now: Date): LocalDate {
  return localDateOf(now, readSettings(store).settings.timezone);
}

function settingKey(name: Cell): string {
  return String(name).trim().toLowerCase();
}

/** Reads Settings; blank values take defaults, and the store's timezone stands in for a blank Timezone. */
export function readSettings(store: TableStore): { settings: Settings; problems: Problem[] } {
  const table = readTable(store, SETTINGS_TAB);
  const settings: Settings = { ...DEFAULT_SETTINGS, timezone: store.timeZone };
  const problems = [...table.problems];
  const specs = new Map(SETTING_SPECS.map((spec) => [settingKey(spec.name), spec]));
  const seen = new Set<string>();
  const rowOf = new Map<string, number>();
  for (const row of table.rows) {
    const spec = specs.get(settingKey(row.get('Setting')));
    const value = row.get('Value');
    problems.push(...row.problems);
    if (!spec || isBlank(value) || row.problems.length) continue;
    if (seen.has(spec.name)) {
      problems.push({ ...locate(row.rowNumber, 'Setting', row.columnOf('Setting')), message: `"${spec.name}" is set twice: keep one row` });
      continue;
    }
    seen.add(spec.name);
    rowOf.set(spec.name, row.rowNumber);
    const message = spec.apply(value, settings, store.timeZone);
    if (message) problems.push({ ...locate(row.rowNumber, 'Value', row.columnOf('Value')), message: `${spec.name}: ${message}` });
  }
  const term = termProblem(settings);
  const termEndRow = table.rows.find((row) => row.rowNumber === rowOf.get('Term end'));
  if (term && termEndRow) problems.push({ ...locate(termEndRow.rowNumber, 'Value', termEndRow.columnOf('Value')), message: term });
  return { settings, problems };
}

/** A school term is at most about a year: a longer one is a typo in a year (2126), which would plan decades of sessions. */
export const MAX_TERM_DAYS = 400;

/** What is wrong with the term's dates as a whole (each date on its own can be fine); null when nothing. */
function termProblem({ termStart, termEnd }: Settings): string | null {
  if (!termStart || !termEnd) return null;
  if (termEnd < termStart) return `Term end (${termEnd}) is before Term start (${termStart})`;
  const days = daysBetween(termStart, termEnd);
  if (days > MAX_TERM_DAYS) {
    return `the term from ${termStart} to ${termEnd} is ${days.toLocaleString('en-US')} days long, more than a school year (at most ${MAX_TERM_DAYS} days): check the year`;
  }
  return null;
}

function locate(row: number, column: string, columnIndex: number): Omit<Problem, 'message'> {
  return { tab: SETTINGS_TAB.name, row, column, columnIndex };
}

/**
 * Puts `settings` into a Settings grid: rows for missing settings are appended; existing rows get
 * the new value only when `overwrite` is set. Returns null when nothing changes.
 */
export function fillSettings(grid: Grid, settings: Settings, timeZone: string, overwrite: boolean): { grid: Grid; added: string[] } | null {
  const index = indexHeaders(grid[0]);
  const nameColumn = index.get(headerKey('Setting')) ?? 0;
  const valueColumn = index.get(headerKey('Value')) ?? 1;
  const rowOf = new Map(grid.map((row, r) => [settingKey(valueOf(row[nameColumn] ?? '')), r] as const).filter(([, r]) => r > 0));
  const result = grid.map((row) => [...row]);
  const added: string[] = [];
  let changed = false;
  for (const spec of SETTING_SPECS) {
    const value = spec.valueOf(settings, timeZone);
    const at = rowOf.get(settingKey(spec.name));
    if (at === undefined) {
      const row: GridCell[] = grid[0].map(() => '');
      row[nameColumn] = spec.name;
      row[valueColumn] = value;
      result.push(row);
      added.push(spec.name);
    } else if (overwrite) {
      result[at][valueColumn] = value;
      changed = true;
    }
  }
  return added.length || changed ? { grid: result, added } : null;
}

/** Sets one setting's value cell (adding the row when missing); every other cell stays as typed. */
export function setSetting(store: TableStore, name: string, value: GridCell): void {
  const grid = (store.readTab(SETTINGS_TAB.name) ?? [[SETTINGS_TAB.columns[0].header, SETTINGS_TAB.columns[1].header]]).map((row) => [...row]);
  const index = indexHeaders(grid[0]);
  const nameColumn = index.get(headerKey('Setting')) ?? 0;
  const valueColumn = index.get(headerKey('Value')) ?? 1;
  const at = grid.findIndex((row, r) => r > 0 && settingKey(valueOf(row[nameColumn] ?? '')) === settingKey(name));
  if (at > 0) grid[at][valueColumn] = value;
  else {
    const row: GridCell[] = grid[0].map(() => '');
    row[nameColumn] = name;
    row[valueColumn] = value;
    grid.push(row);
  }
  writeGrid(store, SETTINGS_TAB.name, grid);
}
