// The program database in a local .xlsx workbook (exceljs). The workbook is loaded once, changed in
// memory through the TableStore port, and saved atomically: a temporary file, then a rename.
import { promises as fs } from 'fs';
import ExcelJS from 'exceljs';
import { replaceFileAtomically } from './atomic-file';
import { Formula, type Cell, type CellMark, type Grid, type GridCell, type TableStore, type TabStyle } from '../sheets/table-store';

const MARK_FILL = 'FFFCE8E6';
const HEADER_FILL = 'FFE8F0FE';
/** Dropdowns cover this many rows past the data, so rows a teacher adds are guided too. */
const VALIDATION_HEADROOM = 500;

export class WorkbookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookError';
  }
}

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
function readCell(cell: ExcelJS.Cell, row: number, column: number): GridCell {
  const formula = cell.formula; // shared formulas come translated to this cell
  return formula ? new Formula(`=${formula}`, cellValue(cell.result ?? ''), row, column) : cellValue(cell.value);
}

function storedValue(cell: GridCell): ExcelJS.CellValue {
  if (cell === '') return null;
  if (cell instanceof Formula) return { formula: cell.text.replace(/^=/, '') } as ExcelJS.CellFormulaValue;
  // The Sheets convention of the port: a leading apostrophe marks literal text.
  if (typeof cell === 'string' && cell.startsWith("'")) return cell.slice(1);
  return cell;
}

/** exceljs has range-wide data validations at run time but not in its type declarations. */
interface WorksheetWithValidations {
  dataValidations: {
    model: Record<string, ExcelJS.DataValidation | undefined>;
    add(address: string, validation: ExcelJS.DataValidation): void;
  };
}

function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export class XlsxTableStore implements TableStore {
  readonly timeZone = 'UTC';

  private constructor(
    private readonly workbook: ExcelJS.Workbook,
    readonly filePath: string,
  ) {}

  /** A new, empty workbook (nothing is written until `save`). */
  static create(filePath: string): XlsxTableStore {
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Peer Tutoring Hub';
    return new XlsxTableStore(workbook, filePath);
  }

  static async open(filePath: string): Promise<XlsxTableStore> {
    const workbook = new ExcelJS.Workbook();
    try {
      await fs.access(filePath);
    } catch {
      throw new WorkbookError(`${filePath}: no such file (create one with: peer-tutoring init ${filePath})`);
    }
    try {
      await workbook.xlsx.readFile(filePath);
    } catch (error) {
      throw new WorkbookError(`${filePath} is not an .xlsx workbook (${(error as Error).message})`);
    }
    return new XlsxTableStore(workbook, filePath);
  }

  /** Writes the workbook to a temporary file beside the target, then renames it over the target. */
  async save(): Promise<void> {
    await replaceFileAtomically(this.filePath, (temporary) => this.workbook.xlsx.writeFile(temporary));
  }

  tabNames(): string[] {
    return this.workbook.worksheets.map((sheet) => sheet.name);
  }

  readTab(name: string): Grid | null {
    const sheet = this.workbook.getWorksheet(name);
    if (!sheet) return null;
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
    const oldRows = sheet.rowCount;
    const oldColumns = sheet.columnCount;
    const width = Math.max(oldColumns, ...grid.map((row) => row.length));
    for (let r = 1; r <= Math.max(oldRows, grid.length); r++) {
      const row = sheet.getRow(r);
      for (let c = 1; c <= width; c++) {
        const value = grid[r - 1]?.[c - 1];
        const cell = row.getCell(c);
        cell.value = value === undefined ? null : storedValue(value);
        if (value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
      }
    }
  }

  styleTab(name: string, style: TabStyle): void {
    const sheet = this.workbook.getWorksheet(name) ?? this.workbook.addWorksheet(name);
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.state = style.hidden ? 'hidden' : 'visible';
    const header = sheet.getRow(1);
    for (let c = 1; c <= style.columnCount; c++) {
      const cell = header.getCell(c);
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
      const note = style.headerNotes[c - 1];
      if (note) cell.note = note;
      sheet.getColumn(c).width = Math.max(12, String(cell.value ?? '').length + 4);
    }
    const lastRow = sheet.rowCount + VALIDATION_HEADROOM;
    for (const { column, values } of style.dropdowns) this.setDropdown(sheet, column + 1, values, lastRow);
    for (const column of style.dateColumns) sheet.getColumn(column + 1).numFmt = 'yyyy-mm-dd';
  }

  private setDropdown(sheet: ExcelJS.Worksheet, column: number, values: string[], lastRow: number): void {
    const letter = columnLetter(column);
    const { dataValidations } = sheet as unknown as WorksheetWithValidations;
    const validations = dataValidations.model;
    // Reading expands ranges into single cells: drop this column's entries before setting the range again.
    for (const address of Object.keys(validations)) {
      if (new RegExp(`^${letter}\\d+(:${letter}\\d+)?$`).test(address)) delete validations[address];
    }
    dataValidations.add(`${letter}2:${letter}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${values.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'warning',
      error: `Choose one of: ${values.join(', ')}`,
    });
  }

  markCells(name: string, marks: CellMark[]): void {
    const sheet = this.workbook.getWorksheet(name);
    if (!sheet) return;
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const fill = cell.fill as ExcelJS.FillPattern | undefined;
        if (fill?.fgColor?.argb === MARK_FILL) {
          cell.fill = { type: 'pattern', pattern: 'none' };
          // exceljs has no public way to remove a note (an empty one is still saved, and the value's
          // model remembers it): drop it and give the cell a fresh value object.
          delete (cell as unknown as { _comment?: unknown })._comment;
          const value = cell.value;
          cell.value = null;
          cell.value = value;
        }
      }),
    );
    for (const mark of marks) {
      const cell = sheet.getRow(mark.row).getCell(mark.column);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: MARK_FILL } };
      cell.note = mark.message;
    }
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
