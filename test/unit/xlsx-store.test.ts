import { promises as fs, mkdtempSync, readFileSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import { setUpProgram } from '../../src/sheets/program/setup';
import { MARK_NOTE_PREFIX } from '../../src/sheets/store/table-store';
import { validatedCells } from '../support/validations';

const dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-xlsx-'));

describe('the .xlsx table store', () => {
  it('round-trips text, numbers, booleans and dates, with "" for empty cells', async () => {
    const file = path.join(dir, 'round.xlsx');
    const store = XlsxTableStore.create(file);
    const date = new Date(Date.UTC(2027, 0, 11));
    store.writeTab('T', [['a', 'b', 'c'], ['x', '', 3], [true, date, "'=1+1"]]);
    await store.save();
    const reopened = await XlsxTableStore.open(file);
    expect(reopened.readTab('T')).toEqual([['a', 'b', 'c'], ['x', '', 3], [true, date, '=1+1']]);
    expect(reopened.readTab('Missing')).toBeNull();
  });

  it('shrinks a tab when fewer rows are written', () => {
    const store = XlsxTableStore.create(path.join(dir, 'shrink.xlsx'));
    store.writeTab('T', [['h'], ['1'], ['2'], ['3']]);
    store.writeTab('T', [['h'], ['1']]);
    expect(store.readTab('T')).toEqual([['h'], ['1']]);
  });

  it('saves atomically: a failed save leaves the previous file intact and no temporary file', async () => {
    const file = path.join(dir, 'atomic.xlsx');
    const store = XlsxTableStore.create(file);
    store.writeTab('T', [['first']]);
    await store.save();
    const before = readFileSync(file);
    store.writeTab('T', [['second']]);
    const rename = jest.spyOn(fs, 'rename').mockRejectedValueOnce(new Error('disk full'));
    await expect(store.save()).rejects.toThrow('disk full');
    rename.mockRestore();
    expect(readFileSync(file)).toEqual(before);
    expect(readdirSync(dir).filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it('writes dropdowns once per column however often the tabs are styled', async () => {
    const file = path.join(dir, 'styled.xlsx');
    const store = XlsxTableStore.create(file);
    setUpProgram(store);
    await store.save();
    const again = await XlsxTableStore.open(file);
    setUpProgram(again);
    await again.save();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const role = workbook.getWorksheet('Students')!.getCell('E2');
    expect(role.dataValidation).toMatchObject({ type: 'list', formulae: ['"Tutor,Tutee,Both"'] });
    expect(workbook.getWorksheet('Students')!.getCell('A1').note).toContain('Unique ID');
    const xml = await (await import('jszip')).default.loadAsync(readFileSync(file));
    const sheetXml = await xml.file('xl/worksheets/sheet3.xml')!.async('string');
    expect(sheetXml.match(/<dataValidation /g)).toHaveLength(5);
  });

  it('extends its dropdowns below rows a log grows into, and leaves a teacher\'s own validations as they were', async () => {
    const file = path.join(dir, 'grown.xlsx');
    const store = XlsxTableStore.create(file);
    store.writeTab('Log', [['Status', 'Mine'], ['Held', 'x']]);
    store.styleTab('Log', { columnCount: 2, headerNotes: ['', ''], dropdowns: [{ column: 0, values: ['Held', 'Missed'] }], dateColumns: [], protectHeader: true, hidden: false });
    await store.save();
    const teacher = new ExcelJS.Workbook();
    await teacher.xlsx.readFile(file);
    teacher.getWorksheet('Log')!.getCell('B5').dataValidation = { type: 'list', allowBlank: true, formulae: ['"x,y"'] };
    await teacher.xlsx.writeFile(file);

    const grown = await XlsxTableStore.open(file);
    const rows = Array.from({ length: 900 }, (_, i) => [i % 2 ? 'Held' : 'Missed', '']);
    grown.writeTab('Log', [['Status', 'Mine'], ...rows]);
    grown.appendRows('Log', [['Held', '']]);
    await grown.save();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('Log')!;
    for (const row of [2, 901, 902, 1400]) expect(sheet.getCell(`A${row}`).dataValidation).toMatchObject({ type: 'list', formulae: ['"Held,Missed"'] });
    expect(sheet.getCell('A1').dataValidation).toBeUndefined();
    expect(sheet.getCell('B5').dataValidation).toMatchObject({ formulae: ['"x,y"'] });
    expect(sheet.getCell('B6').dataValidation).toBeUndefined();
  });

  it('keeps validations over ranges cell for cell through open and save, each cell under one validation', async () => {
    const file = path.join(dir, 'ranges.xlsx');
    const teacher = new ExcelJS.Workbook();
    const sheet = teacher.addWorksheet('Log');
    sheet.getCell('A1').value = 'Status';
    const list = (values: string) => ({ type: 'list' as const, allowBlank: true, formulae: [`"${values}"`] });
    const validations = (sheet as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
    validations.add('C2:C5000', list('Held,Missed'));
    validations.add('D2:E10', list('a,b'));
    validations.add('F7', list('x,y'));
    await teacher.xlsx.writeFile(file);
    const cellsOf = async () => {
      const xml = await (await import('jszip')).default.loadAsync(readFileSync(file));
      const { cells, covered } = validatedCells(await xml.file('xl/worksheets/sheet1.xml')!.async('string'));
      expect(covered).toBe(cells.size);
      return cells;
    };
    const before = await cellsOf();
    expect(before.size).toBe(4999 + 18 + 1);
    const store = await XlsxTableStore.open(file);
    store.writeTab('Log', [['Status'], ['Held']]);
    await store.save();
    expect(await cellsOf()).toEqual(before);
  });

  it('replaces problem marks and clears them when there are none', async () => {
    const file = path.join(dir, 'marks.xlsx');
    const store = XlsxTableStore.create(file);
    store.writeTab('T', [['h1', 'h2'], ['a', 'b'], ['c', 'd']]);
    store.markCells('T', [{ row: 2, column: 1, message: 'first problem' }]);
    store.markCells('T', [{ row: 3, column: 2, message: 'second problem' }]);
    await store.save();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('T')!;
    expect(sheet.getCell('A2').note).toBeUndefined();
    expect(sheet.getCell('B3').note).toBe(`${MARK_NOTE_PREFIX}second problem`);
    const reopened = await XlsxTableStore.open(file);
    reopened.markCells('T', []);
    await reopened.save();
    const cleared = new ExcelJS.Workbook();
    await cleared.xlsx.readFile(file);
    expect(cleared.getWorksheet('T')!.getCell('B3').note).toBeUndefined();
    expect(reopened.readTab('T')).toEqual([['h1', 'h2'], ['a', 'b'], ['c', 'd']]);
  });

  /** Opens the saved file with exceljs itself: what any spreadsheet program would show. */
  async function cellsOf(file: string, tab: string) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet(tab)!;
    return (address: string) => {
      const cell = sheet.getCell(address);
      return { note: cell.note, fill: (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb ?? 'none' };
    };
  }

  it('marks only the cell it is asked to, even where cells read from the file share one style', async () => {
    const file = path.join(dir, 'shared-style.xlsx');
    const store = XlsxTableStore.create(file);
    const day = (d: number) => new Date(Date.UTC(2027, 0, d));
    store.writeTab('Settings', [['Setting', 'Value'], ['Term start', day(11)], ['Term end', day(4)]]);
    await store.save();
    const reopened = await XlsxTableStore.open(file);
    reopened.markCells('Settings', [{ row: 3, column: 2, message: 'Term end is before Term start' }]);
    await reopened.save();
    const cell = await cellsOf(file, 'Settings');
    expect(cell('B3').fill).toBe('FFFCE8E6');
    expect(cell('B2')).toEqual({ note: undefined, fill: 'none' });
  });

  it('clears the mark of a cell whose bad value was deleted, and the note of a fixed problem', async () => {
    const file = path.join(dir, 'fixed.xlsx');
    const store = XlsxTableStore.create(file);
    store.writeTab('T', [['h1', 'h2'], ['a', 'bad']]);
    store.markCells('T', [{ row: 2, column: 2, message: 'bad value' }]);
    await store.save();
    const fixed = await XlsxTableStore.open(file);
    fixed.writeTab('T', [['h1', 'h2'], ['a', '']]);
    fixed.markCells('T', []);
    await fixed.save();
    expect((await cellsOf(file, 'T'))('B2')).toEqual({ note: undefined, fill: 'none' });
  });

  it("keeps a teacher's own note and colour under a mark and gives them back when it clears", async () => {
    const file = path.join(dir, 'teacher.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('T');
    sheet.addRow(['h1', 'h2']);
    sheet.addRow(['a', 'b']);
    sheet.getCell('A2').note = 'sibling of S-4';
    sheet.getCell('B2').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00FF00' } };
    await workbook.xlsx.writeFile(file);
    const store = await XlsxTableStore.open(file);
    store.markCells('T', [{ row: 2, column: 1, message: 'duplicate' }, { row: 2, column: 2, message: 'bad' }]);
    await store.save();
    let cell = await cellsOf(file, 'T');
    expect(cell('A2').note).toBe(`${MARK_NOTE_PREFIX}duplicate\n\n--- Your note ---\nsibling of S-4`);
    expect(cell('B2').fill).toBe('FF00FF00');
    const again = await XlsxTableStore.open(file);
    again.markCells('T', []);
    await again.save();
    cell = await cellsOf(file, 'T');
    expect(cell('A2')).toEqual({ note: 'sibling of S-4', fill: 'none' });
    expect(cell('B2')).toEqual({ note: undefined, fill: 'FF00FF00' });
  });

  /** A tab whose cells A2, B2 and C2 a teacher made bold: the saved file gives them one shared style. */
  async function boldRow(file: string) {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('T');
    sheet.addRow(['Date', 'Minutes', 'Note']);
    sheet.addRow(['not yet', 30, 'late']);
    for (const address of ['A2', 'B2', 'C2']) sheet.getCell(address).font = { bold: true };
    await workbook.xlsx.writeFile(file);
    return async () => {
      const saved = new ExcelJS.Workbook();
      await saved.xlsx.readFile(file);
      const cell = (address: string) => saved.getWorksheet('T')!.getCell(address);
      return { a2: cell('A2').numFmt, b2: cell('B2').numFmt, bold: ['A2', 'B2', 'C2'].map((address) => cell(address).font?.bold) };
    };
  }

  it('a date written into a cell formats that cell only, also where cells share one style', async () => {
    const file = path.join(dir, 'date-shared-style.xlsx');
    const formats = await boldRow(file);
    const store = await XlsxTableStore.open(file);
    store.writeTab('T', [['Date', 'Minutes', 'Note'], [new Date(Date.UTC(2027, 0, 11)), 30, 'late']]);
    await store.save();
    expect(await formats()).toEqual({ a2: 'yyyy-mm-dd', b2: undefined, bold: [true, true, true] });
  });

  it('styling a date column formats that column only, also where cells share one style', async () => {
    const file = path.join(dir, 'column-shared-style.xlsx');
    const formats = await boldRow(file);
    const store = await XlsxTableStore.open(file);
    store.styleTab('T', { columnCount: 3, headerNotes: ['', '', ''], dropdowns: [], dateColumns: [0], protectHeader: true, hidden: false });
    await store.save();
    expect(await formats()).toEqual({ a2: 'yyyy-mm-dd', b2: undefined, bold: [true, true, true] });
  });

  it('styling the header leaves body cells that shared its style as they were', async () => {
    const file = path.join(dir, 'header-shared-style.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('T');
    sheet.addRow(['Date', 'Minutes']);
    sheet.addRow(['x', 'y']);
    for (const address of ['A1', 'A2']) sheet.getCell(address).font = { italic: true };
    await workbook.xlsx.writeFile(file);
    const store = await XlsxTableStore.open(file);
    store.styleTab('T', { columnCount: 2, headerNotes: ['', ''], dropdowns: [], dateColumns: [], protectHeader: true, hidden: false });
    await store.save();
    const cell = await cellsOf(file, 'T');
    expect(cell('A1').fill).toBe('FFE8F0FE');
    expect(cell('A2').fill).toBe('none');
  });

  it('reads merged cells as Google Sheets does: the value in the top-left cell only', async () => {
    const file = path.join(dir, 'merged.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('T');
    sheet.addRow(['h1', 'h2', 'h3']);
    sheet.addRow(['a', 'b', 'c']);
    sheet.addRow(['d', 'e', 'f']);
    sheet.mergeCells('B2:C3');
    await workbook.xlsx.writeFile(file);
    expect((await XlsxTableStore.open(file)).readTab('T')).toEqual([['h1', 'h2', 'h3'], ['a', 'b', ''], ['d', '', '']]);
  });
});
