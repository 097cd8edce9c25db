// End term through the built bundle: the archive is a new spreadsheet named for the term, made and
// written through the advanced Sheets service (drive.file: SpreadsheetApp.create / openById are not
// allowed and never called); a run cut half-way leaves the program untouched and the next run completes
// the same archive; clearing happens only once the teacher says yes, after the archive is verified.
import { serialNumberOf } from '../../src/sheets/people/archive';
import { createAppsScriptFakes, type AppsScriptFakes } from '../fakes/apps-script';
import { createSheetsApiFake, type SheetsApiFake } from '../fakes/apps-script/sheets-api';
import { Button } from '../fakes/apps-script/ui';
import { entryPoint, loadBundle, type BundleContext } from '../support/load-bundle';
import { fixtureTabs } from '../support/program-fixture';

const TZ = 'America/New_York';
const SUBMITTED = new Date('2026-03-02T20:00:00Z');
const REFLECTIONS = [
  ['Response ID', 'Submitted', 'Session ID', 'Pair ID', 'Student ID', 'Role', 'Mood', 'Confidence', 'Session held', 'Partner present', 'Worked on', 'What worked', 'What was hard', 'Next step', 'Talk to a teacher'],
  ['R-1', SUBMITTED, 'P-0001-20260302', 'P-0001', 'S-2', 'Tutee', 4, 3, 'Yes', 'Yes', 'fractions', 'kind tutor', 'home worries', 'practise', 'No'],
  ['R-2', SUBMITTED, 'P-0001-20260302', 'P-0001', "'00041", 'Tutor', 5, 5, 'Yes', 'Yes', `'=HYPERLINK("http://x")`, 'quoted', "'+1 idea", '@me', 'No'], // typed as text
];

function world(): { fakes: AppsScriptFakes; sheets: SheetsApiFake; bundle: BundleContext } {
  const fakes = createAppsScriptFakes({ timeZone: TZ });
  for (const [name, grid] of Object.entries({ ...fixtureTabs(), Reflections: REFLECTIONS })) fakes.seedSheet(name, grid);
  const sheets = createSheetsApiFake(fakes.calls);
  return { fakes, sheets, bundle: loadBundle(fakes, { Sheets: sheets.Sheets }) };
}

const program = (w: ReturnType<typeof world>, tab: string) => w.fakes.spreadsheet.getSheetByName(tab)!.getDataRange().getValues();
/** A program tab as the archive should hold it: values, dates as serial numbers in the program's timezone. */
const asArchived = (grid: unknown[][]) => grid.map((row) => row.map((cell) => (cell instanceof Date ? serialNumberOf(cell, TZ) : cell)));
const archivedTabs = ['Settings', 'Blocks', 'Students', 'Pairs', 'Waitlist', 'Sessions', 'Reflections'];

describe('End term (built bundle, advanced Sheets service)', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2028-02-01T15:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('a cut run clears nothing; running again completes the same archive; clearing waits for yes', () => {
    const w = world();
    w.sheets.failNext('Spreadsheets.Values.batchUpdate', { after: 2, message: 'Exceeded maximum execution time' });
    expect(() => entryPoint(w.bundle, 'menuEndTerm')()).toThrow('Exceeded maximum execution time');
    expect(w.sheets.created()).toHaveLength(1);
    const id = w.sheets.created()[0];
    expect(w.sheets.spreadsheet(id)!.title).toBe('Test Program 2027-01-11 to 2027-05-28');
    expect(w.sheets.spreadsheet(id)!.timeZone).toBe(TZ);
    expect(w.sheets.grid(id, 'Settings')).not.toBeNull(); // two tabs made it before the cut
    expect(program(w, 'Reflections')[1][11]).toBe('kind tutor');

    w.fakes.ui.alertAnswers.push(Button.NO);
    entryPoint(w.bundle, 'menuEndTerm')();
    expect(w.sheets.created()).toEqual([id]); // the same archive, not a second one
    for (const tab of archivedTabs) expect([tab, w.sheets.grid(id, tab)]).toEqual([tab, asArchived(program(w, tab))]);
    expect(w.sheets.grid(id, 'About this archive')!.map((row) => row[0])).toEqual(['Archive of', 'Archived on', 'Tabs', 'Verified']);
    // The program's tabs and the note, nothing else (no stray tab of the API's own).
    const programTabs = w.fakes.spreadsheet.getSheets().map((sheet) => sheet.getName());
    expect(w.sheets.spreadsheet(id)!.sheets.map((s) => s.title).sort()).toEqual([...programTabs, 'About this archive'].sort());
    expect(program(w, 'Reflections')[1][11]).toBe('kind tutor'); // said no: nothing cleared

    entryPoint(w.bundle, 'menuEndTerm')(); // yes (the default answer)
    expect(program(w, 'Reflections')[1].slice(10, 14)).toEqual(['', '', '', '']);
    expect(w.sheets.grid(id, 'Reflections')![1][11]).toBe('kind tutor');
    expect(w.fakes.ui.alerts.pop()!.prompt).toMatch(/^Cleared personal data in 2 rows/);
    expect(w.sheets.created()).toEqual([id]);
    // Least privilege: nothing went through SpreadsheetApp's other-spreadsheet calls (the manifest no longer allows them).
    expect(w.fakes.calls.count('SpreadsheetApp.create') + w.fakes.calls.count('SpreadsheetApp.openById')).toBe(0);
  });

  it('stores people\'s text raw (never a formula), IDs as text, dates as dates', () => {
    const w = world();
    w.fakes.ui.alertAnswers.push(Button.NO);
    entryPoint(w.bundle, 'menuEndTerm')();
    const id = w.sheets.created()[0];
    const row = w.sheets.grid(id, 'Reflections')![2];
    expect(program(w, 'Reflections')[2].slice(10, 14)).toEqual(['=HYPERLINK("http://x")', 'quoted', '+1 idea', '@me']);
    expect(row.slice(10, 14)).toEqual(['=HYPERLINK("http://x")', 'quoted', '+1 idea', '@me']);
    expect(row[4]).toBe('00041');
    expect(row[1]).toBe(serialNumberOf(SUBMITTED, TZ));
    expect(w.sheets.format(id, 'Reflections', 1, 1)).toBe('yyyy-mm-dd hh:mm');
    expect(w.sheets.format(id, 'Reflections', 0, 1)).toBeUndefined(); // the header is not a date
  });

  it('costs a fixed number of API calls per tab, whatever its length', () => {
    const counts = (extraRows: number) => {
      const w = world();
      const grid = [...REFLECTIONS];
      for (let i = 0; i < extraRows; i++) grid.push([`R-x${i}`, SUBMITTED, 'P-0001-20260302', 'P-0001', 'S-2', 'Tutee', 3, 3, 'Yes', 'Yes', 'a', 'b', 'c', 'd', 'No']);
      w.fakes.seedSheet('Reflections', grid);
      w.fakes.ui.alertAnswers.push(Button.NO);
      entryPoint(w.bundle, 'menuEndTerm')();
      return Object.fromEntries(Object.entries(w.fakes.calls.snapshot()).filter(([name]) => name.startsWith('Sheets.')));
    };
    const small = counts(0);
    expect(counts(2000)).toEqual(small);
    // One values write per archived tab, plus the About tab written last.
    expect(small['Sheets.Spreadsheets.Values.batchUpdate']).toBe(archivedTabs.length + 1);
    expect(small['Sheets.Spreadsheets.create']).toBe(1);
  });

  it('makes a new archive when the remembered one was deleted from Drive, but never a second one for a passing API error', () => {
    const w = world();
    w.fakes.ui.alertAnswers.push(Button.NO, Button.NO);
    entryPoint(w.bundle, 'menuEndTerm')();
    const first = w.sheets.created()[0];

    w.sheets.failNext('Spreadsheets.get', { message: 'API call to sheets.spreadsheets.get failed with error: Internal error encountered.' });
    expect(() => entryPoint(w.bundle, 'menuEndTerm')()).toThrow('Internal error encountered');
    expect(w.sheets.created()).toEqual([first]);

    w.sheets.remove(first);
    entryPoint(w.bundle, 'menuEndTerm')();
    expect(w.sheets.created()).toHaveLength(1);
    const second = w.sheets.created()[0];
    expect(second).not.toBe(first);
    expect(w.sheets.grid(second, 'Students')).toEqual(asArchived(program(w, 'Students')));
  });
});
