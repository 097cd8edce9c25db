// Ui, HtmlService, PropertiesService, LockService, Session, Utilities, Logger and ScriptApp fakes.
import { createAppsScriptFakes, FakeAccounts, formatDate, menuFunctionNames, PROPERTY_VALUE_LIMIT } from './apps-script';
import { createScriptAppFake, TriggerStore } from './apps-script/script-app';

describe('Ui', () => {
  it('records add-on menus and custom menus with their items and submenus once added to the UI', () => {
    const fakes = createAppsScriptFakes();
    const ui = fakes.SpreadsheetApp.getUi();
    const more = ui.createMenu('More').addItem('Help', 'showHelp');
    ui.createAddonMenu().addItem('Set up program', 'setUpProgram').addSeparator().addSubMenu(more).addToUi();
    ui.createMenu('Not added').addItem('Ghost', 'ghost');
    expect(fakes.ui.menus).toHaveLength(1);
    expect(fakes.ui.menus[0].caption).toBeNull();
    expect(menuFunctionNames(fakes.ui.menus[0])).toEqual(['setUpProgram', 'showHelp']);
  });

  it('answers alerts from the queue, else with the first button of the set', () => {
    const fakes = createAppsScriptFakes();
    const ui = fakes.SpreadsheetApp.getUi();
    expect(ui.alert('Done')).toBe(ui.Button.OK);
    expect(ui.alert('Replace pairs?', 'This replaces proposed pairs.', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    fakes.ui.alertAnswers.push(ui.Button.NO);
    expect(ui.alert('Sure?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    expect(fakes.ui.alerts.map((a) => [a.title, a.prompt])).toEqual([
      ['', 'Done'],
      ['Replace pairs?', 'This replaces proposed pairs.'],
      ['', 'Sure?'],
    ]);
  });

  it('shows sidebars and dialogs built by HtmlService from project files', () => {
    const fakes = createAppsScriptFakes({ htmlFiles: { 'Sidebar.html': '<p>hi</p>' } });
    const output = fakes.HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Peer Tutoring').setWidth(300);
    fakes.SpreadsheetApp.getUi().showSidebar(output);
    fakes.SpreadsheetApp.getUi().showModalDialog(fakes.HtmlService.createHtmlOutput('<b>x</b>'), 'Report');
    expect(fakes.ui.sidebars[0].inspect()).toEqual({ title: 'Peer Tutoring', width: 300, height: 0, content: '<p>hi</p>' });
    expect(fakes.ui.dialogs.map((d) => [d.title, d.output.getContent(), d.modal])).toEqual([['Report', '<b>x</b>', true]]);
    expect(() => fakes.HtmlService.createHtmlOutputFromFile('Missing')).toThrow('No HTML file named Missing was found.');
  });
});

describe('PropertiesService', () => {
  it('keeps separate document, script and user stores with null for missing keys', () => {
    const fakes = createAppsScriptFakes();
    const documentProps = fakes.PropertiesService.getDocumentProperties();
    documentProps.setProperty('k', 'doc');
    fakes.PropertiesService.getUserProperties().setProperty('k', 'user');
    expect(documentProps.getProperty('k')).toBe('doc');
    expect(fakes.PropertiesService.getUserProperties().getProperty('k')).toBe('user');
    expect(fakes.PropertiesService.getScriptProperties().getProperty('k')).toBeNull();
    documentProps.setProperties({ a: '1' }, true);
    expect(documentProps.getProperties()).toEqual({ a: '1' });
    documentProps.deleteProperty('a');
    expect(documentProps.getKeys()).toEqual([]);
  });

  it('refuses a value over the 9 KB quota', () => {
    const props = createAppsScriptFakes().PropertiesService.getDocumentProperties();
    expect(() => props.setProperty('big', 'x'.repeat(PROPERTY_VALUE_LIMIT))).toThrow('Argument too large');
    expect(props.getProperty('big')).toBeNull();
  });
});

describe('LockService', () => {
  it('acquires, reports and releases the document lock', () => {
    const fakes = createAppsScriptFakes();
    const lock = fakes.LockService.getDocumentLock()!;
    expect(lock.hasLock()).toBe(false);
    expect(lock.tryLock(1000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
  });

  it('fails to lock while another execution holds the lock', () => {
    const fakes = createAppsScriptFakes();
    fakes.locks.document.holdElsewhere();
    const lock = fakes.LockService.getDocumentLock()!;
    expect(lock.tryLock(5000)).toBe(false);
    expect(() => lock.waitLock(5000)).toThrow('Lock timeout: another process was holding the lock for too long.');
    fakes.locks.document.releaseElsewhere();
    expect(lock.tryLock(5000)).toBe(true);
  });
});

describe('Session, Utilities and Logger', () => {
  it('reports the script timezone, which may differ from the spreadsheet’s', () => {
    const fakes = createAppsScriptFakes({ timeZone: 'America/Chicago', scriptTimeZone: 'Europe/Berlin' });
    expect(fakes.Session.getScriptTimeZone()).toBe('Europe/Berlin');
    expect(fakes.spreadsheet.getSpreadsheetTimeZone()).toBe('America/Chicago');
  });

  it('formats dates in a timezone with SimpleDateFormat patterns', () => {
    const instant = new Date('2027-03-14T08:05:09Z'); // after the US spring-forward change
    expect(formatDate(instant, 'America/Chicago', "yyyy-MM-dd'T'HH:mm:ss Z")).toBe('2027-03-14T03:05:09 -0500');
    expect(formatDate(instant, 'UTC', 'EEE d MMM yy, h:mm a')).toBe('Sun 14 Mar 27, 8:05 AM');
    expect(createAppsScriptFakes().Utilities.formatDate(instant, 'Asia/Kolkata', 'yyyyMMdd HHmm')).toBe('20270314 1335');
  });

  it('logs with %s placeholders', () => {
    const fakes = createAppsScriptFakes();
    fakes.Logger.log('matched %s of %s', 3, 4);
    fakes.Logger.log({ toString: () => 'object' });
    expect(fakes.Logger.getLog()).toBe('matched 3 of 4\nobject');
  });

  it('counts service calls by class and method', () => {
    const fakes = createAppsScriptFakes();
    fakes.PropertiesService.getDocumentProperties().getProperty('x');
    fakes.LockService.getDocumentLock()!.tryLock(10);
    expect(fakes.calls.snapshot()).toEqual({
      'DocumentProperties.getProperty': 1,
      'Lock.tryLock': 1,
      'LockService.getDocumentLock': 1,
      'PropertiesService.getDocumentProperties': 1,
    });
  });
});

describe('ScriptApp for an editor add-on', () => {
  const A = 'ms.lee@school.example';
  const B = 'mr.diaz@school.example';

  function twoDocuments() {
    const accounts = new FakeAccounts(A);
    const store = new TriggerStore();
    const doc = (id: string) => {
      const fakes = createAppsScriptFakes({ accounts, spreadsheetId: id });
      return { fakes, script: createScriptAppFake(fakes.calls, { accounts, store, documentId: id }) };
    };
    return { accounts, one: doc('doc-1'), two: doc('doc-2') };
  }

  it('lists the user’s triggers of every document in getProjectTriggers, of one document in getUserTriggers', () => {
    const { accounts, one, two } = twoDocuments();
    one.script.ScriptApp.newTrigger('runPendingWork').timeBased().everyHours(1).create();
    two.script.ScriptApp.newTrigger('runPendingWork').timeBased().everyHours(1).create();
    expect(one.script.ScriptApp.getProjectTriggers()).toHaveLength(2);
    expect(one.script.ScriptApp.getUserTriggers(one.fakes.spreadsheet).map((t) => t.getUniqueId())).toEqual(['1']);
    accounts.actAs(B);
    expect(one.script.ScriptApp.getProjectTriggers()).toEqual([]);
    expect(one.script.ScriptApp.getUserTriggers(one.fakes.spreadsheet)).toEqual([]);
    const [aTrigger] = (accounts.runAs(A, () => one.script.ScriptApp.getProjectTriggers()));
    expect(() => one.script.ScriptApp.deleteTrigger(aTrigger)).toThrow('does not exist');
  });

  it('allows one time-based trigger per user per document, at most hourly', () => {
    const { accounts, one, two } = twoDocuments();
    const { ScriptApp } = one.script;
    expect(() => ScriptApp.newTrigger('f').timeBased().after(60000).create()).toThrow('at most once per hour');
    expect(() => ScriptApp.newTrigger('f').timeBased().everyMinutes(30).create()).toThrow('at most once per hour');
    const first = ScriptApp.newTrigger('f').timeBased().everyHours(1).create();
    expect(() => ScriptApp.newTrigger('g').timeBased().after(2 * 3600000).create()).toThrow('too many time-based triggers');
    two.script.ScriptApp.newTrigger('f').timeBased().everyHours(1).create();
    accounts.runAs(B, () => ScriptApp.newTrigger('f').timeBased().everyHours(1).create());
    ScriptApp.deleteTrigger(first);
    ScriptApp.newTrigger('g').timeBased().after(3600000).create();
    expect(one.script.pending().map((t) => [t.handler, t.owner])).toEqual([['f', B], ['g', A]]);
  });

  it('fires each trigger as its owner; a one-time trigger fires once, a recurring one every time', () => {
    const { accounts, one } = twoDocuments();
    one.script.ScriptApp.newTrigger('hourly').timeBased().everyHours(1).create();
    accounts.runAs(B, () => one.script.ScriptApp.newTrigger('once').timeBased().after(3600000).create());
    const ran: string[] = [];
    one.script.fireDue((handler) => ran.push(`${handler} as ${accounts.current}`));
    one.script.fireDue((handler) => ran.push(`${handler} as ${accounts.current}`));
    expect(ran).toEqual([`hourly as ${A}`, `once as ${B}`, `hourly as ${A}`]);
  });
});

describe('accounts', () => {
  it('Session and user properties answer for the account running the script', () => {
    const fakes = createAppsScriptFakes({ userEmail: 'ms.lee@school.example' });
    fakes.PropertiesService.getUserProperties().setProperty('k', 'lee');
    fakes.accounts.actAs('mr.diaz@school.example');
    expect(fakes.Session.getEffectiveUser().getEmail()).toBe('mr.diaz@school.example');
    expect(fakes.PropertiesService.getUserProperties().getProperty('k')).toBeNull();
    fakes.PropertiesService.getDocumentProperties().setProperty('shared', 'yes');
    fakes.accounts.actAs('ms.lee@school.example');
    expect(fakes.PropertiesService.getUserProperties().getProperty('k')).toBe('lee');
    expect(fakes.PropertiesService.getDocumentProperties().getProperty('shared')).toBe('yes');
  });
});
