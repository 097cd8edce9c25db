// The Exclusions tab: pairs the teacher excluded in the sidebar (or typed in), never proposed again
// while their row is there. Deleting a row allows the pair again.
import type { PairKey } from '../../core/matching';
import { cellText } from '../store/cells';
import { EXCLUSIONS_TAB } from '../program/schema';
import { readTable } from '../store/table';
import type { TableStore } from '../store/table-store';

/** Every complete row (tutor, tutee and subject filled); a missing tab means none. */
export function readExclusions(store: TableStore): PairKey[] {
  if (!store.tabNames().includes(EXCLUSIONS_TAB.name)) return [];
  const table = readTable(store, EXCLUSIONS_TAB);
  if (table.problems.length) return [];
  return table.rows
    .map((row) => ({ tutorId: cellText(row.get('Tutor ID')), tuteeId: cellText(row.get('Tutee ID')), subject: cellText(row.get('Subject')) }))
    .filter((key) => key.tutorId !== '' && key.tuteeId !== '' && key.subject !== '');
}
