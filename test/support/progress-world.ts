// A sample program with weeks of history (filed through the program's own code in memory), copied onto
// the Apps Script fakes with the built bundle loaded: for the dashboard's integration tests and bench.
import { sampleProgram } from '../../src/core/sample-program';
import { addDays, localDateOf } from '../../src/core/time';
import { addSampleHistory } from '../../src/sheets/forms/sample-history';
import { writeProgram } from '../../src/sheets/program/program-writer';
import { setUpProgram } from '../../src/sheets/program/setup';
import { createAppsScriptFakes, type AppsScriptFakes } from '../fakes/apps-script';
import { createCalendarFake } from '../fakes/apps-script/calendar';
import { createDocsFake, type FakeDocsApi } from '../fakes/apps-script/docs-api';
import { createMailFake, type FakeMailApp } from '../fakes/apps-script/mail';
import { createScriptAppFake, type ScriptAppFake } from '../fakes/apps-script/script-app';
import { MemoryTableStore } from '../fakes/memory-store';
import { loadBundle, type BundleContext } from './load-bundle';

export interface ProgressWorld {
  fakes: AppsScriptFakes;
  mail: FakeMailApp;
  script: ScriptAppFake;
  docs: FakeDocsApi;
  bundle: BundleContext;
  today: string;
}

/** The program's tabs after `weeks` of history up to today (the real clock: the bundle reads it). */
export function historyTabs(students: number, weeks: number, seed = 3): { tabs: Record<string, unknown[][]>; today: string } {
  const program = sampleProgram(students, seed);
  const today = localDateOf(new Date(), program.settings.timezone);
  const store = new MemoryTableStore({}, { timeZone: program.settings.timezone });
  writeProgram(store, sampleProgram(students, seed, addDays(today, 28 - 7 * weeks)));
  setUpProgram(store);
  if (weeks > 0) addSampleHistory(store, seed, addDays(today, -7 * weeks), today, new Date());
  const tabs: Record<string, unknown[][]> = {};
  // Text goes in with an apostrophe, as the add-on writes it: the fakes would re-type "00041" or "2027-03-01".
  for (const name of store.tabNames()) tabs[name] = (store.readTab(name) ?? []).map((row) => row.map((cell) => (typeof cell === 'string' && cell !== '' ? `'${cell}` : cell)));
  return { tabs, today };
}

export function progressWorld(students: number, weeks: number, seed = 3, mailQuota?: number, settings: [string, string][] = []): ProgressWorld {
  const { tabs, today } = historyTabs(students, weeks, seed);
  for (const [name, value] of settings) {
    const row = tabs.Settings.find((cells) => cells[0] === `'${name}`);
    if (row) row[1] = value;
    else tabs.Settings.push([name, value]);
  }
  const fakes = createAppsScriptFakes({ timeZone: 'America/Chicago' });
  for (const [name, grid] of Object.entries(tabs)) fakes.seedSheet(name, grid);
  const mail = createMailFake(fakes.calls, fakes.accounts, mailQuota);
  const script = createScriptAppFake(fakes.calls, { accounts: fakes.accounts });
  const calendar = createCalendarFake(fakes.calls, { timeZone: 'America/Chicago', accounts: fakes.accounts });
  const docs = createDocsFake(fakes.calls, fakes.accounts);
  const bundle = loadBundle(fakes, { MailApp: mail.MailApp, ScriptApp: script.ScriptApp, CalendarApp: calendar.CalendarApp, Docs: docs.Docs, Drive: docs.Drive });
  return { fakes, mail: mail.fake, script, docs: docs.fake, bundle, today };
}
