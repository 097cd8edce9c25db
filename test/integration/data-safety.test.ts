// Data safety of the built bundle on the Apps Script fakes: text the add-on writes stays that exact
// text (Range.setValues would re-type it), a write that fails halfway loses nothing, and formulas a
// teacher put in the output tabs survive the add-on's writes and undo.
import { createAppsScriptFakes, type AppsScriptFakes } from '../fakes/apps-script';
import { createCalendarFake } from '../fakes/apps-script/calendar';
import { createScriptAppFake } from '../fakes/apps-script/script-app';
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

/** Apply as the CLI does: no preview to match, started pairs may end. */
const APPLY = { options: NO_CHOICES, confirmEnding: true };

describe('IDs and text stay text in Sheets', () => {
  it('writes IDs that Sheets would read as a number or a date back as the same text, and a re-apply keeps the pair', () => {
    const tabs = fixtureTabs();
    // Typed with an apostrophe, as a teacher keeps such IDs: the roster holds them as text.
    setCell(tabs, 'Students', 2, 'Student ID', "'00041");
    setCell(tabs, 'Students', 3, 'Student ID', "'2027-03-01");
    setCell(tabs, 'Students', 3, 'Name', "'-Ben Kim");
    const { fakes, bundle } = seeded(tabs);
    entryPoint(bundle, 'applyMatches')(APPLY);
    const [pair] = rows(fakes, 'Pairs');
    expect(pair).toMatchObject({ 'Tutor ID': '00041', 'Tutee ID': '2027-03-01', Tutee: '-Ben Kim' });
    expect(fakes.spreadsheet.getSheetByName('Pairs')!.getDataRange().getFormulas().flat().filter(Boolean)).toEqual([]);

    entryPoint(bundle, 'applyMatches')(APPLY);
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
    expect(() => entryPoint(bundle, 'applyMatches')(APPLY)).toThrow('Service Spreadsheets failed');
    expect(fakes.spreadsheet.getSheetByName('Pairs')!.getDataRange().getValues()).toEqual(before);

    // The same apply, once Sheets answers again, writes the one pair and clears the row it no longer needs.
    entryPoint(bundle, 'applyMatches')(APPLY);
    expect(rows(fakes, 'Pairs').map((row) => row['Pair ID'])).toEqual(['P-0001']);
  });
});

describe('teachers’ formulas survive apply, schedule and undo', () => {
  const PAIR = (id: string, tutee: string, block: string) => [id, 'S-1', 'Ana Ruiz', tutee, 'Tutee', 'Math', block, 'Active', 'No', 1, '', '', ''];

  function withCalendar(tabs: Record<string, unknown[][]>) {
    const fakes = createAppsScriptFakes({ timeZone: 'America/New_York' });
    for (const [name, grid] of Object.entries(tabs)) fakes.seedSheet(name, grid);
    const calendar = createCalendarFake(fakes.calls, { accounts: fakes.accounts, timeZone: 'America/New_York' });
    const script = createScriptAppFake(fakes.calls);
    return { fakes, bundle: loadBundle(fakes, { CalendarApp: calendar.CalendarApp, ScriptApp: script.ScriptApp }) };
  }

  function formulasOf(fakes: AppsScriptFakes, tab: string): string[][] {
    return fakes.spreadsheet.getSheetByName(tab)!.getDataRange().getFormulas();
  }

  it('a lookup in a column the teacher added to Pairs stays a formula after apply and undo', () => {
    const tabs = fixtureTabs();
    tabs.Pairs[0].push('Homeroom');
    const { fakes, bundle } = seeded(tabs);
    entryPoint(bundle, 'applyMatches')(APPLY);
    fakes.sheet('Pairs').getRange(2, 14).setValue('=VLOOKUP(B2,Students!A:B,2,FALSE)');
    const { report } = entryPoint(bundle, 'applyMatches')(APPLY) as { report: { version: number } };
    expect(formulasOf(fakes, 'Pairs')[1][13]).toBe('=VLOOKUP(B2,Students!A:B,2,FALSE)');
    expect(entryPoint(bundle, 'undoChange')(report.version)).toMatchObject({ restored: ['Pairs', 'Waitlist'] });
    expect(formulasOf(fakes, 'Pairs')[1][13]).toBe('=VLOOKUP(B2,Students!A:B,2,FALSE)');
  });

  it('a row formula in Sessions moves with its session, a total row stays, and undo puts both back', () => {
    jest.useFakeTimers({ now: new Date('2027-01-04T17:00:00Z') });
    try {
      const tabs = fixtureTabs();
      tabs.Students.push(['S-4', 'Dee Park', '', 7, 'Tutee', '', 'Math 2', 'English', '', 'Wed-A', '', 'Yes', 'No', 'Yes']);
      tabs.Pairs.push(PAIR('P-1', 'S-2', 'Mon-A'));
      const { fakes, bundle } = withCalendar(tabs);
      entryPoint(bundle, 'scheduleSessions')({ sendInvitations: false });
      const sessions = fakes.sheet('Sessions');
      const width = sessions.getLastColumn();
      // The teacher's column: both present? on the second session; a total row of their own below.
      sessions.getRange(1, width + 1).setValue('Both present');
      sessions.getRange(3, width + 1).setValue(`=AND(I3="Yes",J3="Yes")`);
      const secondSession = sessions.getRange(3, 1).getValue();
      const totalRow = sessions.getLastRow() + 2;
      sessions.getRange(totalRow, width + 1).setValue('=COUNTIF(G:G,"Held")');
      const before = sessions.getDataRange().getFormulas();

      // A Wednesday pair: its sessions interleave with the Monday ones, so rows move.
      fakes.sheet('Pairs').getRange(3, 1, 1, 13).setValues([PAIR('P-2', 'S-4', 'Wed-A')]);
      const outcome = entryPoint(bundle, 'scheduleSessions')({ sendInvitations: false }) as { sessions: { version: number } };
      const ids = sessions.getDataRange().getValues().map((row) => row[0]);
      const moved = ids.indexOf(secondSession) + 1;
      expect(moved).toBeGreaterThan(3);
      const after = formulasOf(fakes, 'Sessions');
      expect(after[moved - 1][width]).toBe(`=AND(I${moved}="Yes",J${moved}="Yes")`);
      expect(after.flat().filter(Boolean)).toEqual([`=AND(I${moved}="Yes",J${moved}="Yes")`, '=COUNTIF(G:G,"Held")']);
      expect(after.at(-1)![width]).toBe('=COUNTIF(G:G,"Held")');

      expect(entryPoint(bundle, 'undoChange')(outcome.sessions.version)).toMatchObject({ restored: ['Sessions'] });
      expect(formulasOf(fakes, 'Sessions')).toEqual(before);
    } finally {
      jest.useRealTimers();
    }
  });
});
