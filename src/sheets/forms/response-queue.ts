// The responses tabs the forms write to ("Form Responses 1", …) are the durable queue of responses:
// Google writes each submission there before any script runs, so a run that cannot file it now loses
// nothing. Any run that holds the document lock files what waits, in order: for each responses tab a
// mark (kept by the caller, e.g. in document properties) says through which row it was filed and the
// a digest of that row, so only the new rows are read. If that row no longer holds what it held (a
// teacher sorted or deleted rows), the whole tab is read again: Response IDs keep filing exactly once.
import { formOfHeaders, type FormKind } from '../../core/forms/questions';
import { responseFromRow, type RawResponse } from '../../core/forms/responses';
import { fingerprintOf } from '../../core/scheduling/fingerprint';
import { cellText } from '../store/cells';
import { CONTRACT_TABS, HISTORY_TAB } from '../program/schema';
import type { Cell, TableStore } from '../store/table-store';
import { fileResponses, type FilingReport } from './filing-service';

export interface QueueMark {
  tab: string;
  form: FormKind;
  /** The last row filed (1 = only the header). */
  filedThrough: number;
  /** A digest of that row's cells ('' before the first): tells whether the row is still where it was. */
  lastRow: string;
}

/** Where the marks are kept between runs. */
export interface QueueState {
  load(): QueueMark[];
  save(marks: QueueMark[]): void;
}

export interface QueueRun {
  report: FilingReport;
  /** Rows read from the responses tabs. */
  rows: number;
  /** Tabs read again from the top because their last filed row had changed. */
  rescanned: string[];
}

interface Waiting {
  response: RawResponse;
  order: number;
}

/** Files every response not yet filed from every known responses tab, oldest first; the caller holds the document lock. */
export function fileQueuedResponses(store: TableStore, state: QueueState, now: Date): QueueRun {
  const waiting: Waiting[] = [];
  const rescanned: string[] = [];
  const marks: QueueMark[] = [];
  let rows = 0;
  const before = state.load();
  for (const mark of before) {
    const read = readNewRows(store, mark);
    if (!read) continue; // the tab was deleted, or is no longer a responses tab: forget it
    if (read.rescanned) rescanned.push(mark.tab);
    rows += read.responses.length;
    read.responses.forEach((response) => waiting.push({ response, order: waiting.length }));
    marks.push(read.mark);
  }
  // In the order they were sent (stable for the same second), whichever form they came from.
  waiting.sort((a, b) => a.response.submitted.getTime() - b.response.submitted.getTime() || a.order - b.order);
  // Nothing new (the usual case for the runs of a burst after the first): no tab of the program is read.
  const report = waiting.length ? fileResponses(store, waiting.map((entry) => entry.response), now) : emptyReport();
  if (JSON.stringify(marks) !== JSON.stringify(before)) state.save(marks);
  return { report, rows, rescanned };
}

function emptyReport(): FilingReport {
  return { received: 0, reflections: 0, exitTickets: 0, duplicates: 0, ghosts: 0, needsReview: 0, attendance: 0, talkRequests: [], help: { booked: [], unplaced: [] } };
}

function readNewRows(store: TableStore, mark: QueueMark): { responses: RawResponse[]; mark: QueueMark; rescanned: boolean } | null {
  const header = store.readRows(mark.tab, 1, 1)?.[0];
  if (!header || responsesTabForm(header) !== mark.form) return null;
  const headers = header.map(cellText);
  let first = Math.max(mark.filedThrough, 2);
  let cells = store.readRows(mark.tab, first) ?? [];
  let rescanned = false;
  if (mark.filedThrough >= 2) {
    if (cells.length && rowDigest(cells[0]) === mark.lastRow) {
      cells = cells.slice(1);
      first++;
    } else {
      // The row filed last is not what it was: read the tab again from the top.
      rescanned = true;
      first = 2;
      cells = store.readRows(mark.tab, 2) ?? [];
    }
  }
  const responses = cells
    .map((row) => responseFromRow(mark.form, headers, row.map(answerCell), store.timeZone))
    .filter((response): response is RawResponse => response !== null);
  if (cells.length === 0) return { responses, mark: rescanned ? { ...mark, filedThrough: 1, lastRow: '' } : mark, rescanned };
  return { responses, mark: { ...mark, filedThrough: first + cells.length - 1, lastRow: rowDigest(cells[cells.length - 1]) }, rescanned };
}

/** What a responses-tab cell holds, as an answer: a number (a scale) as its digits; dates stay dates. */
function answerCell(cell: Cell): string | Date {
  return cell instanceof Date ? cell : String(cell);
}

/** A row's content, as a short digest (dates by instant). */
function rowDigest(cells: readonly Cell[]): string {
  return fingerprintOf(cells.map((cell) => (cell instanceof Date ? cell.toISOString() : cellText(cell))));
}

/** A new responses tab to file from, starting after its header; a tab already known is left as it is. */
export function withResponsesTab(marks: readonly QueueMark[], tab: string, form: FormKind): QueueMark[] {
  if (marks.some((mark) => mark.tab === tab)) return [...marks];
  return [...marks, { tab, form, filedThrough: 1, lastRow: '' }];
}

/** Which form a tab's header row belongs to, when it is a responses tab (a Timestamp column, then the form's questions). */
export function responsesTabForm(header: readonly Cell[]): FormKind | null {
  const titles = header.map(cellText);
  if (!titles.some((title) => title.trim().toLowerCase() === 'timestamp')) return null;
  return formOfHeaders(titles);
}

/**
 * Adds every responses tab not known yet (a form linked by hand, a tab renamed, marks lost): each is
 * then read from the top, and Response IDs keep what was filed before from being filed again.
 */
export function discoverResponsesTabs(store: TableStore, marks: readonly QueueMark[]): QueueMark[] {
  const known = new Set([...marks.map((mark) => mark.tab), ...CONTRACT_TABS.map((spec) => spec.name), HISTORY_TAB.name]);
  let found = [...marks];
  for (const tab of store.tabNames()) {
    if (known.has(tab)) continue;
    const form = responsesTabForm(store.readRows(tab, 1, 1)?.[0] ?? []);
    if (form) found = withResponsesTab(found, tab, form);
  }
  return found;
}
