// Reading typed values out of cells and writing safe values into them. Each parser returns either
// a value or a plain-English message saying what the cell should look like.
import type { Level, LocalDate, SubjectLevel, WallTime } from '../../core/model';
import { instantOf, isLocalDate, localDateOf, wallTimeOf } from '../../core/time';
import type { Cell } from './table-store';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** The text of a cell as a teacher sees it, trimmed. */
export function cellText(cell: Cell): string {
  return cell instanceof Date ? cell.toISOString() : String(cell).trim();
}

export function isBlank(cell: Cell): boolean {
  return cell === '' || (typeof cell === 'string' && cell.trim() === '');
}

/** Google Sheets holds at most this many characters in one cell. */
export const MAX_CELL_CHARACTERS = 50_000;

/** The message for a cell longer than Google Sheets holds; null when it fits. */
export function tooLongMessage(cell: Cell): string | null {
  const length = typeof cell === 'string' ? cell.length : 0;
  if (length <= MAX_CELL_CHARACTERS) return null;
  return `holds ${length.toLocaleString('en-US')} characters, more than the ${MAX_CELL_CHARACTERS.toLocaleString('en-US')} a Google Sheets cell holds: shorten it`;
}

/**
 * What is wrong with a cell that cannot be read: `"seventh" is not a grade from K to 12`, or for a blank
 * cell `is empty: fill in a grade from K to 12` (a quoted `""` would leave the teacher guessing).
 */
function unreadable(cell: Cell, problem: string, expected: string): string {
  return isBlank(cell) ? `is empty: fill in ${expected}` : `${quote(cell)} ${problem}`;
}

/** Quotes a cell's content for a message, shortened so a pasted essay doesn't flood the report. */
export function quote(cell: Cell): string {
  const text = cellText(cell);
  return `"${text.length > 40 ? `${text.slice(0, 37)}...` : text}"`;
}

/** `Yes`/`No` text or a checkbox (TRUE/FALSE). */
export function parseYesNo(cell: Cell): Parsed<boolean> {
  if (typeof cell === 'boolean') return ok(cell);
  const text = cellText(cell).toLowerCase();
  if (text === 'yes' || text === 'true') return ok(true);
  if (text === 'no' || text === 'false') return ok(false);
  return fail(unreadable(cell, 'should be Yes or No', 'Yes or No'));
}

/** How the add-on writes a Yes/No cell; `null` (not recorded) stays blank. */
export function yesNo(value: boolean | null): string {
  return value === null ? '' : value ? 'Yes' : 'No';
}

/** One of a fixed list of words, case-insensitive; returns the canonical spelling. */
export function parseChoice<T extends string>(cell: Cell, choices: readonly T[]): Parsed<T> {
  const text = cellText(cell).toLowerCase();
  const found = choices.find((choice) => choice.toLowerCase() === text);
  return found ? ok(found) : fail(unreadable(cell, `should be one of ${choices.join(', ')}`, `one of ${choices.join(', ')}`));
}

/** A whole number in [min, max]. */
export function parseInteger(cell: Cell, min: number, max: number): Parsed<number> {
  const text = cellText(cell);
  const value = typeof cell === 'number' ? cell : /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value)) return fail(unreadable(cell, 'is not a whole number', `a whole number from ${min} to ${max}`));
  if (value < min || value > max) return fail(`${value} should be between ${min} and ${max}`);
  return ok(value);
}

/** School grade: K (kindergarten, 0) to 12. */
export function parseGrade(cell: Cell): Parsed<number> {
  if (cellText(cell).toUpperCase() === 'K') return ok(0);
  const parsed = parseInteger(cell, 0, 12);
  return parsed.ok ? parsed : fail(unreadable(cell, 'is not a grade from K to 12', 'a grade from K to 12'));
}

/** A list inside one cell, separated by `;` or `,`; blanks dropped. */
export function parseList(cell: Cell): string[] {
  return cellText(cell)
    .split(/[;,]/)
    .map((item) => item.trim().replace(/\s+/g, ' '))
    .filter((item) => item !== '');
}

/** `Math 4; Reading 3` → subjects with levels 1-4. Each bad item is reported on its own. */
export function parseSubjectLevels(cell: Cell): Parsed<SubjectLevel[]> {
  const items: SubjectLevel[] = [];
  for (const item of parseList(cell)) {
    const match = /^(.*\S)\s+(\d+)$/.exec(item);
    if (!match) return fail(`"${item}" is not a subject and level like "Math 4"`);
    const level = Number(match[2]);
    if (level < 1 || level > 4) return fail(`"${item}": the level should be 1 to 4`);
    items.push({ subject: match[1], level: level as Level });
  }
  return ok(items);
}

const TIME_24H = /^(\d{1,2}):(\d{2})$/;
/** `3:45 PM`, `3:45pm`, `3:45 p.m.`: what US teachers type. */
const TIME_12H = /^(\d{1,2}):(\d{2})\s*([ap])\.?\s*m\.?$/i;

/** Hours and minutes of 24-hour or AM/PM text; null when it is neither. */
function hoursAndMinutes(text: string): [number, number] | null {
  const h24 = TIME_24H.exec(text);
  if (h24) return Number(h24[1]) <= 23 && Number(h24[2]) <= 59 ? [Number(h24[1]), Number(h24[2])] : null;
  const h12 = TIME_12H.exec(text);
  if (!h12 || Number(h12[1]) < 1 || Number(h12[1]) > 12 || Number(h12[2]) > 59) return null;
  const afternoon = h12[3].toLowerCase() === 'p';
  return [(Number(h12[1]) % 12) + (afternoon ? 12 : 0), Number(h12[2])];
}

/** `HH:MM` 24-hour or `h:mm AM/PM` text, or a time cell (a Date in the store's timezone). */
export function parseTime(cell: Cell, timeZone: string): Parsed<WallTime> {
  if (cell instanceof Date) return ok(wallTimeOf(cell, timeZone));
  const time = hoursAndMinutes(cellText(cell));
  if (!time) return fail(unreadable(cell, 'is not a time like 15:30 or 3:30 PM', 'a time like 15:30 or 3:30 PM'));
  const pad = (n: number) => String(n).padStart(2, '0');
  return ok(`${pad(time[0])}:${pad(time[1])}`);
}

/** `5/28/2027`: month first, as US teachers write dates. */
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** `yyyy-mm-dd` or `m/d/yyyy` text as a date; null when it is neither or no such day exists. */
function dateOfText(text: string): LocalDate | null {
  const us = US_DATE.exec(text);
  const iso = us ? `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}` : text;
  return isLocalDate(iso) ? iso : null;
}

/** A date cell, or `yyyy-mm-dd` or `m/d/yyyy` text (what a teacher may type or paste). */
export function parseDate(cell: Cell, timeZone: string): Parsed<LocalDate> {
  if (cell instanceof Date) {
    return isNaN(cell.getTime()) ? fail('the date is not valid') : ok(localDateOf(cell, timeZone));
  }
  const date = dateOfText(cellText(cell));
  return date ? ok(date) : fail(unreadable(cell, 'is not a date (use a date cell, 2026-09-01 or 9/1/2026)', 'a date'));
}

/** A date cell: midnight of `date` in the store's timezone; blank for no date. */
export function dateCell(date: LocalDate | null, timeZone: string): Cell {
  return date === null ? '' : instantOf(date, '00:00', timeZone);
}

/**
 * Text as the add-on writes it: always behind an apostrophe, so it is stored as exactly this text.
 * Range.setValues reads a string as if the teacher had typed it: `00041` becomes 41, `TRUE` a
 * boolean, `2027-03-01` a date, `3:45` a time, and `=…`, `+…`, `-…` formulas — and which strings are
 * re-typed depends on the spreadsheet's locale (`1/2`, `1,5`, `50%`, `$5`). An ID read back as a number
 * no longer matches its pair, and a student's `=IMPORTXML(…)` would run. The apostrophe is not part
 * of the stored text (the .xlsx store drops it the same way).
 */
export function literalText(text: string): string {
  return text === '' ? '' : `'${text}`;
}
