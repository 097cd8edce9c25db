// The Dashboard tab: generated, rebuilt in one write. Sections of chart-ready tables (totals, weeks,
// subjects, dosage and impact, supply and demand, gains per pair), and where the charts over them go:
// in Google Sheets native charts (src/gas/progress/dashboard-charts.ts); locally the sidebar draws the
// same tables as SVG, since exceljs writes no charts.
import type { Dashboard } from '../../core/progress/dashboard';
import type { Forecast } from '../../core/progress/forecast';
import { DASHBOARD_TAB } from '../program/schema';
import { writeGrid } from '../store/table';
import type { GridCell, TableStore } from '../store/table-store';

const blank = (value: number | null) => (value === null ? '' : value);

/** A chart over the Dashboard's tables: its first range is the labels, the others the series. */
export interface DashboardChart {
  /** Stable name, remembered with the chart's ID so it is updated, not added again. */
  key: 'attendance' | 'score' | 'gains';
  title: string;
  type: 'LINE' | 'BAR';
  /** A1 ranges on the Dashboard tab, header row included. */
  ranges: string[];
  /** Top-left cell of the chart (1-based), right of the tables. */
  anchorRow: number;
  anchorColumn: number;
}

export interface DashboardLayout {
  grid: GridCell[][];
  charts: DashboardChart[];
}

/** Column where the charts sit, right of the widest table. */
const CHART_COLUMN = 8;
const CHART_ROWS = 20;

/** The grid the tab holds (every row as wide as the widest table) and the charts over it. */
export function dashboardLayout(programName: string, today: string, dashboard: Dashboard, name: (id: string) => string, forecast: Forecast | null = null): DashboardLayout {
  const { totals, weeks, subjects, dosage, recognition, impact, pairGains } = dashboard;
  const gains = recognition.biggestGains;
  const tutor = recognition.tutorOfTheWeek;
  const rows: GridCell[][] = [
    [`${programName}: dashboard`],
    [`Generated on ${today} by Refresh dashboard; edits here are overwritten.`],
    [],
    ['Program', 'Value'],
    ['Students served (a session held)', totals.studentsServed],
    ['Pairs meeting (Active or Trial)', totals.pairs],
    ['Sessions held', totals.sessionsHeld],
    ['Sessions missed', totals.sessionsMissed],
    ['Attendance %', blank(totals.attendancePercent)],
    ['Hours tutored', totals.hoursTutored],
    [`Average exit-ticket gain (points, ${totals.gainStudents} student-skills)`, blank(totals.averageGain)],
    ['Skills mastered this term', totals.skillsMastered],
    [
      'Sessions held per week per tutee (median)',
      dosage.medianHeldPerWeek === null ? 'too few weeks yet' : dosage.medianHeldPerWeek,
    ],
    ['Sessions per week planned (Settings)', dosage.planned],
    [],
    ['Recognition', ''],
    [
      'Biggest gains (share of the possible improvement, 3+ sessions)',
      gains ? `${name(gains.tutorId)} and ${name(gains.tuteeId)}, ${gains.subject}: ${gains.normalisedGain}% over ${gains.sessions} sessions` : 'not enough sessions yet',
    ],
    [
      'Tutor of the week (every session held, then tutees’ confidence)',
      tutor ? `${name(tutor.tutorId)}: ${tutor.sessions} sessions${tutor.tuteeConfidence === null ? '' : `, tutees' confidence ${tutor.tuteeConfidence} of 5`}` : 'no tutor held every session this week',
    ],
    [],
  ];
  /** Appends a table (header and rows) and returns the 1-based row of its header. */
  const table = (header: GridCell[], body: GridCell[][]) => {
    const at = rows.length + 1;
    rows.push(header, ...body, []);
    return at;
  };
  const weeksAt = table(
    ['Week of', 'Sessions held', 'Sessions missed', 'Attendance %', 'Exit tickets', 'Average score'],
    weeks.map((week) => [week.week, week.held, week.missed, blank(week.attendancePercent), week.tickets, blank(week.averageScore)]),
  );
  table(
    ['Subject', 'Pairs', 'Sessions held', 'Attendance %', 'Average score', 'Skills mastered'],
    subjects.map((row) => [row.subject, row.pairs, row.held, blank(row.attendancePercent), blank(row.averageScore), row.mastered]),
  );
  table(
    ['Sessions a week per tutee (held)', 'Tutees'],
    [...impact.dosage.map((band) => [band.label, band.tutees]), [`At or above the plan (${dosage.planned} a week)`, impact.atOrAbovePlan]],
  );
  table(['Sessions attended', 'Students', 'Average exit-ticket gain (points)'], [...impact.bands.map((band) => [band.label, band.students, blank(band.averageGain)]), [impact.summary]]);
  if (forecast) {
    table(
      ['Subject', 'Block', 'Placed', 'Waiting (free then)', 'Spare tutor places'],
      forecast.rows.map((row) => [row.subject, row.block, row.placed, row.waiting, row.spare]),
    );
    const advice = [...forecast.recommendations.map((r) => r.text), ...forecast.spare.map((s) => s.text)];
    table(['Recruiting (computed by the matcher)'], advice.length ? advice.map((text) => [text]) : [['Nobody is waiting and no tutor has room']]);
  }
  const gainsAt = table(
    ['Pair ID', 'Pair', 'Subject', 'Sessions held', 'Gain (% of possible)'],
    pairGains.map((pair) => [pair.pairId, `${name(pair.tutorId)} and ${name(pair.tuteeId)}`, pair.subject, pair.sessions, pair.normalisedGain]),
  );
  rows.pop(); // no blank row after the last table
  const width = Math.max(...rows.map((row) => row.length));
  const grid = rows.map((row) => [...row, ...Array<GridCell>(width - row.length).fill('')]);
  const span = (column: string, at: number, count: number) => `${column}${at}:${column}${at + count}`;
  const charts: DashboardChart[] = [
    { key: 'attendance', title: 'Attendance per week (%)', type: 'LINE', ranges: [span('A', weeksAt, weeks.length), span('D', weeksAt, weeks.length)], anchorRow: 1, anchorColumn: CHART_COLUMN },
    { key: 'score', title: 'Average exit-ticket score per week', type: 'LINE', ranges: [span('A', weeksAt, weeks.length), span('F', weeksAt, weeks.length)], anchorRow: 1 + CHART_ROWS, anchorColumn: CHART_COLUMN },
    { key: 'gains', title: 'Gains per pair (% of the possible improvement)', type: 'BAR', ranges: [span('A', gainsAt, pairGains.length), span('E', gainsAt, pairGains.length)], anchorRow: 1 + 2 * CHART_ROWS, anchorColumn: CHART_COLUMN },
  ];
  return { grid, charts };
}

/** The grid alone (the anonymised copy). */
export function dashboardGrid(programName: string, today: string, dashboard: Dashboard, name: (id: string) => string, forecast: Forecast | null = null): GridCell[][] {
  return dashboardLayout(programName, today, dashboard, name, forecast).grid;
}

export function writeDashboard(store: TableStore, grid: GridCell[][]): void {
  writeGrid(store, DASHBOARD_TAB.name, grid);
}
