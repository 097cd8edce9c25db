// Benchmark section: Refresh dashboard (Mastery, Alerts, forecast, Dashboard) on a school-sized history —
// the sample program with 2,000 students, two sessions a week and 36 weeks of sessions, reflections
// and exit tickets filed through the program's own code — in memory, with the peak memory of the
// process; then the Apps Script calls of a refresh in the built bundle (charts included) for
// growing programs, which must not grow.
import { sampleProgram } from '../src/core/sample-program';
import { addDays } from '../src/core/time';
import { addSampleHistory } from '../src/sheets/forms/sample-history';
import { writeProgram } from '../src/sheets/program/program-writer';
import { refreshProgress } from '../src/sheets/progress/refresh';
import { setUpProgram } from '../src/sheets/program/setup';
import { MemoryTableStore } from '../test/fakes/memory-store';
import { entryPoint } from '../test/support/load-bundle';
import { progressWorld } from '../test/support/progress-world';

/** 2,000 students give about 100,000 log rows (pairs meet about once a week in the blocks they share); 3,000 about 150,000. */
const STUDENT_COUNTS = [2000, 3000];
const WEEKS = 36;
const SESSIONS_PER_WEEK = 2;
const TODAY = '2027-05-03';
const CALL_SIZES = [100, 400, 1600];

export async function benchProgress(): Promise<void> {
  console.log(`\n## Refresh dashboard: ${WEEKS} weeks of history, ${SESSIONS_PER_WEEK} sessions a week planned\n`);
  console.log('| students | log rows (Sessions + Reflections + Exit tickets) | past sessions | history filed in | refresh wall (median of 3; fastest) | refresh CPU (fastest) | open alerts | recruiting lines | heap used after | peak RSS (whole run) |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const students of STUDENT_COUNTS) benchRefresh(students);
  benchCalls();
}

function benchRefresh(STUDENTS: number): void {
  const store = new MemoryTableStore();
  const program = sampleProgram(STUDENTS, 2027, addDays(TODAY, 28 - 7 * WEEKS));
  writeProgram(store, { ...program, settings: { ...program.settings, sessionsPerWeek: SESSIONS_PER_WEEK } });
  setUpProgram(store);
  let start = performance.now();
  const history = addSampleHistory(store, 2027, addDays(TODAY, -7 * WEEKS), TODAY, new Date());
  const historyMs = Math.round(performance.now() - start);
  const logRows = ['Sessions', 'Reflections', 'Exit tickets'].reduce((sum, tab) => sum + (store.readTab(tab)?.length ?? 1) - 1, 0);
  const times: number[] = [];
  const cpu: number[] = [];
  let report = refreshProgress(store, TODAY);
  for (let run = 0; run < 3; run++) {
    start = performance.now();
    const cpuStart = process.cpuUsage();
    report = refreshProgress(store, TODAY);
    const used = process.cpuUsage(cpuStart);
    times.push(Math.round(performance.now() - start));
    // CPU time of this process: on a shared machine the wall time also counts waiting for a core.
    cpu.push(Math.round((used.user + used.system) / 1000));
  }
  const heapAfter = process.memoryUsage().heapUsed;
  const peak = Math.round(process.resourceUsage().maxRSS / 1024);
  const sorted = [...times].sort((a, b) => a - b);
  const advice = report.forecast.recommendations.length + report.forecast.spare.length;
  console.log(`| ${STUDENTS} | ${logRows} | ${history.pastSessions} | ${historyMs} ms | ${sorted[1]} ms; ${sorted[0]} ms | ${Math.min(...cpu)} ms | ${report.openAlerts.length} | ${advice} | ${Math.round(heapAfter / 2 ** 20)} MiB | ${peak} MiB |`);

}

function benchCalls(): void {
  console.log('\nApps Script calls of one Refresh dashboard in the built bundle (4 weeks of history; the second refresh, charts updated):\n');
  console.log('| students | Spreadsheet + Sheet + Range calls | chart calls | all calls |');
  console.log('|---:|---:|---:|---:|');
  for (const students of CALL_SIZES) {
    const world = progressWorld(students, 4);
    entryPoint(world.bundle, 'refreshDashboard')();
    world.fakes.calls.reset();
    entryPoint(world.bundle, 'refreshDashboard')();
    const { calls } = world.fakes;
    const sheets = calls.total('Spreadsheet.') + calls.total('Sheet.') + calls.total('Range.');
    console.log(`| ${students} | ${sheets} | ${calls.total('EmbeddedChart')} | ${calls.total()} |`);
  }
}
