// What to write to Calendar so that it shows the desired series: a pure, resumable plan. The adapter
// applies actions in any batches it likes and persists the stored map after each (see `storedAfter`);
// re-planning from a partly updated map yields only what is still left to do.
import type { LocalDate, Pair } from '../model';
import { compareText } from './slots';
import { pairIdOfSeriesKey, type SeriesPlan } from './series';

/** What the program remembers of each series it wrote (document properties or a hidden tab). */
export interface StoredSeries {
  seriesKey: string;
  eventId: string;
  /** `SeriesPlan.fingerprint` of what was written, or `ended:<until>` once the series was ended. */
  fingerprint: string;
}

export interface CreateSeries {
  series: SeriesPlan;
  /** True when the stored event was deleted in Calendar: this creation replaces it (report it). */
  recreated: boolean;
}

export interface UpdateSeries {
  series: SeriesPlan;
  /** Rewrite this event series in place: times, recurrence, exceptions, title, guests… */
  eventId: string;
}

export type EndReason = 'pair-ended' | 'pair-not-scheduled' | 'pair-removed' | 'slot-dropped';

export interface EndSeries {
  seriesKey: string;
  pairId: string;
  eventId: string;
  /**
   * Last date the series keeps (its recurrence ends there): the pair's End date when it has
   * passed, else today (sessions up to today are history). When `until` falls before the series'
   * first occurrence, the adapter deletes the series instead.
   */
  until: LocalDate;
  reason: EndReason;
}

export interface SyncNotice {
  seriesKey: string;
  eventId: string;
  message: string;
}

export interface SyncPlan {
  create: CreateSeries[];
  update: UpdateSeries[];
  end: EndSeries[];
  /** Stored series that need no write. */
  keep: StoredSeries[];
  /** Stored series whose event is gone and that are no longer wanted: drop them from the store. */
  forget: StoredSeries[];
  /** For the final report: deleted events that were recreated or forgotten. */
  notices: SyncNotice[];
}

export interface SyncOptions {
  /** Today in the program timezone. */
  today: LocalDate;
  /** Every pair on the Pairs tab, to end series at their pair's End date. */
  pairs: readonly Pair[];
  /** Stored event IDs the adapter could not find in Calendar (deleted by hand). */
  missingEventIds?: Iterable<string>;
}

const ENDED_PREFIX = 'ended:';

export function planSync(desired: readonly SeriesPlan[], stored: readonly StoredSeries[], options: SyncOptions): SyncPlan {
  const plan: SyncPlan = { create: [], update: [], end: [], keep: [], forget: [], notices: [] };
  const storedByKey = new Map(stored.map((entry) => [entry.seriesKey, entry]));
  const desiredKeys = new Set(desired.map((series) => series.seriesKey));
  const missing = new Set(options.missingEventIds ?? []);
  for (const series of [...desired].sort(bySeriesKey)) {
    const entry = storedByKey.get(series.seriesKey);
    if (!entry) plan.create.push({ series, recreated: false });
    else if (missing.has(entry.eventId)) {
      plan.create.push({ series, recreated: true });
      notice(plan, entry, 'its Calendar event was deleted by hand; it was recreated');
    } else if (entry.fingerprint === series.fingerprint) plan.keep.push(entry);
    else plan.update.push({ series, eventId: entry.eventId });
  }
  const pairs = new Map(options.pairs.map((pair) => [pair.pairId, pair]));
  for (const entry of [...storedByKey.values()].sort(bySeriesKey)) {
    if (desiredKeys.has(entry.seriesKey)) continue;
    if (missing.has(entry.eventId)) {
      plan.forget.push(entry);
      notice(plan, entry, 'its Calendar event was deleted by hand; the pair no longer meets in this slot, so it was not recreated');
    } else if (entry.fingerprint.startsWith(ENDED_PREFIX)) plan.keep.push(entry);
    else plan.end.push(endOf(entry, pairs.get(pairIdOfSeriesKey(entry.seriesKey)), options.today));
  }
  return plan;
}

function endOf(entry: StoredSeries, pair: Pair | undefined, today: LocalDate): EndSeries {
  const pairId = pairIdOfSeriesKey(entry.seriesKey);
  const reason: EndReason = !pair
    ? 'pair-removed'
    : pair.status === 'Ended'
      ? 'pair-ended'
      : pair.status === 'Active' || pair.status === 'Trial'
        ? 'slot-dropped'
        : 'pair-not-scheduled';
  const endDate = pair?.endDate;
  const until = endDate && endDate < today ? endDate : today;
  return { seriesKey: entry.seriesKey, pairId, eventId: entry.eventId, until, reason };
}

function notice(plan: SyncPlan, entry: StoredSeries, message: string): void {
  plan.notices.push({ seriesKey: entry.seriesKey, eventId: entry.eventId, message: `Series ${entry.seriesKey}: ${message}` });
}

function bySeriesKey(a: { seriesKey: string }, b: { seriesKey: string }): number {
  return compareText(a.seriesKey, b.seriesKey);
}

/** Calendar writes the plan makes (creations, updates and endings). */
export function syncWrites(plan: SyncPlan): number {
  return plan.create.length + plan.update.length + plan.end.length;
}

/** The stored entry to persist once an action is applied; `eventId` is the new event's ID for a creation. */
export function storedAfter(action: CreateSeries, eventId: string): StoredSeries;
export function storedAfter(action: UpdateSeries | EndSeries): StoredSeries;
export function storedAfter(action: CreateSeries | UpdateSeries | EndSeries, eventId?: string): StoredSeries {
  if ('until' in action) {
    return { seriesKey: action.seriesKey, eventId: action.eventId, fingerprint: `${ENDED_PREFIX}${action.until}` };
  }
  const id = 'eventId' in action ? action.eventId : (eventId ?? '');
  return { seriesKey: action.series.seriesKey, eventId: id, fingerprint: action.series.fingerprint };
}

/** `store` with `entry` put in place of any entry with the same series key (or appended). */
export function withStored(store: readonly StoredSeries[], entry: StoredSeries): StoredSeries[] {
  return [...store.filter((other) => other.seriesKey !== entry.seriesKey), entry];
}

/** `store` without the entries of `seriesKeys` (used for `forget`). */
export function withoutStored(store: readonly StoredSeries[], seriesKeys: Iterable<string>): StoredSeries[] {
  const drop = new Set(seriesKeys);
  return store.filter((entry) => !drop.has(entry.seriesKey));
}
