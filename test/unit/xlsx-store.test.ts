import { promises as fs, mkdtempSync, readFileSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import { setUpProgram } from '../../src/sheets/setup';

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
    expect(sheet.getCell('B3').note).toBe('second problem');
    const reopened = await XlsxTableStore.open(file);
    reopened.markCells('T', []);
    await reopened.save();
    const cleared = new ExcelJS.Workbook();
    await cleared.xlsx.readFile(file);
    expect(cleared.getWorksheet('T')!.getCell('B3').note).toBeUndefined();
    expect(reopened.readTab('T')).toEqual([['h1', 'h2'], ['a', 'b'], ['c', 'd']]);
  });
});
