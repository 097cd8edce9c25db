// Header-based access to a tab: rows become records keyed by the schema's headers, wherever the
// teacher has moved the columns; extra teacher columns, and rows of the teacher's own, are carried
// along untouched (formulas stay formulas).
import { cellText, isBlank, literalText, tooLongMessage } from './cells';
import { columnLetter } from './columns';
import type { Problem } from '../program/problems';
import { headerKey, type TabSpec } from '../program/schema';
import { Formula, valueOf, type Cell, type Grid, type GridCell, type TableStore } from './table-store';

export interface TableRow {
  /** 1-based sheet row. */
  rowNumber: number;
  /** What the cell of each schema header shows ('' when the optional column is absent). */
  get(header: string): Cell;
  /** 1-based sheet column of a schema header, 0 when absent. */
  columnOf(header: string): number;
  /** The raw row, including the teacher's own columns and formulas. */
  cells: GridCell[];
  /** Cells of the row that no Google Sheet could hold (over 50,000 characters), located. */
  problems: Problem[];
}

export interface Table {
  spec: TabSpec;
  /** The header row as it stands in the sheet. */
  headers: GridCell[];
  rows: TableRow[];
  problems: Problem[];
}

/** Maps each normalised header to its 0-based column; the first occurrence wins. */
export function indexHeaders(headers: GridCell[]): Map<string, number> {
  const index = new Map<string, number>();
  headers.forEach((header, column) => {
    const key = headerKey(valueOf(header));
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


/** A header of the schema written twice: the add-on would read the first and ignore what is typed in the other. */
function duplicateHeaders(spec: TabSpec, headers: GridCell[]): Problem[] {
  return spec.columns.flatMap((column) => {
    const key = headerKey(column.header);
    const at = headers.flatMap((header, i) => (headerKey(valueOf(header)) === key ? [i + 1] : []));
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
  const columns = columnFinder(index);
  const rows: TableRow[] = [];
  for (let r = 1; r < grid.length; r++) {
    const cells = grid[r];
    if (!isBlankRow(cells)) rows.push(new SheetRow(r + 1, cells, tooLongCells(spec.name, headers, cells, r + 1), columns));
  }
  return { spec, headers, rows, problems };
}

/**
 * A row of a table. One object per row, its columns found through the table's shared finder: a
 * school year of sessions is 57,000 rows, each read by twenty headers.
 */
class SheetRow implements TableRow {
  constructor(
    readonly rowNumber: number,
    readonly cells: GridCell[],
    readonly problems: Problem[],
    private readonly columns: (header: string) => number | undefined,
  ) {}

  get(header: string): Cell {
    const column = this.columns(header);
    return column === undefined ? '' : valueOf(this.cells[column] ?? '');
  }

  columnOf(header: string): number {
    const column = this.columns(header);
    return column === undefined ? 0 : column + 1;
  }
}

/** Cells too long to be data; runs over every cell of every log row, so it allocates nothing for a row without one. */
function tooLongCells(tab: string, headers: GridCell[], cells: GridCell[], rowNumber: number): Problem[] {
  let problems: Problem[] | null = null;
  for (let i = 0; i < cells.length; i++) {
    const message = tooLongMessage(valueOf(cells[i]));
    if (!message) continue;
    const column = cellText(valueOf(headers[i] ?? '')) || `column ${columnLetter(i + 1)}`;
    (problems ??= []).push({ tab, row: rowNumber, column, columnIndex: i + 1, message });
  }
  return problems ?? NO_PROBLEMS;
}

/** Shared by every row without a problem: frozen, so nothing can add to it by mistake. */
const NO_PROBLEMS = Object.freeze([]) as unknown as Problem[];

function isBlankRow(cells: readonly GridCell[]): boolean {
  return cells.every((cell) => isBlank(valueOf(cell)));
}

/** A value or a formula (even one that shows nothing, like a prepared `=IF(A9="","",…)`). */
function holdsSomething(cells: readonly GridCell[]): boolean {
  return cells.some((cell) => cell instanceof Formula || !isBlank(cell));
}

/** Headers for writing: the sheet's own order, then any schema header it lacks, appended. */
export function mergedHeaders(spec: TabSpec, existing: GridCell[]): GridCell[] {
  const trimmed = trimTrailingBlanks(existing);
  const index = indexHeaders(trimmed);
  const added = spec.columns.filter((column) => !index.has(headerKey(column.header))).map((c) => c.header);
  return [...trimmed, ...added];
}

function trimTrailingBlanks(cells: GridCell[]): GridCell[] {
  let end = cells.length;
  while (end > 0 && isBlank(valueOf(cells[end - 1]))) end--;
  return cells.slice(0, end);
}

export type RecordValues = Record<string, Cell>;

/**
 * Writes `records` as the tab's rows in one batched write (a generator's records are made as they
 * are written, so none outlives its row). Columns keep the sheet's order; the
 * teacher's own columns of a row whose key (the spec's key columns) is unchanged go with it, and rows
 * of the teacher's own (no key) stay, below the records. Formulas stay formulas, moved with their row
 * as a copy and paste would move them (a total over a whole column, `G:G`, stays right wherever it is).
 */
export function writeTable(store: TableStore, spec: TabSpec, records: Iterable<RecordValues>): void {
  const existing = store.readTab(spec.name) ?? [];
  const headers = mergedHeaders(spec, existing[0] ?? []);
  const keyHeaders = spec.key ?? [spec.columns[0].header];
  const previous = previousRows(existing, headers, keyHeaders);
  const columnOf = columnFinder(indexHeaders(headers));
  const literals = new Map<string, string>();
  // Each row made as written, at once: rows kept to be converted later outlive the young generation,
  // and a school year of sessions left 57,000 of them for the full garbage collector.
  const rows: GridCell[][] = [];
  for (const record of records) {
    const key = rowKey(keyHeaders.map((header) => record[header] ?? ''));
    const row: GridCell[] = previous.byKey.get(key)?.slice() ?? headers.map(() => '');
    // for…in, not Object.entries: a school year of session records would be a million small arrays.
    for (const header in record) {
      const column = columnOf(header);
      if (column !== undefined) row[column] = record[header];
    }
    rows.push(asWritten(row, rows.length + 2, literals));
  }
  const below = previous.unkeyed.map((row, k) => asWritten(row, rows.length + 2 + k, literals));
  store.writeTab(spec.name, [asWritten(headers, 1, literals), ...rows, ...below]);
}

/** The column of a record's header, each header normalised once (records repeat the same few). */
function columnFinder(index: Map<string, number>): (header: string) => number | undefined {
  const found = new Map<string, number | undefined>();
  return (header) => {
    if (!found.has(header)) found.set(header, index.get(headerKey(header)));
    return found.get(header);
  };
}

/** One string for a row's key cells; '' when any is blank (such rows keep nothing). */
function rowKey(cells: GridCell[]): string {
  const parts = cells.map((cell) => String(valueOf(cell)).trim().toLowerCase());
  return parts.some((part) => part === '') ? '' : parts.join('\u0000');
}

/**
 * The one way the add-on writes a tab: every string is stored as the exact text it is (see
 * literalText), so a student's `=IMPORTXML(…)` never becomes a formula and an ID like `00041`, `TRUE`
 * or `2027-03-01` stays the text the teacher typed. A teacher's formula is written where it lands,
 * its relative references moved with it.
 */
export function writeGrid(store: TableStore, tab: string, grid: Grid): void {
  const literals = new Map<string, string>();
  store.writeTab(tab, grid.map((row, i) => asWritten(row.slice(), i + 1, literals)));
}

/**
 * `row` as writeGrid writes it at sheet row `rowNumber`, converted in place (the caller's own copy).
 * Each text's literal is made once per write (`literals`): a school year's rows repeat the same
 * names, places and agendas, and one string for each lets the store keep one too.
 */
function asWritten(row: GridCell[], rowNumber: number, literals: Map<string, string>): GridCell[] {
  for (let j = 0; j < row.length; j++) {
    const cell = row[j];
    if (typeof cell === 'string') {
      let literal = literals.get(cell);
      if (literal === undefined) literals.set(cell, (literal = literalText(cell)));
      row[j] = literal;
    } else if (cell instanceof Formula) row[j] = cell.movedTo(rowNumber, j + 1);
  }
  return row;
}

/** The existing rows by key, each laid out in `headers`' columns; rows without a key that hold something. */
function previousRows(existing: Grid, headers: GridCell[], keyHeaders: string[]): { byKey: Map<string, GridCell[]>; unkeyed: GridCell[][] } {
  const byKey = new Map<string, GridCell[]>();
  const unkeyed: GridCell[][] = [];
  const index = indexHeaders(existing[0] ?? []);
  const keyColumns = keyHeaders.map((header) => index.get(headerKey(header)));
  if (keyColumns.some((column) => column === undefined)) return { byKey, unkeyed };
  for (const cells of existing.slice(1)) {
    const key = rowKey(keyColumns.map((column) => cells[column!] ?? ''));
    const row = headers.map((_, column) => cells[column] ?? '');
    if (key) byKey.set(key, row);
    else if (holdsSomething(cells)) unkeyed.push(row);
  }
  return { byKey, unkeyed };
}

/** A log tab as the add-on appends to it: its header row and one key column, the rest never read. */
export interface LogColumn {
  /** The header row as it stands; [] when the tab does not exist. */
  headers: Cell[];
  /** The key column's cells below the header, in row order. */
  keys: Cell[];
  exists: boolean;
  /** Every header of the spec is there, so rows can be appended without rewriting the header. */
  complete: boolean;
}

/**
 * Reads a log's header row and its `keyHeader` column only (two batched reads), so filing one more
 * response costs the same whether the log holds 100 rows or 100,000.
 */
export function readLogColumn(store: TableStore, spec: TabSpec, keyHeader: string): LogColumn {
  const headers = store.readRows(spec.name, 1, 1);
  if (headers === null) return { headers: [], keys: [], exists: false, complete: false };
  const header = headers[0] ?? [];
  const index = indexHeaders(header);
  const complete = spec.columns.every((column) => index.has(headerKey(column.header)));
  const at = index.get(headerKey(keyHeader));
  const keys = at === undefined ? [] : (store.readColumn(spec.name, at + 1) ?? []).slice(1);
  return { headers: header, keys, exists: true, complete };
}

/**
 * Appends `records` below the tab's last row, laid out in `headers` (the sheet's own order), each
 * string written as the exact text it is (see writeGrid). One batched write; the rows above are not
 * touched. The caller has checked that `headers` hold every column the records name.
 */
export function appendRecords(store: TableStore, tab: string, headers: readonly Cell[], records: RecordValues[]): void {
  if (records.length === 0) return;
  const index = indexHeaders([...headers]);
  const width = headers.length;
  const rows = records.map((record) => {
    const row: GridCell[] = Array.from({ length: width }, () => '');
    for (const [header, value] of Object.entries(record)) {
      const column = index.get(headerKey(header));
      if (column !== undefined) row[column] = typeof value === 'string' ? literalText(value) : value;
    }
    return row;
  });
  store.appendRows(tab, rows);
}
