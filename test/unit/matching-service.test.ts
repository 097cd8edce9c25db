import { applyMatches as applyOutcome, NO_CHOICES, proposeMatches, type ApplyReport, type MatchOptions } from '../../src/sheets/matching/service';
import { undoVersion } from '../../src/sheets/program/history';
import type { TableStore } from '../../src/sheets/store/table-store';
import { twoTutorTabs } from '../support/program-fixture';
import { xlsxStoreFrom } from '../support/stores';

const TODAY = '2027-01-04';

/** Applies as the CLI does (no preview fingerprint, started pairs may end) and returns the report. */
function applyMatches(store: TableStore, options: MatchOptions, today: string, now: Date): ApplyReport {
  const outcome = applyOutcome(store, { options, confirmEnding: true }, today, now);
  if (!outcome.applied) throw new Error(outcome.message);
  return outcome.report;
}
const NOW = new Date('2027-01-04T15:00:00Z');

const programTabs = twoTutorTabs;

function pairsOf(store: ReturnType<typeof xlsxStoreFrom>): Record<string, string>[] {
  const [headers, ...rows] = store.readTab('Pairs')!;
  return rows.map((row) => Object.fromEntries(headers.map((header, i) => [String(header), String(row[i])])));
}

function setPairCell(store: ReturnType<typeof xlsxStoreFrom>, pairId: string, header: string, value: string): void {
  const grid = store.readTab('Pairs')!;
  const row = grid.find((cells) => cells[0] === pairId)!;
  row[grid[0].indexOf(header)] = value;
  store.writeTab('Pairs', grid);
}

describe('applying a matching', () => {
  it('writes Pairs and Waitlist, and a second run with nothing changed keeps every Pair ID', () => {
    const store = xlsxStoreFrom(programTabs());
    const first = applyMatches(store, NO_CHOICES, TODAY, NOW);
    expect(first).toMatchObject({ newPairs: 2, ended: 0, totals: { placed: 2 } });
    const before = pairsOf(store);
    expect(before.map((p) => [p['Tutee ID'], p['Status'], p['Start date']])).toEqual([
      ['S-2', 'Proposed', String(new Date(Date.UTC(2027, 0, 11)))],
      ['S-4', 'Proposed', String(new Date(Date.UTC(2027, 0, 11)))],
    ]);
    const second = applyMatches(store, NO_CHOICES, TODAY, NOW);
    expect(second).toMatchObject({ newPairs: 0, ended: 0 });
    expect(pairsOf(store).map((p) => p['Pair ID'])).toEqual(before.map((p) => p['Pair ID']));
  });

  it('keeps an Active pair with its status, a Paused pair untouched, and a teacher column', () => {
    const store = xlsxStoreFrom(programTabs());
    applyMatches(store, NO_CHOICES, TODAY, NOW);
    const [first, second] = pairsOf(store);
    setPairCell(store, first['Pair ID'], 'Status', 'Active');
    setPairCell(store, second['Pair ID'], 'Status', 'Paused');
    const grid = store.readTab('Pairs')!;
    store.writeTab('Pairs', grid.map((row, i) => [...row, i === 0 ? 'Teacher notes' : `note ${i}`]));
    const report = applyMatches(store, NO_CHOICES, TODAY, NOW);
    expect(report).toMatchObject({ ended: 0, newPairs: 0 });
    const after = pairsOf(store);
    expect(after.map((p) => [p['Pair ID'], p['Status'], p['Teacher notes']])).toEqual([
      [first['Pair ID'], 'Active', 'note 1'],
      [second['Pair ID'], 'Paused', 'note 2'],
    ]);
  });

  it('locks a chosen pair and swaps in the chosen tutor', () => {
    const store = xlsxStoreFrom(programTabs());
    const preview = proposeMatches(store, NO_CHOICES, TODAY);
    const ben = preview.pairs.find((p) => p.tuteeId === 'S-2')!;
    const dana = preview.pairs.find((p) => p.tuteeId === 'S-4')!;
    const otherTutor = dana.tutorId === 'S-1' ? 'S-5' : 'S-1';
    const choices = {
      locked: [{ tutorId: ben.tutorId, tuteeId: 'S-2', subject: 'Math', block: ben.block }],
      swapped: [{ tutorId: otherTutor, tuteeId: 'S-4', subject: 'Math', block: 'Wed-A' }],
      excluded: [],
    };
    applyMatches(store, choices, TODAY, NOW);
    const pairs = pairsOf(store);
    expect(pairs.find((p) => p['Tutee ID'] === 'S-2')).toMatchObject({ 'Tutor ID': ben.tutorId, Locked: 'Yes' });
    expect(pairs.find((p) => p['Tutee ID'] === 'S-4')).toMatchObject({ 'Tutor ID': otherTutor, Locked: 'Yes' });
  });

  it('waitlists with a reason, keeps "Since" on later runs, and undo restores the previous tabs', () => {
    const tabs = programTabs();
    tabs.Students = tabs.Students.filter((row) => row[0] !== 'S-5');
    tabs.Students.push(['S-6', 'Finn Moss', '', 7, 'Tutee', '', 'Math 2', 'English', '', 'Mon-A', '', 'Pending', 'No', 'Yes']);
    const store = xlsxStoreFrom(tabs);
    applyMatches(store, NO_CHOICES, TODAY, NOW);
    const waitlist = () => store.readTab('Waitlist')!.slice(1).map((row) => [row[0], row[3], row[4]]);
    expect(waitlist()).toContainEqual(['S-6', 'guardian consent pending: set Consent to Yes when it arrives', new Date(Date.UTC(2027, 0, 4))]);
    const pairsAfterFirst = store.readTab('Pairs');
    const second = applyMatches(store, NO_CHOICES, '2027-01-20', NOW);
    expect(waitlist()).toContainEqual(['S-6', 'guardian consent pending: set Consent to Yes when it arrives', new Date(Date.UTC(2027, 0, 4))]);
    expect(undoVersion(store, second.version)).toEqual({ restored: ['Pairs', 'Waitlist'], label: 'Apply matching' });
    expect(store.readTab('Pairs')).toEqual(pairsAfterFirst);
  });

  it("keeps a teacher's Waitlist note on the need it was written for", () => {
    const tabs = programTabs();
    tabs.Students.push(['S-6', 'Finn Moss', '', 7, 'Tutee', '', 'Math 2; Science 1', 'English', '', 'Mon-A', '', 'Pending', 'No', 'Yes']);
    const store = xlsxStoreFrom(tabs);
    applyMatches(store, NO_CHOICES, TODAY, NOW);
    const grid = store.readTab('Waitlist')!;
    const subject = grid[0].indexOf('Subject');
    store.writeTab('Waitlist', grid.map((row, i) => [...row, i === 0 ? 'Follow-up' : `call home about ${row[subject]}`]));
    applyMatches(store, NO_CHOICES, '2027-01-20', NOW);
    const after = store.readTab('Waitlist')!;
    const notes = after.slice(1).map((row) => [row[subject], row[after[0].indexOf('Follow-up')]]);
    expect(notes).toEqual([
      ['Math', 'call home about Math'],
      ['Science', 'call home about Science'],
    ]);
  });
});
