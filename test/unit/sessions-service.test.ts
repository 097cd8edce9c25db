// Scheduling through the TableStore port: Sessions written from Pairs, re-runs that change nothing,
// history and attendance that survive a block change, and bad input stopped with located messages.
import { describeProblem, describeProblemPrivately, ProgramDataError } from '../../src/sheets/program/problems';
import { previewSchedule, scheduleSessions } from '../../src/sheets/scheduling/service';
import { readSessions } from '../../src/sheets/scheduling/sessions-tab';
import type { Grid, GridCell } from '../../src/sheets/store/table-store';
import { MemoryTableStore } from '../fakes/memory-store';
import { fixtureTabs, setCell, STUDENT_HEADERS } from '../support/program-fixture';

const NOW = new Date('2027-01-04T12:00:00Z');
const PAIR_HEADERS = ['Pair ID', 'Tutor ID', 'Tutor', 'Tutee ID', 'Tutee', 'Subject', 'Block', 'Status', 'Locked', 'Score', 'Why', 'Start date', 'End date'];

/** The fixture program with two active pairs: P-0001 on Mon-A and P-0002 on Wed-A. */
function programTabs(): Record<string, Grid> {
  const tabs = fixtureTabs();
  tabs.Students.push(['S-4', 'Dana Li', 'dana@school.org', 8, 'Tutee', '', 'Math 1', 'English', '', 'Wed-A', '', 'Yes', 'No', 'Yes']);
  expect(tabs.Students[0]).toEqual(STUDENT_HEADERS);
  tabs.Pairs = [
    PAIR_HEADERS,
    ['P-0001', 'S-1', 'Ana Ruiz', 'S-2', 'Ben Kim', 'Math', 'Mon-A', 'Active', 'No', 10, '', '', ''],
    ['P-0002', 'S-1', 'Ana Ruiz', 'S-4', 'Dana Li', 'Math', 'Wed-A', 'Active', 'No', 10, '', '', ''],
  ];
  return tabs;
}

function storeOf(tabs: Record<string, Grid>): MemoryTableStore {
  return new MemoryTableStore(tabs, { timeZone: 'America/New_York' });
}

function sessionsGrid(store: MemoryTableStore): Grid {
  return store.readTab('Sessions')!;
}

function column(grid: Grid, header: string): GridCell[] {
  const at = grid[0].indexOf(header);
  return grid.slice(1).map((row) => row[at]);
}

function rowOf(grid: Grid, sessionId: string): Record<string, GridCell> {
  const row = grid.find((cells) => cells[0] === sessionId)!;
  return Object.fromEntries(grid[0].map((header, i) => [String(header), row[i]]));
}

function badInput(store: MemoryTableStore): string[] {
  try {
    scheduleSessions(store, '2027-01-04', NOW);
  } catch (error) {
    expect(error).toBeInstanceOf(ProgramDataError);
    const { problems, message } = error as ProgramDataError;
    // The thrown message may reach logs: located, one line per problem, quoting no cell.
    expect(message.split('\n')).toEqual(problems.map(describeProblemPrivately));
    return problems.map(describeProblem);
  }
  throw new Error('scheduling did not refuse the bad input');
}

describe('scheduleSessions', () => {
  it('writes one row per meeting with date cells and HH:MM times, skipping No-school dates', () => {
    const store = storeOf(programTabs());
    const report = scheduleSessions(store, '2027-01-04', NOW);
    const grid = sessionsGrid(store);
    // Mondays 2027-01-11..05-24 = 20, minus 01-18 and 03-15; Wednesdays 01-13..05-26 = 20, minus 03-17.
    expect(report).toMatchObject({ added: 37, removed: 0, moved: 0, kept: 0, sessions: 37, written: true, version: 1 });
    // The attendance details are added after the tab's own columns (the fixture's tab predates them).
    expect(grid[0]).toEqual([
      'Session ID', 'Pair ID', 'Date', 'Start', 'End', 'Block', 'Status', 'Calendar event ID', 'Tutor present', 'Tutee present', 'Notes',
      'Tutor', 'Tutee', 'Subject', 'Location', 'Reviews due', 'Tutor reflection', 'Tutee reflection', 'Exit ticket', 'Agenda', 'Meet link', 'One-off', 'Substitute',
    ]);
    // Without Google Forms (locally) the link columns stay blank.
    expect(grid[1]).toEqual([
      'P-0001-20270111', 'P-0001', new Date('2027-01-11T05:00:00Z'), '15:15', '16:00', 'Mon-A', 'Scheduled', '', '', '', '',
      'Ana Ruiz', 'Ben Kim', 'Math', 'Library', '', '', '', '', '', '', '', '',
    ]);
    const ids = column(grid, 'Session ID');
    expect(ids).not.toContain('P-0001-20270118');
    expect(ids).not.toContain('P-0002-20270317');
    expect(ids.filter((id) => String(id).startsWith('P-0002'))).toHaveLength(19);
  });

  it('changes nothing when re-run with nothing changed', () => {
    const store = storeOf(programTabs());
    scheduleSessions(store, '2027-01-04', NOW);
    const before = sessionsGrid(store);
    const history = store.readTab('Undo history');
    const report = scheduleSessions(store, '2027-02-01', NOW);
    expect(report).toMatchObject({ added: 0, removed: 0, moved: 0, kept: 37, written: false, version: null });
    expect(sessionsGrid(store)).toEqual(before);
    expect(store.readTab('Undo history')).toEqual(history);
  });

  it('keeps past Status, attendance, notes and teacher columns when a block changes; moves future sessions', () => {
    const tabs = programTabs();
    const store = storeOf(tabs);
    scheduleSessions(store, '2027-01-04', NOW);
    const grid = sessionsGrid(store);
    grid[0].push('Homeroom');
    grid.slice(1).forEach((row, i) => row.push(`Room ${i}`));
    const past = grid.findIndex((row) => row[0] === 'P-0001-20270111');
    grid[past][6] = 'Held';
    grid[past][8] = true; // a checkbox
    grid[past][9] = 'No';
    grid[past][10] = 'Worked on fractions';
    store.writeTab('Sessions', grid);
    const blocks = store.readTab('Blocks')!;
    blocks[1][2] = '14:00'; // Mon-A now starts at 14:00
    store.writeTab('Blocks', blocks);

    const report = scheduleSessions(store, '2027-03-01', NOW);
    const after = sessionsGrid(store);
    // Mondays after 03-01: 03-08, 03-22 … 05-24 (03-15 is a No-school date) = 11.
    expect(report).toMatchObject({ added: 0, removed: 0, moved: 11, written: true });
    expect(after.find((row) => row[0] === 'P-0001-20270111')).toEqual(grid[past]);
    expect(rowOf(after, 'P-0001-20270301')).toMatchObject({ Start: '15:15', Homeroom: expect.stringMatching(/^Room/) });
    expect(rowOf(after, 'P-0001-20270308')).toMatchObject({ Start: '14:00', End: '16:00', Status: 'Scheduled' });
    expect(rowOf(after, 'P-0002-20270303')).toEqual(rowOf(grid, 'P-0002-20270303'));
    expect(after).toHaveLength(grid.length);
  });

  it('fills Tutor, Tutee, Subject and Location on past rows without touching what was recorded; future rows follow Blocks', () => {
    const store = storeOf(programTabs());
    scheduleSessions(store, '2027-01-04', NOW);
    // A tab written before these columns existed: past and future rows have them blank.
    const grid = sessionsGrid(store).map((row) => row.slice(0, 11));
    const past = grid.findIndex((row) => row[0] === 'P-0001-20270111');
    grid[past][6] = 'Held';
    grid[past][8] = 'Yes';
    store.writeTab('Sessions', grid);
    const blocks = store.readTab('Blocks')!;
    blocks[1][4] = 'Room 5'; // Mon-A moves to Room 5
    store.writeTab('Blocks', blocks);

    const report = scheduleSessions(store, '2027-03-01', NOW);
    expect(report).toMatchObject({ added: 0, removed: 0, moved: 0, written: true });
    const after = sessionsGrid(store);
    expect(rowOf(after, 'P-0001-20270111')).toMatchObject({ Status: 'Held', 'Tutor present': 'Yes', Tutor: 'Ana Ruiz', Tutee: 'Ben Kim', Subject: 'Math', Location: 'Room 5' });
    expect(rowOf(after, 'P-0002-20270113')).toMatchObject({ Tutee: 'Dana Li', Location: 'Library' });

    // Mon-A moves again: a past session keeps the place it had, the future ones follow.
    blocks[1][4] = 'Gym';
    store.writeTab('Blocks', blocks);
    scheduleSessions(store, '2027-03-01', NOW);
    expect(rowOf(sessionsGrid(store), 'P-0001-20270111').Location).toBe('Room 5');
    expect(rowOf(sessionsGrid(store), 'P-0001-20270308').Location).toBe('Gym');
    // Nothing left to fill: nothing is written.
    expect(scheduleSessions(store, '2027-03-01', NOW).written).toBe(false);
  });

  describe('applies the hard rules to pairs that already meet', () => {
    /** Scheduled at the start of term, with attendance on the first session; then the roster changes. */
    function withRosterChange(change: (students: Grid) => void) {
      const store = storeOf(programTabs());
      scheduleSessions(store, '2027-01-04', NOW);
      const sessions = sessionsGrid(store);
      const first = sessions.findIndex((row) => row[0] === 'P-0001-20270111');
      sessions[first][6] = 'Held';
      store.writeTab('Sessions', sessions);
      const students = store.readTab('Students')!;
      change(students);
      store.writeTab('Students', students);
      return { store, report: scheduleSessions(store, '2027-03-01', NOW) };
    }
    const row = (students: Grid, id: string) => students.find((cells) => cells[0] === id)!;
    const consent = STUDENT_HEADERS.indexOf('Consent');
    const active = STUDENT_HEADERS.indexOf('Active');

    it('consent withdrawn: the pair’s future sessions stop, past ones stay, and the report says why without names', () => {
      const { store, report } = withRosterChange((students) => (row(students, 'S-2')[consent] = 'No'));
      const ids = column(sessionsGrid(store), 'Session ID').map(String);
      expect(ids.filter((id) => id.startsWith('P-0001') && id > 'P-0001-20270301')).toEqual([]);
      expect(rowOf(sessionsGrid(store), 'P-0001-20270111')).toMatchObject({ Status: 'Held' });
      expect(ids.filter((id) => id.startsWith('P-0002') && id > 'P-0002-20270301').length).toBeGreaterThan(5);
      expect(report.stopped).toEqual([{ pairId: 'P-0001', reason: "the tutee's guardian consent is No" }]);
      expect(report.warnings[0]).toMatch(/^Pair P-0001 stopped: the tutee's guardian consent is No\. Its future sessions are removed \(past ones kept\)/);
      expect(report.warnings.join('\n')).not.toMatch(/Ana|Ben|@/);
      expect(report.removed).toBe(11);
    });

    it('a student who left (Active = No, or gone from the roster) stops every pair they are in', () => {
      const left = withRosterChange((students) => (row(students, 'S-1')[active] = 'No'));
      expect(left.report.stopped.map((pair) => pair.pairId)).toEqual(['P-0001', 'P-0002']);
      expect(left.report.stopped[0].reason).toBe('the tutor has left the program (Active is No)');
      const gone = withRosterChange((students) => students.splice(students.indexOf(row(students, 'S-4')), 1));
      expect(gone.report.stopped).toEqual([{ pairId: 'P-0002', reason: 'the tutee is no longer on the Students tab' }]);
    });

    it('a typo elsewhere on a student’s row does not stop their pairs', () => {
      const { report } = withRosterChange((students) => (row(students, 'S-2')[STUDENT_HEADERS.indexOf('Grade')] = '9th'));
      expect(report.stopped).toEqual([]);
      expect(report.removed).toBe(0);
    });
  });

  it('reports a future Held with its Sessions row and keeps the row', () => {
    const store = storeOf(programTabs());
    scheduleSessions(store, '2027-01-04', NOW);
    const grid = sessionsGrid(store);
    const future = grid.findIndex((row) => row[0] === 'P-0002-20270505');
    grid[future][6] = 'Held';
    store.writeTab('Sessions', grid);
    const report = scheduleSessions(store, '2027-03-01', NOW);
    expect(report.warnings).toEqual([
      `Sessions row ${future + 1} (P-0002-20270505): a future session cannot be Held (2027-05-05 is after today, 2027-03-01); set it back to Scheduled or to Cancelled`,
    ]);
    expect(rowOf(sessionsGrid(store), 'P-0002-20270505').Status).toBe('Held');
  });

  it('ends the sessions of an ended pair after today only', () => {
    const store = storeOf(programTabs());
    scheduleSessions(store, '2027-01-04', NOW);
    const pairs = store.readTab('Pairs')!;
    pairs[2][7] = 'Ended';
    pairs[2][12] = new Date('2027-03-01T05:00:00Z');
    store.writeTab('Pairs', pairs);
    const report = scheduleSessions(store, '2027-03-01', NOW);
    const ids = column(sessionsGrid(store), 'Session ID').map(String);
    // Wednesdays after 03-01: 03-03, 03-10, 03-24 … 05-26 (03-17 is a No-school date) = 12 of 19.
    expect(report.removed).toBe(12);
    expect(ids.filter((id) => id.startsWith('P-0002'))).toHaveLength(7);
    expect(ids.some((id) => id.startsWith('P-0002') && id > 'P-0002-20270301')).toBe(false);
  });

  it('previews the counts per pair and writes nothing', () => {
    const store = storeOf(programTabs());
    const preview = previewSchedule(store, '2027-01-04');
    expect(preview).toMatchObject({ programName: 'Test Program', added: 37, sessions: 37, events: 2, shortfalls: [] });
    expect(preview.pairs).toEqual([
      { pairId: 'P-0001', names: 'Ana Ruiz → Ben Kim', subject: 'Math', blocks: ['Mon-A'], sessions: 18, events: 1 },
      { pairId: 'P-0002', names: 'Ana Ruiz → Dana Li', subject: 'Math', blocks: ['Wed-A'], sessions: 19, events: 1 },
    ]);
    expect(store.readTab('Sessions')).toEqual(programTabs().Sessions);
  });
});

describe('scheduleSessions refuses bad input with located messages and writes nothing', () => {
  function expectRefused(change: (tabs: Record<string, Grid>) => void, expected: string | RegExp): void {
    const tabs = programTabs();
    change(tabs);
    const store = storeOf(tabs);
    const sessionsBefore = store.readTab('Sessions');
    const lines = badInput(store);
    expect(lines).toContainEqual(typeof expected === 'string' ? expected : expect.stringMatching(expected));
    expect(store.readTab('Sessions')).toEqual(sessionsBefore);
    expect(store.tabNames()).not.toContain('Undo history');
  }

  it('term end before term start', () => {
    expectRefused((tabs) => setCell(tabs, 'Settings', 5, 'Value', '2027-01-01'), 'Settings row 5, "Value": Term end (2027-01-01) is before Term start (2027-01-11)');
  });

  it('a pair whose block no longer exists', () => {
    expectRefused(
      (tabs) => setCell(tabs, 'Pairs', 3, 'Block', 'Fri-Z'),
      'Pairs row 3, "Block": pair P-0002 meets in block "Fri-Z", which is no longer in Blocks; pick another block or add it back',
    );
  });

  it('a No-school range written backwards', () => {
    expectRefused((tabs) => setCell(tabs, 'Settings', 6, 'Value', '2027-03-19..2027-03-15'), /^Settings row 6, "Value": .*ends before it starts/);
  });

  it('a block that ends before it starts', () => {
    expectRefused((tabs) => setCell(tabs, 'Blocks', 3, 'End', '14:00'), /^Blocks row 3, "End": 14:00 should be after the start time 15:15/);
  });

  it('a Status that is not a session status, and a Date that is text', () => {
    const tabs = programTabs();
    const store = storeOf(tabs);
    scheduleSessions(store, '2027-01-04', NOW);
    const grid = sessionsGrid(store);
    grid[3][6] = 'Done';
    grid[4][2] = 'next Tuesday';
    store.writeTab('Sessions', grid);
    const history = store.readTab('Undo history');
    const lines = badInput(store);
    expect(lines).toEqual([
      'Sessions row 4, "Status": "Done" should be one of Scheduled, Held, Missed, Cancelled',
      'Sessions row 5, "Date": "next Tuesday" is not a date (use a date cell, 2026-09-01 or 9/1/2026)',
    ]);
    expect(store.readTab('Sessions')).toEqual(grid);
    expect(store.readTab('Undo history')).toEqual(history);
  });

  it('reads attendance as Yes/No or checkboxes', () => {
    const store = storeOf(programTabs());
    scheduleSessions(store, '2027-01-04', NOW);
    const grid = sessionsGrid(store);
    grid[1][8] = true;
    grid[1][9] = 'no';
    store.writeTab('Sessions', grid);
    const [first] = readSessions(store).rows;
    expect(first).toMatchObject({ rowNumber: 2, tutorPresent: true, tuteePresent: false, notes: '' });
  });
});
