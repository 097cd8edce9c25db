// The Alerts tab: the rules' alerts merged with what the teacher did. An open alert is never raised
// twice; one whose cause went away closes by itself (Status Done, Cleared dated); a teacher's Done is
// kept and not raised again while its cause lasts; a cause that comes back after clearing raises a new row.
import type { Alert } from '../../core/progress/alerts';
import type { LocalDate } from '../../core/model';
import { cellText, dateCell, parseDate } from '../store/cells';
import { ALERTS_TAB } from '../program/schema';
import { readTable, writeTable, type RecordValues } from '../store/table';
import type { TableStore } from '../store/table-store';

export interface AlertRow {
  raised: LocalDate;
  studentId: string;
  name: string;
  pairId: string;
  kind: string;
  detail: string;
  action: string;
  status: 'Open' | 'Done';
  cleared: LocalDate | null;
  /** The alert's identity, then `#` and the day raised (a recurrence is a new row). */
  key: string;
  /** Raised by this refresh (not written). */
  fresh?: boolean;
  /** The day the daily email told the teacher about it; null until then. */
  emailed: LocalDate | null;
}

const identity = (rowKey: string) => rowKey.replace(/#[^#]*$/, '');

function readAlertRows(store: TableStore): AlertRow[] {
  if (!store.tabNames().includes(ALERTS_TAB.name)) return [];
  return readTable(store, ALERTS_TAB).rows.flatMap((row) => {
    const key = cellText(row.get('Key'));
    const raised = parseDate(row.get('Raised'), store.timeZone);
    if (!key || !raised.ok) return [];
    const cleared = parseDate(row.get('Cleared'), store.timeZone);
    const emailed = parseDate(row.get('Emailed'), store.timeZone);
    return [{
      raised: raised.value,
      studentId: cellText(row.get('Student ID')),
      name: cellText(row.get('Name')),
      pairId: cellText(row.get('Pair ID')),
      kind: cellText(row.get('Kind')),
      detail: cellText(row.get('Detail')),
      action: cellText(row.get('Suggested action')),
      status: cellText(row.get('Status')).toLowerCase() === 'done' ? 'Done' : 'Open',
      cleared: cleared.ok ? cleared.value : null,
      emailed: emailed.ok ? emailed.value : null,
      key,
    }];
  });
}

/**
 * Marks the open alerts not yet emailed as emailed `today` (one read, one write): the daily email's
 * record, so each alert is emailed once. Returns the alerts marked.
 */
export function markEmailed(store: TableStore, today: LocalDate): AlertRow[] {
  const rows = readAlertRows(store);
  const marked = rows.filter((row) => row.status === 'Open' && row.emailed === null);
  if (marked.length === 0) return [];
  marked.forEach((row) => (row.emailed = today));
  writeTable(store, ALERTS_TAB, rows.map((row) => alertRecord(row, store.timeZone)));
  return marked;
}

/** Merges `alerts` into the tab (one write); returns every open alert, newest first. */
export function refreshAlerts(store: TableStore, alerts: Alert[], names: ReadonlyMap<string, string>, today: LocalDate): AlertRow[] {
  const rows = readAlertRows(store);
  const current = new Map(alerts.map((alert) => [alert.key, alert] as [string, Alert]));
  const latest = new Map<string, AlertRow>();
  for (const row of rows) {
    const id = identity(row.key);
    const seen = latest.get(id);
    if (!seen || seen.raised <= row.raised) latest.set(id, row);
  }
  for (const row of rows) {
    const alert = current.get(identity(row.key));
    if (latest.get(identity(row.key)) !== row) continue;
    if (alert && row.cleared === null) {
      // Still true: the teacher's Status stands; the figures are brought up to date.
      row.detail = alert.detail;
      row.action = alert.action;
    } else if (!alert && row.cleared === null) {
      row.cleared = today;
      row.status = 'Done';
    }
  }
  for (const alert of alerts) {
    const row = latest.get(alert.key);
    if (row && row.cleared === null) continue;
    rows.push({
      fresh: true,
      raised: today,
      studentId: alert.studentId,
      name: names.get(alert.studentId) ?? alert.studentId,
      pairId: alert.pairId,
      kind: alert.kind,
      detail: alert.detail,
      action: alert.action,
      status: 'Open',
      cleared: null,
      emailed: null,
      key: `${alert.key}#${today}`,
    });
  }
  rows.sort((a, b) => (a.raised === b.raised ? (a.key < b.key ? -1 : 1) : a.raised < b.raised ? 1 : -1));
  writeTable(store, ALERTS_TAB, rows.map((row) => alertRecord(row, store.timeZone)));
  return rows.filter((row) => row.status === 'Open');
}

function alertRecord(row: AlertRow, timeZone: string): RecordValues {
  return {
    Raised: dateCell(row.raised, timeZone),
    'Student ID': row.studentId,
    Name: row.name,
    'Pair ID': row.pairId,
    Kind: row.kind,
    Detail: row.detail,
    'Suggested action': row.action,
    Status: row.status,
    Cleared: dateCell(row.cleared, timeZone),
    Key: row.key,
    Emailed: dateCell(row.emailed, timeZone),
  };
}
