// The port through which the program database is read and written. Three backends implement it:
// SpreadsheetApp (src/gas), an .xlsx workbook (src/local) and an in-memory fake (test/).
// Every method is one batched operation on a whole tab: never one call per row or cell.

import { moveFormula } from './formula';

/** What a cell holds: `""` when empty, a `Date` for date and time cells. */
export type Cell = string | number | boolean | Date;

/**
 * A cell holding a formula (a teacher's, in a column or row of their own): the formula in A1
 * notation with its `=`, the value it showed when read, and the 1-based row and column it was read
 * from. Written back, it stays a formula, its references moved with it when it lands in another row
 * (see moveFormula); the add-on never makes one from text.
 */
export class Formula {
  constructor(
    readonly text: string,
    readonly value: Cell,
    readonly row: number,
    readonly column: number,
  ) {}

  /** The formula as it reads in the cell at `row`, `column` (a copy and paste there). */
  movedTo(row: number, column: number): Formula {
    return new Formula(moveFormula(this.text, row - this.row, column - this.column), this.value, row, column);
  }

  /** How the Undo history keeps it (JSON); `fromJSON` reads it back. */
  toJSON(): { formula: string; row: number; column: number } {
    return { formula: this.text, row: this.row, column: this.column };
  }

  static fromJSON(json: { formula: string; row: number; column: number }): Formula {
    return new Formula(String(json.formula), '', Number(json.row) || 0, Number(json.column) || 0);
  }
}

/** A cell of a whole-tab read or write: a value, or a formula. */
export type GridCell = Cell | Formula;
export type Grid = GridCell[][];

/** What a cell shows: the value of a formula, the cell itself otherwise. */
export function valueOf(cell: GridCell): Cell {
  return cell instanceof Formula ? cell.value : cell;
}

/** Presentation of a tab: what "Set up program" applies to its header row and columns. */
export interface TabStyle {
  /** Number of columns the header occupies (the tab's full header row). */
  columnCount: number;
  /** Note on each header cell, by 0-based column; '' for none. */
  headerNotes: string[];
  /** Dropdown values of a column, by 0-based column index. */
  dropdowns: { column: number; values: string[] }[];
  /** Columns holding dates, by 0-based column index. */
  dateColumns: number[];
  /** Protect the header row with a warning (teachers can still type). */
  protectHeader: boolean;
  hidden?: boolean;
}

/** Starts every note a store writes as a mark; how its marks are told apart from teachers' notes. */
export const MARK_NOTE_PREFIX = '⚠ Peer Tutoring Hub: ';
/** Separates a mark from the teacher's own note on the same cell, which is kept and restored. */
export const TEACHER_NOTE_SEPARATOR = '\n\n--- Your note ---\n';

/** The note a cell gets for its marks, keeping the teacher's own note below them. */
export function markedNote(messages: string[], teacherNote: string): string {
  return MARK_NOTE_PREFIX + messages.join('\n') + (teacherNote ? TEACHER_NOTE_SEPARATOR + teacherNote : '');
}

/** What is left of a note when its marks are cleared: the teacher's own note, or ''. */
export function teacherPartOfNote(note: string): string {
  if (!note.startsWith(MARK_NOTE_PREFIX)) return note;
  const at = note.indexOf(TEACHER_NOTE_SEPARATOR);
  return at < 0 ? '' : note.slice(at + TEACHER_NOTE_SEPARATOR.length);
}

/** A problem to show on a cell: a note and a highlight. Row and column are 1-based, as a teacher sees them. */
export interface CellMark {
  row: number;
  column: number;
  message: string;
}

export interface TableStore {
  /** Timezone in which date cells are read and written (the spreadsheet's; UTC for .xlsx). */
  readonly timeZone: string;
  tabNames(): string[];
  /**
   * The tab's used range as a rectangular grid (header row first), `""` for empty cells and a
   * `Formula` for each formula cell; `null` when the tab does not exist; `[]` when it exists but is empty.
   */
  readTab(name: string): Grid | null;
  /**
   * Replaces the tab's contents with `grid` (header row first), creating the tab when missing.
   * Cells beyond the grid that held values before are cleared. A string starting with `'` is
   * stored as literal text without the apostrophe, as in Google Sheets; a `Formula` is stored as
   * its formula text.
   */
  writeTab(name: string, grid: Grid): void;
  /**
   * Rows `first`… (1-based) of the tab, at most `count` of them (default: to the last row holding
   * anything), each as wide as the tab's used columns: what the cells show (a formula's value), `""`
   * when empty. `null` when the tab does not exist, `[]` when it has no such rows. One batched read
   * whatever the tab's size, so the last rows of a long log are read without the rest of it.
   */
  readRows(name: string, first: number, count?: number): Cell[][] | null;
  /** One column (1-based) from row 1 to the tab's last row holding anything, as readRows shows cells; `null` for a missing tab. */
  readColumn(name: string, column: number): Cell[] | null;
  /**
   * Writes `rows` right below the tab's last row holding anything, in one batched write; the tab must
   * exist. Cells are stored as writeTab stores them. Nothing else of the tab is read back or rewritten,
   * so appending to a log costs the same however long the log is.
   */
  appendRows(name: string, rows: Grid): void;
  /** Applies header formatting, header notes, dropdowns and protection. */
  styleTab(name: string, style: TabStyle): void;
  /** Replaces the problem marks (notes and highlights) previously set on this tab. */
  markCells(name: string, marks: CellMark[]): void;
}
