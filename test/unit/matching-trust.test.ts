// The matching workflow's promises, on the sheets layer over a real (in-memory) .xlsx store:
// what the teacher sees is what Apply writes, nothing ends or disappears by accident, the teacher's
// choices last, pairs start, and Undo takes back only what it says.
import { applyMatches, NO_CHOICES, proposeMatches, type ApplyOutcome, type MatchOptions } from '../../src/sheets/matching/service';
import { MAX_VERSIONS, undoVersion } from '../../src/sheets/program/history';
import { changePairs } from '../../src/sheets/matching/pair-actions';
import type { GridCell, TableStore } from '../../src/sheets/store/table-store';
import { twoTutorTabs } from '../support/program-fixture';
import { xlsxStoreFrom } from '../support/stores';

const TODAY = '2027-01-04';
const NOW = new Date('2027-01-04T15:00:00Z');

const programTabs = twoTutorTabs;

function rows(store: TableStore, tab: string): Record<string, string>[] {
  const [headers = [], ...cells] = store.readTab(tab) ?? [];
  return cells.map((row) => Object.fromEntries(headers.map((header, i) => [String(header), String(row[i] ?? '')])));
}

/** Edits Pairs rows by header; cells not edited stay exactly as they were (dates stay dates). */
function setPairs(store: TableStore, edit: (row: Record<string, GridCell>) => void): void {
  const grid = store.readTab('Pairs')!;
  const headers = grid[0].map(String);
  store.writeTab('Pairs', [grid[0], ...grid.slice(1).map((cells) => {
    const row = Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? '']));
    edit(row);
    return headers.map((h) => row[h]);
  })]);
}

function applied(outcome: ApplyOutcome) {
  if (!outcome.applied) throw new Error(`not applied: ${outcome.message}`);
  return outcome.report;
}

const apply = (store: TableStore, options: MatchOptions = NO_CHOICES, extra = {}) => applyMatches(store, { options, ...extra }, TODAY, NOW);

describe('what you see is what you get', () => {
  it('writes the previewed proposal when the fingerprint still matches, and nothing when the sheet changed since', () => {
    const store = xlsxStoreFrom(programTabs());
    const preview = proposeMatches(store, NO_CHOICES, TODAY);
    const students = store.readTab('Students')!;
    store.writeTab('Students', students.filter((row) => row[0] !== 'S-4'));
    const refused = apply(store, NO_CHOICES, { fingerprint: preview.fingerprint });
    expect(refused).toMatchObject({ applied: false, why: 'changed' });
    expect(rows(store, 'Pairs')).toEqual([]);
    const fresh = (refused as Extract<ApplyOutcome, { applied: false }>).preview;
    const report = applied(apply(store, NO_CHOICES, { fingerprint: fresh.fingerprint }));
    expect(rows(store, 'Pairs').map((r) => [r['Tutor ID'], r['Tutee ID'], r.Block])).toEqual(fresh.pairs.map((p) => [p.tutorId, p.tuteeId, p.block]));
    expect(report.newPairs).toBe(fresh.pairs.length);
  });

  it('writes new pairs as Proposed; approve starts them as Active, or Trial when Settings say so', () => {
    const tabs = programTabs();
    const store = xlsxStoreFrom(tabs);
    const report = applied(apply(store));
    expect(rows(store, 'Pairs').map((r) => r.Status)).toEqual(['Proposed', 'Proposed']);
    expect(report.proposed.map((p) => p.pairId)).toEqual(['P-0001', 'P-0002']);
    const started = changePairs(store, 'start', ['P-0002', 'P-0099'], TODAY, NOW);
    expect(started.changed).toEqual([{ pairId: 'P-0002', status: 'Active' }]);
    expect(started.skipped).toEqual([{ pairId: 'P-0099', reason: 'no such Pair ID on the Pairs tab' }]);
    expect(rows(store, 'Pairs').map((r) => r.Status)).toEqual(['Proposed', 'Active']);

    tabs.Settings.push(['New pairs start as trial', 'Yes']);
    const trialStore = xlsxStoreFrom(tabs);
    apply(trialStore);
    expect(changePairs(trialStore, 'start', 'all', TODAY, NOW).changed.map((c) => c.status)).toEqual(['Trial', 'Trial']);
    expect(changePairs(trialStore, 'confirm', ['P-0001'], TODAY, NOW).changed).toEqual([{ pairId: 'P-0001', status: 'Active' }]);
    changePairs(trialStore, 'end', ['P-0002'], TODAY, NOW);
    expect(rows(trialStore, 'Pairs').map((r) => r.Status)).toEqual(['Active', 'Ended']);
  });
});

describe('nothing ends or disappears by accident', () => {
  it('blocks Apply on a roster problem and on a Status typo: nothing is written, no pair ends', () => {
    const store = xlsxStoreFrom(programTabs());
    applied(apply(store));
    changePairs(store, 'start', 'all', TODAY, NOW);
    const before = store.readTab('Pairs');
    const students = store.readTab('Students')!;
    students[2][students[0].indexOf('Grade')] = '9th';
    store.writeTab('Students', students);
    const blocked = apply(store, NO_CHOICES, { confirmEnding: true });
    expect(blocked).toMatchObject({ applied: false, why: 'problems' });
    expect(store.readTab('Pairs')).toEqual(before);

    const fixed = xlsxStoreFrom(programTabs());
    applied(apply(fixed));
    setPairs(fixed, (row) => (row.Status = row['Pair ID'] === 'P-0001' ? 'Actve' : row.Status));
    const typo = apply(fixed, NO_CHOICES, { confirmEnding: true }) as Extract<ApplyOutcome, { applied: false }>;
    expect(typo.why).toBe('problems');
    expect(typo.preview.problems.map((p) => [p.tab, p.row, p.column])).toEqual([['Pairs', 2, 'Status']]);
  });

  it('reports a pair that names a student not on the roster, and keeps a teacher\'s own row', () => {
    const store = xlsxStoreFrom(programTabs());
    applied(apply(store));
    const grid = store.readTab('Pairs')!;
    const total = grid[0].map((header) => (header === 'Pair ID' ? 'Total' : header === 'Score' ? 99 : ''));
    store.writeTab('Pairs', [...grid, total]);
    applied(apply(store));
    expect(rows(store, 'Pairs').map((r) => r['Pair ID'])).toEqual(['P-0001', 'P-0002', 'Total']);
    expect(rows(store, 'Pairs')[2].Score).toBe('99');

    setPairs(store, (row) => (row['Tutor ID'] = row['Pair ID'] === 'P-0002' ? 'S-99' : row['Tutor ID']));
    const preview = proposeMatches(store, NO_CHOICES, TODAY);
    expect(preview.problems).toEqual([
      expect.objectContaining({ tab: 'Pairs', row: 3, column: 'Tutor ID', message: expect.stringMatching(/"S-99" is not a Student ID on the Students tab/) }),
    ]);
  });

  it('asks before a started pair ends, and says why it would end', () => {
    const store = xlsxStoreFrom(programTabs());
    applied(apply(store));
    changePairs(store, 'start', 'all', TODAY, NOW);
    const students = store.readTab('Students')!;
    students.find((row) => row[0] === 'S-4')![students[0].indexOf('Consent')] = 'No';
    store.writeTab('Students', students);
    const asked = apply(store) as Extract<ApplyOutcome, { applied: false }>;
    expect(asked.why).toBe('confirm');
    expect(asked.preview.ending).toEqual([expect.objectContaining({ tuteeName: 'Dana Li', status: 'Active', reason: 'Dana Li has no guardian consent (Consent is No)' })]);
    const report = applied(apply(store, NO_CHOICES, { confirmEnding: true }));
    expect(report.ended).toBe(1);
    expect(rows(store, 'Pairs').find((r) => r['Tutee ID'] === 'S-4')).toMatchObject({ Status: 'Ended', Why: expect.stringMatching(/^Ended by re-matching: Dana Li has no guardian consent/) });
  });
});

describe('what changed, and why', () => {
  it('marks each moved need with why: the teacher excluded it, or a rule now keeps the pair apart', () => {
    const store = xlsxStoreFrom(programTabs());
    const first = proposeMatches(store, NO_CHOICES, TODAY);
    expect(first.comparedWith).toBe('nothing');
    const shown = first.pairs.map(({ tutorId, tuteeId, subject, block }) => ({ tutorId, tuteeId, subject, block }));
    const dana = first.pairs.find((p) => p.tuteeId === 'S-4')!;
    const excluded = proposeMatches(store, { ...NO_CHOICES, excluded: [{ tutorId: dana.tutorId, tuteeId: 'S-4', subject: 'Math' }], shown }, TODAY);
    expect(excluded.comparedWith).toBe('preview');
    const danaNow = [...excluded.pairs.map((p) => ({ id: p.tuteeId, change: p.change })), ...excluded.waitlist.map((w) => ({ id: w.studentId, change: w.change }))].find((e) => e.id === 'S-4')!;
    expect(danaNow.change).toMatch(/: you excluded it$/);
    expect(excluded.changed).toBeGreaterThanOrEqual(1);

    const students = store.readTab('Students')!;
    students.find((row) => row[0] === dana.tutorId)![students[0].indexOf('Active')] = 'No';
    store.writeTab('Students', students);
    const after = proposeMatches(store, { ...NO_CHOICES, shown }, TODAY);
    const moved = [...after.pairs.map((p) => ({ id: p.tuteeId, change: p.change })), ...after.waitlist.map((w) => ({ id: w.studentId, change: w.change }))].find((e) => e.id === 'S-4')!;
    expect(moved.change).toMatch(new RegExp(`: ${dana.tutorName} is no longer active$`));
  });
});

describe("the teacher's choices last", () => {
  it('writes a swapped pair locked, and keeps an exclusion in the Exclusions tab for the next matching', () => {
    const store = xlsxStoreFrom(programTabs());
    const preview = proposeMatches(store, NO_CHOICES, TODAY);
    const dana = preview.pairs.find((p) => p.tuteeId === 'S-4')!;
    const other = dana.tutorId === 'S-1' ? 'S-5' : 'S-1';
    const excludedTutor = preview.pairs.find((p) => p.tuteeId === 'S-2')!.tutorId;
    applied(
      apply(store, {
        locked: [],
        swapped: [{ tutorId: other, tuteeId: 'S-4', subject: 'Math', block: 'Wed-A' }],
        excluded: [{ tutorId: excludedTutor, tuteeId: 'S-2', subject: 'Math' }],
      }),
    );
    expect(rows(store, 'Pairs').find((r) => r['Tutee ID'] === 'S-4')).toMatchObject({ 'Tutor ID': other, Locked: 'Yes' });
    expect(rows(store, 'Exclusions')).toEqual([expect.objectContaining({ 'Tutor ID': excludedTutor, 'Tutee ID': 'S-2', Subject: 'Math' })]);
    const next = proposeMatches(store, NO_CHOICES, TODAY);
    expect(next.pairs.some((p) => p.tuteeId === 'S-2' && p.tutorId === excludedTutor)).toBe(false);
    expect(next.keptExclusions).toBe(1);
  });

  it('explains a Requested tutor who cannot be given', () => {
    const tabs = programTabs();
    tabs.Students[0].push('Requested tutor');
    for (const row of tabs.Students.slice(1)) row.push(row[0] === 'S-4' ? 'S-5' : '');
    // Eli takes one tutee; Ben can only meet on Mon-A, so Ben gets Ana and Dana's request for Eli can be met.
    tabs.Students.find((row) => row[0] === 'S-1')![tabs.Students[0].indexOf('Availability')] = 'Mon-A';
    tabs.Students.find((row) => row[0] === 'S-5')![tabs.Students[0].indexOf('Availability')] = 'Mon-A';
    const preview = proposeMatches(xlsxStoreFrom(tabs), NO_CHOICES, TODAY);
    const entry = [...preview.pairs.map((p) => ({ id: p.tuteeId, text: p.why })), ...preview.waitlist.map((w) => ({ id: w.studentId, text: w.reason }))].find((e) => e.id === 'S-4')!;
    expect(entry.text).toMatch(/requested tutor Eli Stone \(S-5\) has no block in common with this student/);
  });
});

describe('Undo takes back what it says', () => {
  it('restores exactly one version and refuses when its tab changed since', () => {
    const store = xlsxStoreFrom(programTabs());
    const first = applied(apply(store));
    const afterFirst = store.readTab('Pairs');
    const started = changePairs(store, 'start', 'all', TODAY, NOW);
    expect(undoVersion(store, first.version)).toEqual({ refused: expect.stringMatching(/^Pairs changed after "Apply matching"/) });
    expect(rows(store, 'Pairs').map((r) => r.Status)).toEqual(['Active', 'Active']);
    expect(undoVersion(store, started.version!)).toEqual({ restored: ['Pairs'], label: 'Start pairs' });
    expect(store.readTab('Pairs')).toEqual(afterFirst);
    expect(undoVersion(store, started.version!)).toEqual({ refused: expect.stringMatching(/no longer in the undo history/) });
  });

  it(`keeps at most ${MAX_VERSIONS} versions, and forgets versions that name a student no longer on the roster`, () => {
    const store = xlsxStoreFrom(programTabs());
    for (let i = 0; i < MAX_VERSIONS + 5; i++) applied(apply(store));
    const versions = () => new Set(store.readTab('Undo history')!.slice(1).map((row) => row[0]));
    expect(versions().size).toBe(MAX_VERSIONS);
    // Dana leaves: her pair is ended first (the Pairs tab keeps it as history), then her row goes.
    const dana = rows(store, 'Pairs').find((r) => r['Tutee ID'] === 'S-4')!;
    const ended = changePairs(store, 'end', [dana['Pair ID']], TODAY, NOW);
    expect(historyMentions('S-4')).toBe(true);
    const students = store.readTab('Students')!;
    store.writeTab('Students', students.filter((row) => row[0] !== 'S-4'));
    const last = applied(apply(store));
    // Older versions that stored Dana's rows (ending her pair) are forgotten, the others never held them;
    // the newest holds what its own change replaced.
    expect(versions()).not.toContain(ended.version);
    expect(versions()).toContain(last.version);
    expect(historyMentions('S-4', (version) => version !== last.version)).toBe(false);

    function historyMentions(id: string, inVersion: (version: number) => boolean = () => true): boolean {
      return store
        .readTab('Undo history')!
        .slice(1)
        .some((row) => inVersion(Number(row[0])) && String(row[3]).includes(`"${id}"`));
    }
  });
});
