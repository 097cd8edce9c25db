// Clearing personal data past its retention (End term, after the archive is verified and the teacher
// confirmed): the free text of reflections, notes and names on sessions and ended pairs, whole answers
// kept for review, guardians' names, and the name and emails of students who left. IDs, dates, scores,
// attendance and statuses stay, so the dashboard's aggregates do. One read and at most one write per
// tab; only the named cells change (a teacher's own columns, rows and formulas stay).
import { isExpired, type RetentionRule } from '../../core/people/retention';
import type { LocalDate } from '../../core/model';
import { localDateOf } from '../../core/time';
import { cellText, isBlank, parseDate } from '../store/cells';
import { CONSENT_LOG_TAB, NEEDS_REVIEW_TAB, PAIRS_TAB, REFLECTIONS_TAB, SESSIONS_TAB, STUDENTS_TAB, headerKey } from '../program/schema';
import { indexHeaders, writeGrid } from '../store/table';
import { Formula, valueOf, type Cell, type GridCell, type TableStore } from '../store/table-store';

/** Rows cleared, by tab. */
export type RetentionReport = Record<string, number>;

interface ClearRule {
  tab: string;
  /** The date a row is judged by; null: the row is never cleared. */
  dateOf(get: (header: string) => Cell): LocalDate | null;
  clear: string[];
  /** What a cleared cell becomes (default ''). */
  replacement?(get: (header: string) => Cell, header: string): GridCell;
}

function dateOfCell(cell: Cell, timeZone: string): LocalDate | null {
  if (cell instanceof Date) return localDateOf(cell, timeZone);
  if (isBlank(cell)) return null;
  const parsed = parseDate(cell, timeZone);
  if (parsed.ok) return parsed.value;
  const instant = new Date(cellText(cell));
  return Number.isNaN(instant.getTime()) ? null : localDateOf(instant, timeZone);
}

/** The last day a student took part: their latest pair end (or start), consent answer or session. */
function lastSeen(store: TableStore, timeZone: string): Map<string, LocalDate> {
  const seen = new Map<string, LocalDate>();
  const note = (id: string, date: LocalDate | null) => {
    const key = id.trim().toLowerCase();
    if (key && date && (seen.get(key) ?? '') < date) seen.set(key, date);
  };
  const grid = store.readTab(PAIRS_TAB.name) ?? [];
  const index = indexHeaders(grid[0] ?? []);
  const at = (row: GridCell[], header: string) => valueOf(row[index.get(headerKey(header)) ?? -1] ?? '');
  for (const row of grid.slice(1)) {
    const running = cellText(at(row, 'Status')) !== 'Ended';
    const date = running ? '9999-12-31' : dateOfCell(at(row, 'End date'), timeZone) ?? dateOfCell(at(row, 'Start date'), timeZone);
    note(cellText(at(row, 'Tutor ID')), date);
    note(cellText(at(row, 'Tutee ID')), date);
  }
  return seen;
}

function rules(store: TableStore, rule: RetentionRule, timeZone: string): ClearRule[] {
  const date = (header: string) => (get: (h: string) => Cell) => dateOfCell(get(header), timeZone);
  const seen = lastSeen(store, timeZone);
  return [
    { tab: REFLECTIONS_TAB.name, dateOf: date('Submitted'), clear: ['Worked on', 'What worked', 'What was hard', 'Next step'] },
    { tab: SESSIONS_TAB.name, dateOf: date('Date'), clear: ['Notes', 'Tutor', 'Tutee'] },
    { tab: PAIRS_TAB.name, dateOf: (get) => (cellText(get('Status')) === 'Ended' ? dateOfCell(get('End date'), timeZone) : null), clear: ['Tutor', 'Tutee', 'Why'] },
    { tab: NEEDS_REVIEW_TAB.name, dateOf: date('Received'), clear: ['Answers'] },
    { tab: CONSENT_LOG_TAB.name, dateOf: date('Submitted'), clear: ['Guardian'] },
    {
      tab: STUDENTS_TAB.name,
      // A student who left: judged by the last day they took part (or their consent answer).
      dateOf: (get) => {
        const active = cellText(get('Active')).toLowerCase();
        if (active !== 'no' && active !== 'false') return null;
        const id = cellText(get('Student ID')).toLowerCase();
        const consent = dateOfCell(get('Consent date'), timeZone);
        const last = [seen.get(id) ?? '', consent ?? ''].sort().pop();
        return last || rule.termStart;
      },
      clear: ['Name', 'Email', 'Guardian email', 'Consent form'],
      // The name becomes the ID: the roster stays readable and checks clean, and names no one.
      replacement: (get, header) => (header === 'Name' ? cellText(get('Student ID')) : ''),
    },
  ];
}

export function clearExpired(store: TableStore, rule: RetentionRule, timeZone: string): RetentionReport {
  const report: RetentionReport = {};
  const present = new Set(store.tabNames());
  for (const clearRule of rules(store, rule, timeZone)) {
    if (!present.has(clearRule.tab)) continue;
    const grid = (store.readTab(clearRule.tab) ?? []).map((row) => [...row]);
    if (grid.length < 2) continue;
    const index = indexHeaders(grid[0]);
    const columns = clearRule.clear.map((h) => [h, index.get(headerKey(h))] as const).filter(([, at]) => at !== undefined) as [string, number][];
    let cleared = 0;
    for (const row of grid.slice(1)) {
      const get = (header: string) => valueOf(row[index.get(headerKey(header)) ?? -1] ?? '');
      const date = clearRule.dateOf(get);
      if (!date || !isExpired(date, rule)) continue;
      let changed = false;
      for (const [header, at] of columns) {
        if (row[at] instanceof Formula) continue; // a teacher's formula is theirs, not data to clear
        const value = clearRule.replacement ? clearRule.replacement(get, header) : '';
        if (cellText(valueOf(row[at] ?? '')) === cellText(valueOf(value))) continue;
        row[at] = value;
        changed = true;
      }
      if (changed) cleared++;
    }
    if (cleared) writeGrid(store, clearRule.tab, grid);
    report[clearRule.tab] = cleared;
  }
  return report;
}
