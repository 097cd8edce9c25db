// Guardian consent through the built bundle on the FormApp, ScriptApp and Spreadsheet fakes: the consent
// form and each student's link, answers filed by the one form-submit trigger with their date, a
// guardian answering twice, a repeated event, an unknown student, and a withdrawal ending the pairs and
// future sessions (history kept).
import { CONSENT } from '../../src/core/forms/questions';
import { formSubmitEvent } from '../fakes/apps-script/forms';
import { formsWorld, NOW, rowsOf, sessionId, type FormsWorld } from '../support/forms-world';
import { entryPoint } from '../support/load-bundle';

beforeEach(() => jest.useFakeTimers({ now: NOW }));
afterEach(() => jest.useRealTimers());

function consentForm(w: FormsWorld) {
  const form = w.forms.forms().find((record) => record.title.endsWith('guardian consent'));
  if (!form) throw new Error('no consent form');
  return form;
}

/** A guardian sends the consent form; the trigger fires (twice when `repeat`, as Apps Script sometimes does). */
function answer(w: FormsWorld, studentId: string, consent: string, at: Date, repeat = false): void {
  const { sheet, row } = w.forms.submit(consentForm(w).id, { [CONSENT.studentId]: studentId, [CONSENT.guardian]: 'A. Parent', [CONSENT.answer]: consent }, at);
  for (let i = 0; i < (repeat ? 2 : 1); i++) {
    w.script.fireFormSubmit(
      (uid) => formSubmitEvent(sheet, row, uid),
      (handler, event) => entryPoint(w.bundle, handler)(event),
    );
  }
}

const student = (w: FormsWorld, id: string) => rowsOf(w, 'Students').find((row) => row['Student ID'] === id)!;

describe('Consent (built bundle)', () => {
  it('makes the consent form, writes each student\'s prefilled link and lists who is pending', () => {
    const w = formsWorld(2);
    entryPoint(w.bundle, 'menuConsent')();
    const page = w.fakes.ui.dialogs[w.fakes.ui.dialogs.length - 1].output.getContent();
    expect(page).toContain('Consent form created');
    const form = consentForm(w);
    expect(form.items.map((item) => item.title)).toEqual([CONSENT.studentId, CONSENT.guardian, CONSENT.answer]);
    expect(form).toMatchObject({ published: true, destination: 'fake-spreadsheet-id' });
    expect(String(student(w, 'U-1')['Consent form'])).toMatch(/^https:\/\/docs\.google\.com\/forms\/d\/e\/\w+\/viewform\?usp=pp_url&entry\.\d+=U-1$/);
    expect(w.script.formSubmitTriggers().map((t) => t.handler)).toEqual(['fileSubmittedResponse']);
    // A second run changes no form and writes no link.
    w.fakes.calls.reset();
    entryPoint(w.bundle, 'menuConsent')();
    expect(w.fakes.calls.count('Range.setValues')).toBe(0);
  });

  it('records answers with their date; a guardian answering twice: the later answer counts; a repeated event is filed once', () => {
    const w = formsWorld(2, 2);
    entryPoint(w.bundle, 'menuConsent')();
    answer(w, 'U-2', 'Yes', new Date('2027-03-01T20:00:00Z'), true);
    expect(rowsOf(w, 'Consent log')).toHaveLength(1);
    answer(w, 'U-2', 'No', new Date('2027-03-02T15:00:00Z'));
    answer(w, 'U-2', 'Yes', new Date('2027-03-03T15:00:00Z'));
    expect(rowsOf(w, 'Consent log').map((row) => row.Consent)).toEqual(['Yes', 'No', 'Yes']);
    expect(student(w, 'U-2').Consent).toBe('Yes');
    expect((student(w, 'U-2')['Consent date'] as Date).toISOString().slice(0, 10)).toBe('2027-03-03');
  });

  it('a withdrawal ends the student\'s pairs and takes their future sessions off (past ones stay); no other pair is touched', () => {
    const w = formsWorld(2, 2);
    entryPoint(w.bundle, 'menuConsent')();
    answer(w, 'U-1', 'No', new Date('2027-03-01T21:00:00Z'));
    expect(student(w, 'U-1').Consent).toBe('No');
    const pairs = rowsOf(w, 'Pairs');
    expect(pairs.map((p) => [p['Pair ID'], p.Status])).toEqual([['P-0001', 'Ended'], ['P-0002', 'Active']]);
    const sessions = rowsOf(w, 'Sessions').map((s) => s['Session ID']);
    expect(sessions.filter((id) => String(id).startsWith('P-0001'))).toEqual([sessionId(1)]);
    expect(sessions.filter((id) => String(id).startsWith('P-0002'))).toHaveLength(3);
  });

  it('an answer for a student not on the roster goes to Needs review, whole', () => {
    const w = formsWorld(1);
    entryPoint(w.bundle, 'menuConsent')();
    answer(w, 'X-9', 'Yes', new Date('2027-03-01T20:00:00Z'));
    const [review] = rowsOf(w, 'Needs review');
    expect(review).toMatchObject({ Form: 'Consent', Reason: '"X-9" is not a Student ID on the Students tab: set the student\'s Consent by hand' });
    expect(JSON.parse(String(review.Answers))[CONSENT.answer]).toBe('Yes');
    expect(rowsOf(w, 'Consent log')).toHaveLength(0);
  });
});
