// The consent side of the Students tab: each student's prefilled consent-form link (for the guardian),
// and who is still waiting for an answer.
import { prefilledLink, type LinkTemplate } from '../../core/forms/links';
import { CONSENT } from '../../core/forms/questions';
import { cellText } from '../store/cells';
import { STUDENTS_TAB, headerKey } from '../program/schema';
import { indexHeaders, writeGrid } from '../store/table';
import { valueOf, type TableStore } from '../store/table-store';

export interface PendingConsent {
  studentId: string;
  name: string;
  /** Pending, No, or what the cell holds. */
  consent: string;
  guardianEmail: string;
  link: string;
}

const LINK_HEADER = 'Consent form';

/** Writes every student's consent link in the Students "Consent form" column (added when missing); one write, none when nothing changes. */
export function writeConsentLinks(store: TableStore, template: LinkTemplate): number {
  const grid = (store.readTab(STUDENTS_TAB.name) ?? []).map((row) => [...row]);
  if (!grid.length) return 0;
  const index = indexHeaders(grid[0]);
  if (!index.has(headerKey(LINK_HEADER))) {
    grid[0].push(LINK_HEADER);
    index.set(headerKey(LINK_HEADER), grid[0].length - 1);
  }
  const idAt = index.get(headerKey('Student ID'))!;
  const linkAt = index.get(headerKey(LINK_HEADER))!;
  let changed = 0;
  for (const row of grid.slice(1)) {
    const id = cellText(valueOf(row[idAt] ?? ''));
    if (!id) continue;
    const link = prefilledLink(template, { [CONSENT.studentId]: id });
    while (row.length < grid[0].length) row.push('');
    if (cellText(valueOf(row[linkAt])) === link) continue;
    row[linkAt] = link;
    changed++;
  }
  if (changed) writeGrid(store, STUDENTS_TAB.name, grid);
  return changed;
}

/** Active students whose Consent is not Yes, in roster order. */
export function pendingConsents(store: TableStore): PendingConsent[] {
  const grid = store.readTab(STUDENTS_TAB.name) ?? [];
  if (!grid.length) return [];
  const index = indexHeaders(grid[0]);
  const text = (row: (typeof grid)[number], header: string) => {
    const at = index.get(headerKey(header));
    return at === undefined ? '' : cellText(valueOf(row[at] ?? ''));
  };
  return grid.slice(1).flatMap((row) => {
    const studentId = text(row, 'Student ID');
    const consent = text(row, 'Consent') || 'Pending';
    const active = text(row, 'Active').toLowerCase();
    if (!studentId || consent.toLowerCase() === 'yes' || active === 'no' || active === 'false') return [];
    return [{ studentId, name: text(row, 'Name'), consent, guardianEmail: text(row, 'Guardian email'), link: text(row, LINK_HEADER) }];
  });
}
