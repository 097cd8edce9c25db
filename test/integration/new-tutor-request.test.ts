// "I would like a different tutor" through the built bundle: the reflection form asks it last (every
// earlier question title kept), a tutee's Yes is filed on Reflections and raises the Request new tutor
// alert with the matcher's best other tutor at the next Refresh dashboard, once, and the pair's Status
// stays as the teacher set it; a tutor's answer to it is not a request.
import { REFLECTION, REFLECTION_QUESTIONS } from '../../src/core/forms/questions';
import { createForms, formOf, formsWorld, NOW, reflectionAnswers, rowsOf, submit } from '../support/forms-world';
import { entryPoint } from '../support/load-bundle';

beforeEach(() => jest.useFakeTimers({ now: NOW }));
afterEach(() => jest.useRealTimers());

const requests = (w: ReturnType<typeof formsWorld>) => rowsOf(w, 'Alerts').filter((row) => row.Kind === 'Request new tutor');

describe('Request new tutor from a reflection (built bundle)', () => {
  it('is the form\'s last question, appended after the earlier ones', () => {
    expect(REFLECTION_QUESTIONS.map((q) => q.title).slice(-2)).toEqual([REFLECTION.onlyAnswers, 'I would like a different tutor']);
    const w = formsWorld(1);
    createForms(w);
    const titles = formOf(w, 'Reflection').items.map((item) => item.title);
    expect(titles[titles.length - 1]).toBe('I would like a different tutor');
    expect(titles).toEqual(expect.arrayContaining(REFLECTION_QUESTIONS.map((q) => q.title)));
  });

  it('a tutee\'s Yes raises the alert naming the best other tutor, once; the pair stays Active', () => {
    const w = formsWorld(2);
    createForms(w);
    submit(w, 'Reflection', reflectionAnswers(1, 'Tutee', { [REFLECTION.newTutor]: 'Yes' }));
    submit(w, 'Reflection', reflectionAnswers(2, 'Tutor', { [REFLECTION.newTutor]: 'Yes' })); // a tutor's answer asks nothing
    expect(rowsOf(w, 'Reflections').map((row) => [row['Student ID'], row['Wants a different tutor']])).toEqual([['U-1', 'Yes'], ['T-2', '']]);

    entryPoint(w.bundle, 'refreshDashboard')();
    const [alert] = requests(w);
    expect(requests(w)).toHaveLength(1);
    expect(alert).toMatchObject({ 'Student ID': 'U-1', 'Pair ID': 'P-0001', Status: 'Open' });
    expect(alert.Detail).toBe('Tutee 1 asked for a different tutor in the reflection of 2027-03-01 in Math (now Tutor 1)');
    expect(String(alert['Suggested action'])).toMatch(/^Talk with them; to change tutor, set the pair's Status to Request new tutor\. Re-match with Tutor 2 \(T-2, Wed-A\)/);
    expect(rowsOf(w, 'Pairs').map((row) => row.Status)).toEqual(['Active', 'Active']);

    submit(w, 'Reflection', reflectionAnswers(1, 'Tutee', { [REFLECTION.newTutor]: 'Yes', [REFLECTION.mood]: '2' }), new Date(NOW.getTime() + 60_000));
    entryPoint(w.bundle, 'refreshDashboard')();
    expect(requests(w)).toHaveLength(1); // asked again: still the one open alert
  });
});
