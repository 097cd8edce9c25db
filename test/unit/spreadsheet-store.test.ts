// SpreadsheetTableStore on the Apps Script fakes: contract semantics and constant call counts.
import {
  DATE_NUMBER_FORMAT,
  HEADER_PROTECTION_DESCRIPTION,
  MARK_BACKGROUND,
  MARK_NOTE_PREFIX,
  SpreadsheetTableStore,
} from '../../src/gas/spreadsheet-store';
import { Formula, type Grid, type TabStyle } from '../../src/sheets/store/table-store';
import { AppsScriptFakes, createAppsScriptFakes, FORMULA_RESULT } from '../fakes/apps-script';

function setup(timeZone = 'America/Chicago') {
  const fakes = createAppsScriptFakes({ timeZone });
  const store = new SpreadsheetTableStore({
    spreadsheet: fakes.spreadsheet,
    properties: fakes.PropertiesService.getDocumentProperties(),
    spreadsheetApp: fakes.SpreadsheetApp,
  });
  fakes.calls.reset();
  return { fakes, store };
}

function roster(rows: number): Grid {
  const header = ['Student ID', 'Name', 'Role', 'Active', 'Since'];
  const body = Array.from({ length: rows }, (_, i) => [`'S-${i}`, `Student ${i}`, 'Tutor', 'Yes', new Date(Date.UTC(2027, 0, 11))]);
  return [header, ...body];
}

const STYLE: TabStyle = {
  columnCount: 5,
  headerNotes: ['Unique ID.', 'Full name.', 'Tutor, Tutee or Both.', 'Yes or No.', ''],
  dropdowns: [
    { column: 2, values: ['Tutor', 'Tutee', 'Both'] },
    { column: 3, values: ['Yes', 'No'] },
  ],
  dateColumns: [4],
  protectHeader: true,
};

/** The Apps Script calls one store operation makes. */
function callsOf(fakes: AppsScriptFakes, operation: () => void): Record<string, number> {
  fakes.calls.reset();
  operation();
  return fakes.calls.snapshot();
}

describe('reading and writing tabs', () => {
  it('reads null for a missing tab, [] for an empty one, and the data range otherwise', () => {
    const { fakes, store } = setup();
    fakes.seedSheet('Empty');
    fakes.seedSheet('Blocks', [['Block', 'Day'], ['Mon-A']]);
    expect(store.readTab('Pairs')).toBeNull();
    expect(store.readTab('Empty')).toEqual([]);
    expect(store.readTab('Blocks')).toEqual([
      ['Block', 'Day'],
      ['Mon-A', ''],
    ]);
  });

  it('creates a missing tab, reads dates back as Dates, and clears what a smaller write leaves behind', () => {
    const { fakes, store } = setup();
    store.writeTab('Students', roster(3));
    expect(store.readTab('Students')).toEqual(roster(3).map((row) => row.map((cell) => (typeof cell === 'string' ? cell.replace(/^'/, '') : cell))));
    fakes.sheet('Students').getRange(1, 7).setValue('teacher column');
    store.writeTab('Students', [['Student ID'], ['S-9']]);
    expect(store.readTab('Students')).toEqual([['Student ID'], ['S-9']]);
    store.writeTab('Students', []);
    expect(store.readTab('Students')).toEqual([]);
  });

  it('writes first and clears only the rows and columns the new grid no longer covers', () => {
    const { fakes, store } = setup();
    fakes.seedSheet('Pairs', [['a', 'b', 'c'], ['d', 'e', 'f'], ['g', 'h', 'i']]);
    fakes.calls.reset();
    store.writeTab('Pairs', [['x', 'y'], ['z', 'w']]);
    expect(store.readTab('Pairs')).toEqual([['x', 'y'], ['z', 'w']]);
    expect(fakes.calls.log().filter((call) => /setValues|clearContent/.test(call))).toEqual([
      'Range.setValues',
      'Range.clearContent',
      'Range.clearContent',
    ]);
  });

  it('leaves the tab as it was when the write fails', () => {
    const { fakes, store } = setup();
    const before = [['Pair ID', 'Tutor ID'], ['P-1', 'S-1'], ['P-2', 'S-2']];
    fakes.seedSheet('Pairs', before);
    fakes.fakeSpreadsheet.failNext('Range.setValues');
    expect(() => store.writeTab('Pairs', [['Pair ID', 'Tutor ID'], ['P-3', 'S-3']])).toThrow('Service Spreadsheets failed');
    expect(store.readTab('Pairs')).toEqual(before);
  });

  it('grows the sheet beyond its 1000 rows when the grid needs it', () => {
    const { fakes, store } = setup();
    store.writeTab('Students', roster(1500));
    expect(store.readTab('Students')).toHaveLength(1501);
    expect(fakes.sheet('Students').getMaxRows()).toBe(1501);
  });

  it('stores text after an apostrophe as text, and writes other text as given (sanitising is the sheets layer’s job)', () => {
    const { fakes, store } = setup();
    store.writeTab('Students', [["'=1+1", '=1+1', "'0042", '0042']]);
    expect(store.readTab('Students')).toEqual([['=1+1', new Formula('=1+1', FORMULA_RESULT, 1, 2), '0042', 42]]);
    expect(fakes.cell('Students', 1, 1).formula).toBe('');
    expect(fakes.cell('Students', 1, 2).formula).toBe('=1+1');
  });

  it('reads a formula cell as a Formula and writes a Formula back as a formula', () => {
    const { fakes, store } = setup();
    fakes.seedSheet('Pairs', [['Pair ID', 'Both'], ['P-1', '=AND(A2<>"",TRUE)']]);
    const grid = store.readTab('Pairs')!;
    expect(grid[1][1]).toEqual(new Formula('=AND(A2<>"",TRUE)', FORMULA_RESULT, 2, 2));
    store.writeTab('Pairs', [grid[0], ['P-2', new Formula('=AND(A3<>"",TRUE)', '', 3, 2)]]);
    expect(fakes.cell('Pairs', 2, 2).formula).toBe('=AND(A3<>"",TRUE)');
  });

  it('takes its timezone from the spreadsheet', () => {
    expect(setup('Asia/Tokyo').store.timeZone).toBe('Asia/Tokyo');
  });
});

describe('styling tabs', () => {
  function styled() {
    const { fakes, store } = setup();
    store.writeTab('Students', roster(3));
    store.styleTab('Students', STYLE);
    return { fakes, store, sheet: fakes.sheet('Students') };
  }

  it('makes the header bold and frozen, with a note per column', () => {
    const { fakes, sheet } = styled();
    expect(sheet.inspect().frozenRows).toBe(1);
    expect(fakes.cell('Students', 1, 1)).toMatchObject({ fontWeight: 'bold', note: 'Unique ID.' });
    expect(fakes.cell('Students', 1, 5)).toMatchObject({ fontWeight: 'bold', note: '' });
    expect(fakes.cell('Students', 2, 1).fontWeight).toBe('normal');
  });

  it('puts a warning (not rejecting) dropdown on every data row of dropdown columns', () => {
    const { fakes, sheet } = styled();
    const lastRow = sheet.inspect().maxRows;
    for (const row of [2, lastRow]) {
      const rule = fakes.cell('Students', row, 3).validation!;
      expect([rule.values, rule.showDropdown, rule.allowInvalid]).toEqual([['Tutor', 'Tutee', 'Both'], true, true]);
    }
    expect(fakes.cell('Students', 1, 3).validation).toBeNull();
    expect(fakes.cell('Students', 2, 1).validation).toBeNull();
    expect(fakes.cell('Students', 2, 4).validation?.values).toEqual(['Yes', 'No']);
  });

  it('formats date columns as dates', () => {
    const { fakes } = styled();
    expect(fakes.cell('Students', 2, 5).numberFormat).toBe(DATE_NUMBER_FORMAT);
    expect(fakes.cell('Students', 2, 4).numberFormat).not.toBe(DATE_NUMBER_FORMAT);
  });

  it('protects the header with a warning only, once however often it is restyled', () => {
    const { fakes, store, sheet } = styled();
    store.styleTab('Students', STYLE);
    store.styleTab('Students', { ...STYLE, columnCount: 6, headerNotes: [...STYLE.headerNotes, 'Added'] });
    const protections = sheet.getProtections(fakes.SpreadsheetApp.ProtectionType.RANGE);
    expect(protections).toHaveLength(1);
    expect(protections[0].getDescription()).toBe(HEADER_PROTECTION_DESCRIPTION);
    expect(protections[0].isWarningOnly()).toBe(true);
    expect(protections[0].getRange().getA1Notation()).toBe('A1:F1');
    store.styleTab('Students', { ...STYLE, protectHeader: false });
    expect(sheet.getProtections(fakes.SpreadsheetApp.ProtectionType.RANGE)).toHaveLength(0);
  });

  it('hides a tab whose style says so', () => {
    const { fakes, store } = styled();
    store.writeTab('History', [['Run']]);
    store.styleTab('History', { ...STYLE, columnCount: 1, headerNotes: [''], dropdowns: [], dateColumns: [], hidden: true });
    expect(fakes.sheet('History').inspect().hidden).toBe(true);
    expect(fakes.sheet('Students').inspect().hidden).toBe(false);
  });

  it('refuses to style a missing tab', () => {
    expect(() => setup().store.styleTab('Nope', STYLE)).toThrow('The tab "Nope" does not exist.');
  });
});

describe('marking cells', () => {
  function marked() {
    const { fakes, store } = setup();
    store.writeTab('Students', roster(5));
    return { fakes, store, range: fakes.sheet('Students') };
  }

  it('notes and highlights each marked cell, several messages on one cell together', () => {
    const { fakes, store } = marked();
    store.markCells('Students', [
      { row: 2, column: 3, message: 'Role must be Tutor, Tutee or Both.' },
      { row: 2, column: 3, message: 'Second problem.' },
    ]);
    expect(fakes.cell('Students', 2, 3)).toMatchObject({
      note: `${MARK_NOTE_PREFIX}Role must be Tutor, Tutee or Both.\nSecond problem.`,
      background: MARK_BACKGROUND,
    });
  });

  it('replaces the previous marks and keeps teachers’ notes and colours', () => {
    const { fakes, store, range } = marked();
    range.getRange(4, 2).setNote('Moved in March').setBackground('#d9ead3');
    range.getRange(3, 1).setNote('Sibling of S-4').setBackground('#fff2cc');
    store.markCells('Students', [
      { row: 3, column: 1, message: 'Duplicate ID.' },
      { row: 5, column: 4, message: 'Active must be Yes or No.' },
    ]);
    expect(fakes.cell('Students', 3, 1).note).toBe(`${MARK_NOTE_PREFIX}Duplicate ID.\n\n--- Your note ---\nSibling of S-4`);
    store.markCells('Students', [{ row: 6, column: 1, message: 'Missing name.' }]);
    expect(fakes.cell('Students', 3, 1)).toMatchObject({ note: 'Sibling of S-4', background: '#fff2cc' });
    expect(fakes.cell('Students', 5, 4)).toMatchObject({ note: '', background: '#ffffff' });
    expect(fakes.cell('Students', 4, 2)).toMatchObject({ note: 'Moved in March', background: '#d9ead3' });
    expect(fakes.cell('Students', 6, 1)).toMatchObject({ note: `${MARK_NOTE_PREFIX}Missing name.`, background: MARK_BACKGROUND });
    store.markCells('Students', []);
    expect(fakes.cell('Students', 6, 1)).toMatchObject({ note: '', background: '#ffffff' });
    expect(fakes.properties.document.inspect()).toEqual({});
  });

  it('finds its old marks after the teacher sorted the rows', () => {
    const { fakes, store, range } = marked();
    store.markCells('Students', [{ row: 2, column: 2, message: 'Check name.' }]);
    const moved = fakes.cell('Students', 2, 2);
    range.getRange(2, 2).setNote('').setBackground(null);
    range.getRange(6, 2).setNote(moved.note).setBackground(moved.background);
    store.markCells('Students', []);
    expect(fakes.cell('Students', 6, 2)).toMatchObject({ note: '', background: '#ffffff' });
  });

  it('refuses marks on a missing tab', () => {
    expect(() => setup().store.markCells('Nope', [{ row: 1, column: 1, message: 'x' }])).toThrow('"Nope" does not exist');
  });
});

describe('Apps Script calls per operation', () => {
  /** A store whose Students tab has `rows` data rows, on a sheet with room for 6,000. */
  function withRows(rows: number) {
    const { fakes, store } = setup();
    fakes.seedSheet('Students').insertRowsAfter(1000, 5000);
    store.writeTab('Students', roster(rows));
    return { fakes, store };
  }

  const operations: Record<string, (store: SpreadsheetTableStore, rows: number) => void> = {
    readTab: (store) => store.readTab('Students'),
    writeTab: (store, rows) => store.writeTab('Students', roster(rows)),
    styleTab: (store) => store.styleTab('Students', STYLE),
    markCells: (store, rows) =>
      store.markCells('Students', Array.from({ length: Math.min(rows, 500) }, (_, i) => ({ row: i + 2, column: 2, message: 'x' }))),
  };

  it.each(Object.keys(operations))('%s makes the same calls for 10 and 5,000 rows', (name) => {
    const small = withRows(10);
    const large = withRows(5000);
    const smallCalls = callsOf(small.fakes, () => operations[name](small.store, 10));
    const largeCalls = callsOf(large.fakes, () => operations[name](large.store, 5000));
    expect(largeCalls).toEqual(smallCalls);
    expect(small.fakes.calls.total()).toBeLessThanOrEqual(40);
  });

  it('reads a tab with one getValues and one getFormulas, and writes it with one setValues', () => {
    const { fakes } = withRows(5000);
    // A fresh store, as each Apps Script run has: it looks the tab up once, then remembers it.
    const store = new SpreadsheetTableStore({ spreadsheet: fakes.spreadsheet, properties: fakes.PropertiesService.getDocumentProperties(), spreadsheetApp: fakes.SpreadsheetApp });
    expect(callsOf(fakes, () => store.readTab('Students'))).toEqual({
      'Range.getFormulas': 1,
      'Range.getValues': 1,
      'Sheet.getDataRange': 1,
      'Spreadsheet.getSheetByName': 1,
    });
    expect(callsOf(fakes, () => store.readTab('Students'))['Spreadsheet.getSheetByName']).toBeUndefined();
    const writeCalls = callsOf(fakes, () => store.writeTab('Students', roster(4000)));
    expect(writeCalls['Range.setValues']).toBe(1);
    // The 1,000 rows no longer written, once.
    expect(writeCalls['Range.clearContent']).toBe(1);
  });

  it('grows a sheet with a single insertRowsAfter whatever the number of rows', () => {
    const growBy = (rows: number) => {
      const { fakes, store } = setup();
      return callsOf(fakes, () => store.writeTab('Students', roster(rows)));
    };
    expect(growBy(5000)).toEqual(growBy(1500));
    expect(growBy(5000)['Sheet.insertRowsAfter']).toBe(1);
  });
});
