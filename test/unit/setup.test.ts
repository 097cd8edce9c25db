import { CONTRACT_TABS } from '../../src/sheets/program/schema';
import { checkRoster, setUpProgram } from '../../src/sheets/program/setup';
import { writeTable } from '../../src/sheets/store/table';
import { STUDENTS_TAB } from '../../src/sheets/program/schema';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import { fixtureTabs, setCell } from '../support/program-fixture';
import { xlsxStoreFrom } from '../support/stores';

function snapshot(store: XlsxTableStore) {
  return Object.fromEntries(store.tabNames().map((name) => [name, store.readTab(name)]));
}

describe('Set up program', () => {
  it('creates every contract tab with its headers and the default settings', () => {
    const store = XlsxTableStore.create('x.xlsx');
    const report = setUpProgram(store);
    expect(report.created).toEqual(CONTRACT_TABS.map((tab) => tab.name));
    for (const tab of CONTRACT_TABS) {
      expect(store.readTab(tab.name)![0]).toEqual(tab.columns.map((column) => column.header));
    }
    const settings = store.readTab('Settings')!;
    expect(settings).toContainEqual(['Min tutor level', 3]);
    expect(settings).toContainEqual(['Require training', 'Yes']);
    expect(settings).toContainEqual(['Timezone', '']);
  });

  it('changes nothing the second time', () => {
    const store = XlsxTableStore.create('x.xlsx');
    setUpProgram(store);
    const before = snapshot(store);
    const writes = jest.spyOn(store, 'writeTab');
    const report = setUpProgram(store);
    expect(writes).not.toHaveBeenCalled();
    expect(report).toEqual({ created: [], columnsAdded: {}, settingsAdded: [] });
    expect(snapshot(store)).toEqual(before);
  });

  it("keeps the teacher's own columns, rows and values, and adds only what is missing", () => {
    const tabs = fixtureTabs();
    tabs.Students = tabs.Students.map((row, i) => [...row, i === 0 ? 'Homeroom' : `Room ${i}`]);
    tabs.Settings.push(['My own note', 'keep me']);
    const store = xlsxStoreFrom(tabs);
    const report = setUpProgram(store);
    expect(report.columnsAdded).toEqual({
      Students: ['Requested tutor', 'Do not pair with', 'Guardian email', 'Consent date', 'Consent form'],
      Sessions: ['Tutor', 'Tutee', 'Subject', 'Location', 'Reviews due', 'Tutor reflection', 'Tutee reflection', 'Exit ticket', 'Agenda', 'Meet link', 'One-off', 'Substitute'],
    });
    const students = store.readTab('Students')!;
    expect(students[0].slice(14)).toEqual(['Homeroom', 'Requested tutor', 'Do not pair with', 'Guardian email', 'Consent date', 'Consent form']);
    expect(students[1].slice(0, 2)).toEqual(['S-1', 'Ana Ruiz']);
    expect(students[3][14]).toBe('Room 3');
    const settings = store.readTab('Settings')!;
    expect(settings).toContainEqual(['My own note', 'keep me']);
    expect(settings).toContainEqual(['Program name', 'Test Program']);
    expect(report.settingsAdded).toContain('Min tutor level');
  });
});

describe('Check roster', () => {
  it('marks each bad cell and clears the marks once fixed, without changing any value', () => {
    const tabs = fixtureTabs();
    setCell(tabs, 'Students', 3, 'Can tutor', 'Math four');
    setCell(tabs, 'Students', 3, 'Role', 'Both');
    const store = xlsxStoreFrom(tabs);
    const marks = jest.spyOn(store, 'markCells');
    const before = snapshot(store);
    const check = checkRoster(store);
    expect(check.lines).toEqual(['Students row 3, "Can tutor": "Math four" is not a subject and level like "Math 4"']);
    expect(marks).toHaveBeenCalledWith('Students', [{ row: 3, column: 6, message: '"Math four" is not a subject and level like "Math 4"' }]);
    expect(snapshot(store)).toEqual(before);
    store.writeTab('Students', before.Students!.map((row, i) => (i === 2 ? row.map((c, j) => (j === 5 ? 'Reading 4' : c)) : row)));
    expect(checkRoster(store).lines).toEqual([]);
    expect(marks).toHaveBeenLastCalledWith('Students', []);
  });
});

describe('writing a table', () => {
  it('stores text that looks like a formula as text', () => {
    const store = XlsxTableStore.create('x.xlsx');
    setUpProgram(store);
    const risky = ['=HYPERLINK("http://evil","x")', '+1-555', '-5', '@mention', "'quoted"];
    writeTable(store, STUDENTS_TAB, risky.map((name, i) => ({ 'Student ID': `S-${i}`, Name: name })));
    const names = store.readTab('Students')!.slice(1).map((row) => row[1]);
    expect(names).toEqual(risky);
  });
});
