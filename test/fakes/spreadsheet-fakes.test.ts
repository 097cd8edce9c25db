// The Spreadsheet fakes behave as the Apps Script reference documents (messages as Apps Script words them).
import { createAppsScriptFakes, FORMULA_RESULT, NEW_SHEET_COLUMNS, NEW_SHEET_ROWS } from './apps-script';

function setup(timeZone = 'America/Chicago') {
  const fakes = createAppsScriptFakes({ timeZone });
  const sheet = fakes.spreadsheet.insertSheet('Students');
  return { fakes, sheet };
}

describe('Range values', () => {
  it('returns a rectangular grid of the range size with "" for empty cells', () => {
    const { sheet } = setup();
    sheet.getRange(2, 2).setValue('x');
    expect(sheet.getRange(1, 1, 3, 3).getValues()).toEqual([
      ['', '', ''],
      ['', 'x', ''],
      ['', '', ''],
    ]);
  });

  it('returns Date objects for dates, as fresh copies', () => {
    const { sheet } = setup();
    const date = new Date('2027-01-11T15:00:00Z');
    sheet.getRange(1, 1).setValues([[date]]);
    const [[read]] = sheet.getRange(1, 1).getValues();
    expect(read).toBeInstanceOf(Date);
    expect(read).toEqual(date);
    (read as Date).setFullYear(2000);
    expect(sheet.getRange(1, 1).getValue()).toEqual(date);
  });

  it('throws Apps Script’s message when the data does not match the range size', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1, 1, 3, 2).setValues([['a', 'b']])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 3.',
    );
    expect(() => sheet.getRange(1, 1, 1, 2).setValues([['a', 'b', 'c']])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
    );
    expect(() => sheet.getRange(1, 1, 2, 2).setNotes([['a', 'b'], ['c']])).toThrow('The data has 1 but the range has 2.');
  });

  it('stores text after a leading apostrophe as literal text', () => {
    const { sheet } = setup();
    sheet.getRange(1, 1, 1, 4).setValues([["'=1+1", "'0042", "'TRUE", "'2027-01-11"]]);
    expect(sheet.getRange(1, 1, 1, 4).getValues()).toEqual([['=1+1', '0042', 'TRUE', '2027-01-11']]);
    expect(sheet.getRange(1, 1, 1, 4).getFormulas()).toEqual([['', '', '', '']]);
  });

  it('stores text starting with = as a formula whose value is not the text', () => {
    const { sheet } = setup();
    sheet.getRange(1, 1, 1, 2).setValues([['=HYPERLINK("http://x")', '=']]);
    expect(sheet.getRange(1, 1).getFormula()).toBe('=HYPERLINK("http://x")');
    expect(sheet.getRange(1, 1, 1, 2).getValues()).toEqual([[FORMULA_RESULT, '=']]);
  });

  it('interprets typed text as Sheets does: numbers, booleans, ISO dates and times of day', () => {
    const { sheet } = setup('America/Chicago');
    sheet.getRange(1, 1, 1, 6).setValues([['0042', '2.5', 'true', '2027-01-11', '15:30', 'S-0042']]);
    const [[id, decimal, bool, date, time, text]] = sheet.getRange(1, 1, 1, 6).getValues();
    expect([id, decimal, bool, text]).toEqual([42, 2.5, true, 'S-0042']);
    expect(date).toEqual(new Date('2027-01-11T06:00:00Z')); // midnight in Chicago (UTC-6)
    expect(time).toBeInstanceOf(Date);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Chicago', timeStyle: 'short', dateStyle: 'short' }).format(time as Date)).toBe(
      '30/12/1899, 15:30',
    );
  });

  it('treats a leading + or - that does not start a number as a formula, as Sheets does', () => {
    const { sheet } = setup();
    sheet.getRange(1, 1, 1, 4).setValues([['+1', '-2.5', '+A1', '-x']]);
    expect(sheet.getRange(1, 1, 1, 4).getValues()).toEqual([[1, -2.5, FORMULA_RESULT, FORMULA_RESULT]]);
    expect(sheet.getRange(1, 1, 1, 4).getFormulas()).toEqual([['', '', '=+A1', '=-x']]);
    sheet.getRange(2, 1, 1, 2).setValues([["'+A1", '-']]);
    expect(sheet.getRange(2, 1, 1, 2).getValues()).toEqual([['+A1', '-']]);
  });

  it('can make the next setValues fail before it writes anything', () => {
    const { fakes, sheet } = setup();
    sheet.getRange(1, 1, 1, 2).setValues([['a', 'b']]);
    fakes.fakeSpreadsheet.failNext('Range.setValues');
    expect(() => sheet.getRange(1, 1, 1, 2).setValues([['c', 'd']])).toThrow('Service Spreadsheets failed while accessing document with id');
    expect(sheet.getRange(1, 1, 1, 2).getValues()).toEqual([['a', 'b']]);
    expect(fakes.calls.count('Range.setValues')).toBe(2);
    sheet.getRange(1, 1, 1, 2).setValues([['c', 'd']]);
    expect(sheet.getRange(1, 1, 1, 2).getValues()).toEqual([['c', 'd']]);
    // Armed for one sheet, the fault waits for a write there.
    fakes.fakeSpreadsheet.failNext('Range.setValues', { sheet: 'Pairs' });
    sheet.getRange(1, 1).setValue('e');
    sheet.getRange(1, 1, 1, 1).setValues([['f']]);
    expect(() => fakes.spreadsheet.insertSheet('Pairs').getRange(1, 1, 1, 1).setValues([['x']])).toThrow('Service Spreadsheets failed');
  });

  it('treats null as an empty cell and reports content only for values and formulas', () => {
    const { sheet } = setup();
    sheet.getRange(1, 1, 1, 2).setValues([['a', null]]);
    sheet.getRange(5, 5).setNote('only a note');
    sheet.getRange(6, 6).setBackground('#ff0000');
    expect(sheet.getLastRow()).toBe(1);
    expect(sheet.getLastColumn()).toBe(1);
  });
});

describe('Sheet geometry', () => {
  it('uses 1-based coordinates and rejects 0 or negative positions and sizes', () => {
    const { sheet } = setup();
    expect(sheet.getRange(2, 3).getA1Notation()).toBe('C2');
    expect(sheet.getRange(1, 1, 2, 26).getA1Notation()).toBe('A1:Z2');
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange(1, 1, 1, -1)).toThrow('The number of columns in the range must be at least 1.');
  });

  it('has 1000 × 26 cells when new, refuses ranges beyond them and grows with insertRowsAfter', () => {
    const { sheet } = setup();
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([NEW_SHEET_ROWS, NEW_SHEET_COLUMNS]);
    expect(() => sheet.getRange(1000, 1, 2, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange('AA1')).toThrow('outside the dimensions');
    sheet.insertRowsAfter(1000, 500);
    sheet.insertColumnsAfter(26, 2);
    sheet.getRange(1500, 28).setValue('far');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([1500, 28]);
  });

  it('reports 0 as last row and column and A1 as data range of an empty sheet', () => {
    const { sheet } = setup();
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    expect(sheet.getDataRange().getValues()).toEqual([['']]);
  });

  it('gives the data range from A1 to the last cell with content', () => {
    const { fakes, sheet } = setup();
    fakes.seedSheet('Students', [['a'], [], ['', '', 'c']]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C3');
    expect(sheet.getDataRange().getValues()).toEqual([
      ['a', '', ''],
      ['', '', ''],
      ['', '', 'c'],
    ]);
  });

  it('deletes rows by shifting the cells below up', () => {
    const { fakes, sheet } = setup();
    fakes.seedSheet('Students', [['h'], ['1'], ['2'], ['3']]);
    sheet.getRange(4, 1).setNote('note on 3');
    sheet.deleteRows(2, 2);
    expect(sheet.getDataRange().getValues()).toEqual([['h'], [3]]);
    expect(sheet.getRange(2, 1).getNote()).toBe('note on 3');
    expect(sheet.getMaxRows()).toBe(998);
    expect(() => sheet.deleteRows(999, 1)).toThrow('Those rows are out of bounds.');
  });

  it('clears content but keeps notes, backgrounds and validation', () => {
    const { fakes, sheet } = setup();
    fakes.seedSheet('Students', [['a', 'b']]);
    sheet.getRange(1, 1).setNote('n').setBackground('#00ff00');
    sheet.getRange(1, 1, 1, 2).clearContent();
    expect(sheet.getLastRow()).toBe(0);
    expect(fakes.cell('Students', 1, 1)).toMatchObject({ value: '', note: 'n', background: '#00ff00' });
  });
});

describe('Spreadsheet sheets', () => {
  it('returns null for a missing sheet and refuses a duplicate name', () => {
    const { fakes } = setup();
    expect(fakes.spreadsheet.getSheetByName('Pairs')).toBeNull();
    expect(() => fakes.spreadsheet.insertSheet('Students')).toThrow(
      'A sheet with the name "Students" already exists. Please enter another name.',
    );
    expect(fakes.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'Students']);
  });

  it('hides sheets but never the last visible one', () => {
    const { fakes, sheet } = setup();
    sheet.hideSheet();
    expect(sheet.isSheetHidden()).toBe(true);
    expect(() => fakes.spreadsheet.getSheetByName('Sheet1')!.hideSheet()).toThrow("You can't hide all the sheets in a document.");
  });

  it('reports its timezone', () => {
    expect(setup('Europe/Paris').fakes.spreadsheet.getSpreadsheetTimeZone()).toBe('Europe/Paris');
  });
});

describe('Formatting, notes and validation', () => {
  it('round-trips notes, backgrounds (as lowercase hex), font weights and number formats', () => {
    const { sheet } = setup();
    const range = sheet.getRange(1, 1, 1, 2);
    range.setNotes([['first', null]]).setBackgrounds([['#FF0000', null]]).setFontWeight('bold').setNumberFormat('yyyy-mm-dd');
    expect(range.getNotes()).toEqual([['first', '']]);
    expect(range.getBackgrounds()).toEqual([['#ff0000', '#ffffff']]);
    expect(range.getFontWeights()).toEqual([['bold', 'bold']]);
    expect(range.getNumberFormats()).toEqual([['yyyy-mm-dd', 'yyyy-mm-dd']]);
  });

  it('builds list rules (allowing invalid data by default) and sets them per cell, replacing the old rule', () => {
    const { fakes, sheet } = setup();
    const builder = fakes.SpreadsheetApp.newDataValidation().requireValueInList(['Yes', 'No']);
    expect(builder.getAllowInvalid()).toBe(true);
    const warn = builder.build();
    const reject = fakes.SpreadsheetApp.newDataValidation().requireValueInList(['A', 'B'], false).setAllowInvalid(false).build();
    const column = sheet.getRange(2, 1, 3, 1);
    column.setDataValidation(warn);
    sheet.getRange(3, 1).setDataValidation(reject);
    const rules = column.getDataValidations().map(([rule]) => rule?.getCriteriaValues());
    expect(rules).toEqual([[['Yes', 'No'], true], [['A', 'B'], false], [['Yes', 'No'], true]]);
    expect(warn.getCriteriaType()).toBe(fakes.SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST);
  });

  it('lets scripts write invalid data under a warning rule but not under a rejecting one', () => {
    const { fakes, sheet } = setup();
    const rule = (allowInvalid: boolean) =>
      fakes.SpreadsheetApp.newDataValidation().requireValueInList(['Yes', 'No']).setAllowInvalid(allowInvalid).build();
    sheet.getRange(2, 1).setDataValidation(rule(true));
    sheet.getRange(2, 2).setDataValidation(rule(false));
    sheet.getRange(2, 1).setValue('maybe');
    expect(sheet.getRange(2, 1).getValue()).toBe('maybe');
    expect(() => sheet.getRange(2, 2).setValue('maybe')).toThrow(
      'The data you entered in cell B2 violates the data validation rules set on this cell.',
    );
  });

  it('refuses list rules longer than 500 items', () => {
    const { fakes } = setup();
    const values = Array.from({ length: 501 }, (_, i) => `v${i}`);
    expect(() => fakes.SpreadsheetApp.newDataValidation().requireValueInList(values).build()).toThrow('more items than the limit of 500');
  });
});

describe('Protection', () => {
  it('adds a new range protection at each protect() call and removes it on remove()', () => {
    const { fakes, sheet } = setup();
    const header = sheet.getRange(1, 1, 1, 3);
    const first = header.protect().setDescription('header').setWarningOnly(true);
    header.protect();
    const { RANGE, SHEET } = fakes.SpreadsheetApp.ProtectionType;
    expect(sheet.getProtections(RANGE)).toHaveLength(2);
    expect(first.isWarningOnly()).toBe(true);
    expect(first.getRange().getA1Notation()).toBe('A1:C1');
    first.remove();
    expect(sheet.getProtections(RANGE)).toHaveLength(1);
    expect(sheet.getProtections(SHEET)).toHaveLength(0);
  });

  it('returns the existing sheet protection when the sheet is protected again', () => {
    const { fakes, sheet } = setup();
    expect(sheet.protect()).toBe(sheet.protect());
    expect(sheet.getProtections(fakes.SpreadsheetApp.ProtectionType.SHEET)).toHaveLength(1);
  });
});

describe('call counting', () => {
  it('counts each service call by Class.method, not the fakes’ internal work', () => {
    const { fakes, sheet } = setup();
    fakes.calls.reset();
    sheet.getRange(1, 1, 100, 5).setValues(Array.from({ length: 100 }, () => ['a', 'b', 'c', 'd', 'e']));
    sheet.getDataRange().getValues();
    expect(fakes.calls.snapshot()).toEqual({
      'Range.getValues': 1,
      'Range.setValues': 1,
      'Sheet.getDataRange': 1,
      'Sheet.getRange': 1,
    });
    expect(fakes.calls.total()).toBe(4);
    expect(fakes.calls.total('Range.')).toBe(2);
  });
});

describe('selection', () => {
  it('records the range a script activates', () => {
    const { fakes, sheet } = setup();
    sheet.getRange(3, 2).activate();
    expect(fakes.fakeSpreadsheet.activeRange).toEqual({ sheet: 'Students', a1: 'B3' });
  });
});
