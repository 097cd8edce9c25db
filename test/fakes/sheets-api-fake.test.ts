// The advanced Sheets service fake answers as the Sheets API documents it, so the End term tests can fail
// for the reasons the real service would fail them.
import { CallCounter } from './apps-script/calls';
import { createSheetsApiFake } from './apps-script/sheets-api';

const api = () => {
  const fake = createSheetsApiFake(new CallCounter());
  return { fake, Sheets: fake.Sheets as any };
};

describe('Sheets advanced service fake', () => {
  it('reaches only spreadsheets the script created (drive.file)', () => {
    const { Sheets } = api();
    expect(() => Sheets.Spreadsheets.get('the-teachers-gradebook')).toThrow('API call to sheets.spreadsheets.get failed with error: Requested entity was not found.');
    const made = Sheets.Spreadsheets.create({ properties: { title: 'T' } });
    expect(Sheets.Spreadsheets.get(made.spreadsheetId).sheets.map((s: any) => s.properties)).toEqual([
      { sheetId: 0, title: 'Sheet1', index: 0, sheetType: 'GRID', gridProperties: { rowCount: 1000, columnCount: 26 } },
    ]);
  });

  it('stores RAW values as typed, leaves out trailing empty rows and cells, and needs a valueInputOption', () => {
    const { Sheets } = api();
    const { spreadsheetId } = Sheets.Spreadsheets.create({ properties: { title: 'T' }, sheets: [{ properties: { title: "Kid's tab" } }] });
    expect(() => Sheets.Spreadsheets.Values.batchUpdate({ data: [{ range: "'Kid''s tab'!A1", values: [['x']] }] }, spreadsheetId)).toThrow('Invalid valueInputOption');
    Sheets.Spreadsheets.Values.batchUpdate({ valueInputOption: 'RAW', data: [{ range: "'Kid''s tab'!A1:C3", values: [['=1+1', '', ''], [1.5, true, ''], ['', '', '']] }] }, spreadsheetId);
    const read = Sheets.Spreadsheets.Values.batchGet(spreadsheetId, { ranges: ["'Kid''s tab'"], valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'SERIAL_NUMBER' });
    expect(read.valueRanges[0].values).toEqual([['=1+1'], [1.5, true]]);
    Sheets.Spreadsheets.Values.batchClear({ ranges: ["'Kid''s tab'"] }, spreadsheetId);
    expect(Sheets.Spreadsheets.Values.batchGet(spreadsheetId, { ranges: ["'Kid''s tab'"], valueRenderOption: 'UNFORMATTED_VALUE' }).valueRanges[0]).not.toHaveProperty('values');
    expect(() => Sheets.Spreadsheets.Values.batchGet(spreadsheetId, { ranges: ["'Nope'"], valueRenderOption: 'UNFORMATTED_VALUE' })).toThrow("Unable to parse range: 'Nope'");
  });

  it('refuses writes beyond the grid or the range asked for', () => {
    const { Sheets } = api();
    const { spreadsheetId } = Sheets.Spreadsheets.create({ properties: { title: 'T' } });
    expect(() => Sheets.Spreadsheets.Values.batchUpdate({ valueInputOption: 'RAW', data: [{ range: "'Sheet1'!A1001", values: [['x']] }] }, spreadsheetId)).toThrow('exceeds grid limits. Max rows: 1000, max columns: 26');
    expect(() => Sheets.Spreadsheets.Values.batchUpdate({ valueInputOption: 'RAW', data: [{ range: "'Sheet1'!A1:A1", values: [['x'], ['y']] }] }, spreadsheetId)).toThrow('tried writing to row [2]');
  });

  it('applies a spreadsheets.batchUpdate whole or not at all', () => {
    const { Sheets, fake } = api();
    const { spreadsheetId } = Sheets.Spreadsheets.create({ properties: { title: 'T' } });
    expect(() =>
      Sheets.Spreadsheets.batchUpdate({ requests: [{ addSheet: { properties: { title: 'A' } } }, { addSheet: { properties: { title: 'a' } } }] }, spreadsheetId),
    ).toThrow('Invalid requests[1].addSheet: A sheet with the name "a" already exists.');
    expect(fake.spreadsheet(spreadsheetId)!.sheets.map((s) => s.title)).toEqual(['Sheet1']);
    expect(() => Sheets.Spreadsheets.batchUpdate({ requests: [{ updateSheetProperties: { properties: { sheetId: 0, gridProperties: { rowCount: 10_000_000 } }, fields: 'gridProperties.rowCount' } }] }, spreadsheetId)).toThrow('above the limit of 10000000 cells');
  });
});
