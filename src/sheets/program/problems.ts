// A problem found in the program database, located the way a teacher finds it: tab, row, column.

export interface Problem {
  tab: string;
  /** 1-based sheet row; 0 when the problem is about the whole tab. */
  row: number;
  /** Header of the column, '' when the problem is about a whole row or tab. */
  column: string;
  /** 1-based column index in the sheet; 0 when unknown (e.g. a missing header). */
  columnIndex: number;
  /** What is wrong and how to fix it, in plain English. */
  message: string;
}

/** `Students row 14, "Can tutor"`: where a teacher finds the problem. */
function locationOf(problem: Problem): string {
  const where = problem.row > 0 ? `${problem.tab} row ${problem.row}` : `${problem.tab} tab`;
  return problem.column ? `${where}, "${problem.column}"` : where;
}

/** `Students row 14, "Can tutor": "Math four" is not a subject and level like "Math 4"` (for the teacher). */
export function describeProblem(problem: Problem): string {
  return `${locationOf(problem)}: ${problem.message}`;
}

/**
 * The problem without what the cells hold: `Students row 14, "Can tutor": "…" is not a subject and level
 * like "…"`. Messages quote cells (student names, IDs, notes) between double quotes.
 */
export function describeProblemPrivately(problem: Problem): string {
  return `${locationOf(problem)}: ${problem.message.replace(/"[^"]*"/g, '"…"')}`;
}

/**
 * Thrown when the program database cannot be used as it is; carries every problem found. Its message
 * may reach logs (Apps Script sends uncaught errors to the publisher's Cloud Logging), so it locates
 * each problem but quotes no cell: show the teacher `problems` with describeProblem.
 */
export class ProgramDataError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(describeProblemPrivately).join('\n'));
    this.name = 'ProgramDataError';
  }
}
