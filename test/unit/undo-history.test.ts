// The Undo history (history.ts): a version stores only the rows its change replaced, and Undo puts
// exactly those back, whatever the change did (rows added, removed, changed, moved, the tab emptied).
import fc from 'fast-check';
import { recordChange, undoVersion } from '../../src/sheets/program/history';
import { hunksBetween, type Hunk } from '../../src/sheets/program/hunks';
import { Formula, type Grid, type GridCell } from '../../src/sheets/store/table-store';
import { xlsxStoreFrom } from '../support/stores';

const NOW = new Date(Date.UTC(2026, 10, 28, 12));
const HEADER = ['Session ID', 'Date', 'Tutor ID', 'Minutes'];

/** Rows from a few distinct values, so before and after share many rows (as real changes do). */
const row = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.constantFrom('S-1', 'S-2', '00041'), fc.constantFrom(30, 45, '')).map(
  ([id, day, tutor, minutes]): GridCell[] => [`X-${id}`, new Date(Date.UTC(2027, 0, day)), tutor, minutes],
);
const body = fc.array(row, { maxLength: 40 });

function change(store: ReturnType<typeof xlsxStoreFrom>, grid: Grid): number {
  return recordChange(store, { label: 'Schedule sessions', tabs: ['Sessions'], savedAt: NOW }, () => store.writeTab('Sessions', grid));
}

const historyRows = (store: ReturnType<typeof xlsxStoreFrom>, version: number) => store.readTab('Undo history')!.filter((r) => r[0] === version);

describe('the Undo history', () => {
  it('undo gives back exactly what the tab held before, whatever the change', () => {
    fc.assert(
      fc.property(body, body, fc.boolean(), (before, after, emptied) => {
        const store = xlsxStoreFrom({ Sessions: [HEADER, ...before] });
        const held = store.readTab('Sessions');
        const version = change(store, emptied ? [] : [HEADER, ...after]);
        expect(undoVersion(store, version)).toEqual({ restored: ['Sessions'], label: 'Schedule sessions' });
        expect(store.readTab('Sessions')).toEqual(held);
      }),
      { numRuns: 150 },
    );
  });

  it('stores only the rows a change replaced: ending one of 3,000 sessions stores that one', () => {
    const sessions: Grid = [HEADER, ...Array.from({ length: 3000 }, (_, i) => [`X-${i}`, new Date(Date.UTC(2027, 0, 1 + (i % 28))), 'S-1', 30])];
    const store = xlsxStoreFrom({ Sessions: sessions });
    const version = change(store, sessions.filter((_, i) => i !== 1500));
    // The description, where the hunk starts, and the one row it gives back.
    expect(historyRows(store, version)).toHaveLength(3);
    expect(String(historyRows(store, version)[2][3])).toContain('"X-1499"');
    undoVersion(store, version);
    expect(store.readTab('Sessions')).toEqual(sessions);
  });

  it('tells apart what only looks alike: a date moved a day, 5 and "5", a formula moved, true and "TRUE"', () => {
    const formula = (row: number) => new Formula(`=LEN(A${row})`, 3, row, 5);
    const sessions: Grid = [HEADER, ...Array.from({ length: 400 }, (_, i) => [`X-${i}`, new Date(Date.UTC(2027, 0, 1 + (i % 28))), 'S-1', 30])];
    const edited = sessions.map((row) => [...row]);
    edited[1][1] = new Date(Date.UTC(2027, 0, 2)); // the first row: compared before any number
    edited[200][3] = '30';
    edited[300][2] = true;
    edited[399][3] = 31;
    sessions[250] = [...sessions[250], formula(250)];
    edited[250] = [...edited[250], formula(251)];
    const store = xlsxStoreFrom({ Sessions: sessions });
    const held = store.readTab('Sessions');
    const version = change(store, edited);
    expect(store.readTab('Sessions')).not.toEqual(held);
    undoVersion(store, version);
    expect(store.readTab('Sessions')).toEqual(held);
  });

  it('filling an empty tab stores no rows of it; undo empties it again', () => {
    const store = xlsxStoreFrom({ Sessions: [HEADER] });
    const filled: Grid = [HEADER, ...Array.from({ length: 500 }, (_, i) => [`X-${i}`, '', 'S-2', 45])];
    const version = change(store, filled);
    expect(historyRows(store, version)).toHaveLength(2);
    undoVersion(store, version);
    expect(store.readTab('Sessions')).toEqual([HEADER]);
  });

  it('past the diff limit it stores the rows in between whole, and undo still restores them', () => {
    const sessions: Grid = [HEADER, ...Array.from({ length: 2500 }, (_, i) => [`X-${i}`, '', 'S-1', i])];
    const store = xlsxStoreFrom({ Sessions: sessions });
    const version = change(store, [HEADER, ...sessions.slice(1).reverse()]);
    expect(historyRows(store, version)).toHaveLength(2 + 2500);
    undoVersion(store, version);
    expect(store.readTab('Sessions')).toEqual(sessions);
  });

  it("keeps a teacher's formula and an ID with leading zeros as they were", () => {
    const formula = new Formula('=D2*2', 60, 2, 5);
    const store = xlsxStoreFrom({ Sessions: [[...HEADER, 'Double'], ['X-1', '', '00041', 30, formula]] });
    const version = change(store, [[...HEADER, 'Double'], ['X-1', '', 'S-2', 30, formula]]);
    undoVersion(store, version);
    const [, restored] = store.readTab('Sessions')!;
    expect(restored[2]).toBe('00041');
    expect(restored[4]).toBeInstanceOf(Formula);
    expect((restored[4] as Formula).text).toBe('=D2*2');
  });

  it('still undoes a version stored before hunks, which holds every row of the tab', () => {
    const store = xlsxStoreFrom({ Sessions: [HEADER, ['X-9', '', 'S-1', 45]] });
    const version = change(store, [HEADER, ['X-1', '', 'S-2', 30]]);
    // The same version as the earlier format wrote it: the description, then the tab's rows before.
    const history = store.readTab('Undo history')!;
    const about = history.find((r) => r[0] === version && r[2] === '#about')!;
    const legacy = [...history.filter((r) => r[0] !== version), about, ...[HEADER, ['X-9', '', 'S-1', 45]].map((cells) => [version, NOW, 'Sessions', JSON.stringify(cells)])];
    store.writeTab('Undo history', legacy);
    expect(undoVersion(store, version)).toEqual({ restored: ['Sessions'], label: 'Schedule sessions' });
    expect(store.readTab('Sessions')).toEqual([HEADER, ['X-9', '', 'S-1', 45]]);
  });

  it('forgets older versions that stored a row of a student no longer on the roster, and only those', () => {
    const pairs = (tutee: string) => [['Pair ID', 'Tutor ID', 'Tutee ID'], ['P-1', 'S-1', tutee]];
    const store = xlsxStoreFrom({ Pairs: pairs('S-4') });
    const record = (grid: Grid, rosterIds?: Set<string>) =>
      recordChange(store, { label: 'Apply matching', tabs: ['Pairs'], savedAt: NOW, rosterIds }, () => store.writeTab('Pairs', grid));
    const namesDana = record(pairs('S-5')); // stores the row with S-4
    const headerOnly = record([['Pair ID', 'Tutor', 'Tutee ID'], ['P-1', 'S-1', 'S-5']]); // stores only the header row
    // The same kind of version as the earlier format wrote it: every row, the header first.
    const history = store.readTab('Undo history')!;
    const legacy = 90;
    const legacyRows = [[legacy, NOW, '#about', JSON.stringify({ label: 'Apply matching', after: { Pairs: 'x' } })], ...pairs('S-5').map((cells) => [legacy, NOW, 'Pairs', JSON.stringify(cells)])];
    store.writeTab('Undo history', [...history, ...legacyRows]);
    const last = record([['Pair ID', 'Tutor', 'Tutee ID'], ['P-2', 'S-1', 'S-5']], new Set(['S-1', 'S-5']));
    const versions = new Set(store.readTab('Undo history')!.slice(1).map((row) => row[0]));
    expect([...versions].sort((a, b) => Number(a) - Number(b))).toEqual([headerOnly, legacy, last]);
    expect(versions).not.toContain(namesDana);
  });
});

describe('hunksBetween', () => {
  /** Rows `from` with the hunks applied, as Undo applies them. */
  const apply = (from: string[], hunks: Hunk<string>[]) => {
    const rows: string[] = [];
    let next = 0;
    for (const hunk of hunks) {
      rows.push(...from.slice(next, hunk.at), ...hunk.rows);
      next = hunk.at + hunk.drop;
    }
    return [...rows, ...from.slice(next)];
  };
  /** The fewest row deletions and insertions from a to b: n + m − 2 × the longest common subsequence. */
  const fewestEdits = (a: string[], b: string[]) => {
    const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
    for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) lcs[i][j] = a[i - 1] === b[j - 1] ? lcs[i - 1][j - 1] + 1 : Math.max(lcs[i - 1][j], lcs[i][j - 1]);
    return a.length + b.length - 2 * lcs[a.length][b.length];
  };
  const rows = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 30 });
  /** Rows compared by a number that tells little (b, c and d share one) and then exactly. */
  const byLetter = { hash: (row: string) => (row === 'a' ? 1 : row === 'e' ? 2 : 3), equal: (a: string, b: string) => a === b };

  it('turns one list of rows into the other with the fewest row edits', () => {
    fc.assert(
      fc.property(rows, rows, (from, to) => {
        const hunks = hunksBetween(from, to, byLetter, 1000);
        expect(apply(from, hunks)).toEqual(to);
        const edits = hunks.reduce((sum, hunk) => sum + hunk.drop + hunk.rows.length, 0);
        expect(edits).toBe(fewestEdits(from, to));
        // In order, apart, and within the rows.
        hunks.forEach((hunk, i) => i > 0 && expect(hunk.at).toBeGreaterThan(hunks[i - 1].at + hunks[i - 1].drop - 1));
      }),
      { numRuns: 400 },
    );
  });

  it('past the edit limit, one hunk still turns one into the other', () => {
    fc.assert(
      fc.property(rows, rows, fc.integer({ min: 0, max: 3 }), (from, to, limit) => {
        expect(apply(from, hunksBetween(from, to, byLetter, limit))).toEqual(to);
      }),
      { numRuns: 200 },
    );
  });
});
