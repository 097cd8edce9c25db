// The Dashboard tab: generated, rebuilt in one write. Sections of chart-ready tables (totals, weeks,
// subjects, dosage), so Sheets charts (and any spreadsheet program's) can point at them.
import type { Dashboard } from '../../core/progress/dashboard';
import { DASHBOARD_TAB } from '../schema';
import { writeGrid } from '../table';
import type { GridCell, TableStore } from '../table-store';

const blank = (value: number | null) => (value === null ? '' : value);

/** The grid the tab holds; every row as wide as the widest table. */
export function dashboardGrid(programName: string, today: string, dashboard: Dashboard, name: (id: string) => string): GridCell[][] {
  const { totals, weeks, subjects, dosage, recognition } = dashboard;
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
    ['Week of', 'Sessions held', 'Sessions missed', 'Attendance %', 'Exit tickets', 'Average score'],
    ...weeks.map((week) => [week.week, week.held, week.missed, blank(week.attendancePercent), week.tickets, blank(week.averageScore)]),
    [],
    ['Subject', 'Pairs', 'Sessions held', 'Attendance %', 'Average score', 'Skills mastered'],
    ...subjects.map((row) => [row.subject, row.pairs, row.held, blank(row.attendancePercent), blank(row.averageScore), row.mastered]),
  ];
  const width = Math.max(...rows.map((row) => row.length));
  return rows.map((row) => [...row, ...Array<GridCell>(width - row.length).fill('')]);
}

export function writeDashboard(store: TableStore, grid: GridCell[][]): void {
  writeGrid(store, DASHBOARD_TAB.name, grid);
}
