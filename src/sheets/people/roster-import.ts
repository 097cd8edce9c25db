// Roster import into the Students tab: one read and one write of the tab. Matched rows get only the
// export's fields (ID when blank, name, email, grade); every other cell, the teacher's own columns and
// formulas stay exactly as they were; new students are appended below.
import { parseCsv } from '../../core/people/csv';
import { FIELD_LABELS, mapColumns, studentsOfRecords, type ExportField } from '../../core/people/roster-csv';
import { mergeRoster, type ImportField, type ImportedStudent, type RosterEntry, type RosterMerge } from '../../core/people/roster-import';
import { cellText } from '../store/cells';
import { STUDENTS_TAB, headerKey } from '../program/schema';
import { indexHeaders, writeGrid } from '../store/table';
import { valueOf, type GridCell, type TableStore } from '../store/table-store';

const HEADER_OF: Record<ImportField, string> = { id: 'Student ID', name: 'Name', email: 'Email', grade: 'Grade' };

/** What a new student's other cells start as: consent to be asked for, training to do, in the program. */
const NEW_STUDENT_DEFAULTS: Record<string, string> = { Consent: 'Pending', Trained: 'No', Active: 'Yes' };

export interface RosterImportReport {
  /** Each field of the export and the export's header it was read from (null: not in the file). */
  mapping: { field: string; header: string | null }[];
  /** Why nothing can be imported from this file (no ID or email column, no name); empty when it can. */
  problems: string[];
  added: { source: string; id: string; name: string }[];
  updated: { source: string; rowNumber: number; changes: string[] }[];
  unchanged: number;
  skipped: { source: string; reason: string }[];
  /** Whether the Students tab was written (false for a preview, or when nothing changes). */
  written: boolean;
}

export class RosterImportError extends Error {}

/** Reads a CSV export and merges it; writes Students only when `apply` is set. */
export function importRosterCsv(store: TableStore, csvText: string, apply: boolean): RosterImportReport {
  const records = parseCsv(csvText);
  const headers = records[0] ?? [];
  const { mapping, problems } = mapColumns(headers);
  const shown = (Object.keys(FIELD_LABELS) as ExportField[]).map((field) => ({
    field: FIELD_LABELS[field],
    header: mapping[field] === null ? null : headers[mapping[field]!].trim(),
  }));
  if (records.length === 0) problems.push('the file is empty');
  if (problems.length) return { ...emptyReport(), mapping: shown, problems };
  const { students, skipped } = studentsOfRecords(records, mapping);
  const report = importStudents(store, students, apply);
  return { ...report, mapping: shown, skipped: [...skipped, ...report.skipped].sort((a, b) => rowOf(a.source) - rowOf(b.source)) };
}

/** Sorts messages by the export's row ("row 12"); other sources keep their order. */
const rowOf = (source: string) => Number(/^row (\d+)$/.exec(source)?.[1] ?? 0);

function emptyReport(): RosterImportReport {
  return { mapping: [], problems: [], added: [], updated: [], unchanged: 0, skipped: [], written: false };
}

/** Merges students (from a CSV or Google Classroom) into Students; writes only when `apply` and something changes. */
export function importStudents(store: TableStore, students: readonly ImportedStudent[], apply: boolean): RosterImportReport {
  const grid = store.readTab(STUDENTS_TAB.name);
  if (grid === null) throw new RosterImportError('the Students tab is missing: run Set up program first');
  // The tab's own headers: an import adds rows, never columns.
  const headers = grid[0] ?? [];
  const index = indexHeaders(headers);
  const missing = [...Object.values(HEADER_OF), ...Object.keys(NEW_STUDENT_DEFAULTS)].filter((header) => !index.has(headerKey(header)));
  if (missing.length) throw new RosterImportError(`the Students tab has no "${missing[0]}" header in row 1: add it back (columns may be in any order), or run Set up program`);
  const columnOf = (header: string) => index.get(headerKey(header))!;
  const text = (row: readonly GridCell[], header: string) => cellText(valueOf(row[columnOf(header)] ?? ''));
  const roster: RosterEntry[] = grid.slice(1).map((row, i) => ({
    rowNumber: i + 2,
    id: text(row, 'Student ID'),
    name: text(row, 'Name'),
    email: text(row, 'Email'),
    grade: text(row, 'Grade'),
  }));
  const merge = mergeRoster(roster, students);
  const written = apply && (merge.added.length > 0 || merge.updated.length > 0);
  if (written) writeGrid(store, STUDENTS_TAB.name, mergedGrid(grid, headers, merge, columnOf));
  return {
    ...emptyReport(),
    added: merge.added.map(({ source, id, name }) => ({ source, id, name })),
    updated: merge.updated.map(({ student, rowNumber, changes }) => ({
      source: student.source,
      rowNumber,
      changes: changes.map((c) => `${HEADER_OF[c.field]}: "${c.from}" → "${c.to}"`),
    })),
    unchanged: merge.unchanged.length,
    skipped: merge.skipped.sort((a, b) => rowOf(a.source) - rowOf(b.source)),
    written,
  };
}

function mergedGrid(grid: GridCell[][], headers: GridCell[], merge: RosterMerge, columnOf: (header: string) => number): GridCell[][] {
  const width = headers.length;
  const rows = grid.slice(1).map((row) => [...row, ...Array<GridCell>(Math.max(0, width - row.length)).fill('')]);
  for (const update of merge.updated) {
    const row = rows[update.rowNumber - 2];
    for (const change of update.changes) row[columnOf(HEADER_OF[change.field])] = fieldCell(change.field, change.to);
  }
  for (const student of merge.added) {
    const row = Array<GridCell>(width).fill('');
    row[columnOf('Student ID')] = student.id;
    row[columnOf('Name')] = student.name;
    row[columnOf('Email')] = student.email;
    if (student.grade !== null) row[columnOf('Grade')] = fieldCell('grade', student.grade === 0 ? 'K' : String(student.grade));
    for (const [header, value] of Object.entries(NEW_STUDENT_DEFAULTS)) row[columnOf(header)] = value;
    rows.push(row);
  }
  return [headers, ...rows];
}

/** A grade is written as a number (K as text), as a teacher types it; everything else as text. */
function fieldCell(field: ImportField, value: string): GridCell {
  return field === 'grade' && value !== 'K' ? Number(value) : value;
}
