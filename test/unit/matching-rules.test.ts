import { matchStudents, type MatchInput } from '../../src/core/matching';
import { DEFAULT_SETTINGS, type Block, type Pair, type Student } from '../../src/core/model';

function student(id: string, fields: Partial<Student>): Student {
  return {
    id,
    name: id,
    email: '',
    grade: 9,
    role: 'Tutee',
    canTutor: [],
    needsHelpWith: [],
    languages: ['English'],
    learningPreference: '',
    availability: ['Mon-A'],
    maxTutees: null,
    consent: 'Yes',
    trained: true,
    active: true,
    requestedTutor: '',
    doNotPairWith: [],
    ...fields,
  };
}
const tutor = (id: string, fields: Partial<Student> = {}) =>
  student(id, { role: 'Tutor', grade: 10, canTutor: [{ subject: 'Math', level: 4 }], ...fields });
const tutee = (id: string, fields: Partial<Student> = {}) => student(id, { needsHelpWith: [{ subject: 'Math', level: 2 }], ...fields });
const block = (name: string, capacity: number | null = null): Block => ({ name, day: 'Mon', start: '15:00', end: '15:45', location: 'Library', capacity });

function run(students: Student[], extra: Partial<MatchInput> = {}) {
  return matchStudents({ students, blocks: [block('Mon-A'), block('Tue-A')], settings: DEFAULT_SETTINGS, pairs: [], ...extra });
}
const tutorOf = (result: ReturnType<typeof run>, tuteeId: string) => result.pairs.find((p) => p.tuteeId === tuteeId)?.tutorId;
const reasonOf = (result: ReturnType<typeof run>, tuteeId: string) => result.waitlist.find((w) => w.studentId === tuteeId)?.reason;
function pair(tutorId: string, tuteeId: string, fields: Partial<Pair> = {}): Pair {
  return { pairId: 'P-1', tutorId, tuteeId, subject: 'Math', block: 'Mon-A', status: 'Active', locked: false, score: 0, why: '', startDate: null, endDate: null, ...fields };
}

describe('a hand-checkable program', () => {
  // Three tutors, six tutees. Tue-A holds one pair. By hand:
  // S-04 speaks only Spanish: only S-01 can take her, in Tue-A (her only block) — 20 + 10 (two grades) + 8 = 38.
  // S-05 is free at Wed-L only: S-02 (Math 3, one grade older) — 20 + 10 + 8 = 38.
  // S-06 needs Science: S-03 is untrained. S-07 needs Reading at 3: S-01 tutors it at 3, not above.
  // S-08 has no consent. S-09 can only meet S-01 in Tue-A, which S-04 fills (S-09 is same grade: 33 < 38).
  const students = [
    tutor('S-01', { grade: 11, canTutor: [{ subject: 'Math', level: 4 }, { subject: 'Reading', level: 3 }], languages: ['English', 'Spanish'], learningPreference: 'Visual', availability: ['Mon-A', 'Tue-A'] }),
    tutor('S-02', { grade: 9, canTutor: [{ subject: 'Math', level: 3 }], availability: ['Mon-A', 'Wed-L'] }),
    tutor('S-03', { grade: 10, canTutor: [{ subject: 'Science', level: 4 }], trained: false }),
    tutee('S-04', { grade: 9, languages: ['Spanish'], availability: ['Tue-A'] }),
    tutee('S-05', { grade: 8, needsHelpWith: [{ subject: 'Math', level: 1 }], learningPreference: 'Visual', availability: ['Wed-L'] }),
    tutee('S-06', { grade: 8, needsHelpWith: [{ subject: 'Science', level: 2 }] }),
    tutee('S-07', { grade: 7, needsHelpWith: [{ subject: 'Reading', level: 3 }] }),
    tutee('S-08', { consent: 'No' }),
    tutee('S-09', { grade: 11, availability: ['Tue-A'] }),
  ];
  const blocks = [block('Mon-A'), block('Tue-A', 1), block('Wed-L')];
  const result = matchStudents({ students, blocks, settings: DEFAULT_SETTINGS, pairs: [] });

  it('proposes exactly the pairs a teacher would', () => {
    expect(result.pairs).toEqual([
      { tutorId: 'S-01', tuteeId: 'S-04', subject: 'Math', block: 'Tue-A', score: 38, why: 'Math: advanced (level 4) helping developing (level 2), both speak Spanish, two grades older, Tue-A free for both', locked: false, existingPairId: null },
      { tutorId: 'S-02', tuteeId: 'S-05', subject: 'Math', block: 'Wed-L', score: 38, why: 'Math: proficient (level 3) helping beginning (level 1), both speak English, one grade older, Wed-L free for both', locked: false, existingPairId: null },
    ]);
  });

  it('waitlists the rest with the binding reason', () => {
    expect(result.waitlist).toEqual([
      { studentId: 'S-06', subject: 'Science', reason: 'no trained tutor for Science: train the one Science tutor (Trained)' },
      { studentId: 'S-07', subject: 'Reading', reason: 'no Reading tutor at level 4 or above: recruit one' },
      { studentId: 'S-08', subject: 'Math', reason: 'no guardian consent (Consent is No)' },
      { studentId: 'S-09', subject: 'Math', reason: 'the blocks shared with Math tutors are full (Tue-A): raise their Capacity or add a block' },
    ]);
    // Small enough for the bound to meet the answer: proven optimal.
    expect(result.totals).toEqual({ needs: 6, placed: 2, tutorsUsed: 2, averageLoad: 1, totalScore: 76, proof: { optimal: true, morePlaceable: 0, scoreGapPercent: 0 } });
  });
});

describe('soft preferences', () => {
  it('prefers a shared language', () => {
    const result = run([tutor('A', { languages: ['German'] }), tutor('B', { languages: ['French'] }), tutee('T', { languages: ['English', 'French'] })]);
    expect(tutorOf(result, 'T')).toBe('B');
    expect(result.pairs[0].why).toContain('both speak French');
  });

  it('prefers the same learning preference', () => {
    const result = run([tutor('A', { learningPreference: 'Auditory' }), tutor('B', { learningPreference: 'Visual' }), tutee('T', { learningPreference: 'Visual' })]);
    expect(tutorOf(result, 'T')).toBe('B');
    expect(result.pairs[0].why).toContain('both Visual learners');
  });

  it('prefers a tutor one or two grades older, then the same grade, and penalises a younger one', () => {
    expect(tutorOf(run([tutor('A', { grade: 8 }), tutor('B', { grade: 10 }), tutee('T', { grade: 9 })]), 'T')).toBe('B');
    expect(tutorOf(run([tutor('A', { grade: 8 }), tutor('B', { grade: 9 }), tutee('T', { grade: 9 })]), 'T')).toBe('B');
    expect(tutorOf(run([tutor('A', { grade: 13 }), tutor('B', { grade: 10 }), tutee('T', { grade: 9 })]), 'T')).toBe('B');
  });

  it('prefers a tutor one or two levels above over one far above', () => {
    const result = run([tutor('A', { canTutor: [{ subject: 'Math', level: 4 }] }), tutor('B', { canTutor: [{ subject: 'Math', level: 3 }] }), tutee('T', { needsHelpWith: [{ subject: 'Math', level: 1 }] })]);
    expect(tutorOf(result, 'T')).toBe('B');
  });

  it('keeps the tutor of an active pair, with its ID and block, unless the pair is paused', () => {
    const students = [tutor('A', { availability: ['Mon-A', 'Tue-A'] }), tutor('B', { availability: ['Mon-A', 'Tue-A'] }), tutee('T', { availability: ['Mon-A', 'Tue-A'] })];
    const kept = run(students, { pairs: [pair('B', 'T', { pairId: 'P-7', block: 'Tue-A' })] });
    expect(kept.pairs[0]).toMatchObject({ tutorId: 'B', block: 'Tue-A', existingPairId: 'P-7' });
    expect(kept.pairs[0].why).toContain('continues the current pair');
    const paused = run(students, { pairs: [pair('B', 'T', { status: 'Paused' })] });
    expect(paused.pairs[0].why).not.toContain('continues');
    expect(paused.pairs[0].score).toBeLessThan(kept.pairs[0].score);
  });

  it('does not propose a pair that ended again', () => {
    const result = run([tutor('A', { grade: 10 }), tutor('B', { grade: 8 }), tutee('T')], { pairs: [pair('A', 'T', { status: 'Ended' })] });
    expect(tutorOf(result, 'T')).toBe('B');
    const alone = run([tutor('A'), tutee('T')], { pairs: [pair('A', 'T', { status: 'Ended' })] });
    expect(reasonOf(alone, 'T')).toMatch(/excluded/);
  });

  it('gives the requested tutor', () => {
    const result = run([tutor('A', { grade: 10 }), tutor('B', { grade: 14 }), tutee('T', { requestedTutor: 'B' })]);
    expect(tutorOf(result, 'T')).toBe('B');
    expect(result.pairs[0].why).toContain('requested tutor');
  });

  it('honours do-not-pair both ways and teacher exclusions', () => {
    expect(tutorOf(run([tutor('A'), tutor('B', { grade: 14 }), tutee('T', { doNotPairWith: ['A'] })]), 'T')).toBe('B');
    expect(tutorOf(run([tutor('A', { doNotPairWith: ['T'] }), tutor('B', { grade: 14 }), tutee('T')]), 'T')).toBe('B');
    expect(tutorOf(run([tutor('A'), tutor('B', { grade: 14 }), tutee('T')], { excluded: [{ tutorId: 'A', tuteeId: 'T', subject: 'math' }] }), 'T')).toBe('B');
  });

  it('spreads load: a second tutee goes to another tutor unless the first is much better', () => {
    const students = [tutor('A', { availability: ['Mon-A', 'Tue-A'] }), tutor('B', { grade: 8, availability: ['Mon-A', 'Tue-A'] }), tutee('T1', { grade: 8, availability: ['Mon-A', 'Tue-A'] }), tutee('T2', { grade: 8, availability: ['Mon-A', 'Tue-A'] })];
    const spread = run(students);
    expect(new Set(spread.pairs.map((p) => p.tutorId))).toEqual(new Set(['A', 'B']));
    const packed = run(students, { settings: { ...DEFAULT_SETTINGS, weights: { ...DEFAULT_SETTINGS.weights, loadSpread: 0 } } });
    expect(packed.pairs.map((p) => p.tutorId)).toEqual(['A', 'A']);
  });

  it('keeps a locked pair even when it breaks a preference, and counts it against capacity', () => {
    const students = [tutor('A', { maxTutees: 1, availability: ['Mon-A', 'Tue-A'] }), tutor('B', { grade: 14, availability: ['Mon-A', 'Tue-A'] }), tutee('L', { doNotPairWith: [] }), tutee('T', { availability: ['Mon-A', 'Tue-A'] })];
    const result = run(students, { pairs: [pair('A', 'L', { locked: true, pairId: 'P-9', why: 'kept by the teacher' })] });
    expect(result.pairs).toContainEqual(expect.objectContaining({ tutorId: 'A', tuteeId: 'L', locked: true, existingPairId: 'P-9', why: 'kept by the teacher' }));
    expect(tutorOf(result, 'T')).toBe('B');
  });
});

describe('hard rules that depend on the whole program', () => {
  it('never double-books a Both student who tutors and is tutored', () => {
    const both = student('M', { role: 'Both', grade: 11, canTutor: [{ subject: 'Math', level: 4 }], needsHelpWith: [{ subject: 'Reading', level: 1 }], availability: ['Mon-A'] });
    const result = run([both, tutor('R', { canTutor: [{ subject: 'Reading', level: 4 }] }), tutee('T')]);
    expect(result.pairs).toHaveLength(1);
    expect(result.waitlist).toHaveLength(1);
  });

  it('never lets a student tutor a subject they need help with', () => {
    const result = run([student('M', { role: 'Both', canTutor: [{ subject: 'Math', level: 4 }], needsHelpWith: [{ subject: 'Math', level: 1 }] }), tutee('T')]);
    expect(result.pairs).toEqual([]);
  });
});

describe('inactive students', () => {
  it('leaves an inactive tutee out of the program: not placed, not waitlisted, not counted', () => {
    const result = run([tutor('A'), tutee('T', { active: false, needsHelpWith: [{ subject: 'Math', level: 2 }, { subject: 'Reading', level: 1 }] }), tutee('U')]);
    expect(result.pairs.map((p) => p.tuteeId)).toEqual(['U']);
    expect(result.waitlist).toEqual([]);
    expect(result.totals).toEqual(expect.objectContaining({ needs: 1, placed: 1 }));
  });

  it('still waitlists an active tutee without guardian consent', () => {
    const result = run([tutor('A'), tutee('T', { consent: 'No' }), tutee('U', { active: false, consent: 'Pending' })]);
    expect(result.waitlist).toEqual([{ studentId: 'T', subject: 'Math', reason: 'no guardian consent (Consent is No)' }]);
    expect(result.totals.needs).toBe(1);
  });
});

describe('waitlist reasons', () => {
  const cases: [string, Student[], string, Partial<MatchInput>?][] = [
    ['no consent', [tutor('A'), tutee('T', { consent: 'No' })], 'no guardian consent (Consent is No)'],
    ['pending consent', [tutor('A'), tutee('T', { consent: 'Pending' })], 'guardian consent pending: set Consent to Yes when it arrives'],
    ['no tutor at all', [tutor('A', { canTutor: [{ subject: 'Science', level: 4 }] }), tutee('T')], 'no tutor for Math: recruit one (Can tutor Math at level 3 or more)'],
    ['tutor without consent', [tutor('A', { consent: 'Pending' }), tutee('T')], 'no active tutor with guardian consent for Math'],
    ['untrained', [tutor('A', { trained: false }), tutee('T')], 'no trained tutor for Math: train the one Math tutor (Trained)'],
    ['level', [tutor('A', { canTutor: [{ subject: 'Math', level: 3 }] }), tutee('T', { needsHelpWith: [{ subject: 'Math', level: 3 }] })], 'no Math tutor at level 4 or above: recruit one'],
    ['language', [tutor('A'), tutee('T', { languages: ['Vietnamese'] })], 'no Math tutor speaks Vietnamese: recruit one'],
    ['no common block', [tutor('A', { availability: ['Tue-A'] }), tutee('T')], "no Math tutor is free when this student is: free Tue-A for this student, or recruit a Math tutor in this student's blocks"],
    ['no block at all', [tutor('A'), tutee('T', { availability: ['Nowhere'] })], 'this student has no available block: add blocks to Availability'],
    [
      'tutors at capacity',
      [tutor('A', { maxTutees: 1, availability: ['Mon-A', 'Tue-A'] }), tutor('B', { maxTutees: 1, availability: ['Mon-A', 'Tue-A'] }), tutee('S1', { requestedTutor: 'A' }), tutee('S2', { requestedTutor: 'B' }), tutee('T', { availability: ['Tue-A'] })],
      "both Math tutors are at capacity: raise a tutor's Max tutees or recruit a Math tutor",
    ],
    ['block full', [tutor('A', { availability: ['Mon-A', 'Tue-A'] }), tutee('S1', { requestedTutor: 'A', availability: ['Tue-A'] }), tutee('T', { availability: ['Tue-A'] })], 'the blocks shared with Math tutors are full (Tue-A): raise their Capacity or add a block', { blocks: [block('Mon-A'), block('Tue-A', 1)] }],
    [
      'student busy',
      [tutor('A'), tutor('R', { canTutor: [{ subject: 'Reading', level: 4 }] }), tutee('T', { needsHelpWith: [{ subject: 'Reading', level: 1 }, { subject: 'Math', level: 2 }], requestedTutor: 'R' })],
      "this student's blocks shared with Math tutors are taken by other sessions: free another block for this student",
    ],
  ];
  // Rest parameters: a four-parameter callback would make jest wait for a `done` argument.
  it.each(cases)('%s', (...[, students, reason, extra]) => {
    expect(reasonOf(run(students, extra), 'T')).toBe(reason);
  });
});
