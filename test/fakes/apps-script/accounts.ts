// The Google accounts of a test and which one is running the script now. Session, CalendarApp,
// ScriptApp and the user's properties all answer for the current account, so a test can have two
// teachers use one spreadsheet, each with their own calendars, triggers and permissions.

export const DEFAULT_ACCOUNT = 'teacher@school.example';

export class FakeAccounts {
  constructor(private currentEmail: string = DEFAULT_ACCOUNT) {}

  /** The account the script runs as (Session.getEffectiveUser). */
  get current(): string {
    return this.currentEmail;
  }

  /** From now on the script runs as `email` (another teacher opened the spreadsheet). */
  actAs(email: string): void {
    this.currentEmail = email;
  }

  /** Runs `task` as `email`, then switches back (a trigger firing as its owner). */
  runAs<T>(email: string, task: () => T): T {
    const previous = this.currentEmail;
    this.currentEmail = email;
    try {
      return task();
    } finally {
      this.currentEmail = previous;
    }
  }
}

/** Email addresses compare case-insensitively. */
export function sameAccount(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
