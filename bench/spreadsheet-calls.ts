// Apps Script calls made by the built bundle (build/Code.js) for the teacher's menu items, counted by
// the fakes: each is one network round trip in a real spreadsheet, so the count must not grow with
// the roster.
import { createAppsScriptFakes, type AppsScriptFakes } from '../test/fakes/apps-script';
import { entryPoint, loadBundle } from '../test/support/load-bundle';
import { rosterTabs } from '../test/support/program-fixture';

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
}
