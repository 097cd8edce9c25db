// ScriptApp for time-based triggers: newTrigger(fn).timeBased().after(ms).create(), getProjectTriggers,
// deleteTrigger, with every call counted. Tests fire due triggers by hand (`fireDue`), as the
// Apps Script scheduler would, and a fired one-time trigger stays listed until deleted, as in Apps Script.
import { CallCounter, Counted } from './calls';
import { asGas } from './spreadsheet';

type GasTrigger = GoogleAppsScript.Script.Trigger;

interface TriggerRecord {
  id: string;
  handler: string;
  afterMs: number;
  fired: boolean;
  deleted: boolean;
}

class FakeTrigger extends Counted implements Pick<GasTrigger, 'getHandlerFunction' | 'getUniqueId'> {
  constructor(
    calls: CallCounter,
    readonly record: TriggerRecord,
  ) {
    super(calls, 'Trigger');
  }

  getHandlerFunction(): string {
    this.track('getHandlerFunction');
    return this.record.handler;
  }

  getUniqueId(): string {
    this.track('getUniqueId');
    return this.record.id;
  }
}

class FakeClockTriggerBuilder extends Counted {
  private afterMs: number | null = null;

  constructor(
    calls: CallCounter,
    private readonly handler: string,
    private readonly triggers: TriggerRecord[],
  ) {
    super(calls, 'ClockTriggerBuilder');
  }

  after(milliseconds: number): this {
    this.track('after');
    if (!Number.isInteger(milliseconds) || milliseconds < 0) throw new Error('Invalid argument: durationMilliseconds');
    this.afterMs = milliseconds;
    return this;
  }

  create(): GasTrigger {
    this.track('create');
    if (this.afterMs === null) throw new Error('The trigger needs a time: call after() or at() first.');
    const record: TriggerRecord = { id: String(this.triggers.length + 1), handler: this.handler, afterMs: this.afterMs, fired: false, deleted: false };
    this.triggers.push(record);
    return asGas(new FakeTrigger(this.calls, record));
  }
}

class FakeTriggerBuilder extends Counted {
  constructor(
    calls: CallCounter,
    private readonly handler: string,
    private readonly triggers: TriggerRecord[],
  ) {
    super(calls, 'TriggerBuilder');
  }

  timeBased(): FakeClockTriggerBuilder {
    this.track('timeBased');
    return new FakeClockTriggerBuilder(this.calls, this.handler, this.triggers);
  }
}

export class FakeScriptApp extends Counted {
  readonly triggers: TriggerRecord[] = [];

  constructor(calls: CallCounter) {
    super(calls, 'ScriptApp');
  }

  newTrigger(functionName: string): FakeTriggerBuilder {
    this.track('newTrigger');
    return new FakeTriggerBuilder(this.calls, String(functionName), this.triggers);
  }

  getProjectTriggers(): GasTrigger[] {
    this.track('getProjectTriggers');
    return this.triggers.filter((t) => !t.deleted).map((record) => asGas<GasTrigger>(new FakeTrigger(this.calls, record)));
  }

  deleteTrigger(trigger: GasTrigger): void {
    this.track('deleteTrigger');
    const id = (trigger as unknown as FakeTrigger).record?.id;
    const record = this.triggers.find((t) => t.id === id && !t.deleted);
    if (!record) throw new Error('The trigger does not exist.');
    record.deleted = true;
  }
}

export interface ScriptAppFake {
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  fake: FakeScriptApp;
  /** Triggers that exist and have not fired yet. */
  pending(): { handler: string; afterMs: number }[];
  /**
   * Fires every pending trigger once, calling `run(handler)` for each (as the scheduler would);
   * returns the handlers fired.
   */
  fireDue(run: (handler: string) => void): string[];
}

export function createScriptAppFake(calls: CallCounter): ScriptAppFake {
  const fake = new FakeScriptApp(calls);
  const live = () => fake.triggers.filter((t) => !t.deleted && !t.fired);
  return {
    ScriptApp: asGas<GoogleAppsScript.Script.ScriptApp>(fake),
    fake,
    pending: () => live().map(({ handler, afterMs }) => ({ handler, afterMs })),
    fireDue: (run) => {
      const due = live();
      for (const trigger of due) {
        trigger.fired = true;
        run(trigger.handler);
      }
      return due.map((trigger) => trigger.handler);
    },
  };
}
