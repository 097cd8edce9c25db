// What the command line prints, captured for assertions: every console.log and console.error line
// goes to the list `sink` returns at the time (a test may start a fresh list between commands).
// Undone by jest.restoreAllMocks().
export function captureConsole(sink: () => string[]): void {
  const record = (...args: unknown[]) => void sink().push(args.join(' '));
  jest.spyOn(console, 'log').mockImplementation(record);
  jest.spyOn(console, 'error').mockImplementation(record);
}
