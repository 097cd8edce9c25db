// The Settings tab: one row per setting, read by name. Unknown settings are left alone (a teacher
// may keep notes there); a missing setting takes its default.
import { DEFAULT_SETTINGS, type DateRange, type Level, type LocalDate, type MatchWeights, type Settings } from '../core/model';
import { isValidTimeZone, localDateOf } from '../core/time';
import { dateCell, isBlank, parseDate, parseInteger, parseList, parseYesNo, quote, yesNo, type Parsed } from './cells';
import type { Problem } from './problems';
import { SETTINGS_TAB, headerKey } from './schema';
import { indexHeaders, readTable } from './table';
import { valueOf, type Cell, type Grid, type GridCell, type TableStore } from './table-store';

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
  weightSetting('shared language', 'sharedLanguage'),
  weightSetting('learning preference', 'learningPreference'),
  weightSetting('grade gap', 'gradeGap'),
  weightSetting('level gap', 'levelGap'),
  weightSetting('continuity', 'continuity'),
  weightSetting('requested tutor', 'requestedTutor'),
  weightSetting('load spread', 'loadSpread'),
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
  for (const row of table.rows) {
    const spec = specs.get(settingKey(row.get('Setting')));
    const value = row.get('Value');
    if (!spec || isBlank(value)) continue;
    if (seen.has(spec.name)) {
      problems.push({ ...locate(row.rowNumber, 'Setting', row.columnOf('Setting')), message: `"${spec.name}" is set twice: keep one row` });
      continue;
    }
    seen.add(spec.name);
    const message = spec.apply(value, settings, store.timeZone);
    if (message) problems.push({ ...locate(row.rowNumber, 'Value', row.columnOf('Value')), message: `${spec.name}: ${message}` });
  }
  return { settings, problems };
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
