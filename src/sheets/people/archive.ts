// End term, part one: a copy of the program's tabs in an archive (a new spreadsheet or workbook named
// for the term), verified cell by cell against the program before anything is cleared. Copying is
// idempotent: a tab the archive already holds exactly is not written again, so a run cut short (Apps
// Script's 6 minutes, a closed laptop) is completed by running it again. Only once every tab matches is
// the archive marked verified (the "About this archive" tab, written last).
import { localDateOf, offsetMinutes } from '../../core/time';
import { cellText } from '../store/cells';
import { HISTORY_TAB } from '../program/schema';
import { clearExpired, type RetentionReport } from './retention-tab';
import { readSettings } from '../program/settings';
import { writeGrid } from '../store/table';
import { valueOf, type Cell, type Grid, type TableStore } from '../store/table-store';

export const ARCHIVE_INFO_TAB = 'About this archive';

export class ArchiveError extends Error {}

export interface ArchiveReport {
  name: string;
  /** Tabs written by this run (the others were already in the archive, exactly). */
  copied: string[];
  tabs: string[];
  /** Tabs whose copy does not match the program (nothing is cleared then). */
  mismatches: string[];
  verified: boolean;
}

/** The archive's name: the program and its term, e.g. "Peer Tutoring 2027-01-11 to 2027-05-28". */
export function termName(store: TableStore): string {
  const { settings } = readSettings(store);
  if (!settings.termStart || !settings.termEnd) throw new ArchiveError('set Term start and Term end in Settings first: the archive is named for the term');
  return `${settings.programName} ${settings.termStart} to ${settings.termEnd}`;
}

/** The tabs archived: every tab of the program but the hidden Undo history. */
export function archivedTabs(source: TableStore): string[] {
  return source.tabNames().filter((name) => name !== HISTORY_TAB.name && name !== ARCHIVE_INFO_TAB);
}

/**
 * A date as a spreadsheet serial number in `timeZone` (days since 1899-12-30, the time as a fraction):
 * what the Sheets API stores for a date and gives back when read unformatted.
 */
export function serialNumberOf(date: Date, timeZone: string): number {
  return (date.getTime() + offsetMinutes(date, timeZone) * 60_000) / 86_400_000 + 25_569;
}

/**
 * What a cell shows, for comparing a copy: a date by its serial number in the program's timezone (an
 * archive written through the Sheets API reads its dates back as those numbers), the rest as text (a
 * formula by its value).
 */
function shown(cell: Cell, timeZone: string): string {
  return cellText(cell instanceof Date ? serialNumberOf(cell, timeZone) : cell);
}

function sameGrid(a: Grid | null, b: Grid | null, timeZone: string): boolean {
  if (!a || !b) return a === b;
  const rows = Math.max(a.length, b.length);
  for (let r = 0; r < rows; r++) {
    const x = a[r] ?? [];
    const y = b[r] ?? [];
    for (let c = 0; c < Math.max(x.length, y.length); c++) {
      if (shown(valueOf(x[c] ?? ''), timeZone) !== shown(valueOf(y[c] ?? ''), timeZone)) return false;
    }
  }
  return true;
}

/** Copies every program tab the archive does not already hold exactly (values: a copy keeps no formulas). */
export function copyToArchive(source: TableStore, target: TableStore): { tabs: string[]; copied: string[] } {
  const tabs = archivedTabs(source);
  const copied: string[] = [];
  for (const tab of tabs) {
    const grid = source.readTab(tab) ?? [];
    if (sameGrid(grid, target.readTab(tab), source.timeZone)) continue;
    writeGrid(target, tab, grid.map((row) => row.map((cell) => valueOf(cell))));
    copied.push(tab);
  }
  return { tabs, copied };
}

/** Tabs whose archived copy differs from the program now. */
export function archiveMismatches(source: TableStore, target: TableStore): string[] {
  return archivedTabs(source).filter((tab) => !sameGrid(source.readTab(tab), target.readTab(tab), source.timeZone));
}

/** Marks the archive verified (its last write): what it holds, from where, and when. */
export function markVerified(target: TableStore, name: string, tabs: string[], now: Date, timeZone: string): void {
  writeGrid(target, ARCHIVE_INFO_TAB, [
    ['Archive of', name],
    ['Archived on', localDateOf(now, timeZone)],
    ['Tabs', tabs.join('; ')],
    ['Verified', 'Yes'],
  ]);
}

export function isVerified(target: TableStore): boolean {
  const info = target.readTab(ARCHIVE_INFO_TAB) ?? [];
  return info.some((row) => cellText(valueOf(row[0] ?? '')) === 'Verified' && cellText(valueOf(row[1] ?? '')) === 'Yes');
}

/** Copy, verify, mark: one call where the archive is written and read back in the same run (Google). */
export function archiveTerm(source: TableStore, target: TableStore, now: Date): ArchiveReport {
  const name = termName(source);
  // A verified archive is the term's record: never rewritten (after clearing, the program differs from it on purpose).
  if (isVerified(target)) return { name, tabs: archivedTabs(source), copied: [], mismatches: archiveMismatches(source, target), verified: true };
  const { tabs, copied } = copyToArchive(source, target);
  const mismatches = archiveMismatches(source, target);
  const verified = mismatches.length === 0;
  if (verified) markVerified(target, name, tabs, now, readSettings(source).settings.timezone || source.timeZone);
  return { name, tabs, copied, mismatches, verified };
}


/**
 * End term, part two (after the teacher confirmed): clears personal data past its retention, but only
 * when the archive is verified and still matches the program exactly (nothing changed since it was made).
 */
export function clearAfterArchive(source: TableStore, target: TableStore, today: string): RetentionReport {
  if (!isVerified(target)) throw new ArchiveError('the archive is not verified yet: run End term again to finish it; nothing was cleared');
  const changed = archiveMismatches(source, target);
  if (changed.length) throw new ArchiveError(`${changed.join(', ')} changed since the archive was made (or were cleared already): nothing was cleared; a new term's End term makes a new archive`);
  const { settings } = readSettings(source);
  return clearExpired(source, { termStart: settings.termStart, termEnd: settings.termEnd, days: settings.retentionDays, today }, settings.timezone || source.timeZone);
}
