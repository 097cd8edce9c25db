// A program on the Apps Script fakes with the FormApp, MailApp, ScriptApp and CalendarApp fakes, the
// built bundle loaded over it: for the forms integration tests and the forms benchmark.
import { REFLECTION, type FormKind } from '../../src/core/forms/questions';
import { createAppsScriptFakes, type AppsScriptFakes } from '../fakes/apps-script';
import { createCalendarFake, type CalendarFake } from '../fakes/apps-script/calendar';
import { createFormsFake, formSubmitEvent, type FormRecord, type FormsFake } from '../fakes/apps-script/forms';
import { createMailFake, type FakeMailApp } from '../fakes/apps-script/mail';
import { createScriptAppFake, type ScriptAppFake } from '../fakes/apps-script/script-app';
import { entryPoint, loadBundle, type BundleContext } from './load-bundle';
import { fixtureTabs, STUDENT_HEADERS } from './program-fixture';

export const NOW = new Date('2027-03-01T20:30:00Z'); // Monday 15:30 in New York
const PAIR_HEADERS = ['Pair ID', 'Tutor ID', 'Tutor', 'Tutee ID', 'Tutee', 'Subject', 'Block', 'Status', 'Locked', 'Score', 'Why', 'Start date', 'End date'];
const SESSION_HEADERS = ['Session ID', 'Pair ID', 'Date', 'Start', 'End', 'Block', 'Status', 'Calendar event ID', 'Tutor present', 'Tutee present', 'Notes'];

export interface FormsWorld {
  fakes: AppsScriptFakes;
  forms: FormsFake;
  mail: FakeMailApp;
  script: ScriptAppFake;
  calendar: CalendarFake;
  bundle: BundleContext;
}

export const sessionId = (pair: number) => `P-${String(pair).padStart(4, '0')}-20270301`;

/** `pairs` Active Math pairs (tutor T-i, tutee U-i), each with a session today, and the example exit-ticket questions; `advancedCalendar` enables the advanced Calendar service. */
export function formsWorld(pairs: number, extraSessionsPerPair = 0, options: { advancedCalendar?: boolean; meetPendingReads?: number } = {}): FormsWorld {
  const tabs = fixtureTabs();
  tabs.Students = [STUDENT_HEADERS];
  tabs.Pairs = [PAIR_HEADERS];
  tabs.Sessions = [SESSION_HEADERS];
  for (let i = 1; i <= pairs; i++) {
    tabs.Students.push([`T-${i}`, `Tutor ${i}`, '', 10, 'Tutor', 'Math 4', '', 'English', '', 'All', '', 'Yes', 'Yes', 'Yes']);
    tabs.Students.push([`U-${i}`, `Tutee ${i}`, '', 7, 'Tutee', '', 'Math 2', 'English', '', 'All', '', 'Yes', 'No', 'Yes']);
    const id = `P-${String(i).padStart(4, '0')}`;
    tabs.Pairs.push([id, `T-${i}`, `Tutor ${i}`, `U-${i}`, `Tutee ${i}`, 'Math', 'Mon-A', 'Active', 'No', 1, '', '', '']);
    tabs.Sessions.push([sessionId(i), id, '2027-03-01', '15:15', '16:00', 'Mon-A', 'Scheduled', '', '', '', '']);
    for (let week = 1; week <= extraSessionsPerPair; week++) {
      const date = new Date(Date.UTC(2027, 2, 1 + 7 * week)).toISOString().slice(0, 10);
      tabs.Sessions.push([`${id}-${date.replace(/-/g, '')}`, id, date, '15:15', '16:00', 'Mon-A', 'Scheduled', '', '', '', '']);
    }
  }
  const fakes = createAppsScriptFakes({ timeZone: 'America/New_York' });
  for (const [name, grid] of Object.entries(tabs)) fakes.seedSheet(name, grid);
  const forms = createFormsFake(fakes.calls, [fakes.fakeSpreadsheet]);
  const mail = createMailFake(fakes.calls, fakes.accounts);
  const script = createScriptAppFake(fakes.calls, { accounts: fakes.accounts });
  const calendar = createCalendarFake(fakes.calls, { timeZone: 'UTC', accounts: fakes.accounts, meetPendingReads: options.meetPendingReads ?? 0 });
  const advanced = options.advancedCalendar ? { Calendar: calendar.Calendar } : {};
  const bundle = loadBundle(fakes, { FormApp: forms.FormApp, MailApp: mail.MailApp, ScriptApp: script.ScriptApp, CalendarApp: calendar.CalendarApp, ...advanced });
  entryPoint(bundle, 'menuSetUpProgram')();
  return { fakes, forms, mail: mail.fake, script, calendar, bundle };
}

export function createForms(w: FormsWorld): string {
  entryPoint(w.bundle, 'menuCreateForms')();
  return w.fakes.ui.dialogs[w.fakes.ui.dialogs.length - 1].output.getContent();
}

export function formOf(w: FormsWorld, kind: FormKind): FormRecord {
  const form = w.forms.forms().find((record) => record.title.endsWith(kind));
  if (!form) throw new Error(`no ${kind} form`);
  return form;
}

export function reflectionAnswers(pair: number, role: 'Tutor' | 'Tutee', extra: Record<string, string> = {}): Record<string, string> {
  return {
    Session: sessionId(pair),
    'Student ID': `${role === 'Tutor' ? 'T' : 'U'}-${pair}`,
    'I am the': role,
    [REFLECTION.mood]: '4',
    [REFLECTION.confidence]: '3',
    [REFLECTION.held]: 'Yes',
    [REFLECTION.partnerPresent]: 'Yes',
    [REFLECTION.talkToTeacher]: 'No',
    ...extra,
  };
}

/** A student submits; the form-submit trigger(s) fire with the event Sheets sends. Returns the event. */
export function submit(w: FormsWorld, kind: FormKind, answers: Record<string, string>, at = new Date()) {
  const { sheet, row } = w.forms.submit(formOf(w, kind).id, answers, at);
  const events: unknown[] = [];
  w.script.fireFormSubmit(
    (uid) => {
      const event = formSubmitEvent(sheet, row, uid);
      events.push(event);
      return event;
    },
    (handler, event) => entryPoint(w.bundle, handler)(event),
  );
  return events[0] as ReturnType<typeof formSubmitEvent>;
}

export function rowsOf(w: FormsWorld, tab: string): Record<string, unknown>[] {
  const sheet = w.fakes.spreadsheet.getSheetByName(tab);
  if (!sheet) return [];
  const grid = sheet.getDataRange().getValues();
  return grid.slice(1).map((row) => Object.fromEntries(grid[0].map((header, i) => [String(header), row[i]])));
}

