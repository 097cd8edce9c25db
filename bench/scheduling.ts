// Benchmark section: scheduling a 2,000-student program over a 36-week term, and the Calendar
// writes its sync plans ask for (first sync vs an unchanged re-sync).
import { DEFAULT_SETTINGS, WEEKDAYS, type Block, type Pair, type Settings, type Student } from '../src/core/model';
import {
  generateSessions,
  planSeries,
  planSlots,
  planSync,
  reconcileSessions,
  storedAfter,
  syncWrites,
  type SessionRecord,
  type StoredSeries,
} from '../src/core/scheduling';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeIcs } from '../src/local/ics';
import { XlsxTableStore } from '../src/local/xlsx-store';
import { writeProgram } from '../src/sheets/program/program-writer';
import { setUpProgram } from '../src/sheets/program/setup';
import { sampleProgram, seededRandom } from '../src/core/sample-program';

const STUDENTS = 2000;
const PAIRS = 800;

function syntheticBlocks(): Block[] {
  const afterSchool = WEEKDAYS.slice(0, 5).flatMap((day) => [
    { name: `${day}-A`, day, start: '15:00', end: '15:45', location: 'Library', capacity: null },
    { name: `${day}-B`, day, start: '15:50', end: '16:35', location: 'Room 12', capacity: 120 },
  ]);
  const lunch: Block[] = (['Tue', 'Thu'] as const).map((day) => ({ name: `${day}-L`, day, start: '12:00', end: '12:30', location: 'Cafeteria', capacity: 60 }));
  return [...afterSchool, ...lunch];
}

function syntheticProgram(sessionsPerWeek: number) {
  const blocks = syntheticBlocks();
  const next = seededRandom(42);
  const pairs: Pair[] = Array.from({ length: PAIRS }, (_, i) => ({
    pairId: `P-${String(i + 1).padStart(4, '0')}`, tutorId: `S-${2 * i}`, tuteeId: `S-${2 * i + 1}`, subject: 'Math',
    block: blocks[i % blocks.length].name, status: 'Active', locked: false, score: 0, why: '', startDate: null, endDate: null,
  }));
  const ownBlock = new Map(pairs.flatMap((p) => [[p.tutorId, p.block], [p.tuteeId, p.block]] as const));
  const students: Student[] = Array.from({ length: STUDENTS }, (_, i) => {
    const id = `S-${i}`;
    const availability = blocks.map((b) => b.name).filter((name) => name === ownBlock.get(id) || next() < 0.5);
    return {
      id, name: `Student ${i}`, email: i % 5 === 0 ? '' : `s${i}@school.org`, grade: 6 + (i % 7), role: 'Both', canTutor: [],
      needsHelpWith: [], languages: ['English'], learningPreference: '', availability, maxTutees: null, consent: 'Yes',
      trained: true, active: true, requestedTutor: '', doNotPairWith: [],
    };
  });
  const settings: Settings = {
    ...DEFAULT_SETTINGS, programName: 'Bench Program', timezone: 'America/New_York', sessionsPerWeek,
    termStart: '2026-08-31', termEnd: '2027-05-07', // 36 weeks
    noSchoolDates: [
      { from: '2026-09-07', to: '2026-09-07' }, { from: '2026-11-25', to: '2026-11-27' },
      { from: '2026-12-21', to: '2027-01-01' }, { from: '2027-01-18', to: '2027-01-18' }, { from: '2027-03-22', to: '2027-03-26' },
    ],
  };
  return { blocks, pairs, students, settings };
}

function timed<T>(work: () => T): [T, number] {
  const started = performance.now();
  const result = work();
  return [result, performance.now() - started];
}

function benchOne(sessionsPerWeek: number): void {
  const { blocks, pairs, students, settings } = syntheticProgram(sessionsPerWeek);
  const [{ slots, shortfalls }, slotMs] = timed(() => planSlots({ pairs, blocks, students, sessionsPerWeek }));
  const [sessions, sessionMs] = timed(() => generateSessions(pairs, slots, settings));
  const tab: SessionRecord[] = sessions.map((s) => ({ ...s, tutorPresent: null, tuteePresent: null, notes: '' }));
  const [merged, reconcileMs] = timed(() => reconcileSessions(tab, sessions, '2027-01-15'));
  const [series, seriesMs] = timed(() => planSeries({ pairs, slots, students, settings }));
  const today = '2026-08-20';
  const [first, firstMs] = timed(() => planSync(series, [], { today, pairs }));
  const stored: StoredSeries[] = first.create.map((action, i) => storedAfter(action, `evt-${i}`));
  const [again, againMs] = timed(() => planSync(planSeries({ pairs, slots, students, settings }), stored, { today, pairs }));
  const [ics, icsMs] = timed(() => writeIcs(series, { programName: settings.programName, timeZone: settings.timezone, now: new Date() }));
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  console.log(`  sessions per week = ${sessionsPerWeek}: ${STUDENTS} students, ${PAIRS} pairs, ${blocks.length} blocks, 36-week term`);
  console.log(`    weekly slots: ${slots.reduce((n, s) => n + s.blocks.length, 0)} (${shortfalls.length} pairs short) in ${ms(slotMs)}`);
  console.log(`    sessions generated: ${sessions.length} in ${ms(sessionMs)}; unchanged reconcile: ${merged.added.length + merged.removed.length + merged.moved.length} changes in ${ms(reconcileMs)}`);
  console.log(`    calendar series planned: ${series.length} in ${ms(seriesMs)}`);
  console.log(`    first sync: ${first.create.length} creations, ${syncWrites(first)} writes (planned in ${ms(firstMs)})`);
  console.log(`    unchanged re-sync: ${syncWrites(again)} writes (planned in ${ms(againMs)})`);
  console.log(`    ICS export: ${(ics.length / 1024).toFixed(0)} KiB in ${ms(icsMs)}`);
}

/**
 * `peer-tutoring schedule --ics` of a whole school year, as a teacher runs it: the 2,000-student
 * sample (August to June) matched and started, then scheduled for the first time and again unchanged.
 * Each run is its own process (the command's wall clock and that process's peak memory), three each.
 */
async function benchScheduleCommand(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-bench-'));
  const approved = path.join(dir, 'approved.xlsx');
  const store = XlsxTableStore.create(approved);
  const program = sampleProgram(2000, 1, YEAR_TODAY);
  writeProgram(store, { ...program, settings: { ...program.settings, termEnd: '2027-06-18' } });
  setUpProgram(store);
  await store.save();
  command(['match', approved]);
  command(['approve', approved, '--all']);
  const runs: Record<'first' | 'unchanged', { ms: number; peakMiB: number }[]> = { first: [], unchanged: [] };
  let sessions = '';
  for (let i = 0; i < 3; i++) {
    const file = path.join(dir, `year-${i}.xlsx`);
    copyFileSync(approved, file);
    const first = command(['schedule', file, '--ics', path.join(dir, `year-${i}.ics`)]);
    runs.first.push(first);
    sessions = /Sessions tab: (\d+) sessions/.exec(first.output)?.[1] ?? '?';
    runs.unchanged.push(command(['schedule', file, '--ics', path.join(dir, `again-${i}.ics`)]));
  }
  rmSync(dir, { recursive: true, force: true });
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1];
  console.log(`  peer-tutoring schedule --ics, a school year of the 2,000-student sample: ${sessions} sessions`);
  for (const [name, measured] of Object.entries(runs)) {
    console.log(`    ${name}: ${(median(measured.map((r) => r.ms)) / 1000).toFixed(2)} s, peak ${median(measured.map((r) => r.peakMiB)).toFixed(0)} MiB (median of 3; runs ${measured.map((r) => (r.ms / 1000).toFixed(2)).join(', ')} s)`);
  }
}

const YEAR_TODAY = '2026-09-01';

/** One CLI command in its own process: its wall clock, its peak memory and what it printed. */
function command(args: string[]): { ms: number; peakMiB: number; output: string } {
  const cli = path.resolve('dist/cli.js');
  const script = `require(${JSON.stringify(cli)}).main(${JSON.stringify([...args, '--today', YEAR_TODAY])}).then((code) => { console.log('PEAK ' + process.resourceUsage().maxRSS); process.exitCode = code; });`;
  const started = performance.now();
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`peer-tutoring ${args[0]} failed: ${run.stderr}`);
  const peak = Number(/PEAK (\d+)/.exec(run.stdout)?.[1] ?? NaN);
  return { ms, peakMiB: peak / 1024, output: run.stdout };
}

export async function benchScheduling(): Promise<void> {
  console.log('Scheduling');
  benchOne(1);
  benchOne(2);
  await benchScheduleCommand();
}
