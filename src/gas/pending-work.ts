// Work the add-on could not finish in one run, and the one time-driven trigger that comes back for it.
//
// Google's limits shape this (see README, "How it runs in Google"): an editor add-on may have one
// trigger of each type per user per document, and its time-driven triggers may run at most once an
// hour. So each document gets ONE hourly trigger per teacher (`runPendingWork`), created when work is
// left over and deleted when none is. What is left over is a small registry in the document's
// properties — the Calendar sync, the form responses waiting to be filed, the dashboard out of date
// and the daily alerts email —
// so every piece of unfinished work shares that one trigger. A run that cannot get the document lock does nothing and
// loses nothing: the registry still holds the work and the hourly trigger comes back.
//
// Triggers are looked up with ScriptApp.getUserTriggers(spreadsheet), never getProjectTriggers():
// in an add-on the latter lists the user's triggers in every document, and deleting from it would
// cancel another spreadsheet's pending work.

type Properties = Pick<GoogleAppsScript.Properties.Properties, 'getProperty' | 'setProperty' | 'deleteProperty'>;

export const DISPATCH_FUNCTION = 'runPendingWork';
/** The one-time follow-up of earlier versions: removed wherever found (it would count against the limit). */
export const LEGACY_CONTINUE_FUNCTION = 'continueCalendarSync';
const REGISTRY = 'ptHub.pendingWork';
const STALE = 'ptHub.dashboardStale';

/** Kinds of work that may be left over. */
export type JobName = 'calendarSync' | 'fileResponses' | 'dailyAlerts' | 'dashboardRefresh';

interface JobEntry {
  /** When the work was first left over (ISO instant), to tell the teacher how long it has waited. */
  since: string;
  /**
   * Why the last background run of it stopped. Add-ons get no failure email for their triggers'
   * errors (editor add-on trigger restrictions), so the teacher sees it in the status instead.
   */
  error?: string;
}

export interface PendingWorkServices {
  /** The document's properties: pending work belongs to the spreadsheet, whoever runs the add-on. */
  properties: Properties;
  scriptApp: Pick<GoogleAppsScript.Script.ScriptApp, 'newTrigger' | 'getUserTriggers' | 'deleteTrigger'>;
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  clock(): number;
}

export class PendingWork {
  constructor(private readonly services: PendingWorkServices) {}

  /** The jobs waiting, oldest first. */
  jobs(): JobName[] {
    return Object.entries(this.registry())
      .sort(([, a], [, b]) => a.since.localeCompare(b.since))
      .map(([name]) => name as JobName);
  }

  has(job: JobName): boolean {
    return job in this.registry();
  }

  /** Records `job` as left over and makes sure the hourly trigger will come back for it. */
  add(job: JobName): void {
    const registry = this.registry();
    const entry = registry[job];
    if (!entry || entry.error) {
      registry[job] = { since: entry?.since ?? new Date(this.services.clock()).toISOString() };
      this.save(registry);
    }
    this.ensureTrigger();
  }

  /**
   * Debounces Refresh dashboard after matching, scheduling and filed responses: the dashboard is marked
   * out of date and registered as work, so the hourly dispatcher (or the open sidebar's follow-up)
   * refreshes it once within the hour, however many changes came meanwhile. One property read when
   * already marked.
   */
  refreshLater(): void {
    const { properties } = this.services;
    if (properties.getProperty(STALE)) return;
    properties.setProperty(STALE, new Date(this.services.clock()).toISOString());
    this.add('dashboardRefresh');
  }

  /** The dashboard was marked out of date and not refreshed since. */
  dashboardStale(): boolean {
    return Boolean(this.services.properties.getProperty(STALE));
  }

  /** A refresh happened (any way): the mark goes. */
  dashboardRefreshed(): void {
    if (this.dashboardStale()) this.services.properties.deleteProperty(STALE);
    this.finish('dashboardRefresh');
  }

  /** Keeps `job` for the next run after it failed, with the reason shown to the teacher. */
  recordFailure(job: JobName, message: string): void {
    const registry = this.registry();
    registry[job] = { since: registry[job]?.since ?? new Date(this.services.clock()).toISOString(), error: message };
    this.save(registry);
    this.ensureTrigger();
  }

  /** Why the last run of `job` stopped, or null. */
  failure(job: JobName): string | null {
    return this.registry()[job]?.error ?? null;
  }

  /** Makes sure this user's hourly trigger exists while work waits (a run that found the lock taken). */
  keepFollowingUp(): void {
    if (this.jobs().length) this.ensureTrigger();
  }

  /**
   * Forgets `job`; with nothing left, this user's trigger for this document goes too. A job that was
   * not waiting costs no ScriptApp call (an ordinary run that finished in one go).
   */
  finish(job: JobName): void {
    const registry = this.registry();
    if (!(job in registry)) return;
    delete registry[job];
    this.save(registry);
    if (Object.keys(registry).length === 0) this.removeTriggers();
  }

  /** Deletes this user's trigger for this document when no work is left (a trigger that finds nothing to do). */
  settle(): void {
    if (this.jobs().length === 0) this.removeTriggers();
  }

  private registry(): Record<string, JobEntry> {
    const text = this.services.properties.getProperty(REGISTRY);
    if (!text) return {};
    try {
      return JSON.parse(text) as Record<string, JobEntry>;
    } catch {
      return {};
    }
  }

  private save(registry: Record<string, JobEntry>): void {
    if (Object.keys(registry).length) this.services.properties.setProperty(REGISTRY, JSON.stringify(registry));
    else this.services.properties.deleteProperty(REGISTRY);
  }

  private ownTriggers(): GoogleAppsScript.Script.Trigger[] {
    return this.services.scriptApp.getUserTriggers(this.services.spreadsheet);
  }

  /** One hourly dispatcher for this user and document; a legacy one-time follow-up is replaced by it. */
  private ensureTrigger(): void {
    const { scriptApp } = this.services;
    const triggers = this.ownTriggers();
    for (const trigger of triggers) {
      if (trigger.getHandlerFunction() === LEGACY_CONTINUE_FUNCTION) scriptApp.deleteTrigger(trigger);
    }
    if (triggers.some((trigger) => trigger.getHandlerFunction() === DISPATCH_FUNCTION)) return;
    scriptApp.newTrigger(DISPATCH_FUNCTION).timeBased().everyHours(1).create();
  }

  private removeTriggers(): void {
    const { scriptApp } = this.services;
    for (const trigger of this.ownTriggers()) {
      const handler = trigger.getHandlerFunction();
      if (handler === DISPATCH_FUNCTION || handler === LEGACY_CONTINUE_FUNCTION) scriptApp.deleteTrigger(trigger);
    }
  }
}
