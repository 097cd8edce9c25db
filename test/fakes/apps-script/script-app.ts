// ScriptApp for the time-driven triggers of an editor add-on: newTrigger(fn).timeBased()
// .after(ms) / .everyHours(n) .create(), getProjectTriggers, getUserTriggers(spreadsheet) and
// deleteTrigger, with every call counted. Tests fire triggers by hand (`fireDue`), as the Apps Script
// scheduler would, each as the account that created it; a fired one-time trigger stays listed until
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
//   guide, "Installable trigger restrictions"). The exact wording of Apps Script's errors for these two
//   limits is not documented; the fake's messages say what was refused.
import { FakeAccounts } from './accounts';
import { CallCounter, Counted } from './calls';
import { fakeEnum } from './enums';
import { asGas } from './spreadsheet';

type GasTrigger = GoogleAppsScript.Script.Trigger;

export const EventType = fakeEnum<typeof GoogleAppsScript.Script.EventType>(['CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE']);

export const HOUR_MS = 3600000;
export const ADD_ON_TRIGGER_LIMIT_MESSAGE =
  'This add-on has created too many time-based triggers in this document for this Google user account.';
export const ADD_ON_FREQUENCY_MESSAGE = 'Add-ons may only use time-based triggers that run at most once per hour.';

export interface TriggerRecord {
  id: string;
  handler: string;
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

class FakeTrigger extends Counted implements Pick<GasTrigger, 'getEventType' | 'getHandlerFunction' | 'getTriggerSourceId' | 'getUniqueId'> {
  constructor(
    calls: CallCounter,
    readonly record: TriggerRecord,
  ) {
    super(calls, 'Trigger');
  }

  getEventType(): GoogleAppsScript.Script.EventType {
    this.track('getEventType');
    return EventType.CLOCK;
  }

  getHandlerFunction(): string {
    this.track('getHandlerFunction');
    return this.record.handler;
  }

  /** A clock trigger has no source document in the reference; the fake answers null as Apps Script does. */
  getTriggerSourceId(): string {
    this.track('getTriggerSourceId');
    return null as unknown as string;
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
    if (addOn && store.triggers.some((t) => isLive(t) && t.owner === owner && t.documentId === documentId)) {
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
}

export class FakeScriptApp extends Counted {
  readonly EventType = EventType;

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
  const live = () => context.store.triggers.filter((t) => isLive(t) && t.documentId === context.documentId);
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
  };
}
