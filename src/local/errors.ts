// Errors of the local tools (a file, a folder, a port) whose message is written for the teacher:
// the command line prints it as one line, never with a stack trace.

export class LocalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A Node system error's code (`ENOENT`, `EACCES`, …), or '' for any other error. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}
