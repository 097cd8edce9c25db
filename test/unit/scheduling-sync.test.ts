import type { Pair, Settings } from '../../src/core/model';
import {
  fingerprintWithDescription,
  planSeries,
  planSlots,
  planSync,
  seriesInstants,
  seriesKeyFinder,
  storedAfter,
  syncWrites,
  withoutStored,
  withStored,
  type SeriesPlan,
  type StoredSeries,
  type SyncPlan,
} from '../../src/core/scheduling';
import { block, pair, settings, student } from './scheduling-fixtures';

const TODAY = '2026-03-11';
const blocks = [block('Mon-A', 'Mon'), block('Wed-A', 'Wed'), block('Thu-B', 'Thu', '12:00', '12:45')];
const students = [
  student('S-1', ['Mon-A', 'Wed-A', 'Thu-B']),
  student('S-2', ['Mon-A', 'Wed-A', 'Thu-B'], '  '),
  student('S-3', ['Mon-A', 'Wed-A', 'Thu-B']),
  student('S-4', ['Mon-A', 'Wed-A', 'Thu-B']),
];
const term = settings({
  termStart: '2026-02-02',
  termEnd: '2026-04-24',
  noSchoolDates: [{ from: '2026-02-16', to: '2026-02-16' }, { from: '2026-04-06', to: '2026-04-10' }],
});
const original = [pair('P-1', 'S-1', 'S-2', 'Mon-A'), pair('P-2', 'S-3', 'S-4', 'Wed-A')];

function desired(pairs: Pair[], program: Settings = term): SeriesPlan[] {
  const { slots } = planSlots({ pairs, blocks, students, sessionsPerWeek: program.sessionsPerWeek });
  return planSeries({ pairs, slots, students, settings: program });
}

/** Applies a plan the way the adapter will, one action at a time, with fresh event IDs. */
function apply(plan: SyncPlan, store: StoredSeries[], ids = { next: 1 }): StoredSeries[] {
  let result = withoutStored(store, plan.forget.map((entry) => entry.seriesKey));
  for (const action of plan.create) result = withStored(result, storedAfter(action, `evt-${ids.next++}`));
  for (const action of [...plan.update, ...plan.end]) result = withStored(result, storedAfter(action));
  return result;
}

describe('planSeries', () => {
  it('plans one weekly series per pair and slot, with No-school exceptions and guests who have emails', () => {
    const [p1] = desired(original);
    expect(p1).toMatchObject({
      seriesKey: 'P-1#1', pairId: 'P-1', slot: 1, block: 'Mon-A', location: 'Room Mon-A',
      guests: ['s-1@school.org'], timeZone: 'America/New_York', weekday: 'Mon',
      firstStart: { date: '2026-02-02', time: '15:00' }, firstEnd: { date: '2026-02-02', time: '16:00' },
      until: '2026-04-20', exdates: ['2026-02-16', '2026-04-06'], occurrences: 10,
    });
    expect(p1.title).toBe('Test Program: Math — Student S-1 & Student S-2');
    expect(p1.description).toContain('Subject: Math');
    expect(seriesInstants(p1).lastStart.toISOString()).toBe('2026-04-20T19:00:00.000Z');
  });

  it('plans a second series per pair when two sessions a week are asked for', () => {
    const keys = desired(original, { ...term, sessionsPerWeek: 2 }).map((s) => `${s.seriesKey} ${s.block}`);
    expect(keys).toEqual(['P-1#1 Mon-A', 'P-1#2 Thu-B', 'P-2#1 Wed-A', 'P-2#2 Mon-A']);
  });

  it('finds the series of each session, for the Calendar event ID column', () => {
    const twice = { ...term, sessionsPerWeek: 2 };
    const { slots } = planSlots({ pairs: original, blocks, students, sessionsPerWeek: 2 });
    const find = seriesKeyFinder(slots);
    expect(desired(original, twice).map((s) => find({ pairId: s.pairId, block: s.block }))).toEqual(['P-1#1', 'P-1#2', 'P-2#1', 'P-2#2']);
    expect(find({ pairId: 'P-1', block: 'Wed-A' })).toBeNull();
  });
});

describe('planSync', () => {
  const firstSync = () => apply(planSync(desired(original), [], { today: TODAY, pairs: original }), []);

  it('creates one series per pair-slot on the first sync, and makes zero writes when nothing changed', () => {
    const first = planSync(desired(original), [], { today: TODAY, pairs: original });
    expect(first.create.map((c) => c.series.seriesKey)).toEqual(['P-1#1', 'P-2#1']);
    expect(syncWrites(first)).toBe(2);
    const again = planSync(desired(original), apply(first, []), { today: TODAY, pairs: original });
    expect(syncWrites(again)).toBe(0);
    expect(again.keep).toHaveLength(2);
    // …also on a later day.
    expect(syncWrites(planSync(desired(original), apply(first, []), { today: '2026-04-01', pairs: original }))).toBe(0);
  });

  it('moves exactly one series, in place, when a block changes', () => {
    const store = firstSync();
    const moved = [original[0], { ...original[1], block: 'Thu-B' }];
    const plan = planSync(desired(moved), store, { today: TODAY, pairs: moved });
    expect(plan.create).toEqual([]);
    expect(plan.end).toEqual([]);
    expect(plan.update.map((u) => [u.eventId, u.series.seriesKey, u.series.weekday, u.series.firstStart.time])).toEqual([
      [store.find((e) => e.seriesKey === 'P-2#1')!.eventId, 'P-2#1', 'Thu', '12:00'],
    ]);
    const after = apply(plan, store);
    expect(after).toHaveLength(2);
    expect(syncWrites(planSync(desired(moved), after, { today: TODAY, pairs: moved }))).toBe(0);
  });

  it('ends the series of an ended pair at its End date, once', () => {
    const store = firstSync();
    const ended = [{ ...original[0], status: 'Ended' as const, endDate: '2026-03-02' }, original[1]];
    const plan = planSync(desired(ended), store, { today: TODAY, pairs: ended });
    expect(plan.end).toEqual([{ seriesKey: 'P-1#1', pairId: 'P-1', eventId: 'evt-1', until: '2026-03-02', reason: 'pair-ended' }]);
    expect(syncWrites(plan)).toBe(1);
    const after = apply(plan, store);
    expect(syncWrites(planSync(desired(ended), after, { today: '2026-03-20', pairs: ended }))).toBe(0);
    // Resumed later: the same event is updated, not duplicated.
    const resumed = planSync(desired(original), after, { today: TODAY, pairs: original });
    expect(resumed.update.map((u) => u.eventId)).toEqual(['evt-1']);
    expect(resumed.create).toEqual([]);
  });

  it('ends a paused pair\'s series today', () => {
    const paused = [{ ...original[0], status: 'Paused' as const }, original[1]];
    const plan = planSync(desired(paused), firstSync(), { today: TODAY, pairs: paused });
    expect(plan.end.map((e) => [e.seriesKey, e.until, e.reason])).toEqual([['P-1#1', TODAY, 'pair-not-scheduled']]);
  });

  it('recreates a series whose event was deleted in Calendar once, and reports it', () => {
    const store = firstSync();
    const plan = planSync(desired(original), store, { today: TODAY, pairs: original, missingEventIds: ['evt-2'] });
    expect(plan.create.map((c) => [c.series.seriesKey, c.recreated])).toEqual([['P-2#1', true]]);
    expect(syncWrites(plan)).toBe(1);
    expect(plan.notices).toEqual([{ seriesKey: 'P-2#1', eventId: 'evt-2', message: 'Series P-2#1: its Calendar event was deleted by hand; it was recreated' }]);
    const after = apply(plan, store, { next: 10 });
    expect(after.map((e) => e.eventId).sort()).toEqual(['evt-1', 'evt-10']);
    expect(syncWrites(planSync(desired(original), after, { today: TODAY, pairs: original }))).toBe(0);
  });

  it('resumes after a cut run without duplicates', () => {
    const pairs = Array.from({ length: 10 }, (_, i) => pair(`P-${i}`, `S-${i % 4 + 1}`, `S-${(i + 1) % 4 + 1}`, 'Mon-A'));
    const wanted = desired(pairs);
    const plan = planSync(wanted, [], { today: TODAY, pairs });
    // The adapter is stopped after 4 creations; the store holds what it persisted.
    const partial = apply({ ...plan, create: plan.create.slice(0, 4) }, []);
    const rest = planSync(wanted, partial, { today: TODAY, pairs });
    expect(rest.create.map((c) => c.series.seriesKey)).toEqual(plan.create.slice(4).map((c) => c.series.seriesKey));
    const done = apply(rest, partial, { next: 100 });
    expect(new Set(done.map((e) => e.seriesKey)).size).toBe(10);
    expect(syncWrites(planSync(wanted, done, { today: TODAY, pairs }))).toBe(0);
  });

  it('updates each series, in place, when the term end moves', () => {
    const store = firstSync();
    const plan = planSync(desired(original, { ...term, termEnd: '2026-05-29' }), store, { today: TODAY, pairs: original });
    expect(plan.update.map((u) => [u.series.seriesKey, u.series.until])).toEqual([['P-1#1', '2026-05-25'], ['P-2#1', '2026-05-27']]);
  });
});

describe('fingerprintWithDescription', () => {
  it('gives the plan its own fingerprint with its own description, and another one with any other description', () => {
    const described = (pair: Pair) => [`Agenda of ${pair.pairId}`];
    const { slots } = planSlots({ pairs: original, blocks, students, sessionsPerWeek: term.sessionsPerWeek });
    const plans = planSeries({ pairs: original, slots, students, settings: term, describe: described });
    for (const series of plans) {
      expect(fingerprintWithDescription(series, series.description)).toBe(series.fingerprint);
      expect(fingerprintWithDescription(series, `${series.description}\nchanged`)).not.toBe(series.fingerprint);
      // What the weekly refresh relies on: the same series with another agenda matches once its description is swapped back.
      const other = planSeries({ pairs: original, slots, students, settings: term, describe: () => ['Another agenda'] }).find((s) => s.seriesKey === series.seriesKey)!;
      expect(fingerprintWithDescription(other, series.description)).toBe(series.fingerprint);
    }
  });
});

