// `peer-tutoring`: the program code run on a local .xlsx workbook instead of a Google Sheet.
import { existsSync } from 'fs';
import { readFile } from 'fs/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import { formOfHeaders, type FormKind } from '../core/forms/questions';
import { responseFromRow, type RawResponse } from '../core/forms/responses';
import { fileResponses } from '../sheets/forms/filing-service';
import { addSampleHistory } from '../sheets/forms/sample-history';
import { familyLetter, refreshProgress } from '../sheets/progress/refresh';
import { anonymisedCopy } from '../sheets/progress/anonymise';
import { randomBytes } from 'crypto';
import { importRosterCsv, RosterImportError, type RosterImportReport } from '../sheets/people/roster-import';
import type { ConsentFilingReport } from '../sheets/people/consent-filing';
import { letterHtml } from './letter-html';
import { certificateHtml } from './certificate-html';
import path from 'path';
import { ArchiveError, archiveMismatches, clearAfterArchive, copyToArchive, isVerified, markVerified, termName } from '../sheets/people/archive';
import { serviceHoursOfStudent } from '../sheets/people/service-hours-tab';
import { readProgressData } from '../sheets/progress/progress-data';
import { dashboardHtml } from './dashboard-html';
import type { LocalDate } from '../core/model';
import { SAMPLE_TIMEZONE, sampleProgram } from '../core/sample-program';
import { addDays, isLocalDate, localDateOf } from '../core/time';
import { optimalityLabel } from '../core/matching';
import { summarizeProgram } from '../core/summary';
import { describeProblem, ProgramDataError, type Problem } from '../sheets/program/problems';
import { writeProgram } from '../sheets/program/program-writer';
import { readProgram } from '../sheets/program/roster';
import { INPUT_TABS, markProblems, setUpProgram } from '../sheets/program/setup';
import { applyMatches, NO_CHOICES } from '../sheets/matching/service';
import { loadHighsSolver } from './highs';
import { changePairs } from '../sheets/matching/pair-actions';
import { readPairs } from '../sheets/matching/pairs-tab';
import { PAIRS_TAB } from '../sheets/program/schema';
import { programToday, readSettings, setSetting } from '../sheets/program/settings';
import { planSchedule, scheduleSessions, seriesOfPlan } from '../sheets/scheduling/service';
import { scheduleAgendas } from '../sheets/sessions/agendas';
import { agendaLines } from '../core/sessions/agenda';
import { weekToAnnounce } from '../core/sessions/weekly-email';
import { sendWeeklyEmails } from '../sheets/sessions/weekly-email';
import { outboxMail } from './outbox';
import { checkWritableDestination, replaceFileAtomically } from './atomic-file';
import { LocalError } from './errors';
import { UID_DOMAIN, writeIcs } from './ics';
import { oneOffEventsWanted } from '../sheets/sessions/one-off-events';
import { startSidebarServer } from './server';
import { withWorkbookLock } from './workbook-lock';
import { WorkbookError, XlsxTableStore } from './xlsx-store';

export const DEFAULT_WORKBOOK = 'peer-tutoring.xlsx';
const DEFAULT_SAMPLE_SIZE = 120;
/** `npm start`'s sample has this much history, so every tab has something to show. */
const DEFAULT_HISTORY_WEEKS = 6;

const USAGE = `Usage:
  peer-tutoring init <workbook.xlsx> [--sample <students>] [--seed <n>] [--weeks <w>]
                                                                          create every tab (optionally a sample program, with w weeks of history)
  peer-tutoring check <workbook.xlsx> [--mark]                            list every problem (changes nothing; --mark highlights them in the workbook)
  peer-tutoring match <workbook.xlsx> [--confirm]                         propose pairs: writes Pairs and Waitlist
                                                                          (--confirm: also when started pairs would end)
  peer-tutoring approve <workbook.xlsx> (--all | --pair <Pair ID>…)       start Proposed pairs (Trial or Active, as Settings say)
  peer-tutoring schedule <workbook.xlsx> [--ics <file.ics>]               writes Sessions; optionally an iCalendar file
  peer-tutoring import <workbook.xlsx> <responses.csv>                    file a Reflection or Exit ticket responses export, once
  peer-tutoring dashboard <workbook.xlsx> [--html <dashboard.html>]       rebuild Mastery, Alerts and Dashboard; print the open alerts (and a page with the charts)
  peer-tutoring report <workbook.xlsx> --student <ID> --out <letter.html> a family progress letter (printable HTML)
  peer-tutoring anonymise <workbook.xlsx> --out <copy.xlsx>               logs and dashboard with students as stable codes, no names or text
  peer-tutoring weekly-email <workbook.xlsx>                              each tutor's email for the coming week, as .eml files in outbox/
  peer-tutoring certificate <workbook.xlsx> --student <ID> --out <file.html> a tutor's service-hours certificate (printable HTML)
  peer-tutoring archive <workbook.xlsx> [--out <archive.xlsx>] [--clear]     End term: copy every tab to an archive named for the term, verify it;
                                                                          --clear: then clear personal data past its retention (Settings)
  peer-tutoring import-roster <workbook.xlsx> <students.csv>              add or update Students from a school export (matched on ID, then email)
  peer-tutoring start [workbook.xlsx] [--port <n>]                        create a sample if missing, check it, serve the sidebar
  peer-tutoring serve <workbook.xlsx> [--port <n>]                        serve the sidebar for an existing workbook
Every command accepts --today <yyyy-mm-dd>: the program's date instead of the clock.`;

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
    if (!allowed.includes(name) && name !== 'today') throw new UsageError(`unknown option ${arg}`);
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

/** `--today`, checked, when given. */
function todayOption(parsed: ParsedArgs): LocalDate | undefined {
  const text = parsed.options.get('today');
  if (text !== undefined && !isLocalDate(text)) throw new UsageError(`--today should be a date like 2027-03-01, not "${text}"`);
  return text;
}

/** The program's date: `--today` when given, else today's date in the program timezone. */
function todayOf(parsed: ParsedArgs, store: XlsxTableStore): LocalDate {
  return todayOption(parsed) ?? programToday(store, new Date());
}

/** The first few items, then how many more: a list a terminal can show. */
function listOf(items: string[], shown = 8): string {
  return items.length <= shown ? items.join(', ') : `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
}

/** Weeks of history a sample can have: its term is 20 weeks long. */
const MAX_HISTORY_WEEKS = 16;

async function init(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ['sample', 'seed', 'weeks']);
  const file = workbookArgument(parsed);
  const size = parsed.options.has('sample') ? positiveInteger(parsed.options, 'sample', DEFAULT_SAMPLE_SIZE) : 0;
  const seed = positiveInteger(parsed.options, 'seed', 1);
  const weeks = parsed.options.has('weeks') ? positiveInteger(parsed.options, 'weeks', 1) : 0;
  if (weeks && !size) throw new UsageError('--weeks adds history to a sample: use it with --sample <students>');
  if (weeks > MAX_HISTORY_WEEKS) throw new UsageError(`--weeks should be at most ${MAX_HISTORY_WEEKS} (the sample's term is 20 weeks)`);
  // The sample's term is placed around the program's date (a new workbook's timezone is the sample's);
  // with history, it started early enough to hold it.
  const today = todayOption(parsed) ?? localDateOf(new Date(), SAMPLE_TIMEZONE);
  const termAround = weeks > 4 ? addDays(today, 28 - 7 * weeks) : today;
  let history = '';
  await withWorkbookLock(file, async () => {
    if (existsSync(file)) throw new WorkbookError(`${file} already exists: nothing was changed (choose another name or delete it)`);
    const store = XlsxTableStore.create(file);
    if (size > 0) writeProgram(store, sampleProgram(size, seed, termAround));
    setUpProgram(store);
    if (weeks) {
      const report = addSampleHistory(store, seed, addDays(today, -7 * weeks), today, new Date());
      const { filing } = report;
      history = ` and ${weeks} weeks of history (${report.pastSessions} past sessions; ${filing.reflections} reflections, ${filing.exitTickets} exit tickets filed)`;
    }
    await store.save();
  });
  console.log(size > 0 ? `Created ${file} with a sample program of ${size} students${history}.` : `Created ${file} with every tab, ready to fill in.`);
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
async function serveUntilStopped(workbookPath: string, port: number, today: LocalDate | undefined): Promise<number> {
  const server = await startSidebarServer({ workbookPath, port, today });
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
  const today = todayOption(parsed);
  if (!existsSync(file)) await init([file, '--sample', String(DEFAULT_SAMPLE_SIZE), '--weeks', String(DEFAULT_HISTORY_WEEKS), ...(today ? ['--today', today] : [])]);
  const store = await XlsxTableStore.open(file);
  printProblems(findProblems(store), 'the sidebar\'s Check roster highlights them in the workbook');
  printSummary(store);
  return serveUntilStopped(file, port, today);
}

async function serve(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ['port']);
  const file = workbookArgument(parsed);
  const port = portOption(parsed.options);
  await XlsxTableStore.open(file); // a clear error now rather than in the sidebar
  return serveUntilStopped(file, port, todayOption(parsed));
}

/** The same rules as the sidebar's Apply: nothing is written with problems, or when started pairs would end unconfirmed. */
async function match(args: string[]): Promise<number> {
  const parsed = parseArgs(args, [], ['confirm']);
  const file = workbookArgument(parsed);
  const exact = (await loadHighsSolver()) ?? undefined;
  if (!exact) console.error('peer-tutoring match: HiGHS could not be loaded; matching without its exact finish.');
  const outcome = await changeWorkbook(file, async (store) => {
    const result = applyMatches(store, { options: NO_CHOICES, confirmEnding: parsed.options.has('confirm') }, todayOf(parsed, store), new Date(), exact);
    if (result.applied) await store.save();
    return result;
  });
  if (!outcome.applied) {
    if (outcome.why === 'problems') throw new ProgramDataError(outcome.preview.problems);
    const ending = outcome.preview.ending.map((pair) => `  ${pair.pairId} ${pair.tutorName} → ${pair.tuteeName}, ${pair.subject} (${pair.status}): ${pair.reason}`);
    console.error(`peer-tutoring match: ${outcome.message}\n${ending.join('\n')}\nRun again with --confirm to end these pairs.`);
    return 1;
  }
  const { report } = outcome;
  const { totals } = report;
  const next = report.proposed.length
    ? `\n  ${report.proposed.length} pairs wait to start: peer-tutoring approve ${file} --all (they start as ${report.startsAs}).`
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
  const parsed = parseArgs(rest, [], ['all']);
  const file = workbookArgument(parsed);
  const extra = parsed.positional.slice(1);
  if (extra.length) throw new UsageError(`unexpected ${extra.join(' ')}: name pairs with --pair`);
  const all = parsed.options.has('all');
  if (all === (pairIds.length > 0)) throw new UsageError('say which pairs start: --all, or --pair followed by Pair IDs');
  const report = await changeWorkbook(file, async (store) => {
    const result = changePairs(store, 'start', all ? 'all' : pairIds, todayOf(parsed, store), new Date());
    if (result.changed.length) await store.save();
    return result;
  });
  const lines = report.changed.length
    ? [`Started ${report.changed.length} pair${report.changed.length === 1 ? '' : 's'} as ${report.changed[0].status}: ${listOf(report.changed.map((c) => c.pairId))}.`]
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
  // Before anything is written: a calendar file that cannot be written must not leave the workbook changed.
  if (icsFile !== undefined) await checkWritableDestination(icsFile);
  const now = new Date();
  const lines: string[] = [];
  await changeWorkbook(file, async (store) => {
    const today = todayOf(parsed, store);
    const plan = planSchedule(store, today);
    const agendas = scheduleAgendas(store, plan.program, plan.pairs, plan.merged.sessions, today);
    const report = scheduleSessions(store, today, now, undefined, plan, null, agendas.extrasOf);
    if (report.written) await store.save();
    lines.push(
      `Sessions tab: ${report.sessions} sessions (${report.added} added, ${report.moved} moved, ${report.removed} removed, ${report.kept} kept)${report.written ? '' : '; nothing changed'}.`,
    );
    if (icsFile !== undefined) {
      const series = seriesOfPlan(plan, agendas.describe);
      const { programName, timezone } = plan.program.settings;
      // Help requests' one-off sessions from today on, as single events (their own UIDs).
      const singles = oneOffEventsWanted(store, now, new Set()).create.map((event) => ({ ...event, uid: `${event.sessionId}@${UID_DOMAIN}` }));
      await replaceFileAtomically(icsFile, writeIcs(series, { programName, timeZone: timezone, now }, singles));
      const extra = singles.length ? ` and ${singles.length} one-off ${singles.length === 1 ? 'session' : 'sessions'}` : '';
      lines.push(`Calendar file: ${icsFile} with ${series.length} weekly event series${extra} (import it into Google Calendar, Outlook or Apple Calendar).`);
    }
    if (report.sessions === 0) lines.push(`No Active or Trial pairs yet: start the Proposed ones with peer-tutoring approve ${file} --all, then run schedule again.`);
    for (const text of [...report.warnings, ...report.shortfalls]) lines.push(`  ${text}`);
  });
  console.log(lines.join('\n'));
  return 0;
}

/**
 * `import <workbook> <responses.csv>`: files a Google Forms export (Download responses, or a responses
 * tab saved as CSV) through the same code as the form-submit trigger; importing it again adds nothing.
 */
async function importResponses(args: string[]): Promise<number> {
  const parsed = parseArgs(args, []);
  const file = workbookArgument(parsed);
  const csvFile = parsed.positional[1];
  if (!csvFile) throw new UsageError('name the responses file, e.g. peer-tutoring import program.xlsx reflections.csv');
  const { form, headers, rows } = await readResponsesCsv(csvFile);
  const lines: string[] = [];
  const report = await changeWorkbook(file, async (store) => {
    const timeZone = readSettings(store).settings.timezone || store.timeZone;
    const responses: RawResponse[] = [];
    rows.forEach((cells, i) => {
      const response = responseFromRow(form, headers, cells, timeZone);
      if (response) responses.push(response);
      else if (cells.some((cell) => cell.trim() !== '')) lines.push(`  ${csvFile} row ${i + 2}: no readable Timestamp, not filed`);
    });
    const result = fileResponses(store, responses, new Date());
    if (result.reflections || result.exitTickets || result.needsReview || result.consent?.filed) await store.save();
    return result;
  });
  console.log(
    [
      `${form} responses: ${report.received} read; filed ${report.reflections + report.exitTickets}, already filed ${report.duplicates}, ` +
        `to Needs review ${report.needsReview}${report.ghosts ? `, empty ${report.ghosts}` : ''}; attendance filled on ${report.attendance} sessions.`,
      ...report.help.booked.map((b) => `  Help request: ${b.tutee.name} (${b.tutee.id}) has an extra ${b.subject} session with ${b.tutor.name} on ${b.date} ${b.start} (${b.sessionId}).`),
      ...report.help.unplaced.map((u) => `  Help request from ${u.studentId}: no tutor could be booked (${u.reason}); a Help request alert is open.`),
      ...report.talkRequests.map((request) =>
        request.urgent
          ? `  URGENT: ${request.studentName} (${request.studentId}) said something worried them (${request.unresolved ? `unresolved: "${request.sessionId}" is not a session, see Needs review` : `session ${request.sessionId}`}); a Concern alert is open.`
          : `  ${request.studentName} (${request.studentId}) asks to talk to a teacher (session ${request.sessionId}).`,
      ),
      ...(report.consent ? consentLines(report.consent) : []),
      ...lines,
    ].join('\n'),
  );
  return 0;
}

function consentLines(consent: ConsentFilingReport): string[] {
  return [
    `Consent: ${consent.filed} answers recorded; Consent changed for ${consent.changed.length} students` +
      (consent.pairsEnded.length ? `; consent withdrawn: pairs ${consent.pairsEnded.join(', ')} ended, ${consent.sessionsRemoved} future sessions removed` : '') + '.',
    ...consent.changed.map((c) => `  ${c.studentId}: Consent ${c.consent}`),
    ...(consent.notice ? [`  ${consent.notice}`] : []),
  ];
}

/** `dashboard <workbook>`: Mastery, Alerts and Dashboard rebuilt from the logs; the open alerts printed. */
async function dashboard(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ['html']);
  const file = workbookArgument(parsed);
  const html = parsed.options.get('html');
  if (html !== undefined && !html.toLowerCase().endsWith('.html')) throw new UsageError(`${html}: the dashboard page should be an .html file`);
  if (html !== undefined) await checkWritableDestination(html);
  let programName = '';
  let today = '';
  const report = await changeWorkbook(file, async (store) => {
    today = todayOf(parsed, store);
    const result = refreshProgress(store, today);
    programName = readSettings(store).settings.programName;
    await store.save();
    return result;
  });
  if (html !== undefined) await replaceFileAtomically(html, dashboardHtml(programName, today, report));
  const t = report.dashboard.totals;
  const lines = [
    `Dashboard: ${t.pairs} pairs, ${t.sessionsHeld} sessions held, ${t.sessionsMissed} missed` +
      `${t.attendancePercent === null ? '' : ` (attendance ${t.attendancePercent}%)`}, ${t.hoursTutored} hours tutored, ${t.skillsMastered} skills mastered.`,
    `Service hours: ${report.serviceHours.rows.length} tutors, ${Math.round(report.serviceHours.rows.reduce((sum, row) => sum + row.total, 0) * 100) / 100} hours in total.` +
      (report.trainedChanged ? ` Trained updated from the Training tab for ${report.trainedChanged} students.` : ''),
    ...report.serviceHours.problems.map((problem) => `  ${describeProblem(problem)}`),
    ...(report.mentors.length ? [`Mentors: ${report.mentors.filter((m) => m.mentorId).length} of ${report.mentors.length} new tutors have a mentor (Mentors tab).`] : []),
    report.openAlerts.length ? `${report.openAlerts.length} open alerts:` : 'No open alerts.',
    ...report.openAlerts.map((alert) => `  ${alert.kind}: ${alert.detail}. Suggested: ${alert.action}.`),
    ...[...report.forecast.recommendations.map((r) => r.text), ...report.forecast.spare.map((s) => s.text)].map((text) => `Recruiting: ${text}.`),
    ...(html ? [`Wrote ${html}: the dashboard with its charts (open it in a browser to print).`] : []),
    ...agendaReport(report.agendas),
    ...goalsReport(report.goals),
  ];
  console.log(lines.join('\n'));
  return 0;
}

/** How many sessions the agendas shown on the command line stop at (the Sessions tab has them all). */
const AGENDAS_SHOWN = 10;

/** The next seven days' agendas (the first few in full) and the guides no agenda can show. */
function agendaReport({ changed, nextWeek, problems }: ReturnType<typeof refreshProgress>['agendas']): string[] {
  const lines = [`Agendas: ${nextWeek.length} session${nextWeek.length === 1 ? '' : 's'} in the next 7 days (${changed} agenda${changed === 1 ? '' : 's'} updated on the Sessions tab).`];
  for (const view of nextWeek.slice(0, AGENDAS_SHOWN)) {
    lines.push(`  ${view.date} ${view.start}–${view.end} ${view.block}${view.location ? ` (${view.location})` : ''} · ${view.subject} · ${view.tutor} → ${view.tutee}`);
    lines.push(...agendaLines(view.agenda).map((line) => `      ${line}`));
  }
  if (nextWeek.length > AGENDAS_SHOWN) lines.push(`  … and ${nextWeek.length - AGENDAS_SHOWN} more: see the Agenda column of the Sessions tab.`);
  lines.push(...problems.map((problem) => `  ${problem}`));
  return lines;
}

/** Goals in numbers, and the rows that cannot be followed. */
function goalsReport({ goals, problems }: ReturnType<typeof refreshProgress>['goals']): string[] {
  const count = (status: string) => goals.filter((goal) => goal.status === status).length;
  return [
    `Goals: ${goals.length} (${count('Open')} open, ${count('Met')} met, ${count('Missed')} missed).`,
    ...problems.map((problem) => `  ${problem}`),
  ];
}

/**
 * `weekly-email <workbook>`: each tutor's email for the coming week (the Monday after --today), as .eml
 * files in outbox/ beside the workbook; logged on the Messages tab. Nothing is sent.
 */
async function weeklyEmail(args: string[]): Promise<number> {
  const parsed = parseArgs(args, []);
  const file = workbookArgument(parsed);
  const folder = path.join(path.dirname(path.resolve(file)), 'outbox');
  const report = await changeWorkbook(file, async (store) => {
    const today = todayOf(parsed, store);
    // Locally every run writes the week afresh: nothing is sent, so nothing needs remembering.
    const result = sendWeeklyEmails(store, outboxMail(folder), { load: () => null, save: () => undefined }, today, new Date(), weekToAnnounce(today, 'Mon'));
    if (result.sent) await store.save();
    return result;
  });
  console.log(
    [
      `Weekly tutor email for the week of ${report.week}: ${report.sent} written to ${folder} (.eml files; nothing is sent locally)${report.left ? `; ${report.left} left (the day's email limit)` : ''}.`,
      ...report.skipped.map((line) => `  skipped: ${line}`),
    ].join('\n'),
  );
  return 0;
}

/** `report <workbook> --student <ID> --out <letter.html>`: a family progress letter; the workbook is only read. */
async function report(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ['student', 'out']);
  const file = workbookArgument(parsed);
  const studentId = parsed.options.get('student');
  const out = parsed.options.get('out');
  if (!studentId || !out) throw new UsageError('say whose letter and where: --student <Student ID> --out <letter.html>');
  if (!out.toLowerCase().endsWith('.html')) throw new UsageError(`${out}: the letter should be an .html file`);
  await checkWritableDestination(out);
  const store = await XlsxTableStore.open(file);
  const letter = familyLetter(store, studentId, todayOf(parsed, store));
  if (!letter) throw new LocalError(`${studentId} is not a Student ID on the Students tab (or that row has a problem: run peer-tutoring check)`);
  await replaceFileAtomically(out, letterHtml(letter));
  console.log(`Wrote ${out}: ${letter.studentName}'s letter (${letter.subjects.length} subject${letter.subjects.length === 1 ? '' : 's'}). Open it in a browser to print.`);
  return 0;
}

/**
 * `archive <workbook> [--out <archive.xlsx>] [--clear]`: End term. The archive is written, saved, read
 * back from disk and compared with the workbook tab by tab; only then is it marked verified, and only a
 * verified archive that still matches lets --clear clear anything. Run again after an interruption.
 */
async function archive(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ['out'], ['clear']);
  const file = workbookArgument(parsed);
  const lines: string[] = [];
  await changeWorkbook(file, async (store) => {
    const name = termName(store);
    const out = parsed.options.get('out') ?? path.join(path.dirname(file), `${name.replace(/[\\/:*?"<>|]/g, '-')}.xlsx`);
    if (!out.toLowerCase().endsWith('.xlsx')) throw new UsageError(`${out}: the archive should be an .xlsx file`);
    const target = existsSync(out) ? await XlsxTableStore.open(out) : XlsxTableStore.create(out);
    if (isVerified(target)) {
      // The term's record: never rewritten (after clearing, the workbook differs from it on purpose).
      lines.push(`Archive: ${out} is already made and verified; it is kept as it is.`);
    } else {
      const { tabs, copied } = copyToArchive(store, target);
      if (copied.length || !existsSync(out)) await target.save();
      // Read back what is on disk: the archive is verified against the file, not the memory that wrote it.
      const saved = await XlsxTableStore.open(out);
      const mismatches = archiveMismatches(store, saved);
      if (mismatches.length) throw new LocalError(`the archive ${out} does not match ${mismatches.join(', ')} after saving: nothing was cleared; run archive again`);
      markVerified(saved, name, tabs, new Date(), readSettings(store).settings.timezone || store.timeZone);
      await saved.save();
      lines.push(`Archive: ${out} (${tabs.length} tabs, ${copied.length} written now), verified against ${file}.`);
    }
    if (!parsed.options.has('clear')) {
      lines.push(`Nothing was cleared. To clear personal data past its retention (Settings: Keep personal data for days after term end), run: peer-tutoring archive ${file} --clear`);
      return;
    }
    const cleared = clearAfterArchive(store, await XlsxTableStore.open(out), todayOf(parsed, store));
    const total = Object.values(cleared).reduce((sum, n) => sum + n, 0);
    if (total) await store.save();
    lines.push(`Cleared personal data past its retention in ${total} rows: ${Object.entries(cleared).map(([tab, n]) => `${tab} ${n}`).join(', ')}.`);
  });
  console.log(lines.join('\n'));
  return 0;
}

/** `certificate <workbook> --student <ID> --out <file.html>`: a tutor's service hours this term; the workbook is only read. */
async function certificate(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ['student', 'out']);
  const file = workbookArgument(parsed);
  const studentId = parsed.options.get('student');
  const out = parsed.options.get('out');
  if (!studentId || !out) throw new UsageError('say whose certificate and where: --student <Student ID> --out <certificate.html>');
  if (!out.toLowerCase().endsWith('.html')) throw new UsageError(`${out}: the certificate should be an .html file`);
  await checkWritableDestination(out);
  const store = await XlsxTableStore.open(file);
  const { data, program } = readProgressData(store, todayOf(parsed, store));
  const tutor = serviceHoursOfStudent(store, program, data.sessions, data.pairs, studentId);
  if (!tutor) throw new LocalError(`${studentId} has no service hours this term (no held session as a tutor, and no adjustment on the Service hours tab)`);
  const { termStart, termEnd, programName } = program.settings;
  await replaceFileAtomically(out, certificateHtml({ programName, term: termStart && termEnd ? `${termStart} to ${termEnd}` : '', date: todayOf(parsed, store), tutor }));
  console.log(`Wrote ${out}: ${tutor.name}, ${tutor.total} hours in ${tutor.sessions} sessions. Open it in a browser to print.`);
  return 0;
}

/**
 * `anonymise <workbook> --out <copy.xlsx>`: a new workbook for administrators or researchers. The first
 * run keeps a random key in Settings (Anonymisation key) so later copies use the same codes.
 */
async function anonymise(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ['out']);
  const file = workbookArgument(parsed);
  const out = parsed.options.get('out');
  if (!out || !out.toLowerCase().endsWith('.xlsx')) throw new UsageError('name the copy: --out <copy.xlsx>');
  if (existsSync(out)) throw new LocalError(`${out} already exists: nothing was changed (choose another name or delete it)`);
  const tabs = await changeWorkbook(file, async (store) => {
    let key = readSettings(store).settings.anonymisationKey;
    if (!key) {
      key = randomBytes(16).toString('hex');
      setSetting(store, 'Anonymisation key', key);
      await store.save();
    }
    return anonymisedCopy(store, key, todayOf(parsed, store));
  });
  const copy = XlsxTableStore.create(out);
  for (const [name, grid] of Object.entries(tabs)) copy.writeTab(name, grid);
  await copy.save();
  console.log(`Wrote ${out}: ${Object.keys(tabs).join(', ')}, each student a stable code; no names, emails or written answers.`);
  return 0;
}

/**
 * `import-roster <workbook> <students.csv>`: adds and updates Students from a school export (columns
 * found by name), matched on Student ID then email; importing the same file again changes nothing.
 */
async function importRoster(args: string[]): Promise<number> {
  const parsed = parseArgs(args, []);
  const file = workbookArgument(parsed);
  const csvFile = parsed.positional[1];
  if (!csvFile) throw new UsageError('name the roster file, e.g. peer-tutoring import-roster program.xlsx students.csv');
  if (!csvFile.toLowerCase().endsWith('.csv')) throw new UsageError(`${csvFile}: the roster should be a .csv file`);
  const text = await readTextFile(csvFile);
  const report = await changeWorkbook(file, async (store) => {
    const result = importRosterCsv(store, text, true);
    if (result.written) await store.save();
    return result;
  });
  if (report.problems.length) throw new LocalError(`${csvFile} cannot be imported: ${report.problems.join('; ')}`);
  console.log(rosterImportLines(report).join('\n'));
  return 0;
}

function rosterImportLines(report: RosterImportReport): string[] {
  const found = report.mapping.filter((m) => m.header !== null).map((m) => `${m.field} ← "${m.header}"`);
  return [
    `Columns: ${found.join(', ')}.`,
    `Students: ${report.added.length} added, ${report.updated.length} updated, ${report.unchanged} already up to date, ${report.skipped.length} skipped.`,
    ...report.added.map((a) => `  added ${a.id} ${a.name} (${a.source})`),
    ...report.updated.map((u) => `  updated Students row ${u.rowNumber} (${u.source}): ${u.changes.join('; ')}`),
    ...report.skipped.map((s) => `  skipped ${s.source}: ${s.reason}`),
    ...(report.added.length ? ['New students start with Consent Pending, Trained No and Active Yes: fill in their Role, subjects and Availability (peer-tutoring check lists what is missing).'] : []),
  ];
}

async function readTextFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    throw new LocalError(`${path} cannot be read: check the name and that the file exists`);
  }
}

/** The export's header row and rows; which form it is comes from the question titles. */
async function readResponsesCsv(csvFile: string): Promise<{ form: FormKind; headers: string[]; rows: string[][] }> {
  if (!csvFile.toLowerCase().endsWith('.csv')) throw new UsageError(`${csvFile}: the responses file should be a .csv file`);
  let text: string;
  try {
    text = await readFile(csvFile, 'utf8');
  } catch {
    throw new LocalError(`${csvFile} cannot be read: check the name and that the file exists`);
  }
  let records: string[][];
  try {
    records = parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch {
    throw new LocalError(`${csvFile} is not a CSV file as Google Forms writes it`);
  }
  const [headers = [], ...rows] = records;
  const form = formOfHeaders(headers);
  if (!form) throw new LocalError(`${csvFile} is not a Reflection, Exit ticket or Consent export: its columns should be the form's question titles (Timestamp, Session, Student ID, …)`);
  return { form, headers, rows };
}

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  init, check, start, serve, match, approve, schedule, import: importResponses, dashboard, report, anonymise,
  'weekly-email': weeklyEmail,
  'import-roster': importRoster,
  certificate,
  archive,
};

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
    if (error instanceof LocalError || error instanceof RosterImportError || error instanceof ArchiveError) {
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
