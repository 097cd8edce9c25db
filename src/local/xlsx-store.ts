// The program database in a local .xlsx workbook (exceljs). The workbook is loaded once, changed in
// memory through the TableStore port, and saved atomically: a temporary file, then a rename, and only
// if nobody else saved the file since it was read.
import type ExcelJS from 'exceljs';
// exceljs's in-memory workbook only: its main module also loads the streaming reader and writer
// (unzipper, archiver), which nothing here uses: 0.1 s and 10 MB at every command's start.
import Workbook from 'exceljs/lib/doc/workbook.js';
import { replaceFileAtomically } from './atomic-file';
import { errorCode, LocalError } from './errors';
import { dropRowsBelowHeader, finishLeanSheet, LEAN_FROM_CHARS, LEAN_FROM_ROWS, LeanSheet, placeCarriers, SharedStrings, takeLeanSheets, withLeanRows, workbookParts, type WorksheetWithValidations } from './lean-sheets';
import { currentStamp, lostOnSave, notAWorkbookReason, readWithStamp, readZip, stampOf, unreadableReason, zipped, type FileStamp, type ZipParts } from './workbook-file';
import { columnLetter } from '../sheets/store/columns';
import { Formula, markedNote, teacherPartOfNote, valueOf, type Cell, type CellMark, type Grid, type GridCell, type TableStore, type TabStyle } from '../sheets/store/table-store';

const MARK_FILL = 'FFFCE8E6';
const HEADER_FILL = 'FFE8F0FE';
const DATE_FORMAT = 'yyyy-mm-dd';
/** Dropdowns cover this many rows past the data, so rows a teacher adds are guided too. */
const VALIDATION_HEADROOM = 500;
/** How the error message of every dropdown this store sets begins: how its dropdowns are told from a teacher's. */
const DROPDOWN_ERROR = 'Choose one of: ';

/** When a tab's rows are kept lean (lean-sheets.ts); tests set them low to take that path on small tabs. */
export interface LeanThresholds {
  /** Sheet XML at least this long is read lean, when its tab is plain. */
  leanFromChars?: number;
  /** A whole-tab write of at least this many rows makes a plain tab lean. */
  leanFromRows?: number;
}

/** A workbook that cannot be opened or saved as asked; the message says why and what to do. */
export class WorkbookError extends LocalError {}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellValue((value as ExcelJS.CellFormulaValue).result ?? '');
  if ('hyperlink' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return '';
}

/** A formula cell as a Formula (its text with the `=` Sheets shows, its cached result as the value). */
/** A cell as Google Sheets reads it: a merged area's value in its top-left cell only, formulas as Formula. */
function readCell(cell: ExcelJS.Cell, row: number, column: number): GridCell {
  if (cell.isMerged && cell.master !== cell) return '';
  const formula = cell.formula; // shared formulas come translated to this cell
  return formula ? new Formula(`=${formula}`, cellValue(cell.result ?? ''), row, column) : cellValue(cell.value);
}

/** What a lean cell holds once `cell` is written: what readCell would read from the cell storedValue makes. */
function leanStored(cell: GridCell, row: number, column: number, texts: Map<string, string>): GridCell {
  // A formula keeps its text, with no result until the spreadsheet program computes one.
  if (cell instanceof Formula) return new Formula(cell.text, '', row, column);
  if (typeof cell !== 'string' || !cell.startsWith("'")) return cell;
  let text = texts.get(cell);
  if (text === undefined) texts.set(cell, (text = cell.slice(1)));
  return text;
}

function storedValue(cell: GridCell): ExcelJS.CellValue {
  if (cell === '') return null;
  if (cell instanceof Formula) return { formula: cell.text.replace(/^=/, '') } as ExcelJS.CellFormulaValue;
  // The Sheets convention of the port: a leading apostrophe marks literal text.
  if (typeof cell === 'string' && cell.startsWith("'")) return cell.slice(1);
  return cell;
}

export class XlsxTableStore implements TableStore {
  readonly timeZone = 'UTC';

  private constructor(
    private readonly workbook: ExcelJS.Workbook,
    readonly filePath: string,
    /** The version of the file on disk this store holds; null for a workbook not saved yet. */
    private stamp: FileStamp | null,
    /** What the file holds that exceljs would not write back (a chart, …): such a file is never saved. */
    private readonly wouldLose: { what: string; fix: string } | null,
    /** Large plain tabs whose rows are kept lean (lean-sheets.ts), by name. */
    private readonly lean = new Map<string, LeanSheet>(),
    /** A whole-tab write of at least this many rows makes a plain tab lean. */
    private readonly leanFromRows = LEAN_FROM_ROWS,
  ) {}

  private readonly styles = new StyleCopies();

  /** A new, empty workbook (nothing is written until `save`). */
  static create(filePath: string, { leanFromRows = LEAN_FROM_ROWS }: LeanThresholds = {}): XlsxTableStore {
    const workbook = new Workbook();
    workbook.creator = 'Peer Tutoring Hub';
    return new XlsxTableStore(workbook, filePath, null, null, new Map(), leanFromRows);
  }

  static async open(filePath: string, { leanFromChars = LEAN_FROM_CHARS, leanFromRows = LEAN_FROM_ROWS }: LeanThresholds = {}): Promise<XlsxTableStore> {
    const { bytes, stamp } = await readWorkbookBytes(filePath);
    const zip = await readZip(bytes);
    const entries = zip && zip.names();
    const notAWorkbook = notAWorkbookReason(filePath, bytes, entries);
    if (notAWorkbook || !zip || !entries) throw new WorkbookError(notAWorkbook ?? `${filePath} is not a workbook`);
    const workbook = new Workbook();
    const lean = new Map<string, LeanSheet>();
    try {
      const taken = takeLeanSheets(zip, leanFromChars);
      // exceljs declares an older Buffer type
      const frame = taken.length ? await zipped(zip, { stored: true }) : bytes;
      await workbook.xlsx.load(frame as unknown as ExcelJS.Buffer);
      for (const pending of taken) {
        const sheet = workbook.getWorksheet(pending.name);
        if (sheet) lean.set(pending.name, finishLeanSheet(pending, sheet, date1904Of(workbook)));
      }
      for (const sheet of workbook.worksheets) compactValidations(sheet);
    } catch {
      // exceljs's own message names its internals ("reading 'anchors'"): say what the file holds instead.
      throw new WorkbookError(unreadableReason(filePath, entries));
    }
    return new XlsxTableStore(workbook, filePath, stamp, lostOnSave(entries), lean, leanFromRows);
  }

  /** True while the file on disk is still the version this store read (or last saved). */
  async isCurrent(): Promise<boolean> {
    return (await currentStamp(this.filePath)) === this.stamp;
  }

  /**
   * Writes the workbook to a temporary file beside the target, then renames it over the target,
   * unless the file changed on disk since it was read: then nothing is written and the other change is kept.
   */
  async save(): Promise<void> {
    if (this.wouldLose) {
      const { what, fix } = this.wouldLose;
      throw new WorkbookError(`${this.filePath} has ${what}, which saving with peer-tutoring would remove: nothing was written. In your spreadsheet program, ${fix}, save, and run again`);
    }
    shareEqualStyles(this.workbook);
    // exceljs writes without compression; the archive is deflated once, natively (zipped).
    const bytes = await zipped(this.lean.size ? await this.partsWithLeanRows() : await this.writtenParts());
    const written = await replaceFileAtomically(this.filePath, bytes, { beforeReplace: () => this.checkUnchangedOnDisk() });
    this.stamp = stampOf(written);
  }

  /**
   * The workbook's parts as exceljs writes them, with the lean rows in its lean tabs' sheets (and the
   * shared strings they use): exceljs writes the frames with their style carriers, then the lean rows
   * replace the carriers.
   */
  private async partsWithLeanRows(): Promise<ZipParts> {
    const frames = [...this.lean].map(([name, lean]) => ({ name, lean, sheet: this.workbook.getWorksheet(name)! }));
    for (const { lean, sheet } of frames) placeCarriers(lean, sheet);
    let zip: ZipParts;
    try {
      zip = await this.writtenParts();
    } finally {
      for (const { sheet } of frames) dropRowsBelowHeader(sheet);
    }
    const parts = workbookParts(zip);
    const stringsXml = parts.sharedStrings && zip.text(parts.sharedStrings);
    const strings = stringsXml ? new SharedStrings(stringsXml) : null;
    // The lean sheets are written as the archive is (their XML is never whole in memory), and their
    // strings join the shared strings as they go: so that part, after the sheets in the archive (as
    // exceljs orders it), is made last.
    let unwritten = frames.length;
    const date1904 = date1904Of(this.workbook);
    for (const { name, lean } of frames) {
      const part = parts.sheets.get(name)!;
      const frameXml = zip.text(part)!;
      zip.set(part, function* () {
        yield* withLeanRows(frameXml, lean, date1904, strings);
        unwritten--;
      });
    }
    if (parts.sharedStrings && strings) {
      zip.set(parts.sharedStrings, function* () {
        if (unwritten > 0) throw new Error('the shared strings were wanted before the lean rows were written: nothing was saved');
        yield Buffer.from(strings.toXml(), 'utf8');
      });
    }
    return zip;
  }

  /** The workbook's parts as exceljs writes them (uncompressed, so reading them back inflates nothing). */
  private async writtenParts(): Promise<ZipParts> {
    // exceljs declares an older Buffer type
    const parts = await readZip((await this.workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } })) as unknown as Buffer);
    if (!parts) throw new Error('exceljs wrote an unreadable workbook');
    return parts;
  }

  private async checkUnchangedOnDisk(): Promise<void> {
    const now = await currentStamp(this.filePath);
    if (now === this.stamp) return;
    throw new WorkbookError(
      this.stamp === null
        ? `${this.filePath} was created by another program meanwhile: nothing was written`
        : `${this.filePath} was changed by another program since peer-tutoring read it: nothing was written, so that change is kept; run the command again`,
    );
  }

  tabNames(): string[] {
    return this.workbook.worksheets.map((sheet) => sheet.name);
  }

  readTab(name: string): Grid | null {
    const sheet = this.workbook.getWorksheet(name);
    if (!sheet) return null;
    const lean = this.lean.get(name);
    if (lean) {
      const header = sheet.getRow(1);
      let width = sheet.columnCount;
      for (const row of lean.rows) width = Math.max(width, row.length);
      const cells: GridCell[] = [];
      for (let c = 1; c <= width; c++) cells.push(readCell(header.getCell(c), 1, c));
      // Each copy made at its width at once: a spread grows its array as it goes (half as large again).
      const padded = (row: GridCell[]) => {
        const copy = new Array<GridCell>(width);
        for (let c = 0; c < width; c++) copy[c] = c < row.length ? row[c] : '';
        return copy;
      };
      return trimGrid([cells, ...lean.rows.map(padded)]);
    }
    const rows = sheet.actualRowCount === 0 ? 0 : sheet.rowCount;
    const columns = sheet.actualColumnCount === 0 ? 0 : sheet.columnCount;
    const grid: Grid = [];
    for (let r = 1; r <= rows; r++) {
      const row = sheet.getRow(r);
      const cells: GridCell[] = [];
      for (let c = 1; c <= columns; c++) cells.push(readCell(row.getCell(c), r, c));
      grid.push(cells);
    }
    return trimGrid(grid);
  }

  writeTab(name: string, grid: Grid): void {
    const sheet = this.workbook.getWorksheet(name) ?? this.workbook.addWorksheet(name);
    if (grid.length >= this.leanFromRows && !this.lean.has(name)) this.makeLean(name, sheet);
    const lean = this.lean.get(name);
    if (lean) {
      const header = sheet.getRow(1);
      const width = Math.max(sheet.columnCount, grid[0]?.length ?? 0);
      for (let c = 1; c <= width; c++) this.store(header.getCell(c), grid[0]?.[c - 1] ?? '');
      this.writeLeanRows(lean, sheet, 0, grid.slice(1), true);
      extendDropdowns(sheet, lean.rowCount);
      return;
    }
    const oldRows = sheet.rowCount;
    const oldColumns = sheet.columnCount;
    let width = oldColumns;
    for (const row of grid) width = Math.max(width, row.length); // no spread: a log has more rows than a call has arguments
    for (let r = 1; r <= Math.max(oldRows, grid.length); r++) {
      const row = sheet.getRow(r);
      for (let c = 1; c <= width; c++) {
        const value = grid[r - 1]?.[c - 1];
        this.store(row.getCell(c), value ?? '');
      }
    }
    extendDropdowns(sheet, sheet.rowCount);
  }

  /**
   * Lean rows from data row `first` (0: sheet row 2) as writeTab stores cells: each keeps its style, a
   * new cell takes its column's, a date shows as one. `whole`: rows below the grid are emptied too.
   */
  private writeLeanRows(lean: LeanSheet, sheet: ExcelJS.Worksheet, first: number, rows: Grid, whole: boolean): void {
    const oldRows = lean.rows.length;
    const total = whole ? Math.max(oldRows, first + rows.length) : first + rows.length;
    const columnStyles: (Partial<ExcelJS.Style> | undefined)[] = [];
    const styleOfColumn = (c: number) => (c in columnStyles ? columnStyles[c] : (columnStyles[c] = columnStyle(sheet, c + 1)));
    // Each text once, by its literal ('…): the rows of a school year repeat the same names, places
    // and agendas.
    const texts = new Map<string, string>();
    const rowStyles: number[] = [];
    for (let i = first; i < total; i++) {
      const cells = rows[i - first] ?? [];
      const old = lean.rows[i] ?? [];
      const width = whole ? Math.max(old.length, cells.length) : cells.length;
      const next: GridCell[] = i < oldRows && !whole ? old.slice() : [];
      rowStyles.length = 0;
      lean.styleIds[i]?.forEach((id) => rowStyles.push(id));
      for (let c = 0; c < width; c++) {
        const value = cells[c] ?? '';
        next[c] = leanStored(value, i + 2, c + 1, texts);
        let style = lean.styleAt(i, c) ?? styleOfColumn(c);
        if (value instanceof Date) style = this.styles.dated(style);
        while (rowStyles.length < c) rowStyles.push(0);
        rowStyles[c] = lean.styleId(style);
      }
      lean.setRowStyles(i, rowStyles);
      lean.rows[i] = next;
    }
  }

  /** One cell as the port's convention says (see storedValue); a date shows as one. */
  private store(cell: ExcelJS.Cell, value: GridCell): void {
    cell.value = storedValue(value);
    if (value instanceof Date) this.styles.formatAsDate(cell);
  }

  /** The workbook is in memory: the rows are cut from the tab as readTab sees it. */
  readRows(name: string, first: number, count?: number): Cell[][] | null {
    const grid = this.readTab(name);
    if (!grid) return null;
    const start = Math.max(first, 1) - 1;
    return grid.slice(start, count === undefined ? undefined : start + count).map((row) => row.map(valueOf));
  }

  readColumn(name: string, column: number): Cell[] | null {
    const grid = this.readTab(name);
    return grid ? grid.map((row) => valueOf(row[column - 1] ?? '')) : null;
  }

  /** Below the last row holding anything (as readTab trims it), cells stored as writeTab stores them. */
  appendRows(name: string, rows: Grid): void {
    const sheet = this.workbook.getWorksheet(name);
    if (!sheet) throw new WorkbookError(`The tab "${name}" does not exist.`);
    const after = this.readTab(name)?.length ?? 0;
    const lean = this.lean.get(name);
    if (lean && after > 0) {
      this.writeLeanRows(lean, sheet, after - 1, rows, false);
      extendDropdowns(sheet, lean.rowCount);
      return;
    }
    if (lean) this.promote(name);
    rows.forEach((cells, i) => {
      const row = sheet.getRow(after + 1 + i);
      cells.forEach((value, j) => {
        this.store(row.getCell(j + 1), value);
      });
    });
    extendDropdowns(sheet, sheet.rowCount);
  }

  /**
   * A tab about to hold a log's worth of rows keeps them lean from now on, when its rows are plain
   * (see lean-sheets.ts): their styles move over, exceljs keeps the header row.
   */
  private makeLean(name: string, sheet: ExcelJS.Worksheet): void {
    if (!hasPlainRows(sheet)) return;
    const lean = new LeanSheet();
    sheet.eachRow({ includeEmpty: false }, (row, r) => {
      if (r === 1) return;
      while (lean.rows.length < r - 1) lean.rows.push([]);
      const cells: GridCell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        cells[c - 1] = readCell(cell, r, c);
        lean.setStyle(r - 2, c - 1, isEmpty(cell.style) ? undefined : cell.style);
      });
      lean.rows[r - 2] = Array.from(cells, (value) => value ?? '');
    });
    dropRowsBelowHeader(sheet);
    this.lean.set(name, lean);
  }

  /**
   * Hands a lean tab's rows to exceljs, for what only exceljs does (notes and fills of marked cells):
   * values with their cached formula results, and styles, as exceljs would have read them.
   */
  private promote(name: string): void {
    const lean = this.lean.get(name);
    const sheet = this.workbook.getWorksheet(name);
    if (!lean || !sheet) return;
    lean.rows.forEach((cells, i) => {
      const row = sheet.getRow(i + 2);
      const width = Math.max(cells.length, lean.styleIds[i]?.length ?? 0);
      for (let c = 0; c < width; c++) {
        const cell = row.getCell(c + 1);
        const value = cells[c] ?? '';
        cell.value = value instanceof Formula ? ({ formula: value.text.replace(/^=/, ''), result: value.value } as ExcelJS.CellFormulaValue) : value === '' ? null : value;
        const style = lean.styleAt(i, c);
        if (style) cell.style = style;
      }
    });
    this.lean.delete(name);
  }

  styleTab(name: string, style: TabStyle): void {
    const sheet = this.workbook.getWorksheet(name) ?? this.workbook.addWorksheet(name);
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.state = style.hidden ? 'hidden' : 'visible';
    const header = sheet.getRow(1);
    for (let c = 1; c <= style.columnCount; c++) {
      const cell = header.getCell(c);
      // A copy: cells elsewhere may share the header cell's style object.
      cell.style = { ...cell.style, font: { ...cell.font, bold: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } } };
      const note = style.headerNotes[c - 1];
      if (note) cell.note = note;
      sheet.getColumn(c).width = Math.max(12, String(cell.value ?? '').length + 4);
    }
    const lean = this.lean.get(name);
    const lastRow = (lean?.rowCount ?? sheet.rowCount) + VALIDATION_HEADROOM;
    for (const { column, values } of style.dropdowns) setDropdown(sheet, columnLetter(column + 1), dropdownOf(values), lastRow);
    for (const c of style.dateColumns) this.formatColumnAsDates(sheet, c + 1, lean);
  }

  /** Cells below the header, and the column's default for cells added later (exceljs's column setter would change shared styles). */
  private formatColumnAsDates(sheet: ExcelJS.Worksheet, c: number, lean: LeanSheet | undefined): void {
    const column = sheet.getColumn(c);
    column.style = { ...column.style, numFmt: DATE_FORMAT };
    column.eachCell({ includeEmpty: false }, (cell, row) => {
      if (row > 1) this.styles.formatAsDate(cell);
    });
    lean?.rows.forEach((cells, i) => {
      if ((cells[c - 1] ?? '') !== '') lean.setStyle(i, c - 1, this.styles.dated(lean.styleAt(i, c - 1)));
    });
  }

  /** Clears exactly the marks this store set (its note prefix, its fill), then sets `marks`. */
  markCells(name: string, marks: CellMark[]): void {
    const sheet = this.workbook.getWorksheet(name);
    if (!sheet) return;
    if (marks.length) this.promote(name);
    // includeEmpty: a marked cell whose bad value the teacher deleted must lose its mark too.
    sheet.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, clearMark));
    const messages = new Map<string, { row: number; column: number; texts: string[] }>();
    for (const { row, column, message } of marks) {
      const key = `${row},${column}`;
      const entry = messages.get(key) ?? { row, column, texts: [] };
      entry.texts.push(message);
      messages.set(key, entry);
    }
    for (const { row, column, texts } of messages.values()) setMark(sheet.getRow(row).getCell(column), texts);
  }
}

function dropdownOf(values: string[]): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [`"${values.join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'warning',
    error: `${DROPDOWN_ERROR}${values.join(', ')}`,
  };
}

/**
 * exceljs reads a validation set over a range as one entry per cell, and merges them back, cell by
 * cell, on every save, into ranges that may overlap (which Excel reports as a problem with the file).
 * Each run of cells down a column under one validation becomes one range entry again, which exceljs
 * writes as it is. (The cells of one range share one validation object as read, so identity tells the
 * ranges apart.) A lean tab's validations are already ranges (lean-sheets.ts).
 */
function compactValidations(sheet: ExcelJS.Worksheet): void {
  const validations = (sheet as unknown as WorksheetWithValidations).dataValidations;
  const compact: Record<string, ExcelJS.DataValidation> = {};
  const rowsOf = new Map<ExcelJS.DataValidation, Map<string, number[]>>();
  for (const [address, validation] of Object.entries(validations.model)) {
    if (!validation) continue;
    const cell = /^([A-Z]+)(\d+)$/.exec(address);
    if (!cell) {
      compact[address] = validation;
      continue;
    }
    let columns = rowsOf.get(validation);
    if (!columns) rowsOf.set(validation, (columns = new Map()));
    let rows = columns.get(cell[1]);
    if (!rows) columns.set(cell[1], (rows = []));
    rows.push(Number(cell[2]));
  }
  for (const [validation, columns] of rowsOf) {
    for (const [letter, rows] of columns) {
      rows.sort((a, b) => a - b);
      for (let start = 0; start < rows.length; ) {
        let end = start;
        while (end + 1 < rows.length && rows[end + 1] === rows[end] + 1) end++;
        compact[rows[end] > rows[start] ? `${letter}${rows[start]}:${letter}${rows[end]}` : `${letter}${rows[start]}`] = validation;
        start = end + 1;
      }
    }
  }
  validations.model = compact;
}

/** The column's dropdown from row 2 to `lastRow`, replacing what the column had. */
function setDropdown(sheet: ExcelJS.Worksheet, letter: string, validation: ExcelJS.DataValidation, lastRow: number): void {
  const { dataValidations } = sheet as unknown as WorksheetWithValidations;
  const validations = dataValidations.model;
  // Reading expands ranges into single cells: drop this column's entries before setting the range again.
  for (const address of Object.keys(validations)) {
    if (new RegExp(`^${letter}\\d+(:${letter}\\d+)?$`).test(address)) delete validations[address];
  }
  dataValidations.add(`${letter}2:${letter}${lastRow}`, validation);
}

/**
 * The store's dropdowns follow the data down: when a write leaves rows below a column's dropdown (a
 * log that grew past the rows it had when it was set up), the dropdown is set again to
 * VALIDATION_HEADROOM rows below the data. A teacher's own validations are left as they are.
 */
function extendDropdowns(sheet: ExcelJS.Worksheet, rowCount: number): void {
  const { model } = (sheet as unknown as WorksheetWithValidations).dataValidations;
  const reach = new Map<string, { validation: ExcelJS.DataValidation; lastRow: number }>();
  for (const [address, validation] of Object.entries(model)) {
    if (validation?.type !== 'list' || !validation.error?.startsWith(DROPDOWN_ERROR)) continue;
    const match = /^([A-Z]+)(\d+)(?::[A-Z]+(\d+))?$/.exec(address);
    if (!match) continue;
    const lastRow = Number(match[3] ?? match[2]);
    const known = reach.get(match[1]);
    if (!known || lastRow > known.lastRow) reach.set(match[1], { validation, lastRow });
  }
  for (const [letter, { validation, lastRow }] of reach) {
    if (lastRow < rowCount) setDropdown(sheet, letter, validation, rowCount + VALIDATION_HEADROOM);
  }
}

/**
 * Cells read from a file share one style object per distinct style, and exceljs's setters (cell.numFmt,
 * column.numFmt) change that object in place: a date format set so would reach every cell styled alike,
 * a teacher's numbers included. So a cell gets a copy; one copy per original, so the saved workbook
 * still holds a few distinct styles, not one per cell (exceljs writes each distinct object out anew).
 */
class StyleCopies {
  private readonly copies = new WeakMap<Partial<ExcelJS.Style>, Partial<ExcelJS.Style>>();

  /** One shared style for cells that had none. */
  private readonly dateOnly: Partial<ExcelJS.Style> = { numFmt: DATE_FORMAT };

  formatAsDate(cell: ExcelJS.Cell): void {
    if (cell.numFmt !== DATE_FORMAT) cell.style = this.dated(cell.style);
  }

  /** The style with the date format: itself when it has it, else its copy that has. */
  dated(style: Partial<ExcelJS.Style> | undefined): Partial<ExcelJS.Style> {
    if (!style) return this.dateOnly;
    if (style.numFmt === DATE_FORMAT) return style;
    let copy = this.copies.get(style);
    if (!copy) this.copies.set(style, (copy = { ...style, numFmt: DATE_FORMAT }));
    return copy;
  }
}

/** No cell below the header holds what lean rows do not keep: a note, a link, rich text, a merge; no row has a height of its own or is hidden. */
function hasPlainRows(sheet: ExcelJS.Worksheet): boolean {
  let plain = true;
  sheet.eachRow({ includeEmpty: true }, (row, r) => {
    if (r === 1 || !plain) return;
    if (row.height !== undefined || row.hidden || row.outlineLevel) plain = false;
    row.eachCell({ includeEmpty: true }, (cell) => {
      const value = cell.value as { richText?: unknown; hyperlink?: unknown; sharedFormula?: unknown } | null;
      if (cell.note !== undefined || cell.isMerged || (value && typeof value === 'object' && ('richText' in value || 'hyperlink' in value || 'sharedFormula' in value))) plain = false;
    });
  });
  return plain;
}

/** The style a new cell of the column takes (exceljs gives new cells their column's style). */
function columnStyle(sheet: ExcelJS.Worksheet, c: number): Partial<ExcelJS.Style> | undefined {
  const style = sheet.getColumn(c).style;
  return style && !isEmpty(style) ? style : undefined;
}

function date1904Of(workbook: ExcelJS.Workbook): boolean {
  return Boolean((workbook.properties as { date1904?: boolean }).date1904);
}

/**
 * exceljs gives most cells a style object of their own (on reading a file, and for every cell it
 * creates), and on saving writes each distinct object out anew: over a million cells of a school year
 * of sessions, that took seconds. Cells whose styles are alike are given one object first. (Safe
 * because every style change here makes a copy, see StyleCopies. A style without a number format is
 * told apart by the cell's type, as exceljs then picks the format by type.)
 */
function shareEqualStyles(workbook: ExcelJS.Workbook): void {
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  for (const sheet of workbook.worksheets) {
    sheet.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const style = cell.style;
        const key = `${style.numFmt ? '' : cell.type}|${isEmpty(style) ? '' : JSON.stringify(style)}`;
        const same = shared.get(key);
        if (!same) shared.set(key, style);
        else if (same !== style) cell.style = same;
      }),
    );
  }
}

function isEmpty(style: Partial<ExcelJS.Style>): boolean {
  for (const _ in style) return false;
  return true;
}

/** The text of a cell's note, plain or rich ('' for none). */
function noteText(cell: ExcelJS.Cell): string {
  const note = cell.note as string | ExcelJS.Comment | undefined;
  if (note === undefined) return '';
  return typeof note === 'string' ? note : (note.texts ?? []).map((run) => run.text).join('');
}

/**
 * Cells read from a file share one style object per distinct style: the fill is set on a fresh copy,
 * or marking Term end would colour Term start (and every cell styled like it) too.
 */
function setFill(cell: ExcelJS.Cell, fill: ExcelJS.Fill): void {
  cell.style = { ...cell.style, fill };
}

function setNote(cell: ExcelJS.Cell, note: string): void {
  if (note) {
    cell.note = note;
    return;
  }
  // exceljs has no public way to remove a note (an empty one is still saved, and the value's model
  // remembers it): drop it and give the cell a fresh value object.
  delete (cell as unknown as { _comment?: unknown })._comment;
  const value = cell.value;
  cell.value = null;
  cell.value = value;
}

function hasMarkFill(cell: ExcelJS.Cell): boolean {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return fill?.type === 'pattern' && fill.fgColor?.argb?.toUpperCase() === MARK_FILL;
}

function clearMark(cell: ExcelJS.Cell): void {
  const note = noteText(cell);
  if (note && teacherPartOfNote(note) !== note) setNote(cell, teacherPartOfNote(note));
  if (hasMarkFill(cell)) setFill(cell, { type: 'pattern', pattern: 'none' });
}

/** Notes the problems on the cell; highlights it unless the teacher coloured it (their colour stays). */
function setMark(cell: ExcelJS.Cell, texts: string[]): void {
  setNote(cell, markedNote(texts, noteText(cell)));
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  if (!fill || fill.pattern === 'none') setFill(cell, { type: 'pattern', pattern: 'solid', fgColor: { argb: MARK_FILL } });
}

/** The file's bytes and stamp; a missing file, a folder or an unreadable file is said plainly. */
async function readWorkbookBytes(filePath: string): Promise<{ bytes: Buffer; stamp: FileStamp }> {
  try {
    return await readWithStamp(filePath);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new WorkbookError(`${filePath}: no such file (create one with: peer-tutoring init ${filePath})`);
    if (code === 'EISDIR') throw new WorkbookError(`${filePath} is a folder, not a workbook`);
    if (code === 'EACCES' || code === 'EPERM') throw new WorkbookError(`${filePath} cannot be read: no permission`);
    throw error;
  }
}

/** Drops trailing empty rows and columns, so the grid is the used range as Sheets reports it. */
function trimGrid(grid: Grid): Grid {
  const used = (cell: GridCell) => cell !== '';
  let rows = grid.length;
  while (rows > 0 && !grid[rows - 1].some(used)) rows--;
  let columns = 0;
  for (const row of grid.slice(0, rows)) {
    for (let c = row.length; c > columns; c--) if (used(row[c - 1])) columns = c;
  }
  return grid.slice(0, rows).map((row) => row.slice(0, columns));
}
