// The scheduling core: weekly slots → sessions → merge into the Sessions tab; Calendar series → sync plan.
// Typical use (sheets layer / CLI):
//   const issues = validateScheduling(settings, blocks, pairs);           // stop if any
//   const { slots, shortfalls } = planSlots({ pairs, blocks, students, sessionsPerWeek: settings.sessionsPerWeek,
//                                             previousExtras: extraBlocksFromSessions(rows, pairs, today) });
//   const merged = reconcileSessions(rows, generateSessions(pairs, slots, settings), today);
//   const sync = planSync(planSeries({ pairs, slots, students, settings }), stored, { today, pairs, missingEventIds });
export { compactDate, isNoSchool, pairDateRange, weeklyDates, weeklySchedule, type WeeklySchedule } from './dates';
export { canonicalJson, fingerprintOf } from './fingerprint';
export {
  hasRecordedAttendance,
  reconcileSessions,
  type Reconciliation,
  type SessionRecord,
  type SessionWarning,
  type SessionWarningCode,
} from './reconcile';
export {
  fingerprintWithDescription,
  pairIdOfSeriesKey,
  planSeries,
  seriesInstants,
  seriesKeyFinder,
  seriesKeyOf,
  type SeriesInput,
  type SeriesPlan,
  type WallDateTime,
} from './series';
export { compareSessions, generateSessions, sessionIdOf, sessionInstants } from './sessions';
export {
  blocksClash,
  extraBlocksFromSessions,
  isScheduled,
  planSlots,
  SCHEDULED_STATUSES,
  type PairSlots,
  type SlotPlan,
  type SlotPlanInput,
  type SlotShortfall,
} from './slots';
export {
  planSync,
  storedAfter,
  syncWrites,
  withoutStored,
  withStored,
  type CreateSeries,
  type EndReason,
  type EndSeries,
  type StoredSeries,
  type SyncNotice,
  type SyncOptions,
  type SyncPlan,
  type UpdateSeries,
} from './sync';
export { validateScheduling, type SchedulingIssue, type SchedulingIssueCode } from './validate';
