import { assignSubstitute, substituteNeeds } from '../../src/sheets/people/substitutes';
import { refreshProgress } from '../../src/sheets/progress/refresh';
import { MemoryTableStore } from '../fakes/memory-store';
import { twoTutorTabs } from '../support/program-fixture';

/**
 * Ana (S-1) tutors Ben (S-2) in Math on Mon-A; Ana is marked absent on 2027-03-08. Eli (S-5, Math 3,
 * capacity 1, speaks Spanish here) is free on Mon-A.
 */
function absentTutor() {
  const tabs = twoTutorTabs();
  tabs.Students[5][7] = 'English; Spanish';
  tabs.Pairs.push(['P-0001', 'S-1', 'Ana Ruiz', 'S-2', 'Ben Kim', 'Math', 'Mon-A', 'Active', 'No', 1, '', '2027-02-01', '']);
  tabs.Sessions.push(
    ['P-0001-20270301', 'P-0001', '2027-03-01', '15:15', '16:00', 'Mon-A', 'Held', '', 'Yes', 'Yes', ''],
    ['P-0001-20270308', 'P-0001', '2027-03-08', '15:15', '16:00', 'Mon-A', 'Scheduled', '', 'No', '', 'dentist'],
    ['P-0001-20270315', 'P-0001', '2027-03-15', '15:15', '16:00', 'Mon-A', 'Scheduled', '', '', '', ''],
  );
  return tabs;
}

describe('substitutes', () => {
  it('proposes the matcher\'s substitute for each upcoming session whose tutor is absent; never the absent tutor', () => {
    const needs = substituteNeeds(new MemoryTableStore(absentTutor()), '2027-03-02');
    expect(needs).toHaveLength(1);
    expect(needs[0]).toMatchObject({ sessionId: 'P-0001-20270308', why: 'tutor absent', best: { tutorId: 'S-5', name: 'Eli Stone' } });
    expect(needs[0].message).toBe('Eli Stone can take Ben Kim\'s Math session on 2027-03-08 (Mon-A)');
  });

  it('a past session, or one with a substitute, needs none', () => {
    expect(substituteNeeds(new MemoryTableStore(absentTutor()), '2027-03-09')).toEqual([]);
  });

  it('logs the substitute on the session (one write, the teacher\'s notes kept); their hours count for them', () => {
    const store = new MemoryTableStore(absentTutor());
    store.calls.reset();
    expect(assignSubstitute(store, 'P-0001-20270308', 'S-5', '2027-03-02')).toEqual({ assigned: true, message: 'Eli Stone substitutes on 2027-03-08 (Mon-A)' });
    expect(store.calls.count('TableStore.writeTab')).toBe(1);
    const grid = store.readTab('Sessions')!;
    const sub = grid[0].indexOf('Substitute');
    expect(grid[2][sub]).toBe('S-5');
    expect(grid[2][10]).toBe('dentist');
    expect(substituteNeeds(store, '2027-03-02')).toEqual([]);
    // The session is held: the hours are Eli's, not Ana's.
    grid[2][6] = 'Held';
    store.writeTab('Sessions', grid);
    const { serviceHours } = refreshProgress(store, '2027-03-09');
    expect(serviceHours.rows.map((r) => [r.studentId, r.sessions])).toEqual([['S-1', 1], ['S-5', 1]]);
  });

  it('refuses a tutor the matcher would not propose (the absent one, one not able in the subject)', () => {
    const store = new MemoryTableStore(absentTutor());
    expect(assignSubstitute(store, 'P-0001-20270308', 'S-1', '2027-03-02').assigned).toBe(false);
    expect(assignSubstitute(store, 'P-0001-20270308', 'S-4', '2027-03-02').assigned).toBe(false);
    expect(assignSubstitute(store, 'P-0001-20270315', 'S-5', '2027-03-02').message).toMatch(/needs no substitute/);
  });

  it('no one free: a clear message, and Refresh dashboard raises an alert', () => {
    const tabs = absentTutor();
    tabs.Students = tabs.Students.filter((row) => row[0] !== 'S-5');
    const store = new MemoryTableStore(tabs);
    const [need] = substituteNeeds(store, '2027-03-02');
    expect(need.best).toBeNull();
    expect(need.message).toBe('No trained Math tutor is free in Mon-A on 2027-03-08 with room for another tutee: move or cancel the session, or ask a tutor to stay');
    const alert = refreshProgress(store, '2027-03-02').openAlerts.find((a) => a.kind === 'Substitute needed')!;
    expect(alert).toMatchObject({ studentId: 'S-2', pairId: 'P-0001', detail: 'Ben Kim\'s session on 2027-03-08 (Mon-A) has no tutor' });
    expect(alert.action).toMatch(/^No trained tutor is free in Mon-A/);
  });
});
