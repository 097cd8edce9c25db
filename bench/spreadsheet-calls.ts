// Apps Script calls made by the built bundle (build/Code.js) for the teacher's menu items, counted by
// the fakes: each is one network round trip in a real spreadsheet, so the count must not grow with
// the roster.
import { createAppsScriptFakes, type AppsScriptFakes } from '../test/fakes/apps-script';
import { entryPoint, loadBundle } from '../test/support/load-bundle';
import { createCalendarFake } from '../test/fakes/apps-script/calendar';
import { createScriptAppFake } from '../test/fakes/apps-script/script-app';
import { activePairTabs, rosterTabs } from '../test/support/program-fixture';

const ROSTER_SIZES = [10, 500, 5000];
const NO_CHOICES = { locked: [], swapped: [], excluded: [] };

function setUpFakes(students: number): AppsScriptFakes {
  const fakes = createAppsScriptFakes({ timeZone: 'America/New_York' });
  for (const [name, grid] of Object.entries(rosterTabs(students))) fakes.seedSheet(name, grid);
  return fakes;
}

function callsOf(fakes: AppsScriptFakes, entry: string, ...args: unknown[]): number {
  const context = loadBundle(fakes);
  fakes.calls.reset();
  entryPoint(context, entry)(...args);
  return fakes.calls.total();
}

export async function benchSpreadsheetCalls(): Promise<void> {
  console.log('\n## Spreadsheet calls per menu action (built bundle on the Apps Script fakes)\n');
  console.log('| students | set up (1st) | set up (again) | check roster | match + apply | undo |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const students of ROSTER_SIZES) {
    const fakes = setUpFakes(students);
    const row = [
      callsOf(fakes, 'menuSetUpProgram'),
      callsOf(fakes, 'menuSetUpProgram'),
      callsOf(fakes, 'menuCheckRoster'),
      callsOf(fakes, 'applyMatches', { options: NO_CHOICES }),
      // The sample's first apply is version 1.
      callsOf(fakes, 'undoChange', 1),
    ];
    console.log(`| ${students} | ${row.join(' | ')} |`);
  }
  benchCalendarResync();
}

/** Calls to Calendar of an unchanged re-sync (the built bundle), with CalendarApp only and with the advanced service. */
export function benchCalendarResync(): void {
  console.log('\n## Calendar calls of an unchanged re-sync (built bundle on the Calendar fakes)\n');
  console.log('| pairs | CalendarApp only: calls (series read) | with the advanced Calendar service: calls (series read) | writes |');
  console.log('|---:|---:|---:|---:|');
  for (const pairs of [50, 500]) {
    const [plain, advanced] = [false, true].map((withAdvanced) => {
      const fakes = createAppsScriptFakes({ timeZone: 'America/New_York' });
      for (const [name, grid] of Object.entries(activePairTabs(pairs))) fakes.seedSheet(name, grid);
      const calendar = createCalendarFake(fakes.calls, { timeZone: 'UTC', accounts: fakes.accounts });
      const script = createScriptAppFake(fakes.calls, { accounts: fakes.accounts });
      const bundle = loadBundle(fakes, { CalendarApp: calendar.CalendarApp, ScriptApp: script.ScriptApp, ...(withAdvanced ? { Calendar: calendar.Calendar } : {}) });
      const sync = () => entryPoint(bundle, 'scheduleSessions')({ sendInvitations: false }) as { calendar: { done: boolean } };
      // The first sync writes at most 300 series a run: run until Calendar holds them all.
      while (!sync().calendar.done);
      fakes.calls.reset();
      sync();
      const calls = fakes.calls.log().filter((name) => /^(Calendar|CalendarApp|CalendarEvent)/.test(name)).length;
      return { calls, reads: fakes.calls.count('Calendar.getEventSeriesById'), writes: calendar.writeCalls().length };
    });
    console.log(`| ${pairs} | ${plain.calls} (${plain.reads}) | ${advanced.calls} (${advanced.reads}) | ${plain.writes} / ${advanced.writes} |`);
  }
}
