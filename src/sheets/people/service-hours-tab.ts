// The Service hours tab, rebuilt with the other generated tabs: one row per tutor with hours this term.
// Adjustment and Reason are the teacher's: read first, never written (writeTable keeps them with their
// row), and a row that only has an adjustment stays.
import { serviceHoursOf, type Adjustment, type HeldSession, type ServiceHours } from '../../core/people/service-hours';
import type { Pair } from '../../core/model';
import type { Program } from '../program/roster';
import { isBlank, quote } from '../store/cells';
import type { Problem } from '../program/problems';
import { RowReader } from '../store/row-reader';
import { SERVICE_HOURS_TAB } from '../program/schema';
import { readTable, writeTable } from '../store/table';
import type { TableStore } from '../store/table-store';

export interface ServiceHoursReport {
  rows: (ServiceHours & { name: string })[];
  problems: Problem[];
}

function readAdjustments(store: TableStore): { adjustments: Map<string, Adjustment>; problems: Problem[] } {
  const adjustments = new Map<string, Adjustment>();
  const problems: Problem[] = [];
  if (!store.tabNames().includes(SERVICE_HOURS_TAB.name)) return { adjustments, problems };
  const table = readTable(store, SERVICE_HOURS_TAB);
  for (const row of table.rows) {
    const reader = new RowReader(SERVICE_HOURS_TAB.name, row);
    const id = reader.text('Student ID');
    const cell = reader.cell('Adjustment');
    const reason = reader.text('Reason');
    if (!id || (isBlank(cell) && !reason)) continue;
    const hours = isBlank(cell) ? 0 : Number(typeof cell === 'string' ? cell.trim() : cell);
    if (!Number.isFinite(hours)) {
      reader.report('Adjustment', `${quote(cell)} is not a number of hours like 1.5 or -2: it is not counted`);
      problems.push(...reader.problems);
      adjustments.set(id, { hours: 0, reason: '' }); // the row stays, with what was typed
      continue;
    }
    adjustments.set(id, { hours, reason });
    if (hours !== 0 && !reason) reader.report('Reason', 'is empty: an adjustment counts once it has a reason');
    problems.push(...reader.problems);
  }
  return { adjustments, problems };
}

/** Recomputes and writes the tab (one read, one write); the teacher's Adjustment and Reason stay. */
export function writeServiceHours(store: TableStore, program: Program, sessions: readonly HeldSession[], pairs: readonly Pair[]): ServiceHoursReport {
  const { adjustments, problems } = readAdjustments(store);
  const names = new Map(program.students.map((s) => [s.id, s.name]));
  const hours = serviceHoursOf(sessions, pairs, { start: program.settings.termStart, end: program.settings.termEnd }, adjustments);
  const rows = hours.map((h) => ({ ...h, name: names.get(h.studentId) ?? '' }));
  writeTable(
    store,
    SERVICE_HOURS_TAB,
    rows.map((row) => ({ 'Student ID': row.studentId, Name: row.name, Sessions: row.sessions, Hours: row.hours, Total: row.total })),
  );
  return { rows, problems };
}

/** One tutor's hours as the tab would show them now (nothing is written), for a certificate; null when they have none. */
export function serviceHoursOfStudent(store: TableStore, program: Program, sessions: readonly HeldSession[], pairs: readonly Pair[], studentId: string): (ServiceHours & { name: string }) | null {
  const { adjustments } = readAdjustments(store);
  const hours = serviceHoursOf(sessions, pairs, { start: program.settings.termStart, end: program.settings.termEnd }, adjustments);
  const found = hours.find((h) => h.studentId.toLowerCase() === studentId.trim().toLowerCase());
  const student = program.students.find((s) => s.id.toLowerCase() === studentId.trim().toLowerCase());
  return found && student ? { ...found, name: student.name } : null;
}
