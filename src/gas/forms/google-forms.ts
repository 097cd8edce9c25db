// The Google side of reflections and exit tickets: Create forms, the one form-submit trigger, filing
// the responses tabs (the durable queue) under the document lock, and the talk-to-a-teacher emails.
// Thin: what to build and how to file is decided in src/core and src/sheets; this applies it with
// FormApp, ScriptApp, MailApp and the document's properties, all passed in so the fakes can stand in.
//
// Why it works the way it does (see README, "How it runs in Google"):
// - An editor add-on may have one trigger of each type per user and document, so ONE spreadsheet
//   form-submit trigger serves both forms (they write to two responses tabs of the same spreadsheet).
// - Google writes each submission to its responses tab before any trigger runs. When 30–60 students
//   submit at once, a run waits only a few seconds for the document lock; one that cannot get it does
//   nothing else than make sure the hourly dispatcher comes back. The next run that gets the lock (the
//   next submission, the dispatcher, the sidebar opening, File responses) files every row not yet
//   filed, in order; Response IDs make each one a single row however often it is seen.
import { consentFormPlan, exitTicketFormPlan, helpRequestFormPlan, reflectionFormPlan } from '../../core/forms/form-plan';
import { emailHelpBookings, tutoredSubjects } from '../sessions/help-mail';
import { pendingConsents, writeConsentLinks, type PendingConsent } from '../../sheets/people/consent-tab';
import type { FormTemplates } from '../../core/forms/links';
import type { FormKind } from '../../core/forms/questions';
import { describeProblem } from '../../sheets/problems';
import { refileNeedsReview, type FilingReport } from '../../sheets/forms/filing-service';
import { readExitTicketQuestions } from '../../sheets/forms/questions-tab';
import { discoverResponsesTabs, fileQueuedResponses, responsesTabForm, withResponsesTab, type QueueRun } from '../../sheets/forms/response-queue';
import { fillSessionLinks, type LinksReport } from '../../sheets/forms/session-links';
import type { FormsPort, FormsStatus } from '../../sheets/forms-port';
import { readProgram } from '../../sheets/roster';
import type { TableStore } from '../../sheets/table-store';
import type { HelpBookingReport } from '../../sheets/sessions/help-requests';
import type { PendingWork } from '../pending-work';
import { CALENDAR_ID } from '../program-calendar';
import { ensureForm, type FormAppService, type FormOutcome } from './form-builder';
import { FormsState, type FormProperties } from './forms-state';
import { emailTalkRequests, unsentNotice, type MailService } from './talk-mail';

/** The function the form-submit trigger calls (an entry point of the bundle). */
export const SUBMIT_FUNCTION = 'fileSubmittedResponse';
/** How long a form-submit run (and the sidebar opening) waits for the document lock: a few seconds, not 30. */
export const SHORT_LOCK_WAIT_MS = 5000;

type Lock = <T>(task: () => T, waitMs: number) => { ran: true; value: T } | { ran: false };

export interface FormsServices {
  formApp: FormAppService;
  mailApp: MailService;
  scriptApp: Pick<GoogleAppsScript.Script.ScriptApp, 'newTrigger' | 'getUserTriggers' | 'deleteTrigger'>;
  /** Only to learn who installs the trigger: the default calendar's ID is the account's email (no email scope needed). */
  calendarApp: Pick<GoogleAppsScript.Calendar.CalendarApp, 'getId'>;
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  store: TableStore;
  properties: FormProperties;
  pendingWork(): PendingWork;
  /**
   * Gives booked one-off sessions their Calendar events (see sessions/one-off-events); how many are
   * left for a later run. `beforeCreating` registers the work before Calendar is first asked.
   */
  oneOffEvents?(booked: boolean, beforeCreating: () => void): { left: number };
  tryLock: Lock;
  now(): Date;
}

/** The spreadsheet form-submit event, as far as the add-on reads it. */
export interface FormSubmitEvent {
  range?: { getSheet(): { getName(): string } };
  values?: string[];
  namedValues?: Record<string, string[]>;
  triggerUid?: string;
}

export interface FormReport {
  outcome: FormOutcome | 'not created';
  url: string;
  /** Why the form was not created (the Exit ticket quiz without questions). */
  reason?: string;
}

export interface CreateFormsReport {
  reflection: FormReport;
  exitTicket: FormReport;
  helpRequest: FormReport;
  skills: number;
  questions: number;
  /** Exit ticket questions rows left out, each located. */
  problems: string[];
  trigger: 'installed' | 'kept';
  links: LinksReport;
}

export interface ConsentFormReport {
  form: FormReport;
  trigger: 'installed' | 'kept';
  /** Students whose link was written (or rewritten) on the Students tab. */
  linksWritten: number;
  pending: PendingConsent[];
}

export interface FileResponsesReport {
  queue: QueueRun;
  refiled: FilingReport;
  unsentMail: number;
}

export class GoogleForms implements FormsPort {
  private readonly state: FormsState;

  constructor(private readonly services: FormsServices) {
    this.state = new FormsState(services.properties);
  }

  linkTemplates(): FormTemplates | null {
    return this.state.templates();
  }

  // --- Create forms (the document lock is held) ---------------------------------------------------

  createForms(): CreateFormsReport {
    const { store, spreadsheet, formApp } = this.services;
    const { program } = readProgram(store);
    const programName = program.settings.programName;
    const { questions, problems } = readExitTicketQuestions(store);
    const spreadsheetId = spreadsheet.getId();
    // Linking a form adds a tab behind the store's back: the spreadsheet itself is asked.
    const tabsBefore = new Set(this.sheetNames());
    const ensure = (form: FormKind, plan: ReturnType<typeof reflectionFormPlan>): FormReport => {
      const result = ensureForm(formApp, spreadsheetId, plan, this.state.form(form));
      this.state.saveForm(form, result.stored);
      return { outcome: result.outcome, url: result.stored.publishedUrl };
    };
    const reflection = ensure('Reflection', reflectionFormPlan(programName));
    const exitTicket = questions.length ? ensure('Exit ticket', exitTicketFormPlan(programName, questions)) : this.quizWithoutQuestions();
    const helpRequest = ensure('Help request', helpRequestFormPlan(programName, tutoredSubjects(program.students)));
    this.registerNewResponsesTabs(tabsBefore);
    const trigger = this.ensureSubmitTrigger();
    const templates = this.state.templates();
    const links = templates ? fillSessionLinks(store, templates) : { linked: 0, written: false, problem: '' };
    const skills = new Set(questions.map((question) => question.skill.trim().toLowerCase())).size;
    return { reflection, exitTicket, helpRequest, skills, questions: questions.length, problems: problems.map(describeProblem), trigger, links };
  }

  /**
   * "Consent": the guardian consent form (created, or brought in line), linked to this spreadsheet and
   * filed by the same form-submit trigger; each student's prefilled link on the Students tab; who is
   * still pending. The document lock is held.
   */
  createConsentForm(): ConsentFormReport & { formUrl: string } {
    const { store, spreadsheet, formApp } = this.services;
    const programName = readProgram(store).program.settings.programName;
    const tabsBefore = new Set(this.sheetNames());
    const result = ensureForm(formApp, spreadsheet.getId(), consentFormPlan(programName), this.state.form('Consent'));
    this.state.saveForm('Consent', result.stored);
    this.registerNewResponsesTabs(tabsBefore);
    const trigger = this.ensureSubmitTrigger();
    const linksWritten = result.stored.template ? writeConsentLinks(store, result.stored.template) : 0;
    const form = { outcome: result.outcome, url: result.stored.publishedUrl };
    return { form, formUrl: form.url, trigger, linksWritten, pending: pendingConsents(store) };
  }

  /** The consent form's address, once it exists. */
  consentFormUrl(): string | null {
    return this.state.form('Consent')?.publishedUrl ?? null;
  }

  private sheetNames(): string[] {
    return this.services.spreadsheet.getSheets().map((sheet) => sheet.getName());
  }

  /** A quiz needs at least one skill to choose: without questions an existing quiz is left as it is. */
  private quizWithoutQuestions(): FormReport {
    const stored = this.state.form('Exit ticket');
    const reason = `${stored ? 'left as it is' : 'not created'}: the Exit ticket questions tab has no complete question`;
    return { outcome: 'not created', url: stored?.publishedUrl ?? '', reason };
  }

  /** Linking a form adds its responses tab: every tab new since `before` that is one joins the queue. */
  private registerNewResponsesTabs(before: ReadonlySet<string>): void {
    const queue = this.state.queue();
    let marks = queue.load();
    const known = marks.length;
    for (const tab of this.sheetNames().filter((name) => !before.has(name))) {
      const form = responsesTabForm(this.services.store.readRows(tab, 1, 1)?.[0] ?? []);
      if (form) marks = withResponsesTab(marks, tab, form);
    }
    if (marks.length !== known) queue.save(marks);
  }

  /**
   * One form-submit trigger for this spreadsheet: this teacher's, found with getUserTriggers(spreadsheet)
   * (never getProjectTriggers: in an add-on that lists every document's). Its ID is recorded, so that
   * another teacher's older trigger, which this account cannot see or delete, removes itself the next
   * time it fires; and its owner's address, for the emails.
   */
  private ensureSubmitTrigger(): 'installed' | 'kept' {
    const { scriptApp, spreadsheet, calendarApp } = this.services;
    const mine = scriptApp.getUserTriggers(spreadsheet).filter((trigger) => trigger.getHandlerFunction() === SUBMIT_FUNCTION);
    mine.slice(1).forEach((extra) => scriptApp.deleteTrigger(extra));
    const trigger = mine[0] ?? scriptApp.newTrigger(SUBMIT_FUNCTION).forSpreadsheet(spreadsheet).onFormSubmit().create();
    const record = { uniqueId: trigger.getUniqueId(), notify: calendarApp.getId() };
    const stored = this.state.trigger();
    if (stored?.uniqueId !== record.uniqueId || stored.notify !== record.notify) this.state.saveTrigger(record);
    return mine.length ? 'kept' : 'installed';
  }

  // --- filing ---------------------------------------------------------------------------------------

  /**
   * Files every response waiting in the responses tabs, then emails new requests to talk; the caller
   * holds the document lock. `eventTab` is the tab a submission just wrote to, joined to the queue if
   * it is a responses tab the add-on did not know (a form linked by hand, a renamed tab).
   */
  fileQueue(eventTab?: string): { run: QueueRun; unsentMail: number } {
    const { store } = this.services;
    const queue = this.state.queue();
    if (eventTab) {
      const marks = queue.load();
      const form = marks.some((mark) => mark.tab === eventTab) ? null : responsesTabForm(store.readRows(eventTab, 1, 1)?.[0] ?? []);
      if (form) queue.save(withResponsesTab(marks, eventTab, form));
    }
    const run = fileQueuedResponses(store, queue, this.services.now());
    const unsentMail = this.emailRequests(run.report);
    if (run.report.help.booked.length) this.afterHelpBookings(run.report.help.booked);
    const work = this.services.pendingWork();
    // A withdrawn consent ended pairs: their future sessions and Calendar series go at the next sync.
    if (run.report.consent?.pairsEnded.length && this.services.properties.getProperty(CALENDAR_ID)) work.add('calendarSync');
    const events = this.oneOffEvents(work, run.report.help.booked.length > 0);
    if (events === 'left') work.add('fileResponses');
    else if (events === 'done' && work.has('fileResponses')) work.finish('fileResponses');
    // The dashboard follows in the background (one refresh however many responses came meanwhile).
    if (run.report.reflections + run.report.exitTickets > 0) work.refreshLater();
    return { run, unsentMail };
  }

  /**
   * The one-off sessions' events: 'left' for a later run (the time budget), or 'failed' (recorded:
   * the hourly run tries again); what was filed stands either way.
   */
  private oneOffEvents(work: PendingWork, booked: boolean): 'done' | 'left' | 'failed' {
    if (!this.services.oneOffEvents) return 'done';
    try {
      return this.services.oneOffEvents(booked, () => work.add('fileResponses')).left > 0 ? 'left' : 'done';
    } catch (error) {
      work.recordFailure('fileResponses', `Calendar events of extra sessions: ${String((error as Error)?.message ?? error)}`);
      return 'failed';
    }
  }

  /** A booked one-off session gets its prefilled form links (one write of Sessions) before its two students are emailed. */
  private afterHelpBookings(booked: readonly HelpBookingReport[]): void {
    const { store } = this.services;
    const templates = this.state.templates();
    if (templates) fillSessionLinks(store, templates);
    emailHelpBookings(this.services.mailApp, booked, readProgram(store).program.settings.programName);
  }

  private emailRequests(report: FilingReport): number {
    if (report.talkRequests.length === 0 && this.state.unsentMail().length === 0) return 0;
    const { settings } = readProgram(this.services.store).program;
    return emailTalkRequests(
      {
        mailApp: this.services.mailApp,
        state: this.state,
        store: this.services.store,
        programName: settings.programName,
        spreadsheetUrl: this.services.spreadsheet.getUrl(),
        timeZone: settings.timezone || this.services.store.timeZone,
      },
      report.talkRequests,
    );
  }

  /** "File responses": every responses tab (found again by its header), then Needs review re-filed. The lock is held. */
  fileAll(): FileResponsesReport {
    const queue = this.state.queue();
    const marks = queue.load();
    const found = discoverResponsesTabs(this.services.store, marks);
    if (found.length !== marks.length) queue.save(found);
    const { run, unsentMail } = this.fileQueue();
    const refiled = refileNeedsReview(this.services.store, this.services.now());
    return { queue: run, refiled, unsentMail: unsentMail + (refiled.talkRequests.length ? this.emailRequests(refiled) : 0) };
  }

  /**
   * The form-submit trigger. A ghost event (no answer at all) is ignored. The run waits a few seconds
   * for the lock; without it, it only makes sure the hourly dispatcher will file what waits.
   */
  onSubmit(event: FormSubmitEvent | undefined): 'filed' | 'left for later' | 'ignored' {
    if (!event?.range || isGhostEvent(event)) return 'ignored';
    const recorded = this.state.trigger();
    if (recorded && event.triggerUid && event.triggerUid !== recorded.uniqueId) {
      this.removeOwnTrigger(event.triggerUid);
      return 'ignored';
    }
    const tab = event.range.getSheet().getName();
    try {
      if (this.services.tryLock(() => this.fileQueue(tab), SHORT_LOCK_WAIT_MS).ran) return 'filed';
    } catch (error) {
      // A failed run (the Spreadsheet service timing out…) loses nothing either: the rows stay in their
      // tab, the hourly run tries again, and the sidebar shows why this one stopped.
      this.recordFailure(error);
      return 'left for later';
    }
    this.leaveForLater();
    return 'left for later';
  }

  private recordFailure(error: unknown): void {
    try {
      this.services.pendingWork().recordFailure('fileResponses', String((error as Error)?.message ?? error));
    } catch {
      // the trigger limit: the hourly trigger exists already
    }
  }

  /** A trigger that is no longer the document's (another teacher installed theirs since) deletes itself. */
  private removeOwnTrigger(uniqueId: string): void {
    const { scriptApp, spreadsheet } = this.services;
    for (const trigger of scriptApp.getUserTriggers(spreadsheet)) {
      if (trigger.getUniqueId() === uniqueId) scriptApp.deleteTrigger(trigger);
    }
  }

  /**
   * Registers the filing with the hourly dispatcher without the lock. Runs of a burst may race on the
   * registry or on creating the trigger (which then throws for the one-per-document limit); whichever
   * loses, the responses stay in their tab and the next run files them.
   */
  private leaveForLater(): void {
    try {
      this.services.pendingWork().add('fileResponses');
    } catch {
      // the trigger exists already, or a run that holds the lock is filing right now
    }
  }

  /** The sidebar opening: files what waits if the lock is free within seconds, then says where the forms stand. */
  fileWaiting(): FormsStatus {
    const outcome = this.services.tryLock(() => this.fileQueue(), SHORT_LOCK_WAIT_MS);
    const filed = outcome.ran ? filedCount(outcome.value.run.report) : null;
    const notices: string[] = [];
    const unsent = outcome.ran ? outcome.value.unsentMail : this.state.unsentMail().length;
    const mail = unsentNotice(unsent, Boolean(this.state.trigger()?.notify));
    if (mail) notices.push(mail);
    if (outcome.ran && outcome.value.run.report.needsReview) {
      notices.push(`${outcome.value.run.report.needsReview} new responses could not be filed: see the Needs review tab.`);
    }
    const failure = this.services.pendingWork().failure('fileResponses');
    if (failure) notices.push(`Filing form responses in the background stopped: ${failure}`);
    return {
      reflectionUrl: this.state.form('Reflection')?.publishedUrl ?? null,
      exitTicketUrl: this.state.form('Exit ticket')?.publishedUrl ?? null,
      filed,
      notices,
    };
  }
}

function filedCount(report: FilingReport): number {
  return report.reflections + report.exitTickets + report.needsReview;
}

/** Every answer empty (the timestamp aside): Apps Script sometimes sends such an event for nothing. */
export function isGhostEvent(event: FormSubmitEvent): boolean {
  const named = event.namedValues ? Object.entries(event.namedValues).filter(([title]) => title.trim().toLowerCase() !== 'timestamp').flatMap(([, values]) => values) : null;
  const answers = named ?? (event.values ?? []).slice(1);
  return answers.every((value) => String(value ?? '').trim() === '');
}
