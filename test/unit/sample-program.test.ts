// The sample program (`peer-tutoring init --sample`, `npm start`): unique names, a term around the
// program's date, a roster that checks clean, and a matching whose waitlist shows the matcher's work.
import { matchStudents, type MatchInput, type MatchResult } from '../../src/core/matching';
import type { Student } from '../../src/core/model';
import { SAMPLE_TODAY, sampleProgram } from '../../src/core/sample-program';
import { addDays, weekdayIndex } from '../../src/core/time';
import { writeProgram } from '../../src/sheets/program/program-writer';
import { readProgram } from '../../src/sheets/program/roster';
import { checkRoster, setUpProgram } from '../../src/sheets/program/setup';
import { MemoryTableStore } from '../fakes/memory-store';
import { hardRuleViolations } from '../support/matching-oracle';

const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86400000;

describe('the sample roster', () => {
  it.each([120, 300, 2000, 10000])('gives each of %i students a different name', (count) => {
    const names = sampleProgram(count, 4).students.map((student) => student.name);
    expect(new Set(names).size).toBe(count);
    expect(names.every((name) => /^[A-Z][a-z]+ ([A-Z]\. )?[A-Z][a-z]+$/.test(name))).toBe(true);
  });

  it('uses plain first and last names while they last, and middle initials after', () => {
    expect(sampleProgram(300, 4).students.every((student) => student.name.split(' ').length === 2)).toBe(true);
    expect(sampleProgram(2000, 4).students.filter((student) => /^\S+ [A-Z]\. \S+$/.test(student.name)).length).toBe(2000 - 1200);
  });

  it('is the same program for the same seed and date, and another for another seed', () => {
    expect(sampleProgram(120, 7, '2026-11-28')).toEqual(sampleProgram(120, 7, '2026-11-28'));
    expect(sampleProgram(120, 8).students).not.toEqual(sampleProgram(120, 7).students);
  });

  it('looks like a middle and high school roster, untidy parts included', () => {
    const { students, blocks } = sampleProgram(120, 1);
    const count = (test: (student: Student) => boolean) => students.filter(test).length;
    expect(students.every((student) => student.grade >= 6 && student.grade <= 12)).toBe(true);
    expect(count((s) => s.role === 'Tutee' && s.grade <= 8)).toBeGreaterThan(20);
    expect(count((s) => s.consent !== 'Yes')).toBeGreaterThan(0);
    expect(count((s) => s.role !== 'Tutee' && !s.trained)).toBeGreaterThan(0);
    expect(count((s) => !s.active)).toBeGreaterThan(0);
    expect(count((s) => s.languages.includes('Spanish'))).toBeGreaterThan(10);
    expect(count((s) => s.learningPreference !== '')).toBeGreaterThan(60);
    expect(count((s) => s.availability.length < blocks.length)).toBeGreaterThan(100);
    expect(blocks.some((block) => block.capacity !== null)).toBe(true);
    expect(count((s) => s.requestedTutor !== '')).toBeGreaterThan(0);
    expect(count((s) => s.doNotPairWith.length > 0)).toBeGreaterThan(0);
  });
});

describe('the sample term', () => {
  it.each(['2026-11-28', '2027-02-08', '2027-08-31', '2028-02-29', '2030-01-01'])('is around the program date %s', (today) => {
    const { termStart, termEnd, noSchoolDates } = sampleProgram(30, 1, today).settings;
    expect(weekdayIndex(termStart!)).toBe(0);
    expect(daysBetween(termStart!, today)).toBeGreaterThanOrEqual(28);
    expect(daysBetween(termStart!, today)).toBeLessThan(35);
    expect(termEnd! > today).toBe(true);
    expect(daysBetween(termStart!, termEnd!)).toBe(20 * 7 - 3);
    const [day, week] = noSchoolDates;
    expect(day.from).toBe(day.to);
    expect(daysBetween(week.from, week.to)).toBe(4);
    for (const range of noSchoolDates) expect(range.from > termStart! && range.to < termEnd!).toBe(true);
  });

  it('defaults to the date whose term the sample always had', () => {
    expect(SAMPLE_TODAY).toBe('2027-02-08');
    expect(sampleProgram(10).settings).toMatchObject({ termStart: '2027-01-11', termEnd: '2027-05-28', timezone: 'America/Chicago' });
    expect(addDays(sampleProgram(10).settings.termStart!, 28)).toBe(SAMPLE_TODAY);
  });

  it('refuses a date that is not yyyy-mm-dd', () => {
    expect(() => sampleProgram(10, 1, '2027-02-30')).toThrow('not "2027-02-30"');
  });
});

describe('the sample in the program database', () => {
  it.each([
    [1, 1],
    [10, 5],
    [120, 1],
    [120, 2],
    [300, 3],
    [300, 4],
    [2000, 7],
  ])('checks clean with %i students (seed %i) and reads back as written', (count, seed) => {
    const program = sampleProgram(count, seed, '2026-11-28');
    // As Google Sheets stores typed text: numbers, times and dates become values.
    const store = new MemoryTableStore({}, { timeZone: 'America/New_York', userEntered: true });
    writeProgram(store, program);
    setUpProgram(store);
    expect(checkRoster(store).lines).toEqual([]);
    expect(readProgram(store).program).toEqual(program);
  });
});

function matchedSample(count: number, seed: number): { input: MatchInput; result: MatchResult } {
  const input: MatchInput = { ...sampleProgram(count, seed, '2026-11-28'), pairs: [], today: '2026-11-28' };
  return { input, result: matchStudents(input) };
}

/** The kind of a waitlist reason, without its subject and numbers. */
function reasonKind(reason: string): string {
  const kinds: [string, RegExp][] = [
    ['consent', /guardian consent/],
    ['tutors at capacity', /tutors? (is|are) at capacity/],
    ['blocks full', /blocks shared with .* are full/],
    ['no shared block', /have no block in common/],
    ['level too low', /at a level above/],
    ['untrained', /no trained tutor/],
    ['blocks taken', /taken by other sessions|busy in the blocks/],
  ];
  return kinds.find(([, pattern]) => pattern.test(reason))?.[0] ?? reason;
}

describe('matching the sample', () => {
  it.each([
    [120, 1],
    [120, 2],
    [120, 3],
    [300, 1],
    [300, 2],
  ])('shows at least three reasons besides consent on the waitlist (%i students, seed %i)', (count, seed) => {
    const { result } = matchedSample(count, seed);
    const kinds = new Set(result.waitlist.map((item) => reasonKind(item.reason)));
    kinds.delete('consent');
    expect(kinds.size).toBeGreaterThanOrEqual(3);
    expect(result.totals.placed).toBeGreaterThan(result.totals.needs * 0.6);
  });

  it.each([
    [120, 1],
    [300, 2],
  ])('honours some requested tutors, not all, and never pairs students kept apart (%i students, seed %i)', (count, seed) => {
    const { input, result } = matchedSample(count, seed);
    const byId = new Map(input.students.map((student) => [student.id, student]));
    const requests = input.students.filter((student) => student.requestedTutor !== '');
    const honoured = requests.filter((tutee) => result.pairs.some((pair) => pair.tuteeId === tutee.id && pair.tutorId === tutee.requestedTutor));
    expect(honoured.length).toBeGreaterThan(0);
    expect(honoured.length).toBeLessThan(requests.length);
    expect(input.students.some((student) => student.doNotPairWith.length > 0)).toBe(true);
    const keptApart = result.pairs.filter(
      (pair) => byId.get(pair.tuteeId)!.doNotPairWith.includes(pair.tutorId) || byId.get(pair.tutorId)!.doNotPairWith.includes(pair.tuteeId),
    );
    expect(keptApart).toEqual([]);
    expect(hardRuleViolations(input, result)).toEqual([]);
  });
});
