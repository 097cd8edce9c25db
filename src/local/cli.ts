// `peer-tutoring`: the program code run on a local .xlsx workbook instead of a Google Sheet.
import { existsSync } from 'fs';
import { writeFile } from 'fs/promises';
import { optimalityLabel } from '../core/matching';
import { sampleProgram } from '../core/sample-program';
import { summarizeProgram } from '../core/summary';
import { ProgramDataError } from '../sheets/problems';
import { writeProgram } from '../sheets/program-writer';
import { readProgram } from '../sheets/roster';
import { checkRoster, setUpProgram } from '../sheets/setup';
import { applyMatches, NO_CHOICES } from '../sheets/matching-service';
import { changePairs } from '../sheets/pair-actions';
import { isLocalDate } from '../core/time';
import type { LocalDate } from '../core/model';
import { programToday } from '../sheets/settings';
import { planSchedule, scheduleSessions, seriesOfPlan } from '../sheets/scheduling-service';
import { replaceFileAtomically } from './atomic-file';
import { writeIcs } from './ics';
import { startSidebarServer } from './server';
import { WorkbookError, XlsxTableStore } from './xlsx-store';

export const DEFAULT_WORKBOOK = 'peer-tutoring.xlsx';
const DEFAULT_SAMPLE_SIZE = 120;

const USAGE = `Usage:
  peer-tutoring init <workbook.xlsx> [--sample <students>] [--seed <n>]   create every tab (optionally a sample program)
  peer-tutoring check <workbook.xlsx>                                     validate Settings, Blocks and Students
  peer-tutoring match <workbook.xlsx> [--confirm]                         propose pairs: writes Pairs and Waitlist
                                                                          (--confirm: also when started pairs would end)
  peer-tutoring approve <workbook.xlsx> (--all | --pair <Pair ID>…)       start Proposed pairs (Trial or Active, as Settings say)
  peer-tutoring schedule <workbook.xlsx> [--ics <file.ics>]               writes Sessions; optionally an iCalendar file
Every command accepts --today <yyyy-mm-dd>: the program's date instead of the clock.
  peer-tutoring start [workbook.xlsx] [--port <n>]                        create a sample if missing, check it, serve the sidebar
  peer-tutoring serve <workbook.xlsx> [--port <n>]                        serve the sidebar for an existing workbook`;

class UsageError extends Error {}

interface ParsedArgs {
  positional: string[];
  options: Map<string, string>;
}

/** Options without a value (`--all`); every other option takes one. */
const FLAGS = new Set(['all', 'confirm']);

function parseArgs(args: string[], allowed: string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const name = arg.slice(2);
    if (!allowed.includes(name) && name !== 'today') throw new UsageError(`unknown option ${arg}`);
    if (FLAGS.has(name)) {
      options.set(name, 'yes');
      continue;
    }
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

async function init(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ['sample', 'seed']);
  const file = workbookArgument(parsed);
  if (existsSync(file)) throw new WorkbookError(`${file} already exists: nothing was changed (choose another name or delete it)`);
  const store = XlsxTableStore.create(file);
  const size = parsed.options.has('sample') ? positiveInteger(parsed.options, 'sample', DEFAULT_SAMPLE_SIZE) : 0;
  if (size > 0) writeProgram(store, sampleProgram(size, positiveInteger(parsed.options, 'seed', 1)));
  setUpProgram(store);
  await store.save();
  console.log(size > 0 ? `Created ${file} with a sample program of ${size} students.` : `Created ${file} with every tab, ready to fill in.`);
  return 0;
}

/** Checks the roster, saves the problem marks into the workbook and prints every problem. */
async function checkWorkbook(store: XlsxTableStore): Promise<boolean> {
  const { lines } = checkRoster(store);
  await store.save();
  for (const line of lines) console.log(line);
  if (lines.length) console.log(`\n${lines.length} problem${lines.length === 1 ? '' : 's'} found; the cells are highlighted in ${store.filePath}.`);
  return lines.length === 0;
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

async function check(args: string[]): Promise<number> {
  const store = await XlsxTableStore.open(workbookArgument(parseArgs(args, [])));
  const clean = await checkWorkbook(store);
  if (clean) printSummary(store);
  return clean ? 0 : 1;
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
  await checkWorkbook(store);
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

/** The program's date: `--today` when given, else today's date in the program timezone. */
function todayOf(parsed: ParsedArgs, store: XlsxTableStore): LocalDate {
  const text = parsed.options.get('today');
  if (text === undefined) return programToday(store, new Date());
  if (!isLocalDate(text)) throw new UsageError(`--today should be a date like 2027-03-01, not "${text}"`);
  return text;
}

/** The same rules as the sidebar's Apply: nothing is written with problems, or when started pairs would end unconfirmed. */
async function match(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ['confirm']);
  const store = await XlsxTableStore.open(workbookArgument(parsed));
  const outcome = applyMatches(store, { options: NO_CHOICES, confirmEnding: parsed.options.has('confirm') }, todayOf(parsed, store), new Date());
  if (!outcome.applied) {
    if (outcome.why === 'problems') throw new ProgramDataError(outcome.preview.problems);
    const ending = outcome.preview.ending.map((pair) => `  ${pair.pairId} ${pair.tutorName} → ${pair.tuteeName}, ${pair.subject} (${pair.status}): ${pair.reason}`);
    console.error(`peer-tutoring match: ${outcome.message}\n${ending.join('\n')}\nRun again with --confirm to end these pairs.`);
    return 1;
  }
  await store.save();
  const { report } = outcome;
  const { totals } = report;
  const next = report.proposed.length
    ? `\n  ${report.proposed.length} pairs wait to start: peer-tutoring approve ${parsed.positional[0]} --all (they start as ${report.startsAs}).`
    : '';
  console.log(`Placed ${totals.placed} of ${totals.needs} needs with ${totals.tutorsUsed} tutors (average load ${totals.averageLoad.toFixed(2)}): ${optimalityLabel(totals.proof)}.
  Pairs tab: ${report.pairsWritten} rows (${report.newPairs} new, ${report.ended} ended); Waitlist: ${report.waitlisted} needs.${next}`);
  return 0;
}

/** `approve <workbook> --all` or `--pair P-0001 P-0002 …`: Proposed pairs start. */
async function approve(args: string[]): Promise<number> {
  const pairIds: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] !== '--pair') {
      rest.push(args[i]);
      continue;
    }
    const before = pairIds.length;
    while (i + 1 < args.length && !args[i + 1].startsWith('--')) pairIds.push(args[++i]);
    if (pairIds.length === before) throw new UsageError('--pair needs at least one Pair ID, e.g. --pair P-0001');
  }
  const parsed = parseArgs(rest, ['all']);
  const file = workbookArgument(parsed);
  const extra = parsed.positional.slice(1);
  if (extra.length) throw new UsageError(`unexpected ${extra.join(' ')}: name pairs with --pair`);
  const all = parsed.options.has('all');
  if (all === (pairIds.length > 0)) throw new UsageError('say which pairs start: --all, or --pair followed by Pair IDs');
  const store = await XlsxTableStore.open(file);
  const report = changePairs(store, 'start', all ? 'all' : pairIds, todayOf(parsed, store), new Date());
  if (report.changed.length) await store.save();
  const lines = report.changed.length
    ? [`Started ${report.changed.length} pair${report.changed.length === 1 ? '' : 's'} as ${report.changed[0].status}: ${report.changed.map((c) => c.pairId).join(', ')}.`]
    : ['No Proposed pairs to start: nothing changed.'];
  for (const skip of report.skipped) lines.push(`  ${skip.pairId}: not started, ${skip.reason}.`);
  if (report.changed.length) lines.push(`Next: peer-tutoring schedule ${file} --ics sessions.ics`);
  console.log(lines.join('\n'));
  return report.skipped.length && !report.changed.length ? 1 : 0;
}

async function schedule(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ['ics']);
  const file = workbookArgument(parsed);
  const icsFile = parsed.options.get('ics');
  if (icsFile !== undefined && !icsFile.toLowerCase().endsWith('.ics')) throw new UsageError(`${icsFile}: the calendar file should be an .ics file`);
  const store = await XlsxTableStore.open(file);
  const today = todayOf(parsed, store);
  const now = new Date();
  const plan = planSchedule(store, today);
  const report = scheduleSessions(store, today, now, undefined, plan);
  if (report.written) await store.save();
  const lines = [
    `Sessions tab: ${report.sessions} sessions (${report.added} added, ${report.moved} moved, ${report.removed} removed, ${report.kept} kept)${report.written ? '' : '; nothing changed'}.`,
  ];
  if (icsFile !== undefined) {
    const series = seriesOfPlan(plan);
    const { programName, timezone } = plan.program.settings;
    const ics = writeIcs(series, { programName, timeZone: timezone, now });
    await replaceFileAtomically(icsFile, (temporary) => writeFile(temporary, ics, 'utf8'));
    lines.push(`Calendar file: ${icsFile} with ${series.length} weekly event series (import it into Google Calendar, Outlook or Apple Calendar).`);
  }
  if (report.sessions === 0) lines.push(`No Active or Trial pairs yet: start the Proposed ones with peer-tutoring approve ${file} --all, then run schedule again.`);
  for (const text of [...report.warnings, ...report.shortfalls]) lines.push(`  ${text}`);
  console.log(lines.join('\n'));
  return 0;
}

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = { init, check, start, serve, match, approve, schedule };

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
    if (error instanceof WorkbookError || error instanceof ProgramDataError) {
      console.error(`peer-tutoring ${command}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
