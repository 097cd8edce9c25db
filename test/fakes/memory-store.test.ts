// MemoryTableStore keeps the TableStore contract the spreadsheet store keeps.
import { MemoryTableStore } from './memory-store';

describe('MemoryTableStore', () => {
  it('returns null for a missing tab and [] for an empty one', () => {
    const store = new MemoryTableStore({ Empty: [] });
    expect(store.readTab('Missing')).toBeNull();
    expect(store.readTab('Empty')).toEqual([]);
    store.writeTab('Blank', [['', ''], ['', '']]);
    expect(store.readTab('Blank')).toEqual([]);
  });

  it('reads rectangular grids trimmed to the used range, with "" for empty cells', () => {
    const store = new MemoryTableStore();
    store.writeTab('T', [['a', 'b', ''], ['c'], ['', '', ''], []]);
    expect(store.readTab('T')).toEqual([
      ['a', 'b'],
      ['c', ''],
    ]);
    expect(store.tabNames()).toEqual(['T']);
  });

  it('stores text after a leading apostrophe as literal text and copies dates', () => {
    const store = new MemoryTableStore();
    const date = new Date('2027-01-11T00:00:00Z');
    store.writeTab('T', [["'=1+1", "'0042", date]]);
    date.setFullYear(2000);
    const read = store.readTab('T')!;
    expect(read).toEqual([['=1+1', '0042', new Date('2027-01-11T00:00:00Z')]]);
    (read[0][2] as Date).setFullYear(1999);
    expect(store.readTab('T')![0][2]).toEqual(new Date('2027-01-11T00:00:00Z'));
  });

  it('can interpret text as Google Sheets does', () => {
    const store = new MemoryTableStore({}, { userEntered: true, timeZone: 'UTC' });
    store.writeTab('T', [['0042', 'TRUE', '2027-01-11', "'0042"]]);
    expect(store.readTab('T')).toEqual([[42, true, new Date('2027-01-11T00:00:00Z'), '0042']]);
  });

  it('records styles and replaces marks, and refuses to style a missing tab', () => {
    const store = new MemoryTableStore({ T: [['h']] });
    const style = { columnCount: 1, headerNotes: ['n'], dropdowns: [], dateColumns: [], protectHeader: true };
    store.styleTab('T', style);
    expect(store.styleOf('T')).toEqual(style);
    store.markCells('T', [{ row: 2, column: 1, message: 'bad' }]);
    store.markCells('T', [{ row: 3, column: 1, message: 'worse' }]);
    expect(store.marksOf('T')).toEqual([{ row: 3, column: 1, message: 'worse' }]);
    expect(() => store.styleTab('Nope', style)).toThrow('The tab "Nope" does not exist.');
    expect(store.calls.snapshot()).toEqual({ 'TableStore.markCells': 2, 'TableStore.styleTab': 2 });
  });
});
