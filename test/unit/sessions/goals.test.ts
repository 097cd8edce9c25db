// Goals: targets read as Mastered or a score, the status followed from mastery and tickets, goals from
// reflections added once, a date already past named with its row, a teacher's own status kept.
import fc from 'fast-check';
import { goalProgress, parseTarget, targetFromWords, type Goal } from '../../../src/core/sessions/goals';
import type { MasteryRow, TicketScore } from '../../../src/core/progress/mastery';
import type { ReflectionLog } from '../../../src/core/progress/records';
import { addReflectionGoals, followGoals, type GoalsInput } from '../../../src/sheets/sessions/goals-tab';
import { letterFields } from '../../../src/core/progress/letter';
import { MemoryTableStore } from '../../fakes/memory-store';

const ticket = (date: string, score: number): TicketScore => ({ studentId: 'S-2', subject: 'Math', skill: 'Adding fractions', date, submitted: new Date(`${date}T12:00:00Z`), score });
const mastered = (on: string): MasteryRow => ({ studentId: 'S-2', subject: 'Math', skill: 'Adding fractions', tickets: 3, latest: 90, best: 90, state: 'Mastered', masteredOn: on, nextReview: null });

describe('a goal', () => {
  it('reads Mastered, a blank, or a score 0-100, and nothing else', () => {
    expect(parseTarget('')).toEqual({ kind: 'mastered' });
    expect(parseTarget(' mastered ')).toEqual({ kind: 'mastered' });
    expect(parseTarget('80%')).toEqual({ kind: 'score', score: 80 });
    expect(parseTarget('lots')).toBeNull();
    expect(parseTarget('180')).toBeNull();
    expect(targetFromWords('Get 80 on the exit ticket')).toEqual({ kind: 'score', score: 80 });
    expect(targetFromWords('Understand fractions')).toEqual({ kind: 'mastered' });
  });

  it('is Met when a ticket between Set on and By reaches the score, Missed after By, Open before', () => {
    const goal: Goal = { studentId: 'S-2', skill: 'adding fractions', target: { kind: 'score', score: 80 }, setOn: '2027-03-01', by: '2027-03-08' };
    expect(goalProgress(goal, [], [ticket('2027-02-20', 100)], '2027-03-05')).toEqual({ status: 'Open', progress: 'no exit ticket yet' });
    expect(goalProgress(goal, [], [ticket('2027-03-03', 70)], '2027-03-05')).toEqual({ status: 'Open', progress: 'best 70 (target 80)' });
    expect(goalProgress(goal, [], [ticket('2027-03-03', 70)], '2027-03-09')).toEqual({ status: 'Missed', progress: 'best 70 (target 80)' });
    expect(goalProgress(goal, [], [ticket('2027-03-08', 80)], '2027-03-20')).toEqual({ status: 'Met', progress: 'scored 80 (target 80)' });
    const mastery: Goal = { ...goal, target: { kind: 'mastered' } };
    expect(goalProgress(mastery, [mastered('2027-03-07')], [], '2027-03-20').status).toBe('Met');
    expect(goalProgress(mastery, [mastered('2027-03-09')], [], '2027-03-20').status).toBe('Missed');
    expect(goalProgress({ ...goal, skill: '' }, [], [], '2027-03-20').status).toBeNull();
  });

  it('never says Met without a ticket reaching the target in the window (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ day: fc.integer({ min: 1, max: 28 }), score: fc.integer({ min: 0, max: 100 }) })), fc.integer({ min: 0, max: 100 }), (list, target) => {
        const tickets = list.map(({ day, score }) => ticket(`2027-03-${String(day).padStart(2, '0')}`, score));
        const goal: Goal = { studentId: 'S-2', skill: 'Adding fractions', target: { kind: 'score', score: target }, setOn: '2027-03-05', by: '2027-03-12' };
        const reached = tickets.some((t) => t.date >= '2027-03-05' && t.date <= '2027-03-12' && t.score >= target);
        expect(goalProgress(goal, [], tickets, '2027-03-31').status).toBe(reached ? 'Met' : 'Missed');
      }),
    );
  });
});

const HEADERS = ['Student ID', 'Skill', 'Target', 'By', 'Set on', 'Status', 'My note'];
const reflection = (id: string, goal: string): ReflectionLog => ({
  responseId: id, submitted: new Date('2027-03-01T20:00:00Z'), date: '2027-03-01', sessionId: 'P-0001-20270301', pairId: 'P-0001', studentId: 'S-2', role: 'Tutee',
  mood: 4, confidence: 3, talkToTeacher: false, handled: false, whatWorked: '', nextStep: '', goal,
});

function input(reflections: ReflectionLog[], tickets: TicketScore[] = []): GoalsInput {
  return {
    studentIds: new Set(['S-1', 'S-2']),
    reflections,
    pairs: [{ pairId: 'P-0001', tutorId: 'S-1', tuteeId: 'S-2', subject: 'Math', block: 'Mon-A', status: 'Active', locked: false, score: 1, why: '', startDate: null, endDate: null }],
    mastery: [],
    tickets,
    questions: [{ subject: 'Math', skill: 'Adding fractions', question: 'q', choices: ['a', 'b'], answer: 'a', points: 1 }],
    today: '2027-03-02',
  };
}

describe('the Goals tab', () => {
  it('adds a reflection goal once, follows teacher rows, keeps their words and columns, and names a date already past', () => {
    const store = new MemoryTableStore({
      Goals: [
        HEADERS,
        ['S-2', 'Adding fractions', 'Mastered', '2027-04-01', '', '', 'from the teacher'],
        ['S-1', 'Decimals', '90', '2027-02-01', '2027-02-10', '', ''],
        ['S-2', 'Adding fractions', '80', '2027-03-09', '2027-03-01', 'Dropped', ''],
        ['S-9', '', '', '2027-04-01', '', '', ''],
        ['S-2', 'Adding fractions', 'lots', '2027-04-01', '', '', ''],
      ],
    });
    // Filing the reflection adds its goal (below the teacher's rows); the refresh then follows every goal.
    expect(addReflectionGoals(store, [reflection('R1', 'Get 80 on the ticket')], () => 'Adding fractions')).toBe(1);
    const first = followGoals(store, input([reflection('R1', 'Get 80 on the ticket')], [ticket('2027-03-02', 90)]), true);
    expect(first.written).toBe(true);
    expect(first.problems.map((p) => `${p.row} ${p.column}: ${p.message}`)).toEqual([
      '3 By: 2027-02-01 was already past when the goal was set (2027-02-10): choose a later date; the goal is kept and its Status left as it is',
      '5 Student ID: "S-9" is not a Student ID on the Students tab',
      '6 Target: "lots" is not Mastered or a score from 0 to 100',
    ]);
    const grid = store.readTab('Goals')!;
    expect(grid[0]).toEqual([...HEADERS, 'In their words', 'Response ID']);
    expect(grid[1].slice(4, 7)).toEqual([new Date('2027-03-02T00:00:00Z'), 'Open', 'from the teacher']);
    expect(grid[3][5]).toBe('Dropped');
    expect(grid[6]).toEqual(['S-2', 'Adding fractions', '80', new Date('2027-03-08T00:00:00Z'), new Date('2027-03-01T00:00:00Z'), 'Met', '', 'Get 80 on the ticket', 'R1']);
    expect(addReflectionGoals(store, [reflection('R1', 'Get 80 on the ticket')], () => 'Adding fractions')).toBe(0);
    const again = followGoals(store, input([reflection('R1', 'Get 80 on the ticket')], [ticket('2027-03-02', 90)]), true);
    expect(again).toMatchObject({ written: false });
    expect(store.readTab('Goals')!.length).toBe(7);
  });

  it('a goal row the teacher deletes stays deleted: the refresh never adds goals back from reflections', () => {
    const store = new MemoryTableStore({ Goals: [HEADERS] });
    addReflectionGoals(store, [reflection('R1', 'Get 80 on the ticket')], () => 'Adding fractions');
    expect(store.readTab('Goals')!.length).toBe(2);
    store.writeTab('Goals', store.readTab('Goals')!.slice(0, 1));
    followGoals(store, input([reflection('R1', 'Get 80 on the ticket')], [ticket('2027-03-02', 90)]), true);
    expect(store.readTab('Goals')!.length).toBe(1);
  });
});

describe('goals in the family letter', () => {
  it('fills the {{Goals}} placeholder: met goals celebrated, open ones with where the student stands', () => {
    const base = { studentName: 'Ben Kim', programName: 'P', date: '2027-03-10', subjects: [], teacherNote: '' };
    expect(letterFields(base).Goals).toBe('no goal set yet');
    const goals = [
      { text: 'Adding fractions: score 80 by 2027-03-08', status: 'Met', progress: 'scored 90 (target 80)' },
      { text: 'Decimals: master it by 2027-03-20', status: 'Open', progress: 'practising' },
    ];
    expect(letterFields({ ...base, goals }).Goals).toBe('Goal met: Adding fractions: score 80 by 2027-03-08. Open: Decimals: master it by 2027-03-20 (practising).');
  });
});
