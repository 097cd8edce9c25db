import { mentorIds, mentorMatches } from '../../src/core/people/mentors';
import type { SessionLog } from '../../src/core/progress/records';
import { readProgram } from '../../src/sheets/program/roster';
import { refreshProgress } from '../../src/sheets/progress/refresh';
import { MemoryTableStore } from '../fakes/memory-store';
import { twoTutorTabs } from '../support/program-fixture';

const held = (pairId: string, day: number, tutorPresent: boolean | null = true): SessionLog => ({
  sessionId: `${pairId}-${day}`, pairId, date: `2027-02-${String(day).padStart(2, '0')}`, start: '15:15', end: '16:00', status: tutorPresent === false ? 'Missed' : 'Held', tutorPresent, tuteePresent: true,
});

describe('mentor ladder', () => {
  const pairs = [{ pairId: 'P-1', tutorId: 'S-1', tuteeId: 'S-2', subject: 'Math', block: 'Mon-A', status: 'Active' as const, locked: false, score: 1, why: '', startDate: null, endDate: null }];
  const rule = { heldSessions: 3, attendancePercent: 75, capacity: 2 };

  it('a tutor with enough held sessions and attendance becomes a mentor', () => {
    expect([...mentorIds([held('P-1', 1), held('P-1', 2), held('P-1', 3)], pairs, rule)]).toEqual(['S-1']);
    expect([...mentorIds([held('P-1', 1), held('P-1', 2)], pairs, rule)]).toEqual([]);
    expect([...mentorIds([held('P-1', 1), held('P-1', 2), held('P-1', 3), held('P-1', 4, false), held('P-1', 5, false)], pairs, rule)]).toEqual([]);
  });

  it('each new tutor gets a mentor from the matcher, who shares a block and the subject; none when no mentor fits', () => {
    const store = new MemoryTableStore(twoTutorTabs());
    const { program } = readProgram(store);
    const sessions = [held('P-1', 1), held('P-1', 2), held('P-1', 3)];
    // Ana (S-1) mentors; Eli (S-5, Math 3, free Mon-A and Wed-A, English) is new; Chloe (S-3, Reading, inactive) is not counted.
    const matches = mentorMatches(program, sessions, pairs, rule);
    expect(matches).toEqual([{ mentorId: 'S-1', newTutorId: 'S-5', subject: 'Math', block: expect.stringMatching(/^(Mon|Wed)-A$/), why: expect.any(String) }]);
    expect(mentorMatches(program, [], pairs, rule)).toEqual([
      { mentorId: null, newTutorId: 'S-1', subject: 'Math', block: '', why: expect.any(String) },
      { mentorId: null, newTutorId: 'S-5', subject: 'Math', block: '', why: expect.any(String) },
    ]);
  });

  it('Refresh dashboard writes the Mentors tab', () => {
    const tabs = twoTutorTabs();
    tabs.Settings.push(['Mentor: held sessions at least', 1]);
    tabs.Pairs.push(['P-0001', 'S-1', 'Ana Ruiz', 'S-2', 'Ben Kim', 'Math', 'Mon-A', 'Active', 'No', 1, '', '2027-02-01', '']);
    tabs.Sessions.push(['P-0001-20270301', 'P-0001', '2027-03-01', '15:15', '16:00', 'Mon-A', 'Held', '', 'Yes', 'Yes', '']);
    const store = new MemoryTableStore(tabs);
    refreshProgress(store, '2027-03-02');
    const grid = store.readTab('Mentors')!;
    expect(grid[0]).toEqual(['New tutor ID', 'New tutor', 'Mentor ID', 'Mentor', 'Subject', 'Block', 'Why']);
    expect(grid[1].slice(0, 5)).toEqual(['S-5', 'Eli Stone', 'S-1', 'Ana Ruiz', 'Math']);
  });
});
