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

/** `Students row 14, "Can tutor": "Math four" is not a subject and level like "Math 4"` */
export function describeProblem(problem: Problem): string {
  const where = problem.row > 0 ? `${problem.tab} row ${problem.row}` : `${problem.tab} tab`;
  const column = problem.column ? `, "${problem.column}"` : '';
  return `${where}${column}: ${problem.message}`;
}

/** Thrown when the program database cannot be used as it is; carries every problem found. */
export class ProgramDataError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(describeProblem).join('\n'));
    this.name = 'ProgramDataError';
  }
}
