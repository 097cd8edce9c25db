// ReadOnceStore: each tab read once per command, and what it keeps after a write is exactly what
// reading the tab back gives, on the Spreadsheet store over the Apps Script fakes and on the .xlsx store.
import fc from 'fast-check';
import { SpreadsheetTableStore } from '../../src/gas/spreadsheet-store';
import { ReadOnceStore } from '../../src/sheets/store/read-once-store';
import { Formula, type Grid, type GridCell, type TableStore } from '../../src/sheets/store/table-store';
import { createAppsScriptFakes } from '../fakes/apps-script';
import { xlsxStoreFrom } from '../support/stores';

function spreadsheetStore() {
  const fakes = createAppsScriptFakes({ timeZone: 'America/New_York' });
  const store = new SpreadsheetTableStore({ spreadsheet: fakes.spreadsheet, properties: fakes.PropertiesService.getDocumentProperties(), spreadsheetApp: fakes.SpreadsheetApp });
  return { fakes, store };
}

const ROSTER: Grid = [
  ['Student ID', 'Name', 'Grade'],
  ["'00041", 'Ana Ruiz', 7],
  ['S-2', 'Ben Kim', 8],
];

describe('ReadOnceStore', () => {
  it('reads a tab once however often a command asks, rows and columns included', () => {
    const { fakes, store } = spreadsheetStore();
    store.writeTab('Students', ROSTER);
    fakes.calls.reset();
    const once = new ReadOnceStore(store);
    expect(once.readTab('Students')).toEqual(store.readTab('Students'));
    fakes.calls.reset();
    once.readTab('Students');
    expect(once.readRows('Students', 2, 1)).toEqual([['00041', 'Ana Ruiz', 7]]);
    expect(once.readColumn('Students', 2)).toEqual(['Name', 'Ana Ruiz', 'Ben Kim']);
    expect(fakes.calls.total('Range.')).toBe(0);
  });

  it('gives each caller its own rows: changing one does not change the next read', () => {
    const { store } = spreadsheetStore();
    store.writeTab('Students', ROSTER);
    const once = new ReadOnceStore(store);
    once.readTab('Students')![1][1] = 'changed';
    expect(once.readTab('Students')![1][1]).toBe('Ana Ruiz');
  });

  it('reads again after forget (the lock was taken: another run may have written)', () => {
    const { fakes, store } = spreadsheetStore();
    store.writeTab('Students', ROSTER);
    const once = new ReadOnceStore(store);
    once.readTab('Students');
    store.writeTab('Students', [...ROSTER, ['S-3', 'Cy Lee', 9]]);
    expect(once.readTab('Students')).toHaveLength(3);
    once.forget();
    fakes.calls.reset();
    expect(once.readTab('Students')).toHaveLength(4);
    expect(fakes.calls.valuesReadByTab()).toEqual({ Students: 1 });
  });

  it('after an append, reads the tab again (the appended rows are the tab’s to say)', () => {
    const { store } = spreadsheetStore();
    store.writeTab('Log', [['When', 'What']]);
    const once = new ReadOnceStore(store);
    once.readTab('Log');
    once.appendRows('Log', [['Mon', "'=1+1"]]);
    expect(once.readTab('Log')).toEqual(store.readTab('Log'));
  });

  const cell: fc.Arbitrary<GridCell> = fc.oneof(
    fc.constant(''),
    fc.constantFrom('Ana', "'00041", "'=SUM(A1)", ' spaced ', 'S-7', "'2027-03-01"),
    fc.integer({ min: -50, max: 5000 }),
    fc.boolean(),
    fc.date({ min: new Date(Date.UTC(2026, 0, 1)), max: new Date(Date.UTC(2028, 0, 1)), noInvalidDate: true }).map((d) => new Date(Math.floor(d.getTime() / 60000) * 60000)),
  );
  const grid = fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 6 });
  const backends: [string, () => TableStore][] = [
    ['Sheets', () => spreadsheetStore().store],
    ['.xlsx', () => xlsxStoreFrom({})],
  ];

  it.each(backends)('keeps a write exactly as reading it back from %s gives it', (_, makeStore) => {
    fc.assert(
      fc.property(grid, grid, (before, written) => {
        const inner = makeStore();
        inner.writeTab('Tab', before);
        const once = new ReadOnceStore(inner);
        once.readTab('Tab');
        once.writeTab('Tab', written);
        expect(once.readTab('Tab')).toEqual(inner.readTab('Tab'));
      }),
      { numRuns: 60 },
    );
  });

  it('keeps a written formula as a formula (its value is the sheet’s to compute)', () => {
    const { store } = spreadsheetStore();
    const once = new ReadOnceStore(store);
    once.writeTab('Pairs', [['Pair ID', 'Mine'], ['P-1', new Formula('=LEN(A2)', '', 2, 2)]]);
    const kept = once.readTab('Pairs')![1][1];
    expect(kept).toBeInstanceOf(Formula);
    expect((kept as Formula).text).toBe((store.readTab('Pairs')![1][1] as Formula).text);
  });
});
