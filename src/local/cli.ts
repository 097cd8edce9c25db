// `peer-tutoring`: the program code run on a local .xlsx workbook instead of a Google Sheet.
import { existsSync } from 'fs';
import { sampleProgram } from '../core/sample-program';
import { summarizeProgram } from '../core/summary';
import { describeProblem, ProgramDataError, type Problem } from '../sheets/problems';
import { writeProgram } from '../sheets/program-writer';
import { readProgram } from '../sheets/roster';
import { INPUT_TABS, markProblems, setUpProgram } from '../sheets/setup';
import { applyMatches, NO_CHOICES } from '../sheets/matching-service';
import { readPairs } from '../sheets/pairs';
import { PAIRS_TAB } from '../sheets/schema';
import { programToday } from '../sheets/settings';
import { planSchedule, scheduleSessions, seriesOfPlan } from '../sheets/scheduling-service';
import { checkWritableDestination, replaceFileAtomically } from './atomic-file';
import { LocalError } from './errors';
import { writeIcs } from './ics';
import { startSidebarServer } from './server';
import { withWorkbookLock } from './workbook-lock';
import { WorkbookError, XlsxTableStore } from './xlsx-store';

export const DEFAULT_WORKBOOK = 'peer-tutoring.xlsx';
const DEFAULT_SAMPLE_SIZE = 120;

const USAGE = `Usage:
  peer-tutoring init <workbook.xlsx> [--sample <students>] [--seed <n>]   create every tab (optionally a sample program)
  peer-tutoring check <workbook.xlsx> [--mark]                            list every problem (changes nothing; --mark highlights them in the workbook)
  peer-tutoring match <workbook.xlsx>                                     propose pairs: writes Pairs and Waitlist
  peer-tutoring schedule <workbook.xlsx> [--ics <file.ics>]               writes Sessions; optionally an iCalendar file
  peer-tutoring start [workbook.xlsx] [--port <n>]                        create a sample if missing, check it, serve the sidebar
  peer-tutoring serve <workbook.xlsx> [--port <n>]                        serve the sidebar for an existing workbook`;

class UsageError extends Error {}

interface ParsedArgs {
  positional: string[];
  options: Map<string, string>;
}

/** `allowed` options take a value (`--port 8080`); `flags` take none (`--mark`). */
function parseArgs(args: string[], allowed: string[], flags: string[] = []): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const name = arg.slice(2);
    if (flags.includes(name)) {
      options.set(name, '');
      continue;
    }
    if (!allowed.includes(name)) throw new UsageError(`unknown option ${arg}`);
    const value = args[++i];
    if (value === undefined) throw new UsageError(`${arg} needs a value`);
    options.set(name, value);
  }
  return { positional, options };
}

function positiveInteger(options: Map<string, string>, name: string, fallback: number): number {
  const text = options.get(name);
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`--${name} should be a whole number of at least 1, not "${text}"`);
  return Number(text);
}

function workbookArgument(parsed: ParsedArgs, fallback?: string): string {
  const [file = fallback] = parsed.positional;
  if (!file) throw new UsageError('name the workbook, e.g. peer-tutoring.xlsx');
  if (!file.toLowerCase().endsWith('.xlsx')) throw new UsageError(`${file}: the workbook should be an .xlsx file`);
  return file;
}

/** While another command or the sidebar server is saving the workbook, say why nothing happens yet. */
const sayWaiting = (file: string) => () => console.error(`Waiting for another peer-tutoring command or the local sidebar to finish with ${file}...`);

/**
 * Runs a command that changes the workbook: reading, changing and saving happen under the workbook's
 * lock, so a command or sidebar call saving at the same time waits instead of losing a write.
 */
function changeWorkbook<T>(file: string, change: (store: XlsxTableStore) => Promise<T>): Promise<T> {
  return withWorkbookLock(file, async () => change(await XlsxTableStore.open(file)), { onWait: sayWaiting(file) });
}

async function init(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ['sample', 'seed']);
  const file = workbookArgument(parsed);
  const size = parsed.options.has('sample') ? positiveInteger(parsed.options, 'sample', DEFAULT_SAMPLE_SIZE) : 0;
  const seed = positiveInteger(parsed.options, 'seed', 1);
  await withWorkbookLock(file, async () => {
    if (existsSync(file)) throw new WorkbookError(`${file} already exists: nothing was changed (choose another name or delete it)`);
    const store = XlsxTableStore.create(file);
    if (size > 0) writeProgram(store, sampleProgram(size, seed));
    setUpProgram(store);
    await store.save();
  });
  console.log(size > 0 ? `Created ${file} with a sample program of ${size} students.` : `Created ${file} with every tab, ready to fill in.`);
  return 0;
}

/** The tabs `check` reads: the teacher's input tabs, and Pairs, whose Status and Locked teachers edit. */
const CHECKED_TABS = [...INPUT_TABS, PAIRS_TAB];

function findProblems(store: XlsxTableStore): Problem[] {
  return [...readProgram(store).problems, ...readPairs(store).problems];
}

function printProblems(problems: Problem[], after: string): void {
  for (const problem of problems) console.log(describeProblem(problem));
  if (problems.length) console.log(`\n${problems.length} problem${problems.length === 1 ? '' : 's'} found; ${after}.`);
}

function printSummary(store: XlsxTableStore): void {
  const { program } = readProgram(store);
  const s = summarizeProgram(program.students, program.blocks);
  console.log(`${program.settings.programName} — ${store.filePath}
  Students: ${s.students} (${s.active} active): ${s.tutors} tutors, ${s.tutees} tutees, ${s.both} both
  Needs:    ${s.needs} across ${s.subjects.length} subjects (${s.subjects.join(', ')})
  Blocks:   ${s.blocks}
  Attention: ${s.missingConsent} without guardian consent, ${s.untrainedTutors} tutors not yet trained`);
}

/** Lists every problem without changing the file; `--mark` also notes and highlights each bad cell in it. */
async function check(args: string[]): Promise<number> {
  const parsed = parseArgs(args, [], ['mark']);
  const file = workbookArgument(parsed);
  const checked = async (store: XlsxTableStore, mark: boolean) => {
    const problems = findProblems(store);
    if (mark) {
      markProblems(store, problems, CHECKED_TABS);
      await store.save();
    }
    printProblems(problems, mark ? `the cells are highlighted in ${file}` : `to highlight the cells in the workbook, run: peer-tutoring check ${file} --mark`);
    if (problems.length === 0) printSummary(store);
    return problems.length ? 1 : 0;
  };
  if (parsed.options.has('mark')) return changeWorkbook(file, (store) => checked(store, true));
  return checked(await XlsxTableStore.open(file), false);
}

const DEFAULT_PORT = 8080;

function portOption(options: Map<string, string>): number {
  const text = options.get('port') ?? process.env.PORT ?? String(DEFAULT_PORT);
  if (!/^\d+$/.test(text) || Number(text) > 65535) throw new UsageError(`the port should be a whole number from 0 to 65535, not "${text}"`);
  return Number(text);
}

/** Serves the sidebar until Ctrl-C (or SIGTERM), then closes the server. */
async function serveUntilStopped(workbookPath: string, port: number): Promise<number> {
  const server = await startSidebarServer({ workbookPath, port });
  console.log(`\nSidebar: ${server.url.replace(/\/$/, '')}\n(Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}

/** Creates a sample workbook if missing, checks it, prints a summary and serves the sidebar over it. */
async function start(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ['port']);
  const file = workbookArgument(parsed, DEFAULT_WORKBOOK);
  const port = portOption(parsed.options);
  if (!existsSync(file)) await init([file, '--sample', String(DEFAULT_SAMPLE_SIZE)]);
  const store = await XlsxTableStore.open(file);
  printProblems(findProblems(store), 'the sidebar\'s Check roster highlights them in the workbook');
  printSummary(store);
  return serveUntilStopped(file, port);
}

async function serve(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ['port']);
  const file = workbookArgument(parsed);
  const port = portOption(parsed.options);
  await XlsxTableStore.open(file); // a clear error now rather than in the sidebar
  return serveUntilStopped(file, port);
}

async function match(args: string[]): Promise<number> {
  const file = workbookArgument(parseArgs(args, []));
  const report = await changeWorkbook(file, async (store) => {
    const problems = findProblems(store);
    if (problems.length) throw new ProgramDataError(problems);
    const applied = applyMatches(store, NO_CHOICES, programToday(store, new Date()), new Date());
    await store.save();
    return applied;
  });
  const { totals } = report;
  console.log(`Placed ${totals.placed} of ${totals.needs} needs with ${totals.tutorsUsed} tutors (average load ${totals.averageLoad.toFixed(2)}).
  Pairs tab: ${report.pairsWritten} rows (${report.newPairs} new, ${report.ended} ended); Waitlist: ${report.waitlisted} needs.`);
  return 0;
}

async function schedule(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ['ics']);
  const file = workbookArgument(parsed);
  const icsFile = parsed.options.get('ics');
  if (icsFile !== undefined && !icsFile.toLowerCase().endsWith('.ics')) throw new UsageError(`${icsFile}: the calendar file should be an .ics file`);
  // Before anything is written: a calendar file that cannot be written must not leave the workbook changed.
  if (icsFile !== undefined) await checkWritableDestination(icsFile);
  const now = new Date();
  const lines: string[] = [];
  await changeWorkbook(file, async (store) => {
    const today = programToday(store, now);
    const plan = planSchedule(store, today);
    const report = scheduleSessions(store, today, now, undefined, plan);
    if (report.written) await store.save();
    lines.push(
      `Sessions tab: ${report.sessions} sessions (${report.added} added, ${report.moved} moved, ${report.removed} removed, ${report.kept} kept)${report.written ? '' : '; nothing changed'}.`,
    );
    if (icsFile !== undefined) {
      const series = seriesOfPlan(plan);
      const { programName, timezone } = plan.program.settings;
      await replaceFileAtomically(icsFile, writeIcs(series, { programName, timeZone: timezone, now }));
      lines.push(`Calendar file: ${icsFile} with ${series.length} weekly event series (import it into Google Calendar, Outlook or Apple Calendar).`);
    }
    if (report.sessions === 0) lines.push('No Active or Trial pairs yet: set their Status on the Pairs tab, then run schedule again.');
    for (const text of [...report.warnings, ...report.shortfalls]) lines.push(`  ${text}`);
  });
  console.log(lines.join('\n'));
  return 0;
}

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = { init, check, start, serve, match, schedule };

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const run = COMMANDS[command];
  if (!run) {
    console.error(command && command !== 'help' && command !== '--help' ? `peer-tutoring: unknown command "${command}"\n\n${USAGE}` : USAGE);
    return command === 'help' || command === '--help' ? 0 : 2;
  }
  try {
    return await run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`peer-tutoring ${command}: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ProgramDataError) {
      console.error(`peer-tutoring ${command}: ${error.problems.map(describeProblem).join('\n')}`);
      return 1;
    }
    if (error instanceof LocalError) {
      console.error(`peer-tutoring ${command}: ${error.message}`);
      return 1;
    }
    // Not expected: still one line and no stack trace (the workbook was not written: saving is the last step).
    console.error(`peer-tutoring ${command}: stopped by an unexpected error: ${firstLine(error)}`);
    return 1;
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split('\n')[0];
}
