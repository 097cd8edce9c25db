// An in-memory TableStore for unit tests of the sheets layer, with the spreadsheet's semantics: `''` for
// empty cells, a leading apostrophe stored as literal text without it, reads trimmed to the used range
// (rectangular), `null` for a missing tab and `[]` for an empty one. Calls are counted like the fakes'.
import { Formula, type CellMark, type Grid, type GridCell, type TableStore, type TabStyle } from '../../src/sheets/table-store';
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
