// Concerns raised at once: the filing run (the form-submit trigger, File responses, or an import)
// appends their Concern alerts to the Alerts tab straight away, without waiting for Refresh dashboard,
// and Refresh keeps them (it derives the same alerts, by the same keys). Unmatched concerns are read
// from Needs review, so they stay raised, marked unresolved, until the teacher corrects the row.
import { REFLECTION } from '../../core/forms/questions';
import type { Alert } from '../../core/progress/alerts';
import type { UnmatchedConcern } from '../../core/sessions/concerns';
import type { LocalDate } from '../../core/model';
import { cellText, dateCell } from '../store/cells';
import { ALERTS_TAB, NEEDS_REVIEW_TAB } from '../program/schema';
import { appendRecords, readLogColumn, readTable, writeTable, type RecordValues } from '../store/table';
import type { Cell, TableStore } from '../store/table-store';

/** Whether a response's answers say something worried the student. */
export function answersRaiseConcern(answers: Record<string, string>): boolean {
  return (answers[REFLECTION.worried] ?? '').trim().toLowerCase() === 'yes';
}

/** A Needs review row's concern, or null (not a reflection, no concern, Answers unreadable). */
export function unmatchedConcernOf(get: (header: string) => Cell): UnmatchedConcern | null {
  if (cellText(get('Form')) !== 'Reflection') return null;
  let answers: Record<string, string>;
  try {
    answers = JSON.parse(cellText(get('Answers'))) as Record<string, string>;
  } catch {
    return null;
  }
  if (!answersRaiseConcern(answers)) return null;
  const received = get('Received');
  return {
    responseId: cellText(get('Response ID')),
    studentId: (answers[REFLECTION.studentId] ?? '').trim(),
    sessionAnswer: (answers[REFLECTION.session] ?? '').trim(),
    received: received instanceof Date ? received.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : cellText(received),
  };
}

/** Every concern waiting on Needs review. */
export function unmatchedConcerns(store: TableStore): UnmatchedConcern[] {
  if (!store.tabNames().includes(NEEDS_REVIEW_TAB.name)) return [];
  return readTable(store, NEEDS_REVIEW_TAB).rows.flatMap((row) => {
    const concern = unmatchedConcernOf((header) => row.get(header));
    return concern ? [concern] : [];
  });
}

const identity = (key: string) => key.replace(/#[^#]*$/, '');

/**
 * Appends the alerts not on the Alerts tab yet (by identity), Open, raised today: one read of the Key
 * column and one append, however long the tab. Returns how many were raised.
 */
export function raiseAlertsNow(store: TableStore, alerts: readonly Alert[], names: ReadonlyMap<string, string>, today: LocalDate): number {
  if (alerts.length === 0) return 0;
  const log = readLogColumn(store, ALERTS_TAB, 'Key');
  const known = new Set(log.keys.map((key) => identity(cellText(key))));
  const records: RecordValues[] = alerts
    .filter((alert) => !known.has(alert.key))
    .map((alert) => ({
      Raised: dateCell(today, store.timeZone),
      'Student ID': alert.studentId,
      Name: names.get(alert.studentId) ?? alert.studentId,
      'Pair ID': alert.pairId,
      Kind: alert.kind,
      Detail: alert.detail,
      'Suggested action': alert.action,
      Status: 'Open',
      Cleared: '',
      Key: `${alert.key}#${today}`,
    }));
  if (records.length === 0) return 0;
  if (log.complete) appendRecords(store, ALERTS_TAB.name, log.headers, records);
  else writeTable(store, ALERTS_TAB, [...log.keys.map((key) => ({ Key: cellText(key) })).filter((r) => r.Key), ...records]);
  return records.length;
}
