// How Google Sheets stores what a script writes with Range.setValues: the value is interpreted as if a
// user had typed it (the Sheets API calls this USER_ENTERED: "The values will be parsed as if the user
// typed them into the UI", developers.google.com/sheets/api/reference/rest/v4/ValueInputOption). A
// leading apostrophe forces literal text and is not stored; a leading `=` makes a formula, and so does a
// leading `+` or `-` that does not start a number (Sheets accepts `+A1` and `-A1` as formulas, as Lotus
// did); text that looks like a number, a boolean, an ISO date or a time of day becomes that type. Only
// the unambiguous, locale-independent parses are modelled here.
import { instantOf } from '../../../src/core/time';

/** What a cell holds: `''` when empty; a time of day or date is a `Date`, as getValues returns it. */
export type StoredValue = string | number | boolean | Date;

export interface CellContent {
  value: StoredValue;
  /** The formula text (with its `=`) when the cell holds a formula, else `''`. */
  formula: string;
}

/**
 * What getValues returns for a formula cell. The fake does not evaluate formulas; this value makes it
 * visible in tests that the text was stored as a formula (the real result is never the formula text).
 */
export const FORMULA_RESULT = '#FAKE-FORMULA-RESULT';

const EMPTY: CellContent = { value: '', formula: '' };
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BOOLEAN = /^(true|false)$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_OF_DAY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
/** Sheets' day zero: a time-of-day cell reads back as this date at that time, in the spreadsheet's zone. */
const SHEETS_EPOCH = '1899-12-30';

/** Interprets a value written by setValues/setValue the way Google Sheets does. */
export function enterValue(input: unknown, timeZone: string): CellContent {
  if (input === null || input === undefined || input === '') return EMPTY;
  if (isDate(input)) return { value: new Date(input.getTime()), formula: '' };
  if (typeof input === 'number' || typeof input === 'boolean') return { value: input, formula: '' };
  return enterText(String(input), timeZone);
}

function enterText(text: string, timeZone: string): CellContent {
  if (text.startsWith("'")) return { value: text.slice(1), formula: '' };
  if (text.startsWith('=') && text.length > 1) return { value: FORMULA_RESULT, formula: text };
  if (NUMBER.test(text)) return { value: Number(text), formula: '' };
  // `+A1`, `-x`: what Sheets' formula bar then shows, with the `=` it adds.
  if (/^[+-]./.test(text)) return { value: FORMULA_RESULT, formula: `=${text}` };
  if (BOOLEAN.test(text)) return { value: text.toLowerCase() === 'true', formula: '' };
  const date = parseIsoDate(text, timeZone) ?? parseTimeOfDay(text, timeZone);
  return { value: date ?? text, formula: '' };
}

function parseIsoDate(text: string, timeZone: string): Date | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return instantOf(text, '00:00', timeZone);
}

function parseTimeOfDay(text: string, timeZone: string): Date | null {
  const match = TIME_OF_DAY.exec(text);
  if (!match) return null;
  const [hours, minutes, seconds = 0] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const wall = `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
  return new Date(instantOf(SHEETS_EPOCH, wall, timeZone).getTime() + seconds * 1000);
}

/** True for a Date from any realm (a `vm` context has its own Date). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** A copy that callers may mutate without changing the stored cell (getValues returns fresh objects). */
export function copyValue(value: StoredValue): StoredValue {
  return value instanceof Date ? new Date(value.getTime()) : value;
}
