// readRows, readColumn and appendRows behave alike in the three stores (Google Sheets over the fakes,
// .xlsx, memory), and on Google Sheets cost the same calls for a log of 10 rows or 100,000.
import { SpreadsheetTableStore } from '../../src/gas/spreadsheet-store';
import { Formula, type Grid, type TableStore } from '../../src/sheets/store/table-store';
import { createAppsScriptFakes, type AppsScriptFakes } from '../fakes/apps-script';
import { MemoryTableStore } from '../fakes/memory-store';
import { xlsxStoreFrom } from '../support/stores';

const LOG: Grid = [
  ['Response ID', 'Submitted', 'Answer'],
  ['R-1', new Date(Date.UTC(2027, 2, 1, 15)), 'first'],
  ['R-2', new Date(Date.UTC(2027, 2, 1, 16)), ''],
];

function sheetsStore(tabs: Record<string, Grid>): { store: SpreadsheetTableStore; fakes: AppsScriptFakes } {
  const fakes = createAppsScriptFakes();
  const store = new SpreadsheetTableStore({ spreadsheet: fakes.spreadsheet, properties: fakes.PropertiesService.getDocumentProperties(), spreadsheetApp: fakes.SpreadsheetApp });
  for (const [name, grid] of Object.entries(tabs)) store.writeTab(name, grid);
  return { store, fakes };
}

const STORES: Record<string, (tabs: Record<string, Grid>) => TableStore> = {
  'Google Sheets (fakes)': (tabs) => sheetsStore(tabs).store,
  xlsx: (tabs) => xlsxStoreFrom(tabs),
  memory: (tabs) => new MemoryTableStore(tabs),
};

describe.each(Object.entries(STORES))('%s store', (_name, storeOf) => {
  it('reads rows from any row, as many as asked or to the last one, and one column whole', () => {
    const store = storeOf({ Log: LOG });
    expect(store.readRows('Log', 1, 1)).toEqual([['Response ID', 'Submitted', 'Answer']]);
    expect(store.readRows('Log', 3)).toEqual([['R-2', LOG[2][1], '']]);
    expect(store.readRows('Log', 4)).toEqual([]);
    expect(store.readRows('Missing', 1)).toBeNull();
    expect(store.readColumn('Log', 1)).toEqual(['Response ID', 'R-1', 'R-2']);
    expect(store.readColumn('Missing', 1)).toBeNull();
  });

  it('appends below the last row, text stored as written and wider rows widening the tab', () => {
    const store = storeOf({ Log: LOG });
    store.appendRows('Log', [
      ["'R-3", new Date(Date.UTC(2027, 2, 2)), "'=HYPERLINK(\"http://x\")"],
      ["'00041", 7, "'TRUE", "'extra"],
    ]);
    const grid = store.readTab('Log')!;
    expect(grid.slice(0, 3)).toEqual(LOG.map((row) => [...row, '']));
    expect(grid[3]).toEqual(['R-3', new Date(Date.UTC(2027, 2, 2)), '=HYPERLINK("http://x")', '']);
    expect(grid[4]).toEqual(['00041', 7, 'TRUE', 'extra']);
    expect(() => store.appendRows('Missing', [['x']])).toThrow('Missing');
  });

  it('appends below a row of the teacher’s own, which stays as it was', () => {
    const store = storeOf({ Log: [...LOG, ['Total', new Formula('=COUNTA(A:A)', 3, 4, 2), '']] });
    store.appendRows('Log', [["'R-3", '', "'third"]]);
    const grid = store.readTab('Log')!;
    expect(grid[3][0]).toBe('Total');
    expect(grid[3][1]).toBeInstanceOf(Formula);
    expect(grid[4]).toEqual(['R-3', '', 'third']);
  });
});

describe('Google Sheets store: a log of 100,000 rows', () => {
  function logOf(rows: number) {
    const body = Array.from({ length: rows }, (_, i) => [`'R-${i}`, new Date(Date.UTC(2027, 2, 1)), `'answer ${i}`]);
    return sheetsStore({ Log: [LOG[0], ...body] });
  }
  const callsOf = (fakes: AppsScriptFakes, operation: () => void) => {
    fakes.calls.reset();
    operation();
    return fakes.calls.snapshot();
  };

  it('reads its last rows, its ID column and appends to it with the same calls as a log of 10', () => {
    const small = logOf(10);
    const large = logOf(100_000);
    // The large log fills its sheet: the first append grows it (once, with room to spare).
    expect(callsOf(large.fakes, () => large.store.appendRows('Log', [["'R-first", '', "'x"]]))['Sheet.insertRowsAfter']).toBe(1);
    const operations = [
      (store: TableStore) => store.readRows('Log', 1, 1),
      (store: TableStore) => store.readColumn('Log', 1),
      (store: TableStore) => store.appendRows('Log', [["'R-new", '', "'new"]]),
    ];
    for (const operation of operations) {
      expect(callsOf(large.fakes, () => operation(large.store))).toEqual(callsOf(small.fakes, () => operation(small.store)));
    }
    expect(callsOf(large.fakes, () => large.store.appendRows('Log', [["'R-x", '', "'x"]]))['Range.setValues']).toBe(1);
    expect(large.store.readRows('Log', 100_003)).toEqual([['R-new', '', 'new'], ['R-x', '', 'x']]);
  });
});
