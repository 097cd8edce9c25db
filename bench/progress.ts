// Benchmark section: Refresh dashboard (Mastery, Alerts, Dashboard) on a school-sized history — the
// sample program with 2,000 students and 36 weeks of sessions, reflections and exit tickets filed
// through the program's own code — in memory, with the peak memory of the process.
import { sampleProgram } from '../src/core/sample-program';
import { addDays } from '../src/core/time';
import { addSampleHistory } from '../src/sheets/forms/sample-history';
import { writeProgram } from '../src/sheets/program-writer';
import { refreshProgress } from '../src/sheets/progress/refresh';
import { setUpProgram } from '../src/sheets/setup';
import { MemoryTableStore } from '../test/fakes/memory-store';

const STUDENTS = 2000;
const WEEKS = 36;
const TODAY = '2027-05-03';

export async function benchProgress(): Promise<void> {
  console.log(`\n## Refresh dashboard: ${STUDENTS} students, ${WEEKS} weeks of history\n`);
  const store = new MemoryTableStore();
  writeProgram(store, sampleProgram(STUDENTS, 2027, addDays(TODAY, 28 - 7 * WEEKS)));
  setUpProgram(store);
  let start = performance.now();
  const history = addSampleHistory(store, 2027, addDays(TODAY, -7 * WEEKS), TODAY, new Date());
  const historyMs = Math.round(performance.now() - start);
  const logRows = ['Sessions', 'Reflections', 'Exit tickets'].reduce((sum, tab) => sum + (store.readTab(tab)?.length ?? 1) - 1, 0);
  start = performance.now();
  const report = refreshProgress(store, TODAY);
  const refreshMs = Math.round(performance.now() - start);
  const peak = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log('| log rows (Sessions + Reflections + Exit tickets) | past sessions | history filed in | refresh | open alerts | peak RSS |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  console.log(`| ${logRows} | ${history.pastSessions} | ${historyMs} ms | ${refreshMs} ms | ${report.openAlerts.length} | ${peak} MiB |`);
}
