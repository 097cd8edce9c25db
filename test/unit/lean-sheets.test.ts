// Large plain tabs are read and written lean (src/local/lean-sheets.ts). Every test compares with the
// whole-workbook path (exceljs for every cell) on the same file and the same changes: what a command
// reads, and what the saved file holds, must not depend on which path a tab took.
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import { Formula, type Grid, type GridCell } from '../../src/sheets/store/table-store';
import { validatedCells } from '../support/validations';

const dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-lean-'));
let files = 0;
const fresh = (name: string) => path.join(dir, `${name}-${files++}.xlsx`);

const LEAN = { leanFromChars: 0, leanFromRows: 0 };
const WHOLE = { leanFromChars: Infinity, leanFromRows: Infinity };
/** Read whole, made lean by a large write. */
const GROWN = { leanFromChars: Infinity, leanFromRows: 0 };

const text = fc.oneof(
  fc.string(),
  fc.constantFrom('00041', ' padded ', 'a & b < c > "d" \'e\'', 'line\nbreak', 'ünïcødé 😀', '=not a formula', "'quoted", '', 'Held'),
);
const cell: fc.Arbitrary<GridCell> = fc.oneof(
  text,
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.boolean(),
  fc.integer({ min: 0, max: 20_000 }).map((day) => new Date(Date.UTC(2020, 0, 1) + day * 86_400_000)),
  fc.constantFrom(new Formula('=1+1', 2, 0, 0), new Formula('=A2&"x"', 'ax', 0, 0)),
);
const rowsOf = (width: number) => fc.array(fc.array(cell, { maxLength: width }), { maxLength: 40 });

/** A workbook with a log tab (dated column, dropdown) and a small tab, written the whole way. */
async function workbookWith(rows: Grid): Promise<string> {
  const file = fresh('log');
  const store = XlsxTableStore.create(file, WHOLE);
  store.writeTab('Log', [['Date', 'Status', 'Notes', 'Mine'], ...rows]);
  store.styleTab('Log', { columnCount: 4, headerNotes: ['When', '', '', ''], dropdowns: [{ column: 1, values: ['Held', 'Missed'] }], dateColumns: [0], protectHeader: true, hidden: false });
  store.writeTab('Small', [['Key'], ['k1']]);
  await store.save();
  return file;
}

async function sheetXml(file: string, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const index = [...workbook.matchAll(/<sheet [^>]*name="([^"]*)"/g)].findIndex((m) => m[1] === name);
  return zip.file(`xl/worksheets/sheet${index + 1}.xml`)!.async('string');
}

/** The same changes through both paths, each saved to its own copy; both copies read the whole way. */
async function bothWays(file: string, change: (store: XlsxTableStore) => void): Promise<{ lean: string; grown: string; whole: string }> {
  const results: string[] = [];
  const readBack: Record<string, Grid | null>[] = [];
  for (const options of [LEAN, GROWN, WHOLE]) {
    const copy = fresh('copy');
    writeFileSync(copy, readFileSync(file));
    const store = await XlsxTableStore.open(copy, options);
    change(store);
    readBack.push(Object.fromEntries(store.tabNames().map((name) => [name, store.readTab(name)])));
    await store.save();
    results.push(copy);
  }
  // What the same command reads back after its own write, before saving.
  expect(readBack[0]).toEqual(readBack[2]);
  expect(readBack[1]).toEqual(readBack[2]);
  return { lean: results[0], grown: results[1], whole: results[2] };
}

/**
 * The number format of each cell that holds something on the log tab (dates show as dates in both).
 * Blank cells are left out: the whole path keeps "" as text, or makes styled blank cells as it reads,
 * where the lean path leaves cells blank; a blank cell shows nothing either way.
 */
async function numberFormats(file: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet('Log')!;
  const formats: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.value !== '') cells[c - 1] = cell.numFmt ?? '';
    });
    const used = Array.from(cells, (format) => format ?? '');
    while (used.length && used[used.length - 1] === '') used.pop();
    formats[r - 1] = used;
  });
  // An empty row element (the whole path writes one where a row was emptied) is no cell either way.
  const rows = Array.from(formats, (row) => row ?? []);
  while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

async function readAll(file: string): Promise<Record<string, Grid | null>> {
  const store = await XlsxTableStore.open(file, WHOLE);
  return Object.fromEntries(store.tabNames().map((name) => [name, store.readTab(name)]));
}

describe('lean tabs', () => {
  it('read exactly what the whole workbook path reads', async () => {
    await fc.assert(
      fc.asyncProperty(rowsOf(6), async (rows) => {
        const file = await workbookWith(rows);
        const lean = await XlsxTableStore.open(file, LEAN);
        const whole = await XlsxTableStore.open(file, WHOLE);
        for (const name of whole.tabNames()) expect(lean.readTab(name)).toEqual(whole.readTab(name));
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('write what the whole workbook path writes: rewritten, shrunk, grown and appended rows', async () => {
    await fc.assert(
      fc.asyncProperty(rowsOf(6), rowsOf(7), rowsOf(5), async (first, second, appended) => {
        const file = await workbookWith(first);
        const saved = await bothWays(file, (store) => {
          store.writeTab('Log', [['Date', 'Status', 'Notes', 'Mine', 'New'], ...second]);
          store.appendRows('Log', appended);
        });
        for (const file of [saved.lean, saved.grown]) {
          expect(await readAll(file)).toEqual(await readAll(saved.whole));
          expect(await numberFormats(file)).toEqual(await numberFormats(saved.whole));
        }
        expect(await sheetXml(saved.lean, 'Log')).toContain('<dimension ref="A1:');
      }),
      // Cases found in CI: a lone apostrophe (written as empty text), an empty row appended.
      { numRuns: 25, examples: [[[], [["'"]], []], [[], [], [[]]]] },
    );
  }, 120_000);

  it.each([['read lean', LEAN], ['made lean by a large write', GROWN]])('keep a teacher’s colours, formulas, own columns, notes on the header, widths and dropdowns (%s)', async (_, options) => {
    const rows: Grid = Array.from({ length: 30 }, (_, i) => [new Date(Date.UTC(2026, 8, 1 + i)), i % 2 ? 'Held' : 'Missed', `note ${i}`]);
    const file = await workbookWith(rows);
    const teacher = new ExcelJS.Workbook();
    await teacher.xlsx.readFile(file);
    const log = teacher.getWorksheet('Log')!;
    log.getCell('C5').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    log.getCell('D5').value = { formula: 'LEN(C5)', result: 6 } as ExcelJS.CellFormulaValue;
    log.getColumn(3).width = 33;
    await teacher.xlsx.writeFile(file);

    const store = await XlsxTableStore.open(file, options);
    const grid = store.readTab('Log')!;
    expect(grid[4][3]).toEqual(new Formula('=LEN(C5)', 6, 5, 4));
    grid[4][2] = 'changed';
    grid.push([new Date(Date.UTC(2027, 0, 4)), 'Held', 'added']);
    store.writeTab('Log', grid);
    await store.save();
    expect(await sheetXml(file, 'Log')).toContain('<row r="3">'); // a lean row (exceljs writes spans too)

    const saved = new ExcelJS.Workbook();
    await saved.xlsx.readFile(file);
    const sheet = saved.getWorksheet('Log')!;
    expect(sheet.getCell('C5').value).toBe('changed');
    expect(sheet.getCell('C5').fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFFFFF00' } });
    expect(sheet.getCell('D5').formula).toBe('LEN(C5)');
    expect(sheet.getColumn(3).width).toBe(33);
    expect(sheet.getCell('A1').note).toBe('When');
    expect(sheet.getCell('A32').value).toEqual(new Date(Date.UTC(2027, 0, 4)));
    expect(sheet.getCell('A32').numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getCell('B20').dataValidation).toMatchObject({ type: 'list', formulae: ['"Held,Missed"'] });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('keep every validation cell for cell, each cell under one, read lean or whole', async () => {
    const file = await workbookWith(Array.from({ length: 300 }, (_, i) => [`row ${i}`, i % 2 ? 'Held' : 'Missed', '']));
    // A teacher's own: one validation over two ranges, as Excel writes it, and one over a block of cells.
    const zip = await JSZip.loadAsync(readFileSync(file));
    const workbook = await zip.file('xl/workbook.xml')!.async('string');
    const part = `xl/worksheets/sheet${[...workbook.matchAll(/<sheet [^>]*name="([^"]*)"/g)].findIndex((m) => m[1] === 'Log') + 1}.xml`;
    const own = '<dataValidation type="list" allowBlank="1" sqref="C5 C7:C9"><formula1>"x,y"</formula1></dataValidation><dataValidation type="list" allowBlank="1" sqref="D2:E10"><formula1>"a,b"</formula1></dataValidation>';
    zip.file(part, (await zip.file(part)!.async('string')).replace(/<dataValidations count="(\d+)">/, (_, count) => `<dataValidations count="${Number(count) + 2}">${own}`));
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));

    const before = validatedCells(await sheetXml(file, 'Log'));
    expect(before.covered).toBe(before.cells.size);
    expect(before.cells.get('C8')).toBe(before.cells.get('C5'));
    expect(before.cells.get('C6')).toBeUndefined();
    // As exceljs's own merge used to save the store's dropdown: a second copy over part of the same cells.
    const xml = await zip.file(part)!.async('string');
    const dropdown = /<dataValidation [^>]*sqref="B2:B(\d+)"[\s\S]*?<\/dataValidation>/.exec(xml)!;
    zip.file(part, xml.replace(dropdown[0], `${dropdown[0]}${dropdown[0].replace('sqref="B2:', 'sqref="B10:')}`));
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    expect(validatedCells(await sheetXml(file, 'Log')).covered).toBeGreaterThan(before.cells.size);
    const saved = await bothWays(file, (store) => store.writeTab('Log', [...store.readTab('Log')!, ['added', 'Held', '']]));
    for (const copy of [saved.lean, saved.grown, saved.whole]) {
      const after = validatedCells(await sheetXml(copy, 'Log'));
      expect(after.covered).toBe(after.cells.size);
      // The store's own dropdown reaches below the added row; every other cell keeps its validation.
      for (const [cell, formula] of before.cells) expect([cell, after.cells.get(cell)]).toEqual([cell, formula]);
    }
  });

  type Kept = (sheet: ExcelJS.Worksheet) => unknown;
  it.each<[string, Kept, Kept, unknown]>([
    ['a note below the header', (sheet) => (sheet.getCell('C2').note = 'teacher note'), (sheet) => sheet.getCell('C2').note, 'teacher note'],
    ['a row with a height of its own', (sheet) => (sheet.getRow(3).height = 40), (sheet) => sheet.getRow(3).height, 40],
  ])('hand a tab to exceljs whole when it holds what lean rows do not keep: %s', async (_, teacherChange, kept, expected) => {
    const file = await workbookWith([['x', 'Held', 'n'], ['y', 'Missed', 'm']]);
    const teacher = new ExcelJS.Workbook();
    await teacher.xlsx.readFile(file);
    teacherChange(teacher.getWorksheet('Log')!);
    await teacher.xlsx.writeFile(file);
    const store = await XlsxTableStore.open(file, LEAN);
    store.writeTab('Log', [...store.readTab('Log')!, ['z', 'Held', 'o']]);
    await store.save();
    expect(await sheetXml(file, 'Log')).not.toContain('<row r="3">'); // a lean row would read so
    const saved = new ExcelJS.Workbook();
    await saved.xlsx.readFile(file);
    expect(kept(saved.getWorksheet('Log')!)).toBe(expected);
    expect(saved.getWorksheet('Log')!.getCell('C4').value).toBe('o');
  });

  it('read a tab LibreOffice saved (default values on every row) lean, as the whole path reads it', async () => {
    const file = await workbookWith([[new Date(Date.UTC(2026, 8, 1)), 'Held', 'n'], [new Date(Date.UTC(2026, 8, 8)), 'Missed', 'm']]);
    const zip = await JSZip.loadAsync(readFileSync(file));
    const part = 'xl/worksheets/sheet1.xml';
    const libreOffice = (await zip.file(part)!.async('string')).replace(
      /<row r="(\d+)"[^>]*>/g,
      (tag, r: string) => (r === '1' ? tag : `<row r="${r}" customFormat="false" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" collapsed="false">`),
    );
    zip.file(part, libreOffice);
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    const whole = await XlsxTableStore.open(file, WHOLE);
    const lean = await XlsxTableStore.open(file, LEAN);
    expect(lean.readTab('Log')).toEqual(whole.readTab('Log'));
    lean.writeTab('Log', [...lean.readTab('Log')!, ['x', 'Held', 'o']]);
    await lean.save();
    expect(await sheetXml(file, 'Log')).toContain('<row r="3">'); // written lean
    expect((await readAll(file)).Log).toEqual([...whole.readTab('Log')!, ['x', 'Held', 'o', '']]);
  });

  it('mark problems as the whole path does (the tab goes to exceljs first)', async () => {
    const file = await workbookWith([[new Date(Date.UTC(2026, 8, 1)), 'Bad', 'n'], [new Date(Date.UTC(2026, 8, 8)), 'Held', '=1+1']]);
    const saved = await bothWays(file, (store) => store.markCells('Log', [{ row: 2, column: 2, message: 'Status: not a choice' }]));
    expect(await readAll(saved.lean)).toEqual(await readAll(saved.whole));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(saved.lean);
    expect(String(workbook.getWorksheet('Log')!.getCell('B2').note)).toContain('Status: not a choice');
  });

  it('read a tab of many windows of rows as the whole path does, a row longer than a window too', async () => {
    const rows: Grid = Array.from({ length: 3_000 }, (_, i) => [new Date(Date.UTC(2026, 8, 1 + (i % 300))), i % 2 ? 'Held' : 'Missed', `note ${i} ${'ü'.repeat(i % 40)}`]);
    rows[1_500] = [new Date(Date.UTC(2026, 9, 1)), 'Held', `${'long '.repeat(9_000)}😀`, `${'longer '.repeat(6_000)}`];
    const file = await workbookWith(rows);
    const lean = await XlsxTableStore.open(file, LEAN);
    const whole = await XlsxTableStore.open(file, WHOLE);
    expect(lean.readTab('Log')).toEqual(whole.readTab('Log'));
    lean.writeTab('Small', [['Key'], ['k2']]);
    await lean.save();
    expect(await sheetXml(file, 'Log')).toContain('<row r="3">'); // it was read lean, and written so
  }, 60_000);

  /**
   * A tab with more than a plain one holds, made by exceljs or by editing the XML exceljs wrote; `kept`:
   * what the saved sheet still shows of it.
   */
  const notPlain: { what: string; sheet?: (sheet: ExcelJS.Worksheet) => void; xml?: (xml: string) => string; kept?: RegExp }[] = [
    { what: 'merged cells', sheet: (sheet) => sheet.mergeCells('B3:C3'), kept: /<mergeCell ref="B3:C3"/ },
    // A rewrite keeps a link's text only, whichever path: the two paths read and write the same.
    { what: 'a link', sheet: (sheet) => (sheet.getCell('C4').value = { text: 'guide', hyperlink: 'https://example.org/guide' }) },
    {
      what: 'a formula filled down (shared)',
      sheet: (sheet) => {
        sheet.getCell('D2').value = { formula: 'LEN(C2)', result: 2, shareType: 'shared', ref: 'D2:D4' } as ExcelJS.CellFormulaValue;
        for (const address of ['D3', 'D4']) sheet.getCell(address).value = { sharedFormula: 'D2', result: 2 } as ExcelJS.CellSharedFormulaValue;
      },
    },
    { what: 'a hidden row', sheet: (sheet) => (sheet.getRow(3).hidden = true), kept: /<row r="3"[^>]*hidden="1"/ },
    { what: 'a height set by hand', sheet: (sheet) => (sheet.getRow(4).height = 40), kept: /<row r="4"[^>]*customHeight="1"/ },
    { what: 'a note below the header', sheet: (sheet) => (sheet.getCell('C5').note = 'ask'), kept: /<legacyDrawing/ },
    { what: 'a cell typed as a date', xml: (xml) => xml.replace(/<c r="C3"([^>]*?) t="s"><v>\d+<\/v><\/c>/, '<c r="C3"$1 t="d"><v>2026-09-02T00:00:00Z</v></c>') },
    { what: 'a cell attribute the lean path does not know', xml: (xml) => xml.replace('<c r="C3"', '<c r="C3" cm="1"') },
    { what: 'rich text written in the cell', xml: (xml) => xml.replace(/<c r="C3"([^>]*?) t="s"><v>\d+<\/v><\/c>/, '<c r="C3"$1 t="inlineStr"><is><r><rPr><b/></rPr><t>bold</t></r><r><t> plain</t></r></is></c>') },
    { what: 'escaped characters in a cell', xml: (xml) => xml.replace(/<c r="C3"([^>]*?) t="s"><v>\d+<\/v><\/c>/, '<c r="C3"$1 t="inlineStr"><is><t>a_x0041_b</t></is></c>') },
    { what: 'a cell that does not say where it is', xml: (xml) => xml.replace('<c r="C4"', '<c') },
  ];

  it.each(notPlain.map((variant) => [variant.what, variant] as const))('leave a tab with %s to exceljs, read and saved as the whole path does', async (_, variant) => {
    const rows: Grid = Array.from({ length: 8 }, (_, i) => [new Date(Date.UTC(2026, 8, 1 + i)), i % 2 ? 'Held' : 'Missed', `note ${i}`]);
    const file = await workbookWith(rows);
    if (variant.sheet) {
      const teacher = new ExcelJS.Workbook();
      await teacher.xlsx.readFile(file);
      variant.sheet(teacher.getWorksheet('Log')!);
      await teacher.xlsx.writeFile(file);
    }
    if (variant.xml) {
      const zip = await JSZip.loadAsync(readFileSync(file));
      const part = 'xl/worksheets/sheet1.xml';
      const edited = variant.xml(await zip.file(part)!.async('string'));
      expect(edited).not.toBe(await zip.file(part)!.async('string'));
      zip.file(part, edited);
      writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    }
    const lean = await XlsxTableStore.open(file, LEAN);
    const whole = await XlsxTableStore.open(file, WHOLE);
    expect(lean.readTab('Log')).toEqual(whole.readTab('Log'));
    const saved = await bothWays(file, (store) => store.writeTab('Log', [...store.readTab('Log')!, [new Date(Date.UTC(2027, 0, 4)), 'Held', 'added']]));
    expect(await readAll(saved.lean)).toEqual(await readAll(saved.whole));
    if (variant.kept) expect(await sheetXml(saved.lean, 'Log')).toMatch(variant.kept);
  });
});
