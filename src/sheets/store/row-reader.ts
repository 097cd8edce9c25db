// Reading one row of a tab into a model: each cell is parsed, and every cell that cannot be read
// becomes a Problem located at its tab, row and column instead of stopping at the first.
import { cellText, isBlank, type Parsed } from './cells';
import type { Problem } from '../program/problems';
import type { TableRow } from './table';
import type { Cell } from './table-store';

export class RowReader {
  /** Starts with the row's cells that are too long to keep; each cell read may add one. */
  readonly problems: Problem[];
  constructor(
    private readonly tab: string,
    readonly row: TableRow,
  ) {
    this.problems = [...row.problems];
  }

  cell(header: string): Cell {
    return this.row.get(header);
  }

  text(header: string): string {
    return cellText(this.cell(header));
  }

  report(header: string, message: string): void {
    this.problems.push({
      tab: this.tab,
      row: this.row.rowNumber,
      column: header,
      columnIndex: this.row.columnOf(header),
      message,
    });
  }

  /** Parses a cell; on failure reports it and returns `fallback` (also for a cell already reported as too long). */
  parse<T>(header: string, parser: (cell: Cell) => Parsed<T>, fallback: T): T {
    if (this.hasProblem(header)) return fallback;
    const parsed = parser(this.cell(header));
    if (parsed.ok) return parsed.value;
    this.report(header, parsed.message);
    return fallback;
  }

  /** Like `parse`, for a cell that may be left blank: blank (or unreadable, reported) gives `blank`. */
  parseOptional<T, B>(header: string, parser: (cell: Cell) => Parsed<T>, blank: B): T | B {
    return isBlank(this.cell(header)) ? blank : this.parse<T | B>(header, parser, blank);
  }

  hasProblem(header: string): boolean {
    return this.problems.some((problem) => problem.column === header);
  }

  /** The cell's text; an empty cell is reported with `message`. */
  required(header: string, message = 'is empty: fill it in'): string {
    const text = this.text(header);
    if (text === '') this.report(header, message);
    return text;
  }
}
