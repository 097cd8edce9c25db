// Header-based access to a tab: rows become records keyed by the schema's headers, wherever the
// teacher has moved the columns; extra teacher columns are carried along untouched.
import { isBlank, literalText } from './cells';
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

/** Reads a tab as records. Blank rows are skipped; a missing tab or header is a problem, not a crash. */
export function readTable(store: TableStore, spec: TabSpec): Table {
  const grid = store.readTab(spec.name);
  if (grid === null) return { spec, headers: [], rows: [], problems: [missingTab(spec)] };
  const headers = grid[0] ?? [];
  const index = indexHeaders(headers);
  const problems = spec.columns
    .filter((column) => column.required && !index.has(headerKey(column.header)))
    .map((column) => missingHeader(spec, column.header));
  const rows: TableRow[] = [];
  grid.slice(1).forEach((cells, offset) => {
    if (cells.every(isBlank)) return;
    rows.push(makeRow(cells, offset + 2, index));
  });
  return { spec, headers, rows, problems };
}

function makeRow(cells: Cell[], rowNumber: number, index: Map<string, number>): TableRow {
  return {
    rowNumber,
    cells,
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
 */
export function writeTable(store: TableStore, spec: TabSpec, records: RecordValues[]): void {
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
  writeGrid(store, spec.name, [headers, ...rows]);
}

/** One string for a row's key cells; '' when any is blank (such rows keep nothing). */
function rowKey(cells: Cell[]): string {
  const parts = cells.map((cell) => String(cell).trim().toLowerCase());
  return parts.some((part) => part === '') ? '' : parts.join('\u0000');
}

/**
 * The one way the add-on writes a tab: every string is stored as the exact text it is (see
 * literalText), so a student's `=IMPORTXML(…)` never becomes a formula and an ID like `00041`, `TRUE`
 * or `2027-03-01` stays the text the teacher typed.
 */
export function writeGrid(store: TableStore, tab: string, grid: Grid): void {
  store.writeTab(tab, grid.map((row) => row.map((cell) => (typeof cell === 'string' ? literalText(cell) : cell))));
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
