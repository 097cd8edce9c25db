// The End term archive as a table store over the advanced Sheets service (Sheets API v4). It exists so
// that the add-on needs only the drive.file scope for the archive: the API reaches a spreadsheet the
// add-on created itself, and no other (SpreadsheetApp.create / openById would need the full
// spreadsheets scope, i.e. every spreadsheet of the teacher). Each tab is read with one values.batchGet
// and written with one spreadsheets.batchUpdate (size, date formats), one values.batchClear and one
// values.batchUpdate, always RAW so that people's text is stored as typed and never parsed as a formula.
import { columnLetter } from '../../sheets/store/columns';
import { valueOf, type Cell, type CellMark, type Grid, type TableStore, type TabStyle } from '../../sheets/store/table-store';
import { serialNumberOf } from '../../sheets/people/archive';

/** The part of the advanced Sheets service (userSymbol `Sheets`) the archive uses; its objects are the REST API's JSON. */
export interface SheetsService {
  Spreadsheets: {
    create(resource: { properties: { title: string; timeZone?: string }; sheets?: { properties: { title: string } }[] }): { spreadsheetId: string; spreadsheetUrl: string };
    get(spreadsheetId: string, optionalArgs?: { fields?: string }): { spreadsheetUrl?: string; sheets?: { properties: SheetProperties }[] };
    batchUpdate(resource: { requests: object[] }, spreadsheetId: string): unknown;
    Values: {
      batchGet(spreadsheetId: string, optionalArgs: { ranges: string[]; valueRenderOption: string; dateTimeRenderOption: string }): { valueRanges?: { values?: unknown[][] }[] };
      batchUpdate(resource: { valueInputOption: 'RAW'; data: { range: string; values: unknown[][] }[] }, spreadsheetId: string): unknown;
      batchClear(resource: { ranges: string[] }, spreadsheetId: string): unknown;
    };
  };
}

interface SheetProperties {
  sheetId: number;
  title: string;
  gridProperties?: { rowCount?: number; columnCount?: number };
}

export const SHEET_FIELDS = 'spreadsheetUrl,sheets.properties(sheetId,title,gridProperties(rowCount,columnCount))';

/** A tab's name as an A1 range: quoted, an inner quote doubled. */
export function sheetRange(title: string): string {
  return `'${title.replace(/'/g, "''")}'`;
}

/** The number format a date cell gets in the archive (a time of day, a day, or both). */
function datePattern(serial: number): string {
  if (serial < 1) return 'hh:mm';
  return Number.isInteger(serial) ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm';
}

class ArchiveOnlyError extends Error {}

export class SheetsApiArchiveStore implements TableStore {
  private sheets: Map<string, SheetProperties> | null = null;

  constructor(
    private readonly api: SheetsService,
    readonly spreadsheetId: string,
    readonly timeZone: string,
  ) {}

  private sheetList(): Map<string, SheetProperties> {
    if (!this.sheets) {
      const spreadsheet = this.api.Spreadsheets.get(this.spreadsheetId, { fields: SHEET_FIELDS });
      this.sheets = new Map((spreadsheet.sheets ?? []).map(({ properties }) => [properties.title, properties]));
    }
    return this.sheets;
  }

  tabNames(): string[] {
    return [...this.sheetList().keys()];
  }

  /** The tab's values as the archive holds them: dates as serial numbers (what archive.ts compares). */
  readTab(name: string): Grid | null {
    if (!this.sheetList().has(name)) return null;
    const response = this.api.Spreadsheets.Values.batchGet(this.spreadsheetId, {
      ranges: [sheetRange(name)],
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'SERIAL_NUMBER',
    });
    // The API leaves out trailing empty rows and each row's trailing empty cells: made rectangular again.
    const rows = (response.valueRanges?.[0]?.values ?? []).map((row) => row.map((cell) => (cell === null || cell === undefined ? '' : (cell as Cell))));
    const width = Math.max(0, ...rows.map((row) => row.length));
    return rows.map((row) => [...row, ...Array<Cell>(width - row.length).fill('')]);
  }

  writeTab(name: string, grid: Grid): void {
    const values = grid.map((row) => row.map((cell) => this.rawValue(cell)));
    const rowCount = Math.max(1, values.length);
    const columnCount = Math.max(1, ...values.map((row) => row.length));
    const existing = this.sheetList().get(name);
    const sheetId = existing?.sheetId ?? this.freeSheetId();
    const requests: object[] = [];
    if (!existing) requests.push({ addSheet: { properties: { sheetId, title: name, gridProperties: { rowCount, columnCount } } } });
    else if ((existing.gridProperties?.rowCount ?? 0) < rowCount || (existing.gridProperties?.columnCount ?? 0) < columnCount) {
      const size = { rowCount: Math.max(rowCount, existing.gridProperties?.rowCount ?? 0), columnCount: Math.max(columnCount, existing.gridProperties?.columnCount ?? 0) };
      requests.push({ updateSheetProperties: { properties: { sheetId, gridProperties: size }, fields: 'gridProperties(rowCount,columnCount)' } });
    }
    requests.push(...this.dateFormats(sheetId, grid));
    if (requests.length) this.api.Spreadsheets.batchUpdate({ requests }, this.spreadsheetId);
    this.sheets = null; // sizes and tabs changed: read again when needed
    if (existing) this.api.Spreadsheets.Values.batchClear({ ranges: [sheetRange(name)] }, this.spreadsheetId);
    if (!values.length) return;
    const padded = values.map((row) => [...row, ...Array<string>(columnCount - row.length).fill('')]);
    this.api.Spreadsheets.Values.batchUpdate(
      { valueInputOption: 'RAW', data: [{ range: `${sheetRange(name)}!A1:${columnLetter(columnCount)}${values.length}`, values: padded }] },
      this.spreadsheetId,
    );
  }

  /** What RAW stores for a cell: a date as its serial number (formatted as a date by dateFormats), text as typed. */
  private rawValue(cell: Grid[number][number]): string | number | boolean {
    const value = valueOf(cell);
    if (value instanceof Date) return serialNumberOf(value, this.timeZone);
    // The store's contract: a leading apostrophe marks literal text and is not stored (RAW would keep it).
    if (typeof value === 'string' && value.startsWith("'")) return value.slice(1);
    return value;
  }

  /** One repeatCell per run of date cells in a column with the same pattern, so dates read as dates. */
  private dateFormats(sheetId: number, grid: Grid): object[] {
    const requests: object[] = [];
    const width = Math.max(0, ...grid.map((row) => row.length));
    for (let column = 0; column < width; column++) {
      let start = -1;
      let pattern = '';
      const flush = (end: number) => {
        if (start >= 0) {
          requests.push({
            repeatCell: {
              range: { sheetId, startRowIndex: start, endRowIndex: end, startColumnIndex: column, endColumnIndex: column + 1 },
              cell: { userEnteredFormat: { numberFormat: { type: pattern === 'hh:mm' ? 'TIME' : 'DATE_TIME', pattern } } },
              fields: 'userEnteredFormat.numberFormat',
            },
          });
        }
        start = -1;
      };
      for (let row = 0; row <= grid.length; row++) {
        const cell = row < grid.length ? valueOf(grid[row][column] ?? '') : '';
        const next = cell instanceof Date ? datePattern(serialNumberOf(cell, this.timeZone)) : '';
        if (next !== pattern) {
          flush(row);
          if (next) start = row;
        }
        pattern = next;
      }
    }
    return requests;
  }

  private freeSheetId(): number {
    return Math.max(0, ...[...this.sheetList().values()].map((sheet) => sheet.sheetId)) + 1;
  }

  readRows(): never {
    throw new ArchiveOnlyError('the archive is read and written whole, tab by tab');
  }
  readColumn(): never {
    throw new ArchiveOnlyError('the archive is read and written whole, tab by tab');
  }
  appendRows(): never {
    throw new ArchiveOnlyError('the archive is read and written whole, tab by tab');
  }
  styleTab(_name: string, _style: TabStyle): void {
    // The archive is a copy of values: no dropdowns, notes or protection.
  }
  markCells(_name: string, _marks: CellMark[]): void {
    // Nothing to mark in an archive.
  }
}
