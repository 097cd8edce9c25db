// A form response as it arrives (by the form-submit trigger, from the responses tab, or from a CSV
// export): when it was submitted and its answers by question title. Its Response ID is derived from the
// response itself, so the same response is recognised whichever way, and however often, it arrives.
import { fingerprintOf } from '../scheduling/fingerprint';
import { instantOf, isValidTimeZone } from '../time';
import type { FormKind } from './questions';

export interface RawResponse {
  form: FormKind;
  submitted: Date;
  /** Question title → answer text, as the respondent gave it. */
  answers: Record<string, string>;
}

/**
 * `R-` and 16 hex digits over the form, the submission second and the answers (trimmed, by title).
 * Two identical answers by the same student in the same second are one response: nothing tells them apart.
 */
export function responseIdOf(response: RawResponse): string {
  const seconds = Math.floor(response.submitted.getTime() / 1000);
  const answers = Object.fromEntries(
    Object.entries(response.answers)
      .map(([title, answer]) => [title.trim(), answer.trim()])
      .filter(([, answer]) => answer !== ''),
  );
  return `R-${fingerprintOf({ form: response.form, seconds, answers })}`;
}

/** An empty event (no answer at all) is not a response: Apps Script sometimes fires a form-submit trigger with one. */
export function isGhost(response: Pick<RawResponse, 'answers'>): boolean {
  return Object.values(response.answers).every((answer) => answer.trim() === '');
}

const MONTH_FIRST = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?$/i;
const YEAR_FIRST = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?\s*(?:(GMT|UTC)(?:([+-]\d{1,2})(?::?(\d{2}))?)?)?$/i;

/**
 * A submission time as Forms and Sheets write it: `2027/03/01 3:05:11 PM GMT-5` (Forms' CSV download,
 * with its own offset), `3/1/2027 15:05:11` (a US-locale responses tab saved as CSV) or
 * `2027-03-01 15:05:11`, both in the program timezone, or an ISO instant. Null when it is none of these.
 */
export function parseSubmitted(text: string, timeZone: string): Date | null {
  const value = text.trim();
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const instant = new Date(value);
    return Number.isNaN(instant.getTime()) ? null : instant;
  }
  const us = MONTH_FIRST.exec(value);
  if (us) return wallInstant(+us[3], +us[1], +us[2], +us[4], +us[5], +(us[6] ?? 0), us[7], null, timeZone);
  const iso = YEAR_FIRST.exec(value);
  if (!iso) return null;
  const offset = iso[8] ? Number(iso[9] ?? 0) * 60 + Math.sign(Number(iso[9] ?? 0) || 1) * Number(iso[10] ?? 0) : null;
  return wallInstant(+iso[1], +iso[2], +iso[3], +iso[4], +iso[5], +(iso[6] ?? 0), iso[7], offset, timeZone);
}

function wallInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  meridiem: string | undefined,
  offsetMinutes: number | null,
  timeZone: string,
): Date | null {
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem.toUpperCase() === 'PM' ? 12 : 0);
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (offsetMinutes !== null) {
    const utc = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
    return new Date(utc);
  }
  if (!isValidTimeZone(timeZone)) return null;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  const instant = instantOf(date, `${pad(hour)}:${pad(minute)}`, timeZone);
  return new Date(instant.getTime() + second * 1000);
}

/** Columns of a responses tab or export that are not answers: left out of the Response ID. */
const NOT_ANSWERS = new Set(['timestamp', 'score', 'email address']);

/**
 * A response from one row of a responses tab or CSV export (`headers` are the question titles, the
 * first being Timestamp). Null when the row has no readable submission time.
 */
export function responseFromRow(form: FormKind, headers: readonly string[], cells: readonly (string | Date)[], timeZone: string): RawResponse | null {
  const timestampAt = headers.findIndex((header) => header.trim().toLowerCase() === 'timestamp');
  const stamp = cells[timestampAt];
  const submitted = stamp instanceof Date ? stamp : typeof stamp === 'string' ? parseSubmitted(stamp, timeZone) : null;
  if (!submitted || Number.isNaN(submitted.getTime())) return null;
  const answers: Record<string, string> = {};
  headers.forEach((header, i) => {
    const title = header.trim();
    if (NOT_ANSWERS.has(title.toLowerCase()) || title === '') return;
    const cell = cells[i];
    answers[title] = cell instanceof Date ? cell.toISOString() : String(cell ?? '');
  });
  return { form, submitted, answers };
}
