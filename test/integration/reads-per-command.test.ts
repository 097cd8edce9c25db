// One read per input tab per command: the built bundle on the Apps Script fakes, counting
// Range.getValues per sheet for each menu and sidebar action a teacher takes in a term.
import { createAppsScriptFakes } from '../fakes/apps-script';
import { createCalendarFake } from '../fakes/apps-script/calendar';
import { createScriptAppFake } from '../fakes/apps-script/script-app';
import { entryPoint, loadBundle } from '../support/load-bundle';
import { rosterTabs } from '../support/program-fixture';

const NO_CHOICES = { locked: [], swapped: [], excluded: [] };

it('reads each tab at most once in every command of a term, from set-up to undo', () => {
  const fakes = createAppsScriptFakes({ timeZone: 'America/New_York' });
  for (const [name, grid] of Object.entries(rosterTabs(120))) fakes.seedSheet(name, grid);
  const calendar = createCalendarFake(fakes.calls, { timeZone: 'UTC', accounts: fakes.accounts });
  const script = createScriptAppFake(fakes.calls, { accounts: fakes.accounts });
  const readsOf = (entry: string, ...args: unknown[]) => {
    const bundle = loadBundle(fakes, { CalendarApp: calendar.CalendarApp, ScriptApp: script.ScriptApp });
    fakes.calls.reset();
    entryPoint(bundle, entry)(...args);
    return fakes.calls.valuesReadByTab();
  };
  const commands: [string, ...unknown[]][] = [
    ['menuSetUpProgram'],
    ['proposeMatches', NO_CHOICES],
    ['applyMatches', { options: NO_CHOICES }],
    ['changePairs', 'start', 'all'],
    ['previewSchedule'],
    ['scheduleSessions', { sendInvitations: false }],
    ['refreshDashboard'],
    ['undoChange', 3],
  ];
  for (const [entry, ...args] of commands) {
    const reads = readsOf(entry, ...args);
    expect({ entry, reads }).toEqual({ entry, reads: Object.fromEntries(Object.keys(reads).map((tab) => [tab, 1])) });
    if (entry === 'scheduleSessions') expect(fakes.sheet('Sessions').getLastRow()).toBeGreaterThan(100);
  }
  // The schedule was undone: Sessions holds only its header again.
  expect(fakes.sheet('Sessions').getLastRow()).toBe(1);
});
