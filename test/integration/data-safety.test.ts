// Data safety of the built bundle on the Apps Script fakes: text the add-on writes stays that exact
// text (Range.setValues would re-type it), a write that fails halfway loses nothing, and formulas a
// teacher put in the output tabs survive the add-on's writes and undo.
import { createAppsScriptFakes, type AppsScriptFakes } from '../fakes/apps-script';
import { entryPoint, loadBundle, type BundleContext } from '../support/load-bundle';
import { fixtureTabs, setCell } from '../support/program-fixture';

const NO_CHOICES = { locked: [], swapped: [], excluded: [] };

function seeded(tabs: Record<string, unknown[][]>): { fakes: AppsScriptFakes; bundle: BundleContext } {
  const fakes = createAppsScriptFakes({ timeZone: 'America/New_York' });
  for (const [name, grid] of Object.entries(tabs)) fakes.seedSheet(name, grid);
  return { fakes, bundle: loadBundle(fakes) };
}

function rows(fakes: AppsScriptFakes, tab: string): Record<string, unknown>[] {
  const grid = fakes.spreadsheet.getSheetByName(tab)!.getDataRange().getValues();
  return grid.slice(1).map((row) => Object.fromEntries(grid[0].map((header, i) => [String(header), row[i]])));
}

describe('IDs and text stay text in Sheets', () => {
  it('writes IDs that Sheets would read as a number or a date back as the same text, and a re-apply keeps the pair', () => {
    const tabs = fixtureTabs();
    // Typed with an apostrophe, as a teacher keeps such IDs: the roster holds them as text.
    setCell(tabs, 'Students', 2, 'Student ID', "'00041");
    setCell(tabs, 'Students', 3, 'Student ID', "'2027-03-01");
    setCell(tabs, 'Students', 3, 'Name', "'-Ben Kim");
    const { fakes, bundle } = seeded(tabs);
    entryPoint(bundle, 'applyMatches')(NO_CHOICES);
    const [pair] = rows(fakes, 'Pairs');
    expect(pair).toMatchObject({ 'Tutor ID': '00041', 'Tutee ID': '2027-03-01', Tutee: '-Ben Kim' });
    expect(fakes.spreadsheet.getSheetByName('Pairs')!.getDataRange().getFormulas().flat().filter(Boolean)).toEqual([]);

    entryPoint(bundle, 'applyMatches')(NO_CHOICES);
    const again = rows(fakes, 'Pairs');
    expect(again.map((row) => [row['Pair ID'], row['Tutor ID'], row['Tutee ID'], row.Status])).toEqual([
      [pair['Pair ID'], '00041', '2027-03-01', pair.Status],
    ]);
  });
});

describe('writes are safe against a failure halfway', () => {
  it('a Pairs write that fails leaves Pairs as it was, headers and rows', () => {
    const tabs = fixtureTabs();
    tabs.Pairs.push(['P-0001', 'S-1', 'Ana Ruiz', 'S-2', 'Ben Kim', 'Math', 'Mon-A', 'Proposed', 'No', 1, '', '', '']);
    tabs.Pairs.push(['P-0002', 'S-1', 'Ana Ruiz', 'S-2', 'Ben Kim', 'Math', 'Wed-A', 'Proposed', 'No', 1, '', '', '']);
    const { fakes, bundle } = seeded(tabs);
    const before = fakes.spreadsheet.getSheetByName('Pairs')!.getDataRange().getValues();
    fakes.fakeSpreadsheet.failNext('Range.setValues', { sheet: 'Pairs' });
    expect(() => entryPoint(bundle, 'applyMatches')(NO_CHOICES)).toThrow('Service Spreadsheets failed');
    expect(fakes.spreadsheet.getSheetByName('Pairs')!.getDataRange().getValues()).toEqual(before);

    // The same apply, once Sheets answers again, writes the one pair and clears the row it no longer needs.
    entryPoint(bundle, 'applyMatches')(NO_CHOICES);
    expect(rows(fakes, 'Pairs').map((row) => row['Pair ID'])).toEqual(['P-0001']);
  });
});
