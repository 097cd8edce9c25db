// Goals through the built bundle: the reflection form asks "My goal for next week"; a tutee's goal is
// filed, added to Goals at the next refresh (once), followed to Met by an exit ticket, and shown on the
// Dashboard (recognised), the student's card and the agenda of their next session.
import { REFLECTION } from '../../src/core/forms/questions';
import { entryPoint } from '../support/load-bundle';
import { createForms, formOf, formsWorld, NOW, reflectionAnswers, rowsOf, sessionId, submit } from '../support/forms-world';

beforeEach(() => jest.useFakeTimers({ now: NOW }));
afterEach(() => jest.useRealTimers());

describe('goals (built bundle)', () => {
  it('from the reflection form to Goals, Met after a good exit ticket, on the dashboard, the card and the agenda', () => {
    const w = formsWorld(2, 2);
    createForms(w);
    const titles = formOf(w, 'Reflection').items.map((item) => item.title);
    expect(titles.slice(-5)).toEqual([REFLECTION.goal, REFLECTION.worried, REFLECTION.worry, REFLECTION.onlyAnswers, REFLECTION.newTutor]);
    expect(titles).toContain(REFLECTION.talkToTeacher);

    submit(w, 'Reflection', reflectionAnswers(1, 'Tutee', { [REFLECTION.goal]: 'Get 80 on the exit ticket' }));
    expect(rowsOf(w, 'Reflections')[0]['Goal for next week']).toBe('Get 80 on the exit ticket');
    entryPoint(w.bundle, 'refreshDashboard')();
    entryPoint(w.bundle, 'refreshDashboard')();
    const goals = rowsOf(w, 'Goals');
    expect(goals).toHaveLength(1);
    expect(goals[0]).toMatchObject({ 'Student ID': 'U-1', Skill: 'Adding fractions', Target: '80', Status: 'Open', 'In their words': 'Get 80 on the exit ticket' });
    // The tutor's next session shows the tutee's goal.
    const agenda = rowsOf(w, 'Sessions').find((row) => row['Session ID'] === 'P-0001-20270308')!.Agenda;
    expect(agenda).toContain("Tutee's goal: Adding fractions: score 80 by 2027-03-08");

    submit(w, 'Exit ticket', { Session: sessionId(1), 'Student ID': 'U-1', Skill: 'Adding fractions', 'What is 1/2 + 1/4?': '3/4', 'What is 1/3 + 1/3?': '2/3' });
    entryPoint(w.bundle, 'refreshDashboard')();
    expect(rowsOf(w, 'Goals')[0].Status).toBe('Met');
    const dashboard = w.fakes.spreadsheet.getSheetByName('Dashboard')!.getDataRange().getValues().map((row) => row.filter((cell) => cell !== '').join(' | '));
    expect(dashboard).toContain('Goals met (recognition)');
    expect(dashboard).toContain('Tutee 1 | Adding fractions: score 80 by 2027-03-08');
    const card = entryPoint(w.bundle, 'studentProgress')('U-1') as { goals: { status: string; progress: string }[] };
    expect(card.goals).toEqual([{ text: 'Adding fractions: score 80 by 2027-03-08', status: 'Met', progress: 'scored 100 (target 80)' }]);
    // Another student's card carries none of it.
    expect((entryPoint(w.bundle, 'studentProgress')('U-2') as { goals: unknown[] }).goals).toEqual([]);
  });

  it('a reflection\'s goal is on Goals as soon as it is filed, once; the teacher\'s edit of the row wins over the next refresh and a repeated response', () => {
    const w = formsWorld(2, 2);
    createForms(w);
    const event = submit(w, 'Reflection', reflectionAnswers(1, 'Tutee', { [REFLECTION.goal]: '=Get 80 on the exit ticket' }));
    const goals = rowsOf(w, 'Goals');
    expect(goals).toHaveLength(1);
    expect(goals[0]).toMatchObject({ 'Student ID': 'U-1', Skill: 'Adding fractions', Target: '80', Status: 'Open' });
    // A student's words are kept as text, never run as a formula.
    expect(goals[0]['In their words']).toBe('=Get 80 on the exit ticket');
    const goalsSheet = w.fakes.spreadsheet.getSheetByName('Goals')!;
    expect(goalsSheet.getDataRange().getFormulas().flat().filter(Boolean)).toEqual([]);
    // A reflection without a goal adds nothing.
    submit(w, 'Reflection', reflectionAnswers(2, 'Tutee'));
    expect(rowsOf(w, 'Goals')).toHaveLength(1);

    // The teacher retargets the goal; the same response again (trigger fired twice) and a refresh keep it.
    const sheet = w.fakes.spreadsheet.getSheetByName('Goals')!;
    const target = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].indexOf('Target') + 1;
    sheet.getRange(2, target).setValue('Mastered');
    w.script.fireFormSubmit(() => event, (handler, e) => entryPoint(w.bundle, handler)(e));
    entryPoint(w.bundle, 'menuFileResponses')();
    entryPoint(w.bundle, 'refreshDashboard')();
    const after = rowsOf(w, 'Goals');
    expect(after).toHaveLength(1);
    expect(after[0].Target).toBe('Mastered');
  });
});
