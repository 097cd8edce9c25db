import fc from 'fast-check';
import { fileResponse, scoreOf, type SessionFacts } from '../../src/core/forms/filing';
import { formOfHeaders, REFLECTION, type ExitTicketQuestion } from '../../src/core/forms/questions';
import { isGhost, parseSubmitted, responseIdOf, type RawResponse } from '../../src/core/forms/responses';
import { masteryOf, reviewsDue, type TicketScore } from '../../src/core/progress/mastery';

const TZ = 'America/New_York';

describe('submission times as Forms and Sheets write them', () => {
  it('reads the CSV download, a US responses tab and ISO forms of one instant alike', () => {
    const instant = new Date('2027-03-01T20:05:11Z'); // 3:05:11 PM in New York (EST, UTC-5)
    expect(parseSubmitted('2027/03/01 3:05:11 PM GMT-5', TZ)).toEqual(instant);
    expect(parseSubmitted('3/1/2027 15:05:11', TZ)).toEqual(instant);
    expect(parseSubmitted('2027-03-01 15:05:11', TZ)).toEqual(instant);
    expect(parseSubmitted('2027-03-01T20:05:11.000Z', TZ)).toEqual(instant);
    expect(parseSubmitted('2027/07/01 9:00:00 AM GMT-4', TZ)).toEqual(new Date('2027-07-01T13:00:00Z'));
    expect(parseSubmitted('2027/03/01 3:05:11 PM GMT+5:30', TZ)).toEqual(new Date('2027-03-01T09:35:11Z'));
  });

  it('refuses what is not a time', () => {
    for (const text of ['', 'yesterday', '13/1/2027 10:00:00', '2027/02/01 13:00:00 PM GMT-5', '2027-02-01']) expect(parseSubmitted(text, TZ)).toBeNull();
  });
});

describe('Response ID', () => {
  const base: RawResponse = { form: 'Reflection', submitted: new Date('2027-03-01T20:05:11.400Z'), answers: { Session: 'P-0001-20270301', 'Student ID': 'S-1', [REFLECTION.mood]: '4' } };

  it('is the same for the same response however it arrives (order, spacing, milliseconds, empty answers)', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(Object.keys(base.answers), { minLength: 3, maxLength: 3 }), fc.integer({ min: 0, max: 999 }), (order, ms) => {
        const answers = Object.fromEntries(order.map((title) => [` ${title}`, `${base.answers[title]}  `]));
        const again = { ...base, submitted: new Date(Math.floor(base.submitted.getTime() / 1000) * 1000 + ms), answers: { ...answers, [REFLECTION.workedOn]: '' } };
        expect(responseIdOf(again)).toBe(responseIdOf(base));
      }),
    );
  });

  it('differs when any answer, the second or the form differs', () => {
    const id = responseIdOf(base);
    expect(responseIdOf({ ...base, answers: { ...base.answers, [REFLECTION.mood]: '5' } })).not.toBe(id);
    expect(responseIdOf({ ...base, submitted: new Date(base.submitted.getTime() + 1000) })).not.toBe(id);
    expect(responseIdOf({ ...base, form: 'Exit ticket' })).not.toBe(id);
  });

  it('knows a ghost event and the form from its headers', () => {
    expect(isGhost({ answers: { Session: ' ', 'Student ID': '' } })).toBe(true);
    expect(isGhost(base)).toBe(false);
    expect(formOfHeaders(['Timestamp', 'Session', 'Student ID', 'I am the', REFLECTION.mood])).toBe('Reflection');
    expect(formOfHeaders(['Timestamp', 'Session', 'Student ID', 'Skill', 'What is 3 × 4?', 'Score'])).toBe('Exit ticket');
    expect(formOfHeaders(['Timestamp', 'Name'])).toBeNull();
  });
});

describe('filing a response', () => {
  const session: SessionFacts = { sessionId: 'P-0001-20270301', pairId: 'P-0001', tutorId: 'S-1', tuteeId: 'S-2', subject: 'Math', date: '2027-03-01' };
  const questions: ExitTicketQuestion[] = [
    { subject: 'Math', skill: 'Fractions', question: '1/2 + 1/4 = ?', choices: ['3/4', '2/6'], answer: '3/4', points: 2 },
    { subject: 'Math', skill: 'Fractions', question: 'Which is larger?', choices: ['2/3', '3/5'], answer: '2/3', points: 1 },
    { subject: 'Math', skill: 'Decimals', question: '0.1 + 0.2 = ?', choices: ['0.3', '0.12'], answer: '0.3', points: 1 },
  ];
  const context = { sessions: new Map([[session.sessionId, session]]), questions };
  const submitted = new Date('2027-03-01T21:00:00Z');
  const reflection = (answers: Record<string, string>): RawResponse => ({
    form: 'Reflection',
    submitted,
    answers: { Session: session.sessionId, 'Student ID': 'S-1', 'I am the': 'Tutor', [REFLECTION.mood]: '4', [REFLECTION.confidence]: '5', [REFLECTION.held]: 'Yes', [REFLECTION.partnerPresent]: 'No', [REFLECTION.talkToTeacher]: 'No', ...answers },
  });

  it('files a reflection with the pair and the role from the session', () => {
    const filed = fileResponse(reflection({ [REFLECTION.whatWorked]: '=HYPERLINK("x")' }), context);
    expect(filed).toMatchObject({ kind: 'reflection', record: { pairId: 'P-0001', role: 'Tutor', mood: 4, confidence: 5, sessionHeld: 'Yes', partnerPresent: 'No', whatWorked: '=HYPERLINK("x")' } });
  });

  it('sends what cannot be filed to review, with the reason', () => {
    expect(fileResponse(reflection({ Session: 'P-0009-20270301' }), context)).toMatchObject({ kind: 'review', reason: '"P-0009-20270301" is not a Session ID on the Sessions tab' });
    expect(fileResponse(reflection({ 'Student ID': 'S-7' }), context)).toMatchObject({ kind: 'review', reason: 'student "S-7" is not in pair P-0001 of this session' });
    expect(fileResponse(reflection({ 'I am the': 'Tutee' }), context)).toMatchObject({ kind: 'review', reason: 'says "Tutee" but is the tutor of pair P-0001' });
    const ticket: RawResponse = { form: 'Exit ticket', submitted, answers: { Session: session.sessionId, 'Student ID': 'S-2', Skill: 'Algebra' } };
    expect(fileResponse(ticket, context)).toMatchObject({ kind: 'review', reason: '"Algebra" is not a skill on the Exit ticket questions tab' });
  });

  it('scores an exit ticket against the key, points per question', () => {
    const ticket: RawResponse = { form: 'Exit ticket', submitted, answers: { Session: session.sessionId, 'Student ID': 'S-2', Skill: 'fractions', '1/2 + 1/4 = ?': ' 3/4 ', 'Which is larger?': '3/5' } };
    expect(fileResponse(ticket, context)).toMatchObject({ kind: 'exit ticket', record: { skill: 'Fractions', subject: 'Math', points: 2, outOf: 3, score: 67, studentId: 'S-2' } });
  });

  it('scores as a hand-made key does, for any answers', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), (right) => {
        const answers = Object.fromEntries(questions.map((q, i) => [q.question, right[i] ? q.answer : q.choices[1]]));
        const expected = questions.reduce((sum, q, i) => sum + (right[i] ? q.points : 0), 0);
        expect(scoreOf(questions, answers)).toEqual({ points: expected, outOf: 4 });
      }),
    );
  });
});

describe('mastery and spaced review', () => {
  const ticket = (date: string, score: number, skill = 'Fractions'): TicketScore => ({ studentId: 'S-2', subject: 'Math', skill, date, submitted: new Date(`${date}T20:00:00Z`), score });

  it('is Mastered once the last three tickets score at least 80, dated by the third', () => {
    const [row] = masteryOf([ticket('2027-03-01', 60), ticket('2027-03-03', 85), ticket('2027-03-05', 90), ticket('2027-03-08', 80)]);
    expect(row).toEqual({ studentId: 'S-2', subject: 'Math', skill: 'Fractions', tickets: 4, latest: 80, best: 90, state: 'Mastered', masteredOn: '2027-03-08', nextReview: '2027-03-09' });
  });

  it('keeps the streak start as the mastery day, reviews at 1, 3, 7, 14, 30 days after it', () => {
    const tickets = [ticket('2027-03-01', 80), ticket('2027-03-02', 90), ticket('2027-03-03', 100)];
    expect(masteryOf(tickets)[0]).toMatchObject({ masteredOn: '2027-03-03', nextReview: '2027-03-04' });
    expect(masteryOf([...tickets, ticket('2027-03-05', 95)])[0]).toMatchObject({ masteredOn: '2027-03-03', nextReview: '2027-03-06' });
    expect(masteryOf([...tickets, ticket('2027-04-10', 95)])[0]).toMatchObject({ nextReview: null });
  });

  it('falls back to Practising when a review fails', () => {
    const row = masteryOf([ticket('2027-03-01', 80), ticket('2027-03-02', 90), ticket('2027-03-03', 100), ticket('2027-03-04', 50)])[0];
    expect(row).toMatchObject({ state: 'Practising', masteredOn: null, nextReview: null });
  });

  it('lists the reviews due for a student on a session day', () => {
    const rows = masteryOf([ticket('2027-03-01', 90), ticket('2027-03-02', 90), ticket('2027-03-03', 90), ticket('2027-03-01', 40, 'Decimals')]);
    expect(reviewsDue(rows, 'S-2', '2027-03-03').map((r) => r.skill)).toEqual([]);
    expect(reviewsDue(rows, 'S-2', '2027-03-04').map((r) => r.skill)).toEqual(['Fractions']);
  });
});
