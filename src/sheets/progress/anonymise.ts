// An anonymised copy for administrators or researchers: the logs and the dashboard with every Student
// ID replaced by a stable code and everything people wrote left out. Codes are keyed with a secret
// kept in the teacher's workbook (so nobody can recompute them from the IDs), and stay the same from
// one export to the next.
import { fingerprintOf } from '../../core/scheduling/fingerprint';
import { dashboardOf } from '../../core/progress/dashboard';
import { masteryRuleOf } from '../../core/progress/mastery';
import type { LocalDate } from '../../core/model';
import { cellText } from '../store/cells';
import { EXIT_TICKETS_TAB, MASTERY_TAB, PAIRS_TAB, REFLECTIONS_TAB, SESSIONS_TAB, STUDENTS_TAB, type TabSpec } from '../program/schema';
import { readTable } from '../store/table';
import type { Cell, Grid, TableStore } from '../store/table-store';
import { dashboardGrid } from './dashboard-tab';
import { readProgressData } from './progress-data';

/** Columns kept per tab: codes for IDs; no names, emails, free text or reasons (they can name people). */
const KEPT: [TabSpec, string[]][] = [
  [STUDENTS_TAB, ['Student ID', 'Grade', 'Role', 'Can tutor', 'Needs help with', 'Consent', 'Trained', 'Active']],
  [PAIRS_TAB, ['Pair ID', 'Tutor ID', 'Tutee ID', 'Subject', 'Block', 'Status', 'Score', 'Start date', 'End date']],
  [SESSIONS_TAB, ['Session ID', 'Pair ID', 'Date', 'Block', 'Status', 'Tutor present', 'Tutee present']],
  [REFLECTIONS_TAB, ['Submitted', 'Session ID', 'Pair ID', 'Student ID', 'Role', 'Mood', 'Confidence', 'Session held', 'Partner present', 'Talk to a teacher']],
  [EXIT_TICKETS_TAB, ['Submitted', 'Session ID', 'Pair ID', 'Student ID', 'Subject', 'Skill', 'Score', 'Points', 'Out of']],
  [MASTERY_TAB, ['Student ID', 'Subject', 'Skill', 'Tickets', 'Latest', 'Best', 'State', 'Mastered on', 'Next review']],
];

const ID_COLUMNS = new Set(['student id', 'tutor id', 'tutee id']);

/** `A-` and 8 hex digits, the same for the same student and secret. */
export function studentCode(studentId: string, secret: string): string {
  return `A-${fingerprintOf({ studentId, secret }).slice(0, 8)}`;
}

/** The anonymised tabs, by name. `secret` keys the codes (keep it; never export it). */
export function anonymisedCopy(store: TableStore, secret: string, today: LocalDate): Record<string, Grid> {
  const code = (id: Cell) => (cellText(id) ? studentCode(cellText(id), secret) : '');
  const tabs: Record<string, Grid> = {};
  for (const [spec, headers] of KEPT) {
    if (!store.tabNames().includes(spec.name)) continue;
    const rows = readTable(store, spec).rows.map((row) => headers.map((header) => (ID_COLUMNS.has(header.toLowerCase()) ? code(row.get(header)) : row.get(header))));
    tabs[spec.name] = [headers, ...rows];
  }
  const { data, program } = readProgressData(store, today);
  const { settings } = program;
  const rule = masteryRuleOf(settings);
  tabs.Dashboard = dashboardGrid(settings.programName, today, dashboardOf(data, rule, settings.sessionsPerWeek), (id) => studentCode(id, secret));
  return tabs;
}
