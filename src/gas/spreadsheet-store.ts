// The TableStore port over a Google Spreadsheet. Every method costs a constant number of Apps Script
// calls whatever the number of rows (each call is a network round trip): one batched read or write per
// tab, never a call per row or cell. All services are passed in, so the store runs on the fakes in tests.
import {
  Formula,
  markedNote,
  teacherPartOfNote,
  type Cell,
  type CellMark,
  type Grid,
  type GridCell,
  type TableStore,
  type TabStyle,
} from '../sheets/store/table-store';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** Where the store remembers its marks: the document's properties. */
export type PropertyStore = Pick<GoogleAppsScript.Properties.Properties, 'getProperty' | 'setProperty' | 'deleteProperty'>;
/** The two SpreadsheetApp members the store needs (rule builder and the protection enum). */
export type SpreadsheetServices = Pick<GoogleAppsScript.Spreadsheet.SpreadsheetApp, 'newDataValidation' | 'ProtectionType'>;

export interface SpreadsheetStoreServices {
  spreadsheet: Spreadsheet;
  /** PropertiesService.getDocumentProperties(): marks belong to this spreadsheet, whoever runs the add-on. */
  properties: PropertyStore;
  spreadsheetApp: SpreadsheetServices;
}

/** Identifies the header protection this store owns, so restyling updates it instead of adding another. */
export const HEADER_PROTECTION_DESCRIPTION = 'Peer Tutoring Hub: header row';
/** Re-exported: the tests of this store and the fakes tell marks apart by them. */
export { MARK_NOTE_PREFIX, TEACHER_NOTE_SEPARATOR } from '../sheets/store/table-store';
/** Highlight of a marked cell; an off-palette tint, so a teacher's own colour is never mistaken for it. */
export const MARK_BACKGROUND = '#fde3de';
export const DATE_NUMBER_FORMAT = 'yyyy-mm-dd';
const MARKS_PROPERTY_PREFIX = 'ptHub.marks.';
/** Rows added beyond what an append needs when a tab is full (a new sheet has 1,000). */
const APPEND_HEADROOM_ROWS = 1000;
const DEFAULT_BACKGROUND = '#ffffff';
/** Stay under the 9 KB Properties value quota; the saved colours are dropped first if needed. */
const MARK_MEMORY_BUDGET = 8000;

/** What the store remembers of a tab's marks: the area they covered and the colours they hid. */
interface MarkMemory {
  rows: number;
  columns: number;
  /** Background a marked cell had before it was marked, by `row,column`, when it was not the default. */
  saved: Record<string, string>;
}

export class SpreadsheetTableStore implements TableStore {
  private readonly spreadsheet: Spreadsheet;
  private readonly properties: PropertyStore;
  private readonly spreadsheetApp: SpreadsheetServices;
  private cachedTimeZone: string | null = null;
  /**
   * The tabs found so far and the tab names, kept for the store's life (one execution): each lookup
   * is a round trip, and filing one response reads a dozen tabs. Tabs this store creates are added;
   * code that makes tabs another way (linking a form) asks the spreadsheet itself.
   */
  private readonly sheets = new Map<string, Sheet>();
  private names: string[] | null = null;

  constructor(services: SpreadsheetStoreServices) {
    this.spreadsheet = services.spreadsheet;
    this.properties = services.properties;
    this.spreadsheetApp = services.spreadsheetApp;
  }

  get timeZone(): string {
    return (this.cachedTimeZone ??= this.spreadsheet.getSpreadsheetTimeZone());
  }

  tabNames(): string[] {
    this.names ??= this.spreadsheet.getSheets().map((sheet) => sheet.getName());
    return [...this.names];
  }

  /** The tab named `name` (looked up once), or null. */
  private sheetNamed(name: string): Sheet | null {
    const known = this.sheets.get(name);
    if (known) return known;
    const sheet = this.spreadsheet.getSheetByName(name);
    if (sheet) this.sheets.set(name, sheet);
    return sheet;
  }

  private insertSheet(name: string): Sheet {
    const sheet = this.spreadsheet.insertSheet(name);
    this.sheets.set(name, sheet);
    this.names?.push(name);
    return sheet;
  }

  /**
   * One getValues and one getFormulas over the data range. getFormulas gives "" for a cell without a
   * formula and the formula text (with its `=`) otherwise (Apps Script reference, Range.getFormulas),
   * so a teacher's formula comes back as a Formula and can be written back as one.
   */
  readTab(name: string): Grid | null {
    const sheet = this.sheetNamed(name);
    if (!sheet) return null;
    const range = sheet.getDataRange();
    const values = range.getValues() as Cell[][];
    // On an empty sheet the data range is A1 alone.
    if (values.length === 1 && values[0].length === 1 && values[0][0] === '') return [];
    const formulas = range.getFormulas();
    return values.map((row, i) => row.map((value, j) => (formulas[i][j] ? new Formula(formulas[i][j], value, i + 1, j + 1) : value)));
  }

  /**
   * Writes first, then clears only what the new grid no longer covers: a setValues that fails (a
   * timeout, the 6-minute limit) leaves the tab as it was instead of empty.
   */
  writeTab(name: string, grid: Grid): void {
    const sheet = this.sheetNamed(name) ?? this.insertSheet(name);
    const rows = grid.length;
    const columns = rows === 0 ? 0 : maxOf(grid.map((row) => row.length));
    const old = { rows: sheet.getLastRow(), columns: sheet.getLastColumn() };
    if (rows > 0 && columns > 0) {
      ensureSize(sheet, rows, columns);
      sheet.getRange(1, 1, rows, columns).setValues(grid.map((row) => padRow(row, columns).map(enteredValue)));
    }
    clearBeyond(sheet, { rows, columns }, old);
  }

  /** getLastRow and getLastColumn, then one getValues over exactly the rows asked for. */
  readRows(name: string, first: number, count?: number): Cell[][] | null {
    const sheet = this.sheetNamed(name);
    if (!sheet) return null;
    const lastRow = sheet.getLastRow();
    const columns = sheet.getLastColumn();
    const rows = Math.min(count ?? Infinity, lastRow - Math.max(first, 1) + 1);
    if (rows <= 0 || columns === 0) return [];
    return sheet.getRange(Math.max(first, 1), 1, rows, columns).getValues() as Cell[][];
  }

  readColumn(name: string, column: number): Cell[] | null {
    const sheet = this.sheetNamed(name);
    if (!sheet) return null;
    const lastRow = sheet.getLastRow();
    if (lastRow === 0) return [];
    return (sheet.getRange(1, column, lastRow, 1).getValues() as Cell[][]).map((row) => row[0]);
  }

  /** One setValues below getLastRow (the sheet grown first if needed): the rows above are never read or rewritten. */
  appendRows(name: string, grid: Grid): void {
    if (grid.length === 0) return;
    const sheet = this.requireSheet(name);
    const after = sheet.getLastRow();
    const columns = maxOf(grid.map((row) => row.length));
    if (columns === 0) return;
    // Grown with room to spare, so the next appends to a full log need no insertRowsAfter.
    if (after + grid.length > sheet.getMaxRows()) ensureSize(sheet, after + grid.length + APPEND_HEADROOM_ROWS, columns);
    else ensureSize(sheet, after + grid.length, columns);
    sheet.getRange(after + 1, 1, grid.length, columns).setValues(grid.map((row) => padRow(row, columns).map(enteredValue)));
  }

  styleTab(name: string, style: TabStyle): void {
    const sheet = this.requireSheet(name);
    ensureSize(sheet, 2, style.columnCount);
    const dataRows = sheet.getMaxRows() - 1;
    const header = sheet.getRange(1, 1, 1, style.columnCount);
    header.setFontWeight('bold');
    header.setNotes([padRow(style.headerNotes, style.columnCount)]);
    sheet.setFrozenRows(1);
    for (const { column, values } of style.dropdowns) {
      sheet.getRange(2, column + 1, dataRows, 1).setDataValidation(this.dropdownRule(values));
    }
    for (const column of style.dateColumns) {
      sheet.getRange(2, column + 1, dataRows, 1).setNumberFormat(DATE_NUMBER_FORMAT);
    }
    this.protectHeader(sheet, header, style.protectHeader);
    if (style.hidden) sheet.hideSheet();
  }

  markCells(name: string, marks: CellMark[]): void {
    const key = MARKS_PROPERTY_PREFIX + name;
    const previous = parseMemory(this.properties.getProperty(key));
    const sheet = this.sheetNamed(name);
    if (!sheet) {
      if (marks.length) throw new Error(`Cannot mark cells: the tab "${name}" does not exist.`);
      this.properties.deleteProperty(key);
      return;
    }
    const markRows = maxOf(marks.map((mark) => mark.row));
    const markColumns = maxOf(marks.map((mark) => mark.column));
    // Old marks may have moved with the data (sorting, inserted rows): look over the whole data area.
    const rows = Math.max(markRows, Math.min(Math.max(previous.rows, sheet.getLastRow()), sheet.getMaxRows()));
    const columns = Math.max(markColumns, Math.min(Math.max(previous.columns, sheet.getLastColumn()), sheet.getMaxColumns()));
    if (rows > 0 && columns > 0) {
      const range = sheet.getRange(1, 1, rows, columns);
      const notes = range.getNotes();
      const backgrounds = range.getBackgrounds();
      clearMarks(notes, backgrounds, previous.saved);
      const saved = applyMarks(notes, backgrounds, marks);
      range.setNotes(notes);
      range.setBackgrounds(backgrounds);
      if (marks.length) {
        this.properties.setProperty(key, encodeMemory({ rows: markRows, columns: markColumns, saved }));
        return;
      }
    }
    this.properties.deleteProperty(key);
  }

  private requireSheet(name: string): Sheet {
    const sheet = this.sheetNamed(name);
    if (!sheet) throw new Error(`The tab "${name}" does not exist.`);
    return sheet;
  }

  /**
   * A dropdown that warns instead of rejecting: teachers paste rosters from other systems and the
   * contract allows checkboxes (TRUE/FALSE) in Yes/No columns, which a rejecting rule would block, and a
   * rejecting rule would also make the add-on's own setValues throw halfway through a write. The add-on
   * reports bad values itself, with a note on the cell.
   */
  private dropdownRule(values: string[]): GoogleAppsScript.Spreadsheet.DataValidation {
    return this.spreadsheetApp
      .newDataValidation()
      .requireValueInList(values, true)
      .setAllowInvalid(true)
      .setHelpText(`Choose one of: ${values.join(', ')}.`)
      .build();
  }

  /** Keeps exactly one warning-only protection of the header, owned by the store. */
  private protectHeader(sheet: Sheet, header: Range, wanted: boolean): void {
    const owned = sheet
      .getProtections(this.spreadsheetApp.ProtectionType.RANGE)
      .filter((protection) => protection.getDescription() === HEADER_PROTECTION_DESCRIPTION);
    if (!wanted) {
      owned.forEach((protection) => protection.remove());
      return;
    }
    const [kept, ...duplicates] = owned;
    duplicates.forEach((protection) => protection.remove());
    const protection = kept ? kept.setRange(header) : header.protect().setDescription(HEADER_PROTECTION_DESCRIPTION);
    protection.setWarningOnly(true);
  }
}

/** Largest of `numbers`, 0 when empty (no spreading: tabs can have thousands of rows). */
function maxOf(numbers: number[]): number {
  return numbers.reduce((max, n) => Math.max(max, n), 0);
}

/** Clears the cells of the `old` used area outside the `kept` one: the rows below, then the columns right of it. */
function clearBeyond(sheet: Sheet, kept: { rows: number; columns: number }, old: { rows: number; columns: number }): void {
  const columns = kept.rows > 0 ? kept.columns : 0;
  if (old.rows > kept.rows && old.columns > 0) sheet.getRange(kept.rows + 1, 1, old.rows - kept.rows, old.columns).clearContent();
  const sharedRows = Math.min(kept.rows, old.rows);
  if (old.columns > columns && sharedRows > 0) sheet.getRange(1, columns + 1, sharedRows, old.columns - columns).clearContent();
}

function ensureSize(sheet: Sheet, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (columns > maxColumns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}

/**
 * What setValues gets for a cell. It reads strings as typed (USER_ENTERED), so a formula goes in as
 * its text; the sheets layer has put an apostrophe before every other string (see literalText).
 */
function enteredValue(cell: GridCell): Cell {
  return cell instanceof Formula ? cell.text : cell;
}

function padRow<T>(row: readonly T[], width: number): (T | '')[] {
  return Array.from({ length: width }, (_, i) => (i < row.length ? row[i] : ''));
}

function cellKey(row: number, column: number): string {
  return `${row},${column}`;
}

/** Removes the store's marks from a notes/backgrounds grid, restoring teachers' notes and colours. */
function clearMarks(notes: string[][], backgrounds: string[][], saved: Record<string, string>): void {
  notes.forEach((noteRow, i) =>
    noteRow.forEach((note, j) => {
      noteRow[j] = teacherPartOfNote(note);
      if (backgrounds[i][j].toLowerCase() === MARK_BACKGROUND) {
        backgrounds[i][j] = saved[cellKey(i + 1, j + 1)] ?? DEFAULT_BACKGROUND;
      }
    }),
  );
}

/** Writes the marks into the grids; returns the non-default colours the highlights cover. */
function applyMarks(notes: string[][], backgrounds: string[][], marks: CellMark[]): Record<string, string> {
  const messages = new Map<string, { row: number; column: number; texts: string[] }>();
  for (const { row, column, message } of marks) {
    const key = cellKey(row, column);
    const entry = messages.get(key) ?? { row, column, texts: [] };
    entry.texts.push(message);
    messages.set(key, entry);
  }
  const saved: Record<string, string> = {};
  for (const [key, { row, column, texts }] of messages) {
    const teacherNote = notes[row - 1][column - 1];
    notes[row - 1][column - 1] = markedNote(texts, teacherNote);
    const background = backgrounds[row - 1][column - 1].toLowerCase();
    if (background !== DEFAULT_BACKGROUND) saved[key] = background;
    backgrounds[row - 1][column - 1] = MARK_BACKGROUND;
  }
  return saved;
}

function parseMemory(text: string | null): MarkMemory {
  const empty: MarkMemory = { rows: 0, columns: 0, saved: {} };
  if (!text) return empty;
  try {
    const parsed = JSON.parse(text) as Partial<MarkMemory>;
    return { rows: Number(parsed.rows) || 0, columns: Number(parsed.columns) || 0, saved: parsed.saved ?? {} };
  } catch {
    return empty;
  }
}

function encodeMemory(memory: MarkMemory): string {
  const text = JSON.stringify(memory);
  return text.length <= MARK_MEMORY_BUDGET ? text : JSON.stringify({ ...memory, saved: {} });
}
