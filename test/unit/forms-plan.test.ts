// The form plans (what each Google Form holds), the changes that bring a form in line with its plan,
// prefilled links built from one prefilled URL, and responses that name a pair instead of a session.
import { fileResponse, type SessionFacts } from '../../src/core/forms/filing';
import { exitTicketFormPlan, formChanges, itemMoves, reflectionFormPlan, type StoredItem } from '../../src/core/forms/form-plan';
import { PLACEHOLDERS, prefilledLink, seriesLinkLines, sessionLinks, templateFromPrefilledUrl } from '../../src/core/forms/links';
import { EXIT_TICKET, REFLECTION, REFLECTION_QUESTIONS, type ExitTicketQuestion } from '../../src/core/forms/questions';
import type { RawResponse } from '../../src/core/forms/responses';

const QUESTIONS: ExitTicketQuestion[] = [
  { subject: 'Math', skill: 'Adding fractions', question: 'What is 1/2 + 1/4?', choices: ['3/4', '2/6', '1/6'], answer: '3/4', points: 1 },
  { subject: 'Math', skill: 'Decimals', question: '0.1 + 0.2 = ?', choices: ['0.3', '0.12'], answer: '0.3', points: 2 },
  { subject: 'Math', skill: 'adding fractions', question: 'What is 1/3 + 1/3?', choices: ['2/3', '2/6'], answer: '2/3', points: 1 },
];

describe('form plans', () => {
  it('the Reflection form asks the contract’s questions, in order, with their kinds', () => {
    const plan = reflectionFormPlan('Lincoln Tutoring');
    expect(plan.title).toBe('Lincoln Tutoring: Reflection');
    expect(plan.items.map((item) => item.title)).toEqual(REFLECTION_QUESTIONS.map((question) => question.title));
    expect(plan.items.find((item) => item.title === REFLECTION.role)).toMatchObject({ kind: 'choice', choices: [{ value: 'Tutor' }, { value: 'Tutee' }] });
    expect(plan.items.find((item) => item.title === REFLECTION.mood)).toMatchObject({ kind: 'scale', required: true });
    expect(plan.items.find((item) => item.title === REFLECTION.whatWasHard)).toMatchObject({ kind: 'paragraph', required: false });
  });

  it('the Exit ticket quiz leads from Skill to each skill’s section, whose questions carry the key and points', () => {
    const plan = exitTicketFormPlan('P', QUESTIONS);
    expect(plan.quiz).toBe(true);
    expect(plan.items.map((item) => `${item.kind}:${item.title}`)).toEqual([
      'text:Session',
      'text:Student ID',
      'choice:Skill',
      'page:Adding fractions',
      'choice:What is 1/2 + 1/4?',
      'choice:What is 1/3 + 1/3?',
      'page:Decimals',
      'choice:0.1 + 0.2 = ?',
    ]);
    expect(plan.items[2]).toMatchObject({ choices: [{ value: 'Adding fractions', goTo: 'page:Adding fractions' }, { value: 'Decimals', goTo: 'page:Decimals' }] });
    // Finishing the fractions section submits: the next section's page break says so.
    expect(plan.items.filter((item) => item.kind === 'page').map((item) => item.kind === 'page' && item.afterPrevious)).toEqual(['continue', 'submit']);
    expect(plan.items[7]).toMatchObject({ points: 2, choices: [{ value: '0.3', correct: true }, { value: '0.12', correct: false }] });
  });

  it('is the same plan for the same tab, and another when a question changes', () => {
    expect(exitTicketFormPlan('P', QUESTIONS).fingerprint).toBe(exitTicketFormPlan('P', QUESTIONS.map((q) => ({ ...q }))).fingerprint);
    const changed = exitTicketFormPlan('P', [{ ...QUESTIONS[0], points: 3 }, ...QUESTIONS.slice(1)]);
    expect(changed.fingerprint).not.toBe(exitTicketFormPlan('P', QUESTIONS).fingerprint);
  });
});

describe('changes to bring a form in line with its plan', () => {
  const plan = exitTicketFormPlan('P', QUESTIONS);
  const stored: StoredItem[] = plan.items.map((item, i) => ({ key: item.key, id: 100 + i, fingerprint: item.fingerprint }));
  const live = new Set(stored.map((entry) => entry.id));

  it('changes nothing when nothing changed', () => {
    const changes = formChanges(plan, stored, live);
    expect({ create: changes.create.length, update: changes.update.length, remove: changes.remove }).toEqual({ create: 0, update: 0, remove: [] });
  });

  it('adds a new skill’s section and question, rewrites Skill, and removes a question taken off the tab', () => {
    const next = exitTicketFormPlan('P', [
      ...QUESTIONS.slice(0, 2),
      { subject: 'Science', skill: 'Cells', question: 'What holds the DNA?', choices: ['Nucleus', 'Wall'], answer: 'Nucleus', points: 1 },
    ]);
    const changes = formChanges(next, stored, live);
    expect(changes.create.map((item) => item.key)).toEqual(['page:Cells', 'choice:What holds the DNA?']);
    expect(changes.update.map(({ plan: item }) => item.key)).toEqual(['choice:Skill']);
    expect(changes.remove).toEqual([105]); // "What is 1/3 + 1/3?"
  });

  it('creates again an item deleted by hand, and rewrites the choice that leads to a recreated section', () => {
    const gone = new Set([...live].filter((id) => id !== 106)); // page:Decimals
    const changes = formChanges(plan, stored, gone);
    expect(changes.create.map((item) => item.key)).toEqual(['page:Decimals']);
    expect(changes.update.map(({ plan: item }) => item.key)).toEqual(['choice:Skill']);
  });

  it('moves items into plan order with as few moves as it takes', () => {
    expect(itemMoves([1, 2, 3, 9, 4], [1, 2, 3, 4])).toEqual([{ id: 4, to: 3 }]);
    expect(itemMoves([1, 2, 3], [1, 2, 3])).toEqual([]);
    expect(itemMoves([3, 1, 2], [1, 2, 3])).toEqual([{ id: 1, to: 0 }, { id: 2, to: 1 }]);
  });
});

describe('prefilled links', () => {
  const url = (form: 'Reflection' | 'Exit ticket', ids: string[]) =>
    `https://docs.google.com/forms/d/e/1FAIpQLSe-x/viewform?usp=pp_url&${Object.values(PLACEHOLDERS[form])
      .map((value, i) => `entry.${ids[i]}=${encodeURIComponent(value).replace(/%20/g, '+')}`)
      .join('&')}`;
  const reflection = templateFromPrefilledUrl('Reflection', url('Reflection', ['1001', '1002', '1003']));
  const exitTicket = templateFromPrefilledUrl('Exit ticket', url('Exit ticket', ['2001', '2002']));

  it('finds each question’s entry ID in one prefilled URL and builds any session’s link from them', () => {
    expect(reflection.entries).toEqual({ [REFLECTION.session]: '1001', [REFLECTION.studentId]: '1002', [REFLECTION.role]: '1003' });
    expect(sessionLinks({ reflection, exitTicket }, { tutorId: 'S-1', tuteeId: 'S 2&x' }, 'P-0001-20270301')).toEqual({
      tutorReflection: 'https://docs.google.com/forms/d/e/1FAIpQLSe-x/viewform?usp=pp_url&entry.1001=P-0001-20270301&entry.1002=S-1&entry.1003=Tutor',
      tuteeReflection: 'https://docs.google.com/forms/d/e/1FAIpQLSe-x/viewform?usp=pp_url&entry.1001=P-0001-20270301&entry.1002=S%202%26x&entry.1003=Tutee',
      exitTicket: 'https://docs.google.com/forms/d/e/1FAIpQLSe-x/viewform?usp=pp_url&entry.2001=P-0001-20270301&entry.2002=S%202%26x',
    });
  });

  it('refuses a URL that does not prefill a question, and leaves links blank without a form', () => {
    expect(() => templateFromPrefilledUrl('Exit ticket', 'https://x/viewform?usp=pp_url&entry.5=PTHUB-SESSION')).toThrow('"Student ID"');
    expect(sessionLinks({ reflection: null, exitTicket: null }, { tutorId: 'S-1', tuteeId: 'S-2' }, 'x')).toEqual({ tutorReflection: '', tuteeReflection: '', exitTicket: '' });
    expect(seriesLinkLines({ reflection: null, exitTicket: null }, { pairId: 'P-1', tutorId: 'S-1', tuteeId: 'S-2' })).toEqual([]);
    expect(prefilledLink(exitTicket, { Unknown: 'x' })).toBe('https://docs.google.com/forms/d/e/1FAIpQLSe-x/viewform?usp=pp_url');
  });

  it('a Calendar series carries the pair’s links, the Pair ID in place of the session', () => {
    const lines = seriesLinkLines({ reflection, exitTicket }, { pairId: 'P-0001', tutorId: 'S-1', tuteeId: 'S-2' });
    expect(lines.join('\n')).toContain('entry.1001=P-0001&entry.1002=S-1&entry.1003=Tutor');
    expect(lines.join('\n')).toContain('entry.2001=P-0001&entry.2002=S-2');
  });
});

describe('a response that names the pair (from the Calendar event)', () => {
  const facts = (date: string): SessionFacts => ({ sessionId: `P-0001-${date.replace(/-/g, '')}`, pairId: 'P-0001', tutorId: 'S-1', tuteeId: 'S-2', subject: 'Math', date });
  const sessions = [facts('2027-03-01'), facts('2027-03-08')];
  const context = {
    sessions: new Map(sessions.map((session) => [session.sessionId, session] as [string, SessionFacts])),
    pairSessions: new Map([['P-0001', sessions]]),
    timeZone: 'America/Chicago',
    questions: QUESTIONS,
  };
  const response = (at: string): RawResponse => ({
    form: 'Exit ticket',
    submitted: new Date(at),
    answers: { [EXIT_TICKET.session]: 'P-0001', [EXIT_TICKET.studentId]: 'S-2', [EXIT_TICKET.skill]: 'Decimals', '0.1 + 0.2 = ?': '0.3' },
  });

  it('is filed under the pair’s session of that day in the program timezone, or its last one before', () => {
    // 8 March, 02:00 UTC is still 7 March in Chicago: the 1 March session.
    expect(fileResponse(response('2027-03-08T02:00:00Z'), context)).toMatchObject({ record: { sessionId: 'P-0001-20270301', score: 100 } });
    expect(fileResponse(response('2027-03-08T21:00:00Z'), context)).toMatchObject({ record: { sessionId: 'P-0001-20270308' } });
    expect(fileResponse(response('2027-02-28T21:00:00Z'), context)).toMatchObject({ kind: 'review', reason: 'pair P-0001 has no session on or before 2027-02-28' });
  });
});
