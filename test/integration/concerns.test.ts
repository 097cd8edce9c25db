// Concerns through the built bundle: "Something in this session worried me" raises an urgent Concern
// alert from the form-submit trigger itself and emails the teacher at once (within the MailApp quota,
// urgent first), naming only that student and never what they wrote; a response that cannot be
// matched to a session is still raised, marked unresolved; Refresh dashboard keeps them, once. A
// tutor's "The tutee only wanted answers", twice, raises an Engagement alert.
import { REFLECTION } from '../../src/core/forms/questions';
import { entryPoint } from '../support/load-bundle';
import { createForms, formsWorld, NOW, reflectionAnswers, rowsOf, sessionId, submit } from '../support/forms-world';

beforeEach(() => jest.useFakeTimers({ now: NOW }));
afterEach(() => jest.useRealTimers());

const worried = (extra: Record<string, string> = {}) => ({ [REFLECTION.worried]: 'Yes', [REFLECTION.worry]: 'someone said something mean', ...extra });

describe('concerns (built bundle)', () => {
  it('raises an urgent alert and emails the teacher from the trigger, also for an unmatched response, once', () => {
    const w = formsWorld(2);
    createForms(w);
    submit(w, 'Reflection', reflectionAnswers(2, 'Tutee', worried()));
    // At once: the trigger run wrote the alert, no Refresh dashboard needed.
    const alerts = rowsOf(w, 'Alerts');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ Kind: 'Concern', 'Student ID': 'U-2', 'Pair ID': 'P-0002', Status: 'Open' });
    expect(String(alerts[0]['Suggested action'])).toMatch(/^Urgent/);
    expect(w.mail.sent).toHaveLength(1);
    expect(w.mail.sent[0].subject).toBe('URGENT Test Program: Tutee 2 said something worried them');
    expect(w.mail.sent[0].body).toContain(`in the reflection on session ${sessionId(2)}`);
    // Only that student, and not their words (those stay in the spreadsheet).
    expect(w.mail.sent[0].body).not.toMatch(/mean|Tutor 2|T-2/);
    expect(JSON.stringify(alerts)).not.toContain('mean');

    // A response whose session cannot be found: still raised and emailed, marked unresolved.
    submit(w, 'Reflection', reflectionAnswers(1, 'Tutee', worried({ Session: 'P-0009-20270301' })));
    expect(rowsOf(w, 'Needs review')).toHaveLength(1);
    const unresolved = rowsOf(w, 'Alerts').find((row) => row['Pair ID'] === '')!;
    expect(unresolved).toMatchObject({ Kind: 'Concern', 'Student ID': 'U-1', Status: 'Open' });
    expect(String(unresolved.Detail)).toMatch(/^Unresolved: .*could not be matched to a session \("P-0009-20270301", student "U-1"\)/);
    expect(w.mail.sent[1].body).toContain('UNRESOLVED');

    // Refresh keeps both, once; File responses (re-filing Needs review) emails nothing again.
    entryPoint(w.bundle, 'refreshDashboard')();
    entryPoint(w.bundle, 'menuFileResponses')();
    entryPoint(w.bundle, 'refreshDashboard')();
    expect(rowsOf(w, 'Alerts').filter((row) => row.Kind === 'Concern' && row.Status === 'Open')).toHaveLength(2);
    expect(w.mail.sent).toHaveLength(2);
    // The sidebar lists the matched concern first, with what worried them (teachers only).
    const [first] = entryPoint(w.bundle, 'talkRequests')() as { concern: boolean; worry: string }[];
    expect(first).toMatchObject({ concern: true, worry: 'someone said something mean' });
  });

  it('emails urgent concerns before requests to talk when the quota is short, and the rest later', () => {
    const w = formsWorld(2);
    createForms(w);
    w.mail.spend(100);
    submit(w, 'Reflection', reflectionAnswers(1, 'Tutee', { [REFLECTION.talkToTeacher]: 'Yes' }));
    submit(w, 'Reflection', reflectionAnswers(2, 'Tutee', worried()));
    expect(w.mail.sent).toHaveLength(0);
    // The next day the quota is back: one recipient left, the concern goes first.
    w.mail.spend(-1);
    submit(w, 'Reflection', reflectionAnswers(2, 'Tutor'));
    expect(w.mail.sent.map((mail) => mail.subject)).toEqual(['URGENT Test Program: Tutee 2 said something worried them']);
  });

  it("a tutor's 'only wanted answers' twice raises Engagement for the tutee", () => {
    const w = formsWorld(1, 2);
    createForms(w);
    submit(w, 'Reflection', reflectionAnswers(1, 'Tutor', { [REFLECTION.onlyAnswers]: 'Yes' }));
    entryPoint(w.bundle, 'refreshDashboard')();
    expect(rowsOf(w, 'Alerts').filter((row) => row.Kind === 'Engagement')).toHaveLength(0);
    jest.setSystemTime(new Date('2027-03-08T20:30:00Z'));
    submit(w, 'Reflection', { ...reflectionAnswers(1, 'Tutor', { [REFLECTION.onlyAnswers]: 'Yes' }), Session: 'P-0001-20270308' });
    entryPoint(w.bundle, 'refreshDashboard')();
    const engagement = rowsOf(w, 'Alerts').filter((row) => row.Kind === 'Engagement');
    expect(engagement).toHaveLength(1);
    expect(engagement[0]).toMatchObject({ 'Student ID': 'U-1', 'Pair ID': 'P-0001', Detail: 'the tutor says Tutee 1 only wanted answers in 2 of the last 2 sessions' });
  });
});
