// End term through the built bundle: the archive is a new spreadsheet named for the term; a run cut
// half-way (the archive's writes fail) leaves the program untouched and the next run completes the same
// archive; clearing happens only once the teacher says yes, after the archive is verified.
import { createAppsScriptFakes, createdSpreadsheets, onSpreadsheetCreated, type AppsScriptFakes } from '../fakes/apps-script';
import { Button } from '../fakes/apps-script/ui';
import { entryPoint, loadBundle, type BundleContext } from '../support/load-bundle';
import { fixtureTabs } from '../support/program-fixture';

const REFLECTIONS = [
  ['Response ID', 'Submitted', 'Session ID', 'Pair ID', 'Student ID', 'Role', 'Mood', 'Confidence', 'Session held', 'Partner present', 'Worked on', 'What worked', 'What was hard', 'Next step', 'Talk to a teacher'],
  ['R-1', new Date('2026-03-02T20:00:00Z'), 'P-0001-20260302', 'P-0001', 'S-2', 'Tutee', 4, 3, 'Yes', 'Yes', 'fractions', 'kind tutor', 'home worries', 'practise', 'No'],
];

function world(): { fakes: AppsScriptFakes; bundle: BundleContext } {
  const fakes = createAppsScriptFakes({ timeZone: 'America/New_York' });
  for (const [name, grid] of Object.entries({ ...fixtureTabs(), Reflections: REFLECTIONS })) fakes.seedSheet(name, grid);
  return { fakes, bundle: loadBundle(fakes) };
}

const values = (spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet | undefined, tab: string) => spreadsheet?.getSheetByName(tab)?.getDataRange().getValues() ?? null;

afterEach(() => {
  onSpreadsheetCreated.current = null;
  jest.useRealTimers();
});

describe('End term (built bundle)', () => {
  it('a cut run clears nothing; running again completes the same archive; clearing waits for yes', () => {
    jest.useFakeTimers({ now: new Date('2028-02-01T15:00:00Z') });
    const w = world();
    onSpreadsheetCreated.current = (made) => made.failNext('Range.setValues', { times: 1, message: 'Exceeded maximum execution time', sheet: 'Students' });
    expect(() => entryPoint(w.bundle, 'menuEndTerm')()).toThrow('Exceeded maximum execution time');
    const made = [...createdSpreadsheets.values()].pop()!;
    expect(made.getName()).toBe('Test Program 2027-01-11 to 2027-05-28');
    expect(values(w.fakes.spreadsheet, 'Reflections')![1][11]).toBe('kind tutor');

    w.fakes.ui.alertAnswers.push(Button.NO);
    entryPoint(w.bundle, 'menuEndTerm')();
    expect([...createdSpreadsheets.values()].pop()).toBe(made); // the same archive, not a second one
    const archive = made as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
    expect(values(archive, 'Students')).toEqual(values(w.fakes.spreadsheet, 'Students'));
    expect(values(archive, 'About this archive')!.map((row) => row[0])).toEqual(['Archive of', 'Archived on', 'Tabs', 'Verified']);
    expect(values(w.fakes.spreadsheet, 'Reflections')![1][11]).toBe('kind tutor'); // said no: nothing cleared

    entryPoint(w.bundle, 'menuEndTerm')(); // yes (the default answer)
    expect(values(w.fakes.spreadsheet, 'Reflections')![1].slice(10, 14)).toEqual(['', '', '', '']);
    expect(values(archive, 'Reflections')![1][11]).toBe('kind tutor');
    expect(w.fakes.ui.alerts.pop()!.prompt).toMatch(/^Cleared personal data in 1 rows/);
  });
});
