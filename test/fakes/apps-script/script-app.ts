// ScriptApp for the triggers of an editor add-on: newTrigger(fn).timeBased().after(ms) / .everyHours(n)
// .create(), newTrigger(fn).forSpreadsheet(ss).onFormSubmit() (onOpen, onEdit, onChange) .create(),
// getProjectTriggers, getUserTriggers(spreadsheet) and deleteTrigger, with every call counted. Tests
// fire triggers by hand (`fireDue` for time-driven ones, `fireFormSubmit` for a submission), as Apps
// Script would, each as the account that created it; a fired one-time trigger stays listed until
// deleted, as in Apps Script.
//
// What the fake holds an add-on to, from Google's documentation:
// - "Installable triggers always run under the account of the person who created them" and "a given
//   account cannot see triggers installed from a second account" (guides/triggers/installable): each
//   trigger has an owner, and only its owner lists or deletes it.
// - ScriptApp.getProjectTriggers() "gets all installable triggers associated with the current project
//   and current user" — for an add-on that is every document the user uses it in — while
//   getUserTriggers(spreadsheet) "gets all installable triggers owned by this user in the given
//   spreadsheet, for this script or add-on only" (reference/script/script-app).
// - "An add-on can use a time-driven trigger once per hour at most" (guides/triggers/installable), and
//   an editor add-on may have one trigger of each type per user per document (add-ons editor-triggers
//   guide, "Installable trigger restrictions"), and only for the document it is used in ("Add-ons can
//   only create triggers for the file in which the add-on is used"). The exact wording of Apps
//   Script's errors for these limits is not documented; the fake's messages say what was refused.
import { FakeAccounts } from './accounts';
import { CallCounter, Counted } from './calls';
import { fakeEnum } from './enums';
import { asGas } from './spreadsheet';

type GasTrigger = GoogleAppsScript.Script.Trigger;

export const EventType = fakeEnum<typeof GoogleAppsScript.Script.EventType>(['CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE']);
export const TriggerSource = fakeEnum<typeof GoogleAppsScript.Script.TriggerSource>(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR']);
export const AuthMode = fakeEnum<typeof GoogleAppsScript.Script.AuthMode>(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']);
/** What the fake says when an add-on creates a trigger for a document other than the one it runs in. */
export const ADD_ON_OTHER_DOCUMENT_MESSAGE = 'Add-ons may only create triggers for the document in which they are used.';

type TriggerEvent = 'CLOCK' | 'ON_FORM_SUBMIT' | 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE';

export const HOUR_MS = 3600000;
export const ADD_ON_TRIGGER_LIMIT_MESSAGE =
  'This add-on has created too many time-based triggers in this document for this Google user account.';
export const ADD_ON_FREQUENCY_MESSAGE = 'Add-ons may only use time-based triggers that run at most once per hour.';

export interface TriggerRecord {
  id: string;
  handler: string;
  /** Absent on records of earlier tests: a clock trigger. */
  eventType?: TriggerEvent;
  /** The account that created it: the trigger runs as this account. */
  owner: string;
  /** The document the add-on was used in when the trigger was created. */
  documentId: string;
  /** Milliseconds until a one-time trigger fires, or the period of a recurring one. */
  afterMs: number;
  recurring: boolean;
  fired: boolean;
  deleted: boolean;
}

/** Every trigger of the add-on, whoever created it and in whichever document: share it between documents. */
export class TriggerStore {
  readonly triggers: TriggerRecord[] = [];
}

class FakeTrigger extends Counted implements Pick<GasTrigger, 'getEventType' | 'getHandlerFunction' | 'getTriggerSource' | 'getTriggerSourceId' | 'getUniqueId'> {
  constructor(
    calls: CallCounter,
    readonly record: TriggerRecord,
  ) {
    super(calls, 'Trigger');
  }

  getEventType(): GoogleAppsScript.Script.EventType {
    this.track('getEventType');
    return EventType[this.record.eventType ?? 'CLOCK'];
  }

  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    this.track('getTriggerSource');
    return isClock(this.record) ? TriggerSource.CLOCK : TriggerSource.SPREADSHEETS;
  }

  getHandlerFunction(): string {
    this.track('getHandlerFunction');
    return this.record.handler;
  }

  /** A clock trigger has no source document in the reference (null); a spreadsheet trigger's is the spreadsheet's ID. */
  getTriggerSourceId(): string {
    this.track('getTriggerSourceId');
    return (isClock(this.record) ? null : this.record.documentId) as unknown as string;
  }

  getUniqueId(): string {
    this.track('getUniqueId');
    return this.record.id;
  }
}

interface Context {
  calls: CallCounter;
  store: TriggerStore;
  accounts: FakeAccounts;
  documentId: string;
  addOn: boolean;
}

class FakeClockTriggerBuilder extends Counted {
  private afterMs: number | null = null;
  private recurring = false;

  constructor(
    private readonly context: Context,
    private readonly handler: string,
  ) {
    super(context.calls, 'ClockTriggerBuilder');
  }

  after(milliseconds: number): this {
    this.track('after');
    if (!Number.isInteger(milliseconds) || milliseconds < 0) throw new Error('Invalid argument: durationMilliseconds');
    this.afterMs = milliseconds;
    this.recurring = false;
    return this;
  }

  everyHours(n: number): this {
    this.track('everyHours');
    if (!Number.isInteger(n) || n < 1) throw new Error('Invalid argument: n');
    this.afterMs = n * HOUR_MS;
    this.recurring = true;
    return this;
  }

  everyMinutes(n: number): this {
    this.track('everyMinutes');
    if (![1, 5, 10, 15, 30].includes(n)) throw new Error('Invalid argument: n');
    this.afterMs = n * 60000;
    this.recurring = true;
    return this;
  }

  create(): GasTrigger {
    this.track('create');
    if (this.afterMs === null) throw new Error('The trigger needs a time: call after(), everyHours() or everyMinutes() first.');
    const { store, accounts, documentId, addOn } = this.context;
    if (addOn && this.afterMs < HOUR_MS) throw new Error(ADD_ON_FREQUENCY_MESSAGE);
    const owner = accounts.current;
    if (addOn && store.triggers.some((t) => isLive(t) && isClock(t) && t.owner === owner && t.documentId === documentId)) {
      throw new Error(ADD_ON_TRIGGER_LIMIT_MESSAGE);
    }
    const record: TriggerRecord = {
      id: String(store.triggers.length + 1),
      handler: this.handler,
      owner,
      documentId,
      afterMs: this.afterMs,
      recurring: this.recurring,
      fired: false,
      deleted: false,
    };
    store.triggers.push(record);
    return asGas(new FakeTrigger(this.context.calls, record));
  }
}

function isClock(trigger: TriggerRecord): boolean {
  return (trigger.eventType ?? 'CLOCK') === 'CLOCK';
}

/** ScriptApp.newTrigger(fn).forSpreadsheet(ss).onFormSubmit() (or onOpen, onEdit, onChange) .create(). */
class FakeSpreadsheetTriggerBuilder extends Counted {
  private eventType: TriggerEvent | null = null;

  constructor(
    private readonly context: Context,
    private readonly handler: string,
    private readonly documentId: string,
  ) {
    super(context.calls, 'SpreadsheetTriggerBuilder');
  }

  onFormSubmit(): this {
    this.track('onFormSubmit');
    this.eventType = 'ON_FORM_SUBMIT';
    return this;
  }

  onOpen(): this {
    this.track('onOpen');
    this.eventType = 'ON_OPEN';
    return this;
  }

  onEdit(): this {
    this.track('onEdit');
    this.eventType = 'ON_EDIT';
    return this;
  }

  onChange(): this {
    this.track('onChange');
    this.eventType = 'ON_CHANGE';
    return this;
  }

  /** An add-on: only for its own document, and one trigger of each type per user and document. */
  create(): GasTrigger {
    this.track('create');
    if (this.eventType === null) throw new Error('The trigger needs an event: call onFormSubmit(), onOpen(), onEdit() or onChange() first.');
    const { store, accounts, addOn } = this.context;
    const owner = accounts.current;
    if (addOn && this.documentId !== this.context.documentId) throw new Error(ADD_ON_OTHER_DOCUMENT_MESSAGE);
    if (addOn && store.triggers.some((t) => !t.deleted && t.eventType === this.eventType && t.owner === owner && t.documentId === this.documentId)) {
      throw new Error(`This add-on has created too many ${this.eventType} triggers in this document for this Google user account.`);
    }
    const record: TriggerRecord = {
      id: String(store.triggers.length + 1),
      handler: this.handler,
      eventType: this.eventType,
      owner,
      documentId: this.documentId,
      afterMs: 0,
      recurring: true,
      fired: false,
      deleted: false,
    };
    store.triggers.push(record);
    return asGas(new FakeTrigger(this.context.calls, record));
  }
}

/** Not deleted, and (for a one-time trigger) not fired yet: the add-on limit counts these. */
function isLive(trigger: TriggerRecord): boolean {
  return !trigger.deleted && (trigger.recurring || !trigger.fired);
}

class FakeTriggerBuilder extends Counted {
  constructor(
    private readonly context: Context,
    private readonly handler: string,
  ) {
    super(context.calls, 'TriggerBuilder');
  }

  timeBased(): FakeClockTriggerBuilder {
    this.track('timeBased');
    return new FakeClockTriggerBuilder(this.context, this.handler);
  }

  forSpreadsheet(sheet: GoogleAppsScript.Spreadsheet.Spreadsheet | string): FakeSpreadsheetTriggerBuilder {
    this.track('forSpreadsheet');
    return new FakeSpreadsheetTriggerBuilder(this.context, this.handler, typeof sheet === 'string' ? sheet : documentIdOf(sheet));
  }
}

export class FakeScriptApp extends Counted {
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly AuthMode = AuthMode;

  constructor(private readonly context: Context) {
    super(context.calls, 'ScriptApp');
  }

  get triggers(): TriggerRecord[] {
    return this.context.store.triggers;
  }

  newTrigger(functionName: string): FakeTriggerBuilder {
    this.track('newTrigger');
    return new FakeTriggerBuilder(this.context, String(functionName));
  }

  /** The current user's triggers of the add-on in every document. */
  getProjectTriggers(): GasTrigger[] {
    this.track('getProjectTriggers');
    return this.handles((t) => t.owner === this.context.accounts.current);
  }

  /** The current user's triggers of the add-on in `document` only. */
  getUserTriggers(document: GoogleAppsScript.Spreadsheet.Spreadsheet): GasTrigger[] {
    this.track('getUserTriggers');
    const documentId = documentIdOf(document);
    return this.handles((t) => t.owner === this.context.accounts.current && t.documentId === documentId);
  }

  deleteTrigger(trigger: GasTrigger): void {
    this.track('deleteTrigger');
    const id = (trigger as unknown as FakeTrigger).record?.id;
    const record = this.triggers.find((t) => t.id === id && !t.deleted && t.owner === this.context.accounts.current);
    if (!record) throw new Error('The trigger does not exist.');
    record.deleted = true;
  }

  private handles(keep: (trigger: TriggerRecord) => boolean): GasTrigger[] {
    return this.triggers.filter((t) => !t.deleted && keep(t)).map((record) => asGas<GasTrigger>(new FakeTrigger(this.calls, record)));
  }
}

/** The fake spreadsheet's ID without counting a call (the real service knows its document). */
function documentIdOf(document: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  const fake = document as unknown as { documentId?: () => string };
  if (typeof fake.documentId !== 'function') throw new Error('getUserTriggers needs a spreadsheet of the fakes.');
  return fake.documentId();
}

export interface ScriptAppFakeOptions {
  /** Whose script runs now (default: one account). Share it with the other fakes of the test. */
  accounts?: FakeAccounts;
  /** The document the add-on runs in (default: the fakes' default spreadsheet ID). */
  documentId?: string;
  /** Share one store between the documents of a test: an add-on's triggers span all of them. */
  store?: TriggerStore;
  /** Apply the editor add-on limits (default true). */
  addOn?: boolean;
}

export interface ScriptAppFake {
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  fake: FakeScriptApp;
  store: TriggerStore;
  /** Triggers of this document that will still fire (recurring ones, and one-time ones not fired yet). */
  pending(): { handler: string; afterMs: number; owner: string; recurring: boolean }[];
  /**
   * Fires every pending trigger of this document once, each as its owner, calling `run(handler)` (as the
   * scheduler would); returns the handlers fired.
   */
  fireDue(run: (handler: string) => void): string[];
  /** The live form-submit triggers of this document. */
  formSubmitTriggers(): TriggerRecord[];
  /**
   * A form was submitted: every live form-submit trigger of this document runs, as its owner, with the
   * event `eventOf(triggerUid)` (Apps Script sends each trigger its own triggerUid). Returns how many ran.
   */
  fireFormSubmit(eventOf: (triggerUid: string) => unknown, run: (handler: string, event: unknown) => void): number;
}

export function createScriptAppFake(calls: CallCounter, options: ScriptAppFakeOptions = {}): ScriptAppFake {
  const context: Context = {
    calls,
    store: options.store ?? new TriggerStore(),
    accounts: options.accounts ?? new FakeAccounts(),
    documentId: options.documentId ?? 'fake-spreadsheet-id',
    addOn: options.addOn ?? true,
  };
  const fake = new FakeScriptApp(context);
  const live = () => context.store.triggers.filter((t) => isLive(t) && isClock(t) && t.documentId === context.documentId);
  const formSubmit = () => context.store.triggers.filter((t) => !t.deleted && t.eventType === 'ON_FORM_SUBMIT' && t.documentId === context.documentId);
  return {
    ScriptApp: asGas<GoogleAppsScript.Script.ScriptApp>(fake),
    fake,
    store: context.store,
    pending: () => live().map(({ handler, afterMs, owner, recurring }) => ({ handler, afterMs, owner, recurring })),
    fireDue: (run) => {
      const due = live();
      for (const trigger of due) {
        if (!trigger.recurring) trigger.fired = true;
        context.accounts.runAs(trigger.owner, () => run(trigger.handler));
      }
      return due.map((trigger) => trigger.handler);
    },
    formSubmitTriggers: formSubmit,
    fireFormSubmit: (eventOf, run) => {
      const triggers = formSubmit();
      for (const trigger of triggers) context.accounts.runAs(trigger.owner, () => run(trigger.handler, eventOf(trigger.id)));
      return triggers.length;
    },
  };
}
