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
import { writeIcs } from '../src/local/ics';
import { seededRandom } from '../src/core/sample-program';

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

export async function benchScheduling(): Promise<void> {
  console.log('Scheduling');
  benchOne(1);
  benchOne(2);
}
