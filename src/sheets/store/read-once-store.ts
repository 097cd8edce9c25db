// A TableStore that reads each tab at most once per command: the physical limit is one read per input
// tab and one write per output tab, and a command's steps (today's date from Settings, the matching,
// the Undo history's fingerprint of what was written) each ask for the same tabs. A read is kept, and
// a write is kept as the tab will hold it, until the document lock is taken: what was read before the
// lock may be stale by then (another teacher may have written meanwhile).
import { valueOf, type Cell, type CellMark, type Grid, type GridCell, type TableStore, type TabStyle } from './table-store';

export class ReadOnceStore implements TableStore {
  private readonly tabs = new Map<string, Grid | null>();

  constructor(private readonly inner: TableStore) {}

  get timeZone(): string {
    return this.inner.timeZone;
  }

  /** Forgets every read: called once the document lock is held. */
  forget(): void {
    this.tabs.clear();
  }

  tabNames(): string[] {
    return this.inner.tabNames();
  }

  readTab(name: string): Grid | null {
    if (!this.tabs.has(name)) this.tabs.set(name, this.inner.readTab(name));
    const grid = this.tabs.get(name)!;
    // Callers may change the rows they get; the kept read stays as the tab holds it.
    return grid && grid.map((row) => row.slice());
  }

  readRows(name: string, first: number, count?: number): Cell[][] | null {
    const grid = this.tabs.get(name);
    if (grid === undefined) return this.inner.readRows(name, first, count);
    if (grid === null) return null;
    const from = Math.max(first, 1) - 1;
    const rows = grid.slice(from, count === undefined ? undefined : from + Math.max(count, 0));
    return rows.map((row) => row.map(valueOf));
  }

  readColumn(name: string, column: number): Cell[] | null {
    const grid = this.tabs.get(name);
    if (grid === undefined) return this.inner.readColumn(name, column);
    if (grid === null) return null;
    return grid.map((row) => (column - 1 < row.length ? valueOf(row[column - 1]) : ''));
  }

  writeTab(name: string, grid: Grid): void {
    this.inner.writeTab(name, grid);
    this.tabs.set(name, asStored(grid));
  }

  appendRows(name: string, rows: Grid): void {
    // An append is never read back whole: the next read of the tab goes to it.
    this.tabs.delete(name);
    this.inner.appendRows(name, rows);
  }

  styleTab(name: string, style: TabStyle): void {
    this.inner.styleTab(name, style);
  }

  markCells(name: string, marks: CellMark[]): void {
    this.inner.markCells(name, marks);
  }
}

/**
 * `grid` as reading the tab back gives it: text entered with a leading apostrophe holds the text after
 * it, and the used range is a rectangle without empty rows or columns at its end. A formula keeps the
 * value it was read with (the sheet computes the new one): fingerprints ignore formula cells.
 */
export function asStored(grid: Grid): Grid {
  const isEmpty = (cell: GridCell) => cell === '';
  let rows = grid.length;
  while (rows > 0 && grid[rows - 1].every(isEmpty)) rows--;
  let columns = 0;
  for (let r = 0; r < rows; r++) {
    const row = grid[r];
    for (let c = row.length - 1; c >= columns; c--) {
      if (!isEmpty(row[c])) {
        columns = c + 1;
        break;
      }
    }
  }
  return grid.slice(0, rows).map((row) =>
    Array.from({ length: columns }, (_, c) => {
      const cell = c < row.length ? row[c] : '';
      return typeof cell === 'string' && cell.startsWith("'") ? cell.slice(1) : cell;
    }),
  );
}
