// An in-memory TableStore for unit tests of the sheets layer, with the spreadsheet's semantics: `''` for
// empty cells, a leading apostrophe stored as literal text without it, reads trimmed to the used range
// (rectangular), `null` for a missing tab and `[]` for an empty one. Calls are counted like the fakes'.
import { Formula, valueOf, type Cell, type CellMark, type Grid, type GridCell, type TableStore, type TabStyle } from '../../src/sheets/store/table-store';
import { CallCounter } from './apps-script/calls';
import { enterValue } from './apps-script/values';

export interface MemoryTableStoreOptions {
  timeZone?: string;
  /**
   * Interpret written text as Google Sheets does (numbers, booleans, ISO dates, times, `=` formulas),
   * not only the apostrophe rule. Off by default: most sheets-layer tests want values kept as written.
   */
  userEntered?: boolean;
}

export class MemoryTableStore implements TableStore {
  readonly timeZone: string;
  /** Calls named `TableStore.<method>`. */
  readonly calls = new CallCounter();
  private readonly userEntered: boolean;
  private readonly tabs = new Map<string, Grid>();
  private readonly styles = new Map<string, TabStyle>();
  private readonly marks = new Map<string, CellMark[]>();

  constructor(tabs: Record<string, Grid> = {}, options: MemoryTableStoreOptions = {}) {
    this.timeZone = options.timeZone ?? 'UTC';
    this.userEntered = options.userEntered ?? false;
    for (const [name, grid] of Object.entries(tabs)) this.tabs.set(name, this.stored(grid));
  }

  tabNames(): string[] {
    this.calls.record('TableStore.tabNames');
    return [...this.tabs.keys()];
  }

  readTab(name: string): Grid | null {
    this.calls.record('TableStore.readTab');
    const grid = this.tabs.get(name);
    return grid ? usedRange(grid).map((row) => row.map(copyCell)) : null;
  }

  writeTab(name: string, grid: Grid): void {
    this.calls.record('TableStore.writeTab');
    this.tabs.set(name, this.stored(grid));
  }

  readRows(name: string, first: number, count?: number): Cell[][] | null {
    this.calls.record('TableStore.readRows');
    const grid = this.tabs.get(name);
    if (!grid) return null;
    const start = Math.max(first, 1) - 1;
    return usedRange(grid)
      .slice(start, count === undefined ? undefined : start + count)
      .map((row) => row.map((cell) => copyCell(valueOf(cell))));
  }

  readColumn(name: string, column: number): Cell[] | null {
    this.calls.record('TableStore.readColumn');
    const grid = this.tabs.get(name);
    if (!grid) return null;
    return usedRange(grid).map((row) => copyCell(valueOf(row[column - 1] ?? '')));
  }

  appendRows(name: string, rows: Grid): void {
    this.calls.record('TableStore.appendRows');
    const grid = this.tabs.get(name);
    if (!grid) throw new Error(`The tab "${name}" does not exist.`);
    if (rows.length === 0) return;
    // Only the new rows are stored as written; the rows already there stay exactly as they are.
    const used = usedRange(grid);
    const added = this.stored(rows);
    const width = Math.max(used[0]?.length ?? 0, added[0]?.length ?? 0);
    const pad = (row: GridCell[]) => [...row, ...Array<GridCell>(width - row.length).fill('')];
    this.tabs.set(name, [...used.map(pad), ...added.map(pad)]);
  }

  styleTab(name: string, style: TabStyle): void {
    this.calls.record('TableStore.styleTab');
    this.requireTab(name);
    this.styles.set(name, structuredClone(style));
  }

  markCells(name: string, marks: CellMark[]): void {
    this.calls.record('TableStore.markCells');
    if (marks.length) this.requireTab(name);
    this.marks.set(name, marks.map((mark) => ({ ...mark })));
  }

  // --- test helpers (not counted) ---

  /** The style last applied to a tab, or undefined. */
  styleOf(name: string): TabStyle | undefined {
    return this.styles.get(name);
  }

  /** The marks currently on a tab (each markCells call replaces the previous ones). */
  marksOf(name: string): CellMark[] {
    return this.marks.get(name) ?? [];
  }

  /** The stored grid as written (not trimmed), for assertions on what a write produced. */
  rawTab(name: string): Grid | undefined {
    return this.tabs.get(name);
  }

  private requireTab(name: string): void {
    if (!this.tabs.has(name)) throw new Error(`The tab "${name}" does not exist.`);
  }

  /** A rectangular copy, each cell stored as the spreadsheet would store it. */
  private stored(grid: Grid): Grid {
    const width = grid.reduce((max, row) => Math.max(max, row.length), 0);
    return grid.map((row) => Array.from({ length: width }, (_, j) => this.storedCell(j < row.length ? row[j] : '')));
  }

  /** A formula is kept as a Formula (its value unknown: the store does not evaluate). */
  private storedCell(cell: GridCell | null | undefined): GridCell {
    if (cell === null || cell === undefined) return '';
    if (cell instanceof Formula) return cell;
    if (this.userEntered) return enterValue(cell, this.timeZone).value;
    if (typeof cell === 'string' && cell.startsWith("'")) return cell.slice(1);
    return copyCell(cell);
  }
}

function copyCell<T extends GridCell>(cell: T): T;
function copyCell(cell: GridCell): GridCell {
  return cell instanceof Date ? new Date(cell.getTime()) : cell;
}

/** The grid up to its last row and column holding a value, like a sheet's data range. */
function usedRange(grid: Grid): Grid {
  let rows = 0;
  let columns = 0;
  grid.forEach((row, i) =>
    row.forEach((cell, j) => {
      if (cell !== '') {
        rows = Math.max(rows, i + 1);
        columns = Math.max(columns, j + 1);
      }
    }),
  );
  return grid.slice(0, rows).map((row) => row.slice(0, columns));
}
