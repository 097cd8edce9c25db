// Keeps the Students Trained column showing what the Training tab says, while it is in use.
import type { Student } from '../../core/model';
import { cellText, yesNo } from '../store/cells';
import { STUDENTS_TAB, headerKey } from '../program/schema';
import { tabStyle } from '../program/setup';
import { indexHeaders, writeGrid } from '../store/table';
import { valueOf, type TableStore } from '../store/table-store';

/** The Trained header's note while it is derived. */
export const DERIVED_TRAINED_NOTE = 'Derived from the Training tab: Yes once every module in Settings "Required training modules" has a Completed date. Refresh dashboard rewrites it; record training there.';

/**
 * Writes the derived Yes/No into the Students Trained column where it differs (one read, at most one
 * write; every other cell as it was) and says so in the header's note. Returns how many cells changed.
 */
export function syncTrainedColumn(store: TableStore, students: readonly Student[]): number {
  const grid = store.readTab(STUDENTS_TAB.name);
  if (!grid || grid.length === 0) return 0;
  const index = indexHeaders(grid[0]);
  const idColumn = index.get(headerKey('Student ID'));
  const trainedColumn = index.get(headerKey('Trained'));
  if (idColumn === undefined || trainedColumn === undefined) return 0;
  const trainedById = new Map(students.map((s) => [s.id.toLowerCase(), s.trained]));
  let changed = 0;
  const rows = grid.map((row, r) => {
    if (r === 0) return row;
    const trained = trainedById.get(cellText(valueOf(row[idColumn] ?? '')).toLowerCase());
    if (trained === undefined) return row;
    const current = cellText(valueOf(row[trainedColumn] ?? '')).toLowerCase();
    if ((current === 'yes' || current === 'true') === trained && current !== '') return row;
    changed++;
    const copy = [...row];
    copy[trainedColumn] = yesNo(trained);
    return copy;
  });
  if (changed) writeGrid(store, STUDENTS_TAB.name, rows);
  const spec = { ...STUDENTS_TAB, columns: STUDENTS_TAB.columns.map((c) => (c.header === 'Trained' ? { ...c, note: DERIVED_TRAINED_NOTE } : c)) };
  store.styleTab(STUDENTS_TAB.name, tabStyle(spec, grid[0]));
  return changed;
}
