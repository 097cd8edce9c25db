// Header-based access to a tab: rows become records keyed by the schema's headers, wherever the
// teacher has moved the columns; extra teacher columns are carried along untouched.
import { cellText, isBlank, safeText, tooLongMessage } from './cells';
import type { Problem } from './problems';
import { headerKey, type TabSpec } from './schema';
import type { Cell, Grid, TableStore } from './table-store';

export interface TableRow {
  /** 1-based sheet row. */
  rowNumber: number;
  /** Cell of each schema header ('' when the optional column is absent). */
  get(header: string): Cell;
  /** 1-based sheet column of a schema header, 0 when absent. */
  columnOf(header: string): number;
  /** The raw row, including the teacher's own columns. */
  cells: Cell[];
  /** Cells of the row that no Google Sheet could hold (over 50,000 characters), located. */
  problems: Problem[];
}

export interface Table {
  spec: TabSpec;
  /** The header row as it stands in the sheet. */
  headers: Cell[];
  rows: TableRow[];
  problems: Problem[];
}

/** Maps each normalised header to its 0-based column; the first occurrence wins. */
export function indexHeaders(headers: Cell[]): Map<string, number> {
  const index = new Map<string, number>();
  headers.forEach((header, column) => {
    const key = headerKey(header);
    if (key !== '' && !index.has(key)) index.set(key, column);
  });
  return index;
}

function missingTab(spec: TabSpec): Problem {
  return {
    tab: spec.name,
    row: 0,
    column: '',
    columnIndex: 0,
    message: `the tab is missing: run Peer Tutoring → Set up program to create it`,
  };
}

function missingHeader(spec: TabSpec, header: string): Problem {
  return {
    tab: spec.name,
    row: 1,
    column: header,
    columnIndex: 0,
    message: `the header "${header}" is missing from row 1: add it back (columns may be in any order)`,
  };
}

/** `A`, `B`, … `AA`: a column as the spreadsheet labels it (1-based). */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** A header of the schema written twice: the add-on would read the first and ignore what is typed in the other. */
function duplicateHeaders(spec: TabSpec, headers: Cell[]): Problem[] {
  return spec.columns.flatMap((column) => {
    const key = headerKey(column.header);
    const at = headers.flatMap((header, i) => (headerKey(header) === key ? [i + 1] : []));
    if (at.length < 2) return [];
    return [{
      tab: spec.name,
      row: 1,
      column: column.header,
      columnIndex: at[1],
      message: `the header "${column.header}" is in ${at.length} columns (${at.map(columnLetter).join(', ')}): keep one, so it is clear which one the add-on reads`,
    }];
  });
}

/** Reads a tab as records. Blank rows are skipped; a missing tab or header is a problem, not a crash. */
export function readTable(store: TableStore, spec: TabSpec): Table {
  const grid = store.readTab(spec.name);
  if (grid === null) return { spec, headers: [], rows: [], problems: [missingTab(spec)] };
  const headers = grid[0] ?? [];
  const index = indexHeaders(headers);
  const problems = [
    ...spec.columns.filter((column) => column.required && !index.has(headerKey(column.header))).map((column) => missingHeader(spec, column.header)),
    ...duplicateHeaders(spec, headers),
  ];
  const rows: TableRow[] = [];
  grid.slice(1).forEach((cells, offset) => {
    if (cells.every(isBlank)) return;
    rows.push(makeRow(spec.name, headers, cells, offset + 2, index));
  });
  return { spec, headers, rows, problems };
}

function tooLongCells(tab: string, headers: Cell[], cells: Cell[], rowNumber: number): Problem[] {
  return cells.flatMap((cell, i) => {
    const message = tooLongMessage(cell);
    const column = cellText(headers[i] ?? '') || `column ${columnLetter(i + 1)}`;
    return message ? [{ tab, row: rowNumber, column, columnIndex: i + 1, message }] : [];
  });
}

function makeRow(tab: string, headers: Cell[], cells: Cell[], rowNumber: number, index: Map<string, number>): TableRow {
  return {
    rowNumber,
    cells,
    problems: tooLongCells(tab, headers, cells, rowNumber),
    get(header) {
      const column = index.get(headerKey(header));
      return column === undefined ? '' : cells[column] ?? '';
    },
    columnOf(header) {
      const column = index.get(headerKey(header));
      return column === undefined ? 0 : column + 1;
    },
  };
}

/** Headers for writing: the sheet's own order, then any schema header it lacks, appended. */
export function mergedHeaders(spec: TabSpec, existing: Cell[]): Cell[] {
  const trimmed = trimTrailingBlanks(existing);
  const index = indexHeaders(trimmed);
  const added = spec.columns.filter((column) => !index.has(headerKey(column.header))).map((c) => c.header);
  return [...trimmed, ...added];
}

function trimTrailingBlanks(cells: Cell[]): Cell[] {
  let end = cells.length;
  while (end > 0 && isBlank(cells[end - 1])) end--;
  return cells.slice(0, end);
}

export type RecordValues = Record<string, Cell>;

/**
 * Writes `records` as the tab's rows in one batched write. Columns keep the sheet's order; values of
 * the teacher's own columns are kept for rows whose key (the spec's key columns) is unchanged.
 * `teacherRows` (rows as read from this tab that are not the add-on's) follow, exactly as they were.
 */
export function writeTable(store: TableStore, spec: TabSpec, records: RecordValues[], teacherRows: Cell[][] = []): void {
  const existing = store.readTab(spec.name) ?? [];
  const headers = mergedHeaders(spec, existing[0] ?? []);
  const keyHeaders = spec.key ?? [spec.columns[0].header];
  const previousByKey = previousRowsByKey(existing, headers, keyHeaders);
  const index = indexHeaders(headers);
  const rows = records.map((record) => {
    const key = rowKey(keyHeaders.map((header) => record[header] ?? ''));
    const row: Cell[] = previousByKey.get(key)?.slice() ?? headers.map(() => '');
    for (const [header, value] of Object.entries(record)) {
      const column = index.get(headerKey(header));
      if (column !== undefined) row[column] = value;
    }
    return row;
  });
  const kept = teacherRows.map((cells) => headers.map((_, column) => cells[column] ?? ''));
  writeGrid(store, spec.name, [headers, ...rows, ...kept]);
}

/** One string for a row's key cells; '' when any is blank (such rows keep nothing). */
function rowKey(cells: Cell[]): string {
  const parts = cells.map((cell) => String(cell).trim().toLowerCase());
  return parts.some((part) => part === '') ? '' : parts.join('\u0000');
}

/**
 * The one way the add-on writes a tab: every string is stored as literal text, so a student's
 * `=IMPORTXML(…)` (or a value read back and rewritten) never becomes a formula.
 */
export function writeGrid(store: TableStore, tab: string, grid: Grid): void {
  store.writeTab(tab, grid.map((row) => row.map((cell) => (typeof cell === 'string' ? safeText(cell) : cell))));
}

function previousRowsByKey(existing: Grid, headers: Cell[], keyHeaders: string[]): Map<string, Cell[]> {
  const byKey = new Map<string, Cell[]>();
  const index = indexHeaders(existing[0] ?? []);
  const keyColumns = keyHeaders.map((header) => index.get(headerKey(header)));
  if (keyColumns.some((column) => column === undefined)) return byKey;
  for (const cells of existing.slice(1)) {
    const key = rowKey(keyColumns.map((column) => cells[column!] ?? ''));
    if (key) byKey.set(key, headers.map((_, column) => cells[column] ?? ''));
  }
  return byKey;
}
