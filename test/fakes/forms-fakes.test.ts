// The FormApp, MailApp and spreadsheet form-submit trigger fakes behave as the Apps Script reference
// describes, and count every call.
import { createAppsScriptFakes } from './apps-script';
import { createFormsFake, FORM_NOT_FOUND_MESSAGE, formSubmitEvent, ghostFormSubmitEvent, PageNavigationType } from './apps-script/forms';
import { createMailFake, MAIL_DAILY_QUOTA_MESSAGE } from './apps-script/mail';
import { ADD_ON_OTHER_DOCUMENT_MESSAGE, createScriptAppFake } from './apps-script/script-app';

function world() {
  const fakes = createAppsScriptFakes({ timeZone: 'America/New_York' });
  const forms = createFormsFake(fakes.calls, [fakes.fakeSpreadsheet]);
  return { fakes, forms, FormApp: forms.FormApp };
}

describe('FormApp fake', () => {
  it('creates forms unpublished, with items of each kind, and counts every call', () => {
    const { fakes, forms, FormApp } = world();
    const form = FormApp.create('Reflection');
    form.addTextItem().setTitle('Session').setRequired(true);
    form.addScaleItem().setTitle('Mood').setBounds(1, 5);
    const choice = form.addMultipleChoiceItem().setTitle('Held?');
    choice.setChoices([choice.createChoice('Yes'), choice.createChoice('No')]);
    expect(form.getItems().map((item) => `${item.getType()}:${item.getTitle()}`)).toEqual(['TEXT:Session', 'SCALE:Mood', 'MULTIPLE_CHOICE:Held?']);
    expect(forms.forms()[0]).toMatchObject({ published: false, accepting: false });
    expect(fakes.calls.count('FormApp.create')).toBe(1);
    expect(fakes.calls.count('Form.getItems')).toBe(1);
    expect(fakes.calls.count('MultipleChoiceItem.createChoice')).toBe(2);
    expect(() => form.addScaleItem().setBounds(2, 5)).toThrow('bounds');
  });

  it('refuses choices that mix page navigation with plain ones, and keeps quiz keys and points', () => {
    const { FormApp } = world();
    const form = FormApp.create('Quiz').setIsQuiz(true);
    const skill = form.addMultipleChoiceItem().setTitle('Skill');
    const page = form.addPageBreakItem().setTitle('Fractions');
    expect(() => skill.setChoices([skill.createChoice('Fractions', page), skill.createChoice('Other')])).toThrow('cannot be combined');
    skill.setChoices([skill.createChoice('Fractions', page), skill.createChoice('Done', FormApp.PageNavigationType.SUBMIT)]);
    expect(skill.getChoices()[0].getGotoPage().getTitle()).toBe('Fractions');
    expect(skill.getChoices()[1].getPageNavigationType()).toBe(PageNavigationType.SUBMIT);
    const question = form.addMultipleChoiceItem().setTitle('1/2 + 1/4?').setPoints(2);
    question.setChoices([question.createChoice('3/4', true), question.createChoice('2/6', false)]);
    expect(question.getChoices().map((choice) => choice.isCorrectAnswer())).toEqual([true, false]);
    expect(question.getPoints()).toBe(2);
    page.setGoToPage(FormApp.PageNavigationType.SUBMIT);
    expect(page.getPageNavigationType()).toBe(PageNavigationType.SUBMIT);
  });

  it('builds prefilled URLs whose entry IDs are not the item IDs', () => {
    const { FormApp } = world();
    const form = FormApp.create('R');
    const session = form.addTextItem().setTitle('Session');
    const role = form.addMultipleChoiceItem().setTitle('I am the');
    role.setChoiceValues(['Tutor', 'Tutee']);
    const url = form.createResponse().withItemResponse(session.createResponse('P 1')).withItemResponse(role.createResponse('Tutor')).toPrefilledUrl();
    expect(url.startsWith(`${form.getPublishedUrl()}?usp=pp_url&entry.`)).toBe(true);
    expect(url).toContain('=P+1&');
    expect(url).not.toContain(`entry.${session.getId()}=`);
    expect(() => role.createResponse('Teacher')).toThrow('Invalid response');
  });

  it('links a spreadsheet: a Form Responses tab first, Timestamp (and Score for a quiz), a column per question, new ones at the right', () => {
    const { fakes, forms, FormApp } = world();
    const form = FormApp.create('Quiz').setIsQuiz(true);
    form.addTextItem().setTitle('Session');
    form.addPageBreakItem().setTitle('Section');
    form.setDestination(FormApp.DestinationType.SPREADSHEET, fakes.spreadsheet.getId());
    form.addTextItem().setTitle('Student ID');
    const sheet = fakes.sheet('Form Responses 1');
    expect(fakes.fakeSpreadsheet.sheetNames()[0]).toBe('Form Responses 1');
    expect([1, 2, 3, 4].map((column) => sheet.inspectCell(1, column).value)).toEqual(['Timestamp', 'Score', 'Session', 'Student ID']);
    expect(fakes.spreadsheet.getSheetByName('Form Responses 1')!.getFormUrl()).toBe(form.getEditUrl());
    expect(() => forms.submit(form.getId(), { Session: 'x' }, new Date())).toThrow('not accepting');
  });

  it('writes a submission as Sheets does and builds the trigger’s event from it; a ghost carries no answers', () => {
    const { fakes, forms, FormApp } = world();
    const form = FormApp.create('R');
    form.addTextItem().setTitle('Session');
    form.addScaleItem().setTitle('Mood').setBounds(1, 5);
    form.setDestination(FormApp.DestinationType.SPREADSHEET, fakes.spreadsheet.getId());
    (form as unknown as { setPublished(on: boolean): void }).setPublished(true);
    const { sheet, row } = forms.submit(form.getId(), { Session: '=1+1', Mood: '4' }, new Date('2027-03-01T20:05:11Z'));
    expect(row).toBe(2);
    expect(sheet.inspectCell(2, 2)).toMatchObject({ value: '=1+1', formula: '' });
    expect(sheet.inspectCell(2, 3).value).toBe(4);
    const event = formSubmitEvent(sheet, row, '7');
    expect(event.values).toEqual(['3/1/2027 15:05:11', '=1+1', '4']);
    expect(event.namedValues).toEqual({ Timestamp: ['3/1/2027 15:05:11'], Session: ['=1+1'], Mood: ['4'] });
    expect(event.range.getRow()).toBe(2);
    expect(ghostFormSubmitEvent(sheet, '7').values).toEqual(['3/1/2027 15:05:11', '', '']);
  });

  it('cannot open a form deleted from Drive; its responses tab stays, unlinked', () => {
    const { fakes, forms, FormApp } = world();
    const form = FormApp.create('R');
    form.setDestination(FormApp.DestinationType.SPREADSHEET, fakes.spreadsheet.getId());
    const id = form.getId();
    forms.deleteForm(id);
    expect(() => FormApp.openById(id)).toThrow(FORM_NOT_FOUND_MESSAGE);
    expect(() => form.getTitle()).toThrow(FORM_NOT_FOUND_MESSAGE);
    expect(fakes.spreadsheet.getSheetByName('Form Responses 1')!.getFormUrl()).toBeNull();
  });
});

describe('MailApp fake', () => {
  it('sends within the daily recipient quota, per account, then refuses', () => {
    const { fakes } = world();
    const mail = createMailFake(fakes.calls, fakes.accounts, 2);
    mail.MailApp.sendEmail('a@school.example', 'Hi', 'Body');
    expect(mail.MailApp.getRemainingDailyQuota()).toBe(1);
    expect(() => mail.MailApp.sendEmail({ to: 'b@school.example, c@school.example', subject: 's', body: 'b' })).toThrow(MAIL_DAILY_QUOTA_MESSAGE);
    fakes.accounts.runAs('other@school.example', () => expect(mail.MailApp.getRemainingDailyQuota()).toBe(2));
    expect(mail.fake.sent).toEqual([{ from: 'teacher@school.example', to: ['a@school.example'], subject: 'Hi', body: 'Body' }]);
    expect(fakes.calls.count('MailApp.sendEmail')).toBe(2);
  });
});

describe('spreadsheet form-submit triggers (ScriptApp fake)', () => {
  it('one per user and document beside the hourly trigger, only for the add-on’s own document, fired with its own triggerUid', () => {
    const { fakes } = world();
    const script = createScriptAppFake(fakes.calls, { accounts: fakes.accounts });
    const { ScriptApp } = script;
    ScriptApp.newTrigger('runPendingWork').timeBased().everyHours(1).create();
    const trigger = ScriptApp.newTrigger('fileSubmittedResponse').forSpreadsheet(fakes.spreadsheet).onFormSubmit().create();
    expect(trigger.getEventType()).toBe(ScriptApp.EventType.ON_FORM_SUBMIT);
    expect(trigger.getTriggerSourceId()).toBe(fakes.spreadsheet.getId());
    expect(() => ScriptApp.newTrigger('fileSubmittedResponse').forSpreadsheet(fakes.spreadsheet).onFormSubmit().create()).toThrow('too many');
    expect(() => ScriptApp.newTrigger('x').forSpreadsheet('another-document').onFormSubmit().create()).toThrow(ADD_ON_OTHER_DOCUMENT_MESSAGE);
    fakes.accounts.runAs('colleague@school.example', () => ScriptApp.newTrigger('fileSubmittedResponse').forSpreadsheet(fakes.spreadsheet).onFormSubmit().create());
    const runs: string[] = [];
    expect(script.fireFormSubmit((uid) => ({ triggerUid: uid }), (handler, event) => runs.push(`${handler} ${(event as { triggerUid: string }).triggerUid} ${fakes.accounts.current}`))).toBe(2);
    expect(runs).toEqual([`fileSubmittedResponse ${trigger.getUniqueId()} teacher@school.example`, expect.stringMatching(/colleague@school.example$/)]);
    expect(script.pending().map((t) => t.handler)).toEqual(['runPendingWork']);
  });
});
