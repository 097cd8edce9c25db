import fc from 'fast-check';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { serviceHoursOf, type HeldSession } from '../../src/core/people/service-hours';
import { modulesLeft, trainedStudents } from '../../src/core/people/training';
import { main } from '../../src/local/cli';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import { readProgram } from '../../src/sheets/program/roster';
import { refreshProgress } from '../../src/sheets/progress/refresh';
import { Formula } from '../../src/sheets/store/table-store';
import { MemoryTableStore } from '../fakes/memory-store';
import { fixtureTabs } from '../support/program-fixture';
import { xlsxStoreFrom } from '../support/stores';
import { captureConsole } from '../support/console-capture';

const MODULES = 'Tutoring ethics; Asking questions; Error analysis';

describe('training', () => {
  it('a tutor is trained once every required module is completed (case and spacing ignored; extra modules do not matter)', () => {
    const records = [
      { studentId: 'S-1', module: 'tutoring  ETHICS', completed: '2027-01-05' },
      { studentId: 'S-1', module: 'Asking questions', completed: '2027-01-06' },
      { studentId: 'S-1', module: 'Error analysis', completed: '2027-01-07' },
      { studentId: 'S-2', module: 'Tutoring ethics', completed: '2027-01-05' },
      { studentId: 'S-2', module: 'Asking questions', completed: null },
      { studentId: 'S-2', module: 'Juggling', completed: '2027-01-05' },
    ];
    const required = MODULES.split('; ');
    expect([...trainedStudents(records, required)]).toEqual(['s-1']);
    expect(modulesLeft(records, required, 'S-2')).toEqual(['Asking questions', 'Error analysis']);
  });

  function trainingTabs(rows: unknown[][]) {
    const tabs = fixtureTabs();
    tabs.Settings.push(['Required training modules', MODULES]);
    tabs.Training = [['Student ID', 'Module', 'Completed'], ...(rows as string[][])];
    return tabs;
  }

  it('Students Trained is derived from the Training tab while modules are required; a bad row is located', () => {
    const store = new MemoryTableStore(
      trainingTabs([
        ['S-2', 'Tutoring ethics', '2027-01-05'],
        ['S-2', 'Asking questions', '2027-01-06'],
        ['S-2', 'Error analysis', '1/7/2027'],
        ['S-1', 'Tutoring ethics', '2027-01-05'],
        ['S-9', 'Tutoring ethics', '2027-01-05'],
        ['S-3', 'Error analysis', 'soon'],
      ]),
    );
    const reading = readProgram(store);
    expect(reading.trainingInUse).toBe(true);
    expect(reading.program.students.map((s) => [s.id, s.trained])).toEqual([['S-1', false], ['S-2', true], ['S-3', false]]);
    expect(reading.problems.filter((p) => p.tab === 'Training').map((p) => [p.row, p.column, p.message])).toEqual([
      [6, 'Student ID', '"S-9" is not a Student ID on the Students tab'],
      [7, 'Completed', '"soon" is not a date (use a date cell, 2026-09-01 or 9/1/2026)'],
    ]);
  });

  it('without required modules the Trained column stays the teacher\'s', () => {
    const tabs = fixtureTabs();
    tabs.Training = [['Student ID', 'Module', 'Completed']];
    expect(readProgram(new MemoryTableStore(tabs)).program.students.map((s) => s.trained)).toEqual([true, false, true]);
  });

  it('Refresh writes the derived Trained cells (only those that differ) and notes the header', () => {
    const store = new MemoryTableStore(trainingTabs([['S-2', 'Tutoring ethics', '2027-01-05'], ['S-2', 'Asking questions', '2027-01-06'], ['S-2', 'Error analysis', '2027-01-07']]));
    const report = refreshProgress(store, '2027-03-01');
    expect(report.trainedChanged).toBe(3); // S-1 Yes → No, S-2 No → Yes, S-3's checkbox TRUE → No
    const students = store.readTab('Students')!;
    expect(students.slice(1).map((row) => row[12])).toEqual(['No', 'Yes', 'No']);
    expect(store.styleOf('Students')!.headerNotes[12]).toMatch(/^Derived from the Training tab/);
    expect(refreshProgress(store, '2027-03-01').trainedChanged).toBe(0);
  });
});

const held = (pairId: string, date: string, overrides: Partial<HeldSession> = {}): HeldSession => ({ pairId, date, start: '15:15', end: '16:00', status: 'Held', tutorPresent: true, ...overrides });

describe('service hours', () => {
  const pairs = [{ pairId: 'P-1', tutorId: 'S-1' }, { pairId: 'P-2', tutorId: 'S-5' }];
  const term = { start: '2027-01-11', end: '2027-05-28' };

  it('counts Held sessions of the term where the tutor was not marked absent; the adjustment only with a reason', () => {
    const sessions = [
      held('P-1', '2027-03-01'),
      held('P-1', '2027-03-08', { tutorPresent: null }),
      held('P-1', '2027-03-15', { tutorPresent: false }),
      held('P-1', '2027-03-22', { status: 'Missed' }),
      held('P-1', '2026-12-01'),
      held('P-2', '2027-03-01', { substitute: 'S-7' }),
    ];
    const adjustments = new Map([['S-1', { hours: 2, reason: 'Review night' }], ['S-5', { hours: 3, reason: '' }]]);
    expect(serviceHoursOf(sessions, pairs, term, adjustments)).toEqual([
      { studentId: 'S-1', sessions: 2, hours: 1.5, adjustment: 2, reason: 'Review night', total: 3.5, unexplained: false },
      { studentId: 'S-5', sessions: 0, hours: 0, adjustment: 3, reason: '', total: 0, unexplained: true },
      { studentId: 'S-7', sessions: 1, hours: 0.75, adjustment: null, reason: '', total: 0.75, unexplained: false },
    ]);
  });

  it('property: hours are the sum of the counted block lengths, and never negative without an adjustment', () => {
    const session = fc.record({
      pairId: fc.constantFrom('P-1', 'P-2', 'P-3'),
      date: fc.constantFrom('2026-12-01', '2027-02-01', '2027-06-01'),
      start: fc.constantFrom('15:00', '15:15'),
      end: fc.constantFrom('15:45', '16:00', '16:30'),
      status: fc.constantFrom('Held', 'Missed', 'Scheduled'),
      tutorPresent: fc.constantFrom(true, false, null),
    });
    fc.assert(
      fc.property(fc.array(session, { maxLength: 30 }), (sessions) => {
        const rows = serviceHoursOf(sessions, pairs, term, new Map());
        const counted = sessions.filter((s) => s.status === 'Held' && s.tutorPresent !== false && s.date === '2027-02-01' && s.pairId !== 'P-3');
        const minutes = counted.reduce((sum, s) => sum + (Number(s.end.slice(0, 2)) * 60 + Number(s.end.slice(3)) - Number(s.start.slice(0, 2)) * 60 - Number(s.start.slice(3))), 0);
        expect(rows.reduce((sum, r) => sum + r.sessions, 0)).toBe(counted.length);
        expect(Math.abs(rows.reduce((sum, r) => sum + r.hours, 0) - minutes / 60)).toBeLessThan(0.02);
        expect(rows.every((r) => r.total >= 0)).toBe(true);
      }),
    );
  });

  function heldProgram() {
    const tabs = fixtureTabs();
    tabs.Pairs.push(['P-0001', 'S-1', 'Ana Ruiz', 'S-2', 'Ben Kim', 'Math', 'Mon-A', 'Active', 'No', 1, '', '2027-02-01', '']);
    tabs.Sessions.push(
      ['P-0001-20270301', 'P-0001', '2027-03-01', '15:15', '16:00', 'Mon-A', 'Held', '', 'Yes', 'Yes', ''],
      ['P-0001-20270308', 'P-0001', '2027-03-08', '15:15', '16:00', 'Mon-A', 'Held', '', 'No', 'Yes', ''],
    );
    return tabs;
  }

  it('the tab is rebuilt with the dashboard; the teacher\'s Adjustment, Reason, own column and formula stay', () => {
    const tabs = heldProgram();
    tabs['Service hours'] = [
      ['Student ID', 'Name', 'Sessions', 'Hours', 'Adjustment', 'Reason', 'Total', 'Signed'],
      ['S-1', 'old', 9, 9, 1.25, 'Helped at open house', 9, 'yes'],
      ['S-3', '', '', '', 'two', '', '', ''],
      ['', 'Total', '', new Formula('=SUM(D2:D3)', 0, 4, 4), '', '', '', ''],
    ];
    const store = new MemoryTableStore(tabs);
    const report = refreshProgress(store, '2027-03-10');
    expect(report.serviceHours.problems.map((p) => `${p.tab} row ${p.row} ${p.column}: ${p.message}`)).toEqual([
      'Service hours row 3 Adjustment: "two" is not a number of hours like 1.5 or -2: it is not counted',
    ]);
    const grid = store.readTab('Service hours')!;
    expect(grid.slice(1, 3)).toEqual([
      ['S-1', 'Ana Ruiz', 1, 0.75, 1.25, 'Helped at open house', 2, 'yes'],
      ['S-3', 'Chloe Okafor', 0, 0, 'two', '', 0, ''],
    ]);
    expect(grid[3][3]).toBeInstanceOf(Formula);
  });

  it('peer-tutoring dashboard rebuilds it; certificate writes an escaped, printable page', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-hours-'));
    const output: string[] = [];
    captureConsole(() => output);
    const tabs = heldProgram();
    tabs.Students[1][1] = '<b>Ana</b> & co';
    const workbook = path.join(dir, 'p.xlsx');
    await xlsxStoreFrom(tabs, workbook).save();
    expect(await main(['dashboard', workbook, '--today', '2027-03-10'])).toBe(0);
    expect(output.join('\n')).toContain('Service hours: 1 tutors, 0.75 hours in total.');
    expect((await XlsxTableStore.open(workbook)).readTab('Service hours')![1]).toEqual(['S-1', '<b>Ana</b> & co', 1, 0.75, '', '', 0.75]);
    const out = path.join(dir, 'cert.html');
    expect(await main(['certificate', workbook, '--student', 'S-1', '--out', out, '--today', '2027-03-10'])).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('&lt;b&gt;Ana&lt;/b&gt; &amp; co');
    expect(html).toContain('0.75 hours');
    expect(html).toContain('in 1 tutoring session.');
    expect(await main(['certificate', workbook, '--student', 'S-2', '--out', out])).toBe(1);
    expect(output.join('\n')).toContain('S-2 has no service hours this term');
    jest.restoreAllMocks();
  });
});
