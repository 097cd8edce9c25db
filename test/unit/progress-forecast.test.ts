// Supply and demand (the matcher's recruiting advice) and dosage and impact (no claim on thin data).
import fc from 'fast-check';
import { DEFAULT_SETTINGS, type Block, type Pair, type Student } from '../../src/core/model';
import { forecastOf, needId } from '../../src/core/progress/forecast';
import { impactOf, MIN_STUDENTS_FOR_RELATION, pearson } from '../../src/core/progress/impact';
import type { ProgressData, SessionLog, TicketLog } from '../../src/core/progress/records';

const block = (name: string, capacity: number | null = null): Block => ({ name, day: name.startsWith('Tue') ? 'Tue' : name.startsWith('Thu') ? 'Thu' : 'Mon', start: '15:30', end: '16:15', location: '', capacity });

function student(id: string, extra: Partial<Student> = {}): Student {
  return {
    id, name: `Student ${id}`, email: '', grade: 7, role: 'Tutee', canTutor: [], needsHelpWith: [{ subject: 'Math', level: 1 }],
    languages: [], learningPreference: '', availability: ['Tue-A'], maxTutees: null, consent: 'Yes', trained: true, active: true, requestedTutor: '', doNotPairWith: [], ...extra,
  };
}
const tutor = (id: string, availability: string[], extra: Partial<Student> = {}) =>
  student(id, { role: 'Tutor', grade: 9, canTutor: [{ subject: 'Science', level: 4 }], needsHelpWith: [], availability, ...extra });
const pair = (pairId: string, tutorId: string, tuteeId: string, subject: string, blockName: string): Pair => ({
  pairId, tutorId, tuteeId, subject, block: blockName, status: 'Active', locked: false, score: 0, why: '', startDate: '2027-01-11', endDate: null,
});

const BLOCKS = [block('Mon-A'), block('Tue-A'), block('Thu-A')];
const SETTINGS = { ...DEFAULT_SETTINGS, maxTuteesPerTutor: 3 };

describe('forecast', () => {
  it('recommends the tutors the matcher would use, free in the blocks the waiting tutees share', () => {
    const tutees = [
      ...['A', 'B', 'C', 'D'].map((id) => student(id, { availability: ['Tue-A'] })),
      ...['E', 'F', 'G'].map((id) => student(id, { availability: ['Thu-A'] })),
    ];
    const forecast = forecastOf({ students: tutees, blocks: BLOCKS, settings: SETTINGS, pairs: [], waitlist: tutees.map((t) => ({ studentId: t.id, subject: 'Math' })) });
    // One tutor takes one tutee a block: the matcher needs 4 tutors for 4 tutees all free on Tuesday only.
    expect(forecast.recommendations).toEqual([expect.objectContaining({ subject: 'Math', tutors: 4, blocks: ['Tue-A', 'Thu-A'], waiting: 7, placed: 7 })]);
    expect(forecast.recommendations[0].text).toBe('Recruit 4 Math tutors free Tue-A or Thu-A: 7 tutees are waiting, 7 would be placed');
    expect(forecast.wouldPlace.get(needId('A', 'math'))).toBe('a new Math tutor free in Tue-A');
    expect(forecast.rows).toEqual([
      { subject: 'Math', block: 'Tue-A', placed: 0, waiting: 4, spare: 0 },
      { subject: 'Math', block: 'Thu-A', placed: 0, waiting: 3, spare: 0 },
    ]);
  });

  it('says a real tutor could place them now instead of recruiting, and lists spare places of subjects nobody waits for', () => {
    const students = [student('A'), tutor('T', ['Tue-A'], { canTutor: [{ subject: 'Math', level: 4 }, { subject: 'Science', level: 4 }] }), tutor('S', ['Mon-A'])];
    const forecast = forecastOf({ students, blocks: BLOCKS, settings: SETTINGS, pairs: [], waitlist: [{ studentId: 'A', subject: 'Math' }] });
    expect(forecast.recommendations[0]).toEqual(expect.objectContaining({ tutors: 0, text: 'Math: 1 tutee is waiting; 1 could be placed now by matching again' }));
    expect(forecast.spare).toEqual([expect.objectContaining({ subject: 'Science', places: 6, blocks: ['Mon-A', 'Tue-A'] })]);
  });

  it('counts pairs placed, a full block has no spare places, and a need placed since the waitlist is not waiting', () => {
    const students = [student('A'), student('B'), tutor('T', ['Tue-A'], { canTutor: [{ subject: 'Math', level: 4 }] }), tutor('U', ['Tue-A'], { canTutor: [{ subject: 'Math', level: 4 }] })];
    const blocks = [block('Tue-A', 1)];
    const forecast = forecastOf({ students, blocks, settings: SETTINGS, pairs: [pair('P-1', 'T', 'A', 'Math', 'Tue-A')], waitlist: [{ studentId: 'A', subject: 'Math' }, { studentId: 'B', subject: 'Math' }] });
    expect(forecast.rows).toEqual([{ subject: 'Math', block: 'Tue-A', placed: 1, waiting: 1, spare: 0 }]);
    // The block is full: no tutor, real or new, can place B there.
    expect(forecast.recommendations[0]).toEqual(expect.objectContaining({ waiting: 1, tutors: 0, placed: 0 }));
    expect(forecast.recommendations[0].text).toMatch(/would not place them/);
  });

  it('never recommends more new tutors than waiting tutees, and never claims more placed than waiting (property)', () => {
    const names = ['Mon-A', 'Tue-A', 'Thu-A'];
    fc.assert(
      fc.property(fc.array(fc.subarray(names, { minLength: 0 }), { minLength: 0, maxLength: 12 }), fc.integer({ min: 1, max: 3 }), (availabilities, cap) => {
        const tutees = availabilities.map((availability, i) => student(`S${i}`, { availability }));
        const forecast = forecastOf({ students: tutees, blocks: BLOCKS, settings: { ...SETTINGS, maxTuteesPerTutor: cap }, pairs: [], waitlist: tutees.map((t) => ({ studentId: t.id, subject: 'Math' })) });
        const free = tutees.filter((t) => t.availability.length > 0).length;
        for (const r of forecast.recommendations) {
          expect(r.placed).toBeLessThanOrEqual(r.waiting);
          expect(r.tutors).toBeLessThanOrEqual(r.waiting);
          expect(r.placed).toBeLessThanOrEqual(free);
        }
        expect(forecast.wouldPlace.size).toBe(forecast.recommendations.reduce((sum, r) => sum + r.placed, 0));
      }),
      { numRuns: 40 },
    );
  });
});

describe('dosage and impact', () => {
  const TODAY = '2027-03-15';
  const weeks = (n: number) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2027, 0, 18 + 7 * i)).toISOString().slice(0, 10));
  function program(students: number, perStudent: (i: number) => { sessions: number; gain: number }): ProgressData {
    const ids = Array.from({ length: students }, (_, i) => `S${i}`);
    const sessions: SessionLog[] = [];
    const tickets: TicketLog[] = [];
    ids.forEach((id, i) => {
      const { sessions: count, gain } = perStudent(i);
      weeks(count).forEach((date) => sessions.push({ sessionId: `P${i}-${date}`, pairId: `P${i}`, date, start: '15:00', end: '15:45', status: 'Held', tutorPresent: null, tuteePresent: null }));
      tickets.push({ studentId: id, pairId: `P${i}`, subject: 'Math', skill: 'Fractions', date: '2027-01-18', submitted: new Date('2027-01-18T20:00:00Z'), score: 40 });
      tickets.push({ studentId: id, pairId: `P${i}`, subject: 'Math', skill: 'Fractions', date: '2027-03-08', submitted: new Date('2027-03-08T20:00:00Z'), score: 40 + gain });
    });
    return {
      today: TODAY, termStart: '2027-01-11', students: [], waitlist: [], reflections: [], sessions, tickets,
      pairs: ids.map((id, i) => ({ pairId: `P${i}`, tutorId: 'T', tuteeId: id, subject: 'Math', block: 'Mon-A', status: 'Active', locked: false, score: 0, why: '', startDate: null, endDate: null })),
    };
  }

  it('makes no claim below the minimum number of students, and says how many there are', () => {
    const impact = impactOf(program(MIN_STUDENTS_FOR_RELATION - 1, (i) => ({ sessions: 2 + (i % 8), gain: 3 * (i % 8) })), 1);
    expect(impact.correlation).toBeNull();
    expect(impact.students).toBe(MIN_STUDENTS_FOR_RELATION - 1);
    expect(impact.summary).toMatch(/^Too few students .* \(19; at least 20 needed\)/);
  });

  it('reports the association with r and N, never as a cause, and bands the students by sessions attended', () => {
    const impact = impactOf(program(40, (i) => ({ sessions: 2 + (i % 8), gain: 3 * (i % 8) + (i % 3) })), 1);
    expect(impact.students).toBe(40);
    expect(impact.correlation).toBeGreaterThan(0.9);
    expect(impact.summary).toMatch(/attended more sessions gained more .* 40 students\)\. This is an association, not proof/);
    expect(impact.bands.map((b) => b.students)).toEqual([20, 20, 0, 0]);
    expect(impact.bands[1].averageGain!).toBeGreaterThan(impact.bands[0].averageGain!);
  });

  it('counts sessions held a week per tutee against the plan (two weeks of history at least)', () => {
    // 8 sessions from 2027-01-18 to 2027-03-15 is 8 weeks: one a week.
    const impact = impactOf(program(3, () => ({ sessions: 8, gain: 0 })), 3);
    expect(impact.dosage.map((d) => d.tutees)).toEqual([0, 3, 0, 0]);
    expect(impact.atOrAbovePlan).toBe(0);
    expect(impactOf(program(3, () => ({ sessions: 8, gain: 0 })), 1).atOrAbovePlan).toBe(3);
  });

  it('sessions with no attendance marked and no Held status do not count as attended; empty logs give no figures', () => {
    const data = program(2, () => ({ sessions: 4, gain: 10 }));
    data.sessions = data.sessions.map((s) => ({ ...s, status: 'Scheduled' }));
    const impact = impactOf(data, 1);
    expect(impact.dosage.every((d) => d.tutees === 0)).toBe(true);
    expect(impact.students).toBe(0);
    const empty = impactOf({ ...data, sessions: [], tickets: [], pairs: [] }, 1);
    expect(empty).toEqual(expect.objectContaining({ students: 0, correlation: null, atOrAbovePlan: 0 }));
  });

  it('pearson is symmetric and within [-1, 1] (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: -100, max: 100 })), { minLength: 2, maxLength: 30 }), (points) => {
        const r = pearson(points.map((p) => p[0]), points.map((p) => p[1]));
        if (r === null) return;
        expect(Math.abs(r)).toBeLessThanOrEqual(1);
        expect(pearson(points.map((p) => p[1]), points.map((p) => p[0]))).toBe(r);
      }),
    );
  });
});
