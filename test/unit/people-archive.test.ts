import { existsSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { isExpired } from '../../src/core/people/retention';
import { main } from '../../src/local/cli';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import { ArchiveError, archiveTerm, clearAfterArchive, isVerified } from '../../src/sheets/people/archive';
import { Formula, type Grid, type GridCell } from '../../src/sheets/store/table-store';
import { MemoryTableStore } from '../fakes/memory-store';
import { fixtureTabs } from '../support/program-fixture';
import { xlsxStoreFrom } from '../support/stores';
import { captureConsole } from '../support/console-capture';

const REFLECTION_HEADERS = ['Response ID', 'Submitted', 'Session ID', 'Pair ID', 'Student ID', 'Role', 'Mood', 'Confidence', 'Session held', 'Partner present', 'Worked on', 'What worked', 'What was hard', 'Next step', 'Talk to a teacher', 'My note'];

/** A term from 2027-01-11 to 2027-05-28 with a reflection from last year's term and one from this term. */
function program(): Record<string, Grid> {
  const tabs = fixtureTabs();
  tabs.Students[3][13] = 'No'; // Chloe (S-3) left
  tabs.Pairs.push(['P-0001', 'S-1', 'Ana Ruiz', 'S-3', 'Chloe Okafor', 'Reading', 'Mon-A', 'Ended', 'No', 1, 'both speak English', '2026-02-01', '2026-05-01']);
  tabs.Reflections = [
    REFLECTION_HEADERS,
    ['R-1', new Date('2026-03-02T20:00:00Z'), 'P-0001-20260302', 'P-0001', 'S-3', 'Tutee', 4, 3, 'Yes', 'Yes', 'fractions', 'my tutor was kind', 'worried about home', 'practise', 'No', new Formula('=LEN(L2)', 17, 2, 16)],
    ['R-2', new Date('2027-03-01T20:00:00Z'), 'P-0002-20270301', 'P-0002', 'S-2', 'Tutee', 4, 3, 'Yes', 'Yes', 'decimals', 'games', 'long division', 'more games', 'No', ''],
  ];
  return tabs;
}

/** A target that fails after `writes` tab writes, as a run cut by Apps Script's time limit would. */
class CutTarget extends MemoryTableStore {
  constructor(private writes: number) {
    super();
  }
  writeTab(name: string, grid: GridCell[][]): void {
    if (this.writes-- <= 0) throw new Error('Exceeded maximum execution time');
    super.writeTab(name, grid);
  }
}

describe('retention', () => {
  const rule = { termStart: '2027-01-11', termEnd: '2027-05-28', days: 365, today: '2027-06-01' };
  it('keeps this term\'s records a year after Term end, and an earlier term\'s a year after Term start', () => {
    expect(isExpired('2027-03-01', rule)).toBe(false);
    expect(isExpired('2027-03-01', { ...rule, today: '2028-05-29' })).toBe(true);
    expect(isExpired('2026-03-02', rule)).toBe(false);
    expect(isExpired('2026-03-02', { ...rule, today: '2028-01-12' })).toBe(true);
    expect(isExpired('2026-03-02', { ...rule, termStart: null })).toBe(false);
  });
});

describe('End term: archive, then clear', () => {
  it('an archive cut half-way verifies nothing and clears nothing; running again completes it, then clearing works', () => {
    const source = new MemoryTableStore(program());
    const before = source.readTab('Reflections');
    const cut = new CutTarget(3);
    expect(() => archiveTerm(source, cut, new Date('2027-06-01T12:00:00Z'))).toThrow('Exceeded maximum execution time');
    expect(isVerified(cut)).toBe(false);
    expect(() => clearAfterArchive(source, cut, '2028-02-01')).toThrow(ArchiveError);
    expect(source.readTab('Reflections')).toEqual(before);
    // Run again, on the same (partly written) archive.
    const resumed = new CutTarget(100);
    for (const tab of cut.tabNames()) resumed.writeTab(tab, cut.readTab(tab)!);
    const report = archiveTerm(source, resumed, new Date('2027-06-01T12:00:00Z'));
    expect(report).toMatchObject({ name: 'Test Program 2027-01-11 to 2027-05-28', verified: true, mismatches: [] });
    expect(report.copied).toHaveLength(report.tabs.length - 3);
    expect(isVerified(resumed)).toBe(true);
    expect(resumed.readTab('Reflections')![1][11]).toBe('my tutor was kind');

    const cleared = clearAfterArchive(source, resumed, '2028-02-01');
    expect(cleared).toMatchObject({ Reflections: 1, Pairs: 1, Students: 1 });
    const reflections = source.readTab('Reflections')!;
    expect(reflections[1].slice(10, 14)).toEqual(['', '', '', '']);
    expect(reflections[1][15]).toBeInstanceOf(Formula); // the teacher's own formula stays
    expect(reflections[1].slice(0, 10)).toEqual(before![1].slice(0, 10)); // IDs, dates and scores stay
    expect(reflections[2]).toEqual(before![2]); // this term's: kept
    const students = source.readTab('Students')!;
    expect(students[3].slice(0, 3)).toEqual(['S-3', 'S-3', '']);
    expect(students[1][1]).toBe('Ana Ruiz');
    expect(source.readTab('Pairs')![1].slice(1, 5)).toEqual(['S-1', '', 'S-3', '']);
  });

  it('refuses to clear when the program changed after the archive was made', () => {
    const source = new MemoryTableStore(program());
    const target = new MemoryTableStore();
    archiveTerm(source, target, new Date('2027-06-01T12:00:00Z'));
    const grid = source.readTab('Students')!;
    grid[1][1] = 'Ana R.';
    source.writeTab('Students', grid);
    expect(() => clearAfterArchive(source, target, '2028-02-01')).toThrow('Students changed since the archive was made');
  });

  it('peer-tutoring archive writes a verified archive named for the term; --clear clears after it; a re-run writes nothing new', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-archive-'));
    const output: string[] = [];
    captureConsole(() => output);
    const workbook = path.join(dir, 'p.xlsx');
    await xlsxStoreFrom(program(), workbook).save();
    expect(await main(['archive', workbook])).toBe(0);
    const out = path.join(dir, 'Test Program 2027-01-11 to 2027-05-28.xlsx');
    expect(existsSync(out)).toBe(true);
    expect(output.join('\n')).toContain('Nothing was cleared.');
    const archived = await XlsxTableStore.open(out);
    expect(isVerified(archived)).toBe(true);
    expect(archived.readTab('Students')).toEqual((await XlsxTableStore.open(workbook)).readTab('Students'));
    output.length = 0;
    expect(await main(['archive', workbook, '--clear', '--today', '2028-02-01'])).toBe(0);
    expect(output.join('\n')).toContain('is already made and verified; it is kept as it is.');
    expect(output.join('\n')).toContain('Cleared personal data past its retention in 3 rows');
    // Cleared once: the workbook now differs from its archive on purpose, so clearing again is refused.
    output.length = 0;
    expect(await main(['archive', workbook, '--clear', '--today', '2028-02-01'])).toBe(1);
    expect(output.join('\n')).toContain('changed since the archive was made');
    expect((await XlsxTableStore.open(workbook)).readTab('Reflections')![1][11]).toBe('');
    expect((await XlsxTableStore.open(out)).readTab('Reflections')![1][11]).toBe('my tutor was kind');
    jest.restoreAllMocks();
  });
});
