// Alerts and the dashboard: each rule on a small program it should (and should not) fire on, and the
// Alerts tab's promises: never raised twice, closed when the cause goes, a teacher's Done kept.
import { alertsOf, ALERT_KINDS, type Alert } from '../../src/core/progress/alerts';
import { dashboardOf } from '../../src/core/progress/dashboard';
import type { ProgressData, ReflectionLog, SessionLog, TicketLog } from '../../src/core/progress/records';
import { DEFAULT_ALERT_THRESHOLDS, DEFAULT_SETTINGS, type Pair, type Student } from '../../src/core/model';
import { DEFAULT_MASTERY_RULE } from '../../src/core/progress/mastery';
import { refreshAlerts } from '../../src/sheets/progress/alerts-tab';
import { setUpProgram } from '../../src/sheets/setup';
import { xlsxStoreFrom } from '../support/stores';
import { fixtureTabs } from '../support/program-fixture';

const TODAY = '2027-03-15';

function student(id: string, extra: Partial<Student> = {}): Student {
  return {
    id, name: `Student ${id}`, email: '', grade: 8, role: 'Both', canTutor: [{ subject: 'Math', level: 4 }], needsHelpWith: [{ subject: 'Reading', level: 1 }],
    languages: ['English'], learningPreference: '', availability: ['Mon-A'], maxTutees: 2, consent: 'Yes', trained: true, active: true, requestedTutor: '', doNotPairWith: [], ...extra,
  };
}

const pair = (pairId: string, status: Pair['status'] = 'Active', tutorId = 'T', tuteeId = 'U'): Pair => ({
  pairId, tutorId, tuteeId, subject: 'Math', block: 'Mon-A', status, locked: false, score: 0, why: '', startDate: '2027-02-01', endDate: null,
});

const session = (pairId: string, date: string, status: SessionLog['status'], tuteePresent: boolean | null = null): SessionLog => ({
  sessionId: `${pairId}-${date.replace(/-/g, '')}`, pairId, date, start: '15:00', end: '15:45', status, tutorPresent: null, tuteePresent,
});

const reflection = (pairId: string, date: string, role: 'Tutor' | 'Tutee', extra: Partial<ReflectionLog> = {}): ReflectionLog => ({
  responseId: `R-${pairId}-${date}-${role}`, submitted: new Date(`${date}T21:00:00Z`), date, sessionId: `${pairId}-${date.replace(/-/g, '')}`, pairId,
  studentId: role === 'Tutor' ? 'T' : 'U', role, mood: 4, confidence: 4, talkToTeacher: false, handled: false, whatWorked: '', nextStep: '', ...extra,
});

const ticket = (date: string, score: number): TicketLog => ({ studentId: 'U', pairId: 'P-1', subject: 'Math', skill: 'Fractions', date, submitted: new Date(`${date}T21:00:00Z`), score });

function data(extra: Partial<ProgressData>): ProgressData {
  return { today: TODAY, termStart: '2027-01-11', students: [student('T'), student('U')], pairs: [pair('P-1')], sessions: [], reflections: [], tickets: [], waitlist: [], ...extra };
}

const kinds = (alerts: Alert[]) => alerts.map((alert) => alert.kind);
const run = (d: ProgressData) => alertsOf(d, DEFAULT_ALERT_THRESHOLDS, () => 'Student X (X, Tue-A)');

describe('alert rules', () => {
  it('uses the contract’s words for every kind', () => {
    // The contract's nine, then concerns, engagement, help requests, requests for a new tutor and substitutes.
    expect(ALERT_KINDS).toEqual(['Missed sessions', 'Stalled', 'Trial review', 'Low mood', 'Talk to a teacher', 'No reflections', 'Long wait', 'Tutor overload', 'Consent', 'Concern', 'Engagement', 'Help request', 'Request new tutor', 'Substitute needed']);
  });

  it('Missed sessions: under 75% over the last 4 marked sessions, for the student who missed them', () => {
    const weeks = ['2027-02-15', '2027-02-22', '2027-03-01', '2027-03-08'];
    const missed = (d: ProgressData) => run(d).filter((alert) => alert.kind === 'Missed sessions');
    const fine = data({ sessions: weeks.map((d, i) => session('P-1', d, 'Held', i !== 0)) });
    expect(missed(fine)).toEqual([]);
    const poor = data({ sessions: weeks.map((d, i) => (i < 2 ? session('P-1', d, 'Missed', false) : session('P-1', d, 'Held'))) });
    expect(missed(poor)).toEqual([expect.objectContaining({ kind: 'Missed sessions', studentId: 'U', detail: expect.stringMatching(/attended 2 of the last 4/) })]);
  });

  it('Stalled: no gain over the last 3 tickets in a skill, with the matcher’s other tutor as the re-match', () => {
    expect(kinds(run(data({ tickets: [ticket('2027-03-01', 50), ticket('2027-03-05', 60), ticket('2027-03-08', 70)] })))).toEqual([]);
    const stuck = run(data({ tickets: [ticket('2027-03-01', 60), ticket('2027-03-05', 50), ticket('2027-03-08', 60)] }));
    expect(stuck).toEqual([expect.objectContaining({ kind: 'Stalled', action: 'Re-match: Student X (X, Tue-A) is the best other tutor free for this need' })]);
    const falling = run(data({ reflections: [4, 3, 2].map((c, i) => reflection('P-1', `2027-03-0${i + 1}`, 'Tutee', { confidence: c })) }));
    expect(falling).toEqual([expect.objectContaining({ kind: 'Stalled', detail: expect.stringMatching(/confidence .* fell three times in a row \(4 → 3 → 2\)/) })]);
  });

  it('Trial review after the first held session: confirm when both reflections are positive', () => {
    const first = session('P-1', '2027-03-08', 'Held');
    const positive = run(data({ pairs: [pair('P-1', 'Trial')], sessions: [first], reflections: [reflection('P-1', '2027-03-08', 'Tutor'), reflection('P-1', '2027-03-08', 'Tutee')] }));
    expect(positive).toEqual([expect.objectContaining({ kind: 'Trial review', action: 'Confirm the pair (Active)' })]);
    const unsure = run(data({ pairs: [pair('P-1', 'Trial')], sessions: [first], reflections: [reflection('P-1', '2027-03-08', 'Tutee', { mood: 2 })] }));
    expect(unsure).toEqual([expect.objectContaining({ kind: 'Trial review', action: expect.stringMatching(/another tutor could be Student X/) })]);
  });

  it('Low mood twice in a row; Talk to a teacher until handled', () => {
    const low = run(data({ reflections: [reflection('P-1', '2027-03-01', 'Tutee', { mood: 2 }), reflection('P-1', '2027-03-08', 'Tutee', { mood: 1 })] }));
    expect(kinds(low)).toEqual(['Low mood']);
    const once = run(data({ reflections: [reflection('P-1', '2027-03-01', 'Tutee', { mood: 1 }), reflection('P-1', '2027-03-08', 'Tutee', { mood: 4 })] }));
    expect(kinds(once)).toEqual([]);
    const talk = reflection('P-1', '2027-03-08', 'Tutee', { talkToTeacher: true });
    expect(kinds(run(data({ reflections: [talk] })))).toEqual(['Talk to a teacher']);
    expect(kinds(run(data({ reflections: [{ ...talk, handled: true }] })))).toEqual([]);
  });

  it('No reflections for two weeks from a pair that met; Long wait; Tutor overload; Consent', () => {
    const met = ['2027-02-22', '2027-03-01', '2027-03-08'].map((d) => session('P-1', d, 'Held'));
    expect(kinds(run(data({ sessions: met })))).toEqual(['No reflections']);
    expect(kinds(run(data({ sessions: met, reflections: [reflection('P-1', '2027-03-08', 'Tutor')] })))).toEqual([]);
    const waiting = run(data({ waitlist: [{ studentId: 'U', subject: 'Science', reason: 'recruit a Science tutor', since: '2027-02-01' }] }));
    expect(waiting).toEqual([expect.objectContaining({ kind: 'Long wait', action: 'What would place them: recruit a Science tutor' })]);
    const overloaded = data({ students: [student('T', { maxTutees: 1 }), student('U'), student('V')], pairs: [pair('P-1'), pair('P-2', 'Active', 'T', 'V')] });
    expect(kinds(run(overloaded))).toEqual(['Tutor overload']);
    expect(kinds(run(data({ students: [student('T'), student('U', { consent: 'Pending' })] })))).toEqual(['Consent']);
  });
});

describe('the Alerts tab', () => {
  const alert = (kind: Alert['kind'], studentId = 'S-2'): Alert => ({ key: `${kind}|${studentId}|P-1|`, kind, studentId, pairId: 'P-1', detail: 'seen', action: 'act' });
  const names = new Map([['S-2', 'Ben Kim']]);

  it('raises once, keeps a teacher’s Done, closes what cleared, and raises again when it comes back', () => {
    const store = xlsxStoreFrom(fixtureTabs());
    setUpProgram(store);
    expect(refreshAlerts(store, [alert('Low mood'), alert('Stalled')], names, '2027-03-01').map((row) => row.kind)).toEqual(['Low mood', 'Stalled']);
    expect(refreshAlerts(store, [alert('Low mood'), alert('Stalled')], names, '2027-03-02')).toHaveLength(2);
    const grid = store.readTab('Alerts')!;
    const status = grid[0].indexOf('Status');
    grid.find((row) => row[grid[0].indexOf('Kind')] === 'Stalled')![status] = 'Done';
    store.writeTab('Alerts', grid);
    // Stalled stays Done while its cause lasts; Low mood cleared: it closes by itself.
    expect(refreshAlerts(store, [alert('Stalled')], names, '2027-03-03')).toEqual([]);
    const rows = () => store.readTab('Alerts')!.slice(1).map((row) => [row[grid[0].indexOf('Kind')], row[status]]);
    expect(rows()).toEqual([['Low mood', 'Done'], ['Stalled', 'Done']]);
    // Low mood comes back: a new alert.
    expect(refreshAlerts(store, [alert('Stalled'), alert('Low mood')], names, '2027-03-09').map((row) => row.kind)).toEqual(['Low mood']);
    expect(rows()).toHaveLength(3);
  });
});

describe('the dashboard', () => {
  it('counts sessions, attendance, hours, gains and weeks from the logs', () => {
    const d = data({
      sessions: [session('P-1', '2027-03-01', 'Held'), session('P-1', '2027-03-08', 'Missed'), session('P-1', '2027-03-22', 'Scheduled')],
      tickets: [ticket('2027-03-01', 40), ticket('2027-03-08', 70)],
    });
    const dashboard = dashboardOf(d, DEFAULT_MASTERY_RULE, DEFAULT_SETTINGS.sessionsPerWeek);
    expect(dashboard.totals).toEqual({
      studentsServed: 1, pairs: 1, sessionsHeld: 1, sessionsMissed: 1, attendancePercent: 50, hoursTutored: 0.8, averageGain: 30, gainStudents: 1, skillsMastered: 0,
    });
    expect(dashboard.weeks.map((w) => [w.week, w.held, w.missed, w.averageScore])).toEqual([['2027-03-01', 1, 0, 40], ['2027-03-08', 0, 1, 70]]);
    expect(dashboard.subjects).toEqual([expect.objectContaining({ subject: 'Math', pairs: 1, held: 1, attendancePercent: 50, averageScore: 55 })]);
  });

  it('says nothing about an empty program but zeros', () => {
    const dashboard = dashboardOf(data({ pairs: [] }), DEFAULT_MASTERY_RULE, 1);
    expect(dashboard.totals).toMatchObject({ sessionsHeld: 0, attendancePercent: null, averageGain: null });
    expect(dashboard.weeks).toEqual([]);
    expect(dashboard.dosage.medianHeldPerWeek).toBeNull();
  });
});

describe('recognition', () => {
  it('gives the biggest gains to the pair that closed most of its gap, with enough sessions; the tutor of the week held every session', () => {
    const held = (pairId: string, dates: string[]) => dates.map((d) => session(pairId, d, 'Held'));
    const d = data({
      students: [student('T'), student('U'), student('V'), student('W')],
      pairs: [pair('P-1'), pair('P-2', 'Active', 'V', 'W')],
      sessions: [...held('P-1', ['2027-03-01', '2027-03-08', '2027-03-10']), ...held('P-2', ['2027-03-01', '2027-03-08']), session('P-2', '2027-03-11', 'Missed', false)],
      // P-1: 80 → 90 closes half of what was left; P-2: 20 → 50 is more points but too few held sessions.
      tickets: [ticket('2027-03-01', 80), ticket('2027-03-10', 90), { ...ticket('2027-03-01', 20), pairId: 'P-2', studentId: 'W' }, { ...ticket('2027-03-08', 50), pairId: 'P-2', studentId: 'W' }],
      reflections: [reflection('P-1', '2027-03-10', 'Tutee', { confidence: 5 })],
    });
    const { recognition } = dashboardOf(d, DEFAULT_MASTERY_RULE, 1);
    expect(recognition.biggestGains).toEqual({ pairId: 'P-1', tutorId: 'T', tuteeId: 'U', subject: 'Math', normalisedGain: 50, sessions: 3 });
    expect(recognition.tutorOfTheWeek).toEqual({ tutorId: 'T', sessions: 2, tuteeConfidence: 5 });
  });
});
