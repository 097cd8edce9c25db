// A fake of the advanced Sheets service (Sheets API v4), only the calls the add-on makes, answering as
// the REST API does (advanced services take the request body first, then the path parameters, and
// return the JSON as objects; errors are thrown as "API call to sheets.<method> failed with error: …"):
// - drive.file: the script reaches only spreadsheets it created (`Spreadsheets.create`); any other ID is
//   "Requested entity was not found." (404), as a file the app may not see is for the API;
// - a new spreadsheet has the sheets asked for, else one "Sheet1"; each sheet is 1000 × 26 unless
//   gridProperties say otherwise; a spreadsheet holds at most 10,000,000 cells;
// - spreadsheets.batchUpdate is atomic: when one request is invalid, none is applied (addSheet,
//   updateSheetProperties with its `fields` mask, repeatCell with a number format);
// - values.batchGet: A1 ranges (`'Tab'`, `'Tab'!A1:C3`, a quote inside a name doubled); an unknown tab is
//   "Unable to parse range"; trailing empty rows, and each row's trailing empty cells, are left out,
//   `values` is absent for an empty range; UNFORMATTED_VALUE with SERIAL_NUMBER (dates are numbers);
// - values.batchUpdate: valueInputOption is required; RAW stores strings as typed (a leading `=` or `'`
//   stays text); "" clears a cell, null leaves it; a range beyond the grid "exceeds grid limits", values
//   beyond the range asked are refused; a cell holds at most 50,000 characters;
// - values.batchClear clears values and keeps formats.
import type { CallCounter } from './calls';

type Value = string | number | boolean;

interface FakeSheetData {
  sheetId: number;
  title: string;
  rowCount: number;
  columnCount: number;
  /** Values by `row,column` (0-based). */
  values: Map<string, Value>;
  /** Number format patterns by `row,column`. */
  formats: Map<string, string>;
}

interface FakeSpreadsheetData {
  spreadsheetId: string;
  title: string;
  timeZone: string;
  sheets: FakeSheetData[];
}

const MAX_CELLS = 10_000_000;
const MAX_CELL_CHARACTERS = 50_000;

class SheetsApiError extends Error {
  constructor(method: string, message: string) {
    super(`API call to sheets.${method} failed with error: ${message}`);
    this.name = 'GoogleJsonResponseException';
  }
}

function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/** `'Tab'!A1:C3` → the tab and 0-based bounds (end exclusive); a whole tab when no cells are named. */
function parseRange(range: string): { title: string; rows?: [number, number]; columns?: [number, number] } | null {
  const match = /^(?:'((?:[^']|'')+)'|([^'!]+))(?:!([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?)?$/i.exec(range);
  if (!match) return null;
  const title = match[1] !== undefined ? match[1].replace(/''/g, "'") : match[2];
  if (!match[3]) return { title };
  const [c1, r1] = [columnNumber(match[3]), Number(match[4])];
  const [c2, r2] = match[5] ? [columnNumber(match[5]), Number(match[6])] : [c1, r1];
  return { title, rows: [r1 - 1, r2], columns: [c1 - 1, c2] };
}

export interface SheetsApiFake {
  /** The `Sheets` global of a bundle. */
  Sheets: unknown;
  /** A spreadsheet the script made, by ID (tests read it back). */
  spreadsheet(id: string): FakeSpreadsheetData | undefined;
  /** IDs of the spreadsheets made, in order. */
  created(): string[];
  /** What a tab holds, as rows of values (`''` for empty), up to its last non-empty row and column. */
  grid(id: string, title: string): Value[][] | null;
  /** The number format of one cell (0-based), if any. */
  format(id: string, title: string, row: number, column: number): string | undefined;
  /** Makes `times` calls of `method` (e.g. `Spreadsheets.Values.batchUpdate`), after `after` more succeed, throw `message`. */
  failNext(method: string, options?: { times?: number; after?: number; message?: string }): void;
  /** Deletes a spreadsheet (the teacher removed it from Drive). */
  remove(id: string): void;
}

export function createSheetsApiFake(calls: CallCounter, options: { timeZone?: string } = {}): SheetsApiFake {
  const files = new Map<string, FakeSpreadsheetData>();
  let made = 0;
  const faults = new Map<string, { times: number; after: number; message: string }>();

  const enter = (method: string) => {
    calls.record(`Sheets.${method}`);
    const fault = faults.get(method);
    if (fault && fault.after > 0) fault.after -= 1;
    else if (fault && fault.times > 0) {
      fault.times -= 1;
      throw new Error(fault.message);
    }
  };
  const open = (method: string, id: string): FakeSpreadsheetData => {
    const file = files.get(id);
    if (!file) throw new SheetsApiError(method, 'Requested entity was not found.');
    return file;
  };
  const sheetOf = (method: string, file: FakeSpreadsheetData, range: string) => {
    const parsed = parseRange(range);
    const sheet = parsed && file.sheets.find((s) => s.title === parsed.title);
    if (!parsed || !sheet) throw new SheetsApiError(method, `Unable to parse range: ${range}`);
    return { sheet, rows: parsed.rows ?? [0, sheet.rowCount], columns: parsed.columns ?? [0, sheet.columnCount] };
  };
  const totalCells = (file: FakeSpreadsheetData) => file.sheets.reduce((n, s) => n + s.rowCount * s.columnCount, 0);
  const urlOf = (id: string) => `https://docs.google.com/spreadsheets/d/${id}/edit`;
  const describe = (file: FakeSpreadsheetData) => ({
    spreadsheetId: file.spreadsheetId,
    spreadsheetUrl: urlOf(file.spreadsheetId),
    properties: { title: file.title, timeZone: file.timeZone },
    sheets: file.sheets.map((s, index) => ({ properties: { sheetId: s.sheetId, title: s.title, index, sheetType: 'GRID', gridProperties: { rowCount: s.rowCount, columnCount: s.columnCount } } })),
  });

  const newSheet = (properties: { sheetId?: number; title?: string; gridProperties?: { rowCount?: number; columnCount?: number } }, file: FakeSpreadsheetData): FakeSheetData => ({
    sheetId: properties.sheetId ?? Math.max(-1, ...file.sheets.map((s) => s.sheetId)) + 1,
    title: properties.title ?? `Sheet${file.sheets.length + 1}`,
    rowCount: properties.gridProperties?.rowCount ?? 1000,
    columnCount: properties.gridProperties?.columnCount ?? 26,
    values: new Map(),
    formats: new Map(),
  });

  /** Applies one batchUpdate request to a working copy; throws (nothing applied) when it is invalid. */
  const applyRequest = (file: FakeSpreadsheetData, request: Record<string, any>, index: number) => {
    const fail = (kind: string, message: string) => {
      throw new SheetsApiError('spreadsheets.batchUpdate', `Invalid requests[${index}].${kind}: ${message}`);
    };
    if (request.addSheet) {
      const sheet = newSheet(request.addSheet.properties ?? {}, file);
      if (file.sheets.some((s) => s.title.toLowerCase() === sheet.title.toLowerCase())) fail('addSheet', `A sheet with the name "${sheet.title}" already exists. Please enter another name.`);
      if (file.sheets.some((s) => s.sheetId === sheet.sheetId)) fail('addSheet', `Sheet with id ${sheet.sheetId} already exists.`);
      file.sheets.push(sheet);
    } else if (request.updateSheetProperties) {
      const { properties, fields } = request.updateSheetProperties;
      if (!fields) fail('updateSheetProperties', "At least one field must be specified in 'fields'.");
      const sheet = file.sheets.find((s) => s.sheetId === properties?.sheetId);
      if (!sheet) fail('updateSheetProperties', `No grid with id: ${properties?.sheetId}`);
      if (/gridProperties/.test(fields)) {
        sheet!.rowCount = properties.gridProperties?.rowCount ?? sheet!.rowCount;
        sheet!.columnCount = properties.gridProperties?.columnCount ?? sheet!.columnCount;
      }
    } else if (request.repeatCell) {
      const { range, cell, fields } = request.repeatCell;
      const sheet = file.sheets.find((s) => s.sheetId === range?.sheetId);
      if (!sheet) fail('repeatCell', `No grid with id: ${range?.sheetId}`);
      if (!fields) fail('repeatCell', "At least one field must be specified in 'fields'.");
      if (range.endRowIndex > sheet!.rowCount || range.endColumnIndex > sheet!.columnCount) fail('repeatCell', 'Range is out of the grid bounds.');
      const pattern = cell?.userEnteredFormat?.numberFormat?.pattern;
      for (let r = range.startRowIndex ?? 0; r < (range.endRowIndex ?? sheet!.rowCount); r++) {
        for (let c = range.startColumnIndex ?? 0; c < (range.endColumnIndex ?? sheet!.columnCount); c++) sheet!.formats.set(`${r},${c}`, pattern);
      }
    } else {
      throw new Error(`The Sheets fake does not implement the request ${Object.keys(request).join(', ')}`);
    }
    if (totalCells(file) > MAX_CELLS) fail(Object.keys(request)[0], `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`);
  };

  const cloneFile = (file: FakeSpreadsheetData): FakeSpreadsheetData => ({
    ...file,
    sheets: file.sheets.map((s) => ({ ...s, values: new Map(s.values), formats: new Map(s.formats) })),
  });

  const readValues = (sheet: FakeSheetData, rows: [number, number], columns: [number, number]): Value[][] => {
    const out: Value[][] = [];
    for (let r = rows[0]; r < Math.min(rows[1], sheet.rowCount); r++) {
      const row: Value[] = [];
      for (let c = columns[0]; c < Math.min(columns[1], sheet.columnCount); c++) row.push(sheet.values.get(`${r},${c}`) ?? '');
      while (row.length && row[row.length - 1] === '') row.pop();
      out.push(row);
    }
    while (out.length && out[out.length - 1].length === 0) out.pop();
    return out;
  };

  const Spreadsheets = {
    create(resource: { properties?: { title?: string; timeZone?: string }; sheets?: { properties?: object }[] }) {
      enter('Spreadsheets.create');
      const spreadsheetId = `sheets-api-file-${++made}`;
      const file: FakeSpreadsheetData = { spreadsheetId, title: resource.properties?.title ?? 'Untitled spreadsheet', timeZone: resource.properties?.timeZone ?? options.timeZone ?? 'America/Los_Angeles', sheets: [] };
      for (const sheet of resource.sheets?.length ? resource.sheets : [{ properties: { title: 'Sheet1' } }]) file.sheets.push(newSheet(sheet.properties ?? {}, file));
      files.set(spreadsheetId, file);
      return describe(file);
    },
    get(spreadsheetId: string, _optionalArgs?: { fields?: string }) {
      enter('Spreadsheets.get');
      return describe(open('spreadsheets.get', spreadsheetId));
    },
    batchUpdate(resource: { requests: Record<string, unknown>[] }, spreadsheetId: string) {
      enter('Spreadsheets.batchUpdate');
      const file = open('spreadsheets.batchUpdate', spreadsheetId);
      const working = cloneFile(file);
      (resource.requests ?? []).forEach((request, index) => applyRequest(working, request, index));
      files.set(spreadsheetId, working);
      return { spreadsheetId, replies: (resource.requests ?? []).map(() => ({})) };
    },
    Values: {
      batchGet(spreadsheetId: string, optionalArgs: { ranges?: string[]; valueRenderOption?: string; dateTimeRenderOption?: string } = {}) {
        enter('Spreadsheets.Values.batchGet');
        const file = open('spreadsheets.values.batchGet', spreadsheetId);
        if (optionalArgs.valueRenderOption !== 'UNFORMATTED_VALUE' || (optionalArgs.dateTimeRenderOption ?? 'SERIAL_NUMBER') !== 'SERIAL_NUMBER') {
          throw new Error('The Sheets fake renders values only as UNFORMATTED_VALUE with SERIAL_NUMBER dates');
        }
        const valueRanges = (optionalArgs.ranges ?? []).map((range) => {
          const { sheet, rows, columns } = sheetOf('spreadsheets.values.batchGet', file, range);
          const values = readValues(sheet, rows, columns);
          return { range, majorDimension: 'ROWS', ...(values.length ? { values } : {}) };
        });
        return { spreadsheetId, valueRanges };
      },
      batchUpdate(resource: { valueInputOption?: string; data?: { range: string; values?: unknown[][] }[] }, spreadsheetId: string) {
        enter('Spreadsheets.Values.batchUpdate');
        const method = 'spreadsheets.values.batchUpdate';
        const file = open(method, spreadsheetId);
        if (!resource.valueInputOption) throw new SheetsApiError(method, "Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED");
        if (resource.valueInputOption !== 'RAW') throw new Error('The Sheets fake implements valueInputOption RAW only');
        const working = cloneFile(file);
        let totalUpdatedCells = 0;
        for (const { range, values = [] } of resource.data ?? []) {
          const { sheet, rows, columns } = sheetOf(method, working, range);
          if (rows[1] > sheet.rowCount || columns[1] > sheet.columnCount) {
            throw new SheetsApiError(method, `Range (${range}) exceeds grid limits. Max rows: ${sheet.rowCount}, max columns: ${sheet.columnCount}`);
          }
          values.forEach((row, r) => {
            if (rows[0] + r >= rows[1]) throw new SheetsApiError(method, `Requested writing within range [${range}], but tried writing to row [${rows[0] + r + 1}]`);
            row.forEach((value, c) => {
              if (columns[0] + c >= columns[1]) throw new SheetsApiError(method, `Requested writing within range [${range}], but tried writing to column [${columns[0] + c + 1}]`);
              if (value === null || value === undefined) return; // null: the cell is left as it is
              if (!['string', 'number', 'boolean'].includes(typeof value)) throw new SheetsApiError(method, `Invalid values[${r}][${c}]: ${String(value)}`);
              if (typeof value === 'string' && value.length > MAX_CELL_CHARACTERS) throw new SheetsApiError(method, `Your input contains more than the maximum of ${MAX_CELL_CHARACTERS} characters in a single cell.`);
              const key = `${rows[0] + r},${columns[0] + c}`;
              if (value === '') sheet.values.delete(key);
              else sheet.values.set(key, value as Value);
              totalUpdatedCells += 1;
            });
          });
        }
        files.set(spreadsheetId, working);
        return { spreadsheetId, totalUpdatedCells };
      },
      batchClear(resource: { ranges?: string[] }, spreadsheetId: string) {
        enter('Spreadsheets.Values.batchClear');
        const method = 'spreadsheets.values.batchClear';
        const file = open(method, spreadsheetId);
        for (const range of resource.ranges ?? []) {
          const { sheet, rows, columns } = sheetOf(method, file, range);
          for (const key of [...sheet.values.keys()]) {
            const [r, c] = key.split(',').map(Number);
            if (r >= rows[0] && r < rows[1] && c >= columns[0] && c < columns[1]) sheet.values.delete(key);
          }
        }
        return { spreadsheetId, clearedRanges: resource.ranges ?? [] };
      },
    },
  };

  return {
    Sheets: { Spreadsheets },
    spreadsheet: (id) => files.get(id),
    created: () => [...files.keys()],
    grid(id, title) {
      const sheet = files.get(id)?.sheets.find((s) => s.title === title);
      if (!sheet) return null;
      const rows = readValues(sheet, [0, sheet.rowCount], [0, sheet.columnCount]);
      const width = Math.max(0, ...rows.map((row) => row.length));
      return rows.map((row) => [...row, ...Array<Value>(width - row.length).fill('')]);
    },
    format: (id, title, row, column) => files.get(id)?.sheets.find((s) => s.title === title)?.formats.get(`${row},${column}`),
    failNext(method, { times = 1, after = 0, message = 'Service error: Spreadsheets' } = {}) {
      faults.set(method, { times, after, message });
    },
    remove: (id) => void files.delete(id),
  };
}
