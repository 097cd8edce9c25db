// Goals where people see progress: the Dashboard's goal rows (met goals are celebrated there), and each
// student's goals for the sidebar card and the family letter.
import { goalText } from '../../core/sessions/goals';
import type { GridCell } from '../store/table-store';
import type { GoalRow } from './goals-tab';

/** How many met goals the Dashboard names (the Goals tab has them all). */
const MET_SHOWN = 10;

/** The Dashboard grid with a Goals section at its end (rows padded to the grid's width). */
export function withGoalRows(grid: GridCell[][], goals: readonly GoalRow[], name: (id: string) => string): GridCell[][] {
  const count = (status: string) => goals.filter((goal) => goal.status === status).length;
  const met = goals.filter((goal) => goal.status === 'Met');
  const rows: GridCell[][] = [
    [],
    ['Goals', 'Count'],
    ['Goals set', goals.length],
    ['Open', count('Open')],
    ['Met', count('Met')],
    ['Missed', count('Missed')],
    [],
    ['Goals met (recognition)', ''],
    ...met.slice(-MET_SHOWN).reverse().map((goal) => [name(goal.studentId), goalText(goal, goal.words)]),
    ...(met.length > MET_SHOWN ? [[`… and ${met.length - MET_SHOWN} more on the Goals tab`, '']] : []),
    ...(met.length ? [] : [['no goal met yet', '']]),
  ];
  const width = Math.max(...grid.map((row) => row.length), 2);
  return [...grid, ...rows].map((row) => [...row, ...Array<GridCell>(Math.max(0, width - row.length)).fill('')]);
}

/** The Dashboard grid with the help requests counted at its end (one-off sessions are on the Sessions tab). */
export function withHelpRows(grid: GridCell[][], help: { booked: number; unplaced: number }): GridCell[][] {
  const width = Math.max(...grid.map((row) => row.length), 2);
  const rows: GridCell[][] = [[], ['Help requests', 'Count'], ['One-off sessions booked', help.booked], ['No tutor could take (alert open)', help.unplaced]];
  return [...grid, ...rows.map((row) => [...row, ...Array<GridCell>(Math.max(0, width - row.length)).fill('')])];
}

/** A student's goals as the sidebar and the family letter show them, newest first. */
export interface GoalView {
  text: string;
  status: string;
  progress: string;
}

export function goalsOfStudent(goals: readonly GoalRow[], studentId: string): GoalView[] {
  return goals
    .filter((goal) => goal.studentId === studentId)
    .sort((a, b) => (a.setOn < b.setOn ? 1 : a.setOn > b.setOn ? -1 : 0))
    .map((goal) => ({ text: goalText(goal, goal.words), status: goal.status, progress: goal.progress }));
}
