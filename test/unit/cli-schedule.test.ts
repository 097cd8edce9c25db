// `peer-tutoring schedule`: Sessions written into the workbook and an iCalendar file that an
// independent parser (ical.js) expands to exactly the sessions on the Sessions tab.
import ICAL from 'ical.js';
import { mkdtempSync, readFileSync, existsSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { instantOf, localDateOf } from '../../src/core/time';
import { main } from '../../src/local/cli';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import type { Grid } from '../../src/sheets/table-store';

let dir: string;
let output: string[];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-schedule-'));
  output = [];
  jest.spyOn(console, 'log').mockImplementation((...args) => void output.push(args.join(' ')));
  jest.spyOn(console, 'error').mockImplementation((...args) => void output.push(args.join(' ')));
});

afterEach(() => jest.restoreAllMocks());

const file = (name: string) => path.join(dir, name);
const TIME_ZONE = 'America/Chicago';

/** A sample program, matched, with every proposed pair made Active as a teacher would. */
async function matchedWorkbook(): Promise<string> {
  const workbook = file('program.xlsx');
  expect(await main(['init', workbook, '--sample', '40', '--seed', '3'])).toBe(0);
  expect(await main(['match', workbook])).toBe(0);
  const store = await XlsxTableStore.open(workbook);
  const pairs = store.readTab('Pairs')!;
  const status = pairs[0].indexOf('Status');
  store.writeTab('Pairs', pairs.map((row, i) => (i === 0 ? row : row.map((cell, j) => (j === status ? 'Active' : cell)))));
  await store.save();
  return workbook;
}

function records(grid: Grid): Record<string, unknown>[] {
  return grid.slice(1).map((row) => Object.fromEntries(grid[0].map((header, i) => [String(header), row[i]])));
}

/** Every occurrence in the file as `<Pair ID> <start ISO> <end ISO>`. */
function icsOccurrences(ics: string): string[] {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtimezone);
  try {
    return calendar.getAllSubcomponents('vevent').flatMap((vevent) => {
      const event = new ICAL.Event(vevent);
      const pairId = event.uid.split('#')[0];
      const found: string[] = [];
      const iterator = event.iterator();
      for (let next = iterator.next(); next; next = iterator.next()) {
        const details = event.getOccurrenceDetails(next);
        found.push(`${pairId} ${details.startDate.toJSDate().toISOString()} ${details.endDate.toJSDate().toISOString()}`);
        if (found.length > 100) throw new Error('runaway recurrence');
      }
      return found;
    });
  } finally {
    ICAL.TimezoneService.remove(TIME_ZONE);
  }
}

describe('peer-tutoring schedule', () => {
  it('writes Sessions and an .ics whose every occurrence after today is a session on the tab', async () => {
    const workbook = await matchedWorkbook();
    expect(await main(['schedule', workbook, '--ics', file('sessions.ics')])).toBe(0);
    const store = await XlsxTableStore.open(workbook);
    const sessions = records(store.readTab('Sessions')!);
    expect(sessions.length).toBeGreaterThan(100);
    expect(output.join('\n')).toContain(`Sessions tab: ${sessions.length} sessions (${sessions.length} added, 0 moved, 0 removed, 0 kept).`);
    const today = localDateOf(new Date(), TIME_ZONE);
    const onTab = sessions.map((s) => {
      const date = localDateOf(s.Date as Date, store.timeZone);
      expect(s['Session ID']).toBe(`${s['Pair ID']}-${date.replace(/-/g, '')}`);
      const at = (time: unknown) => instantOf(date, String(time), TIME_ZONE).toISOString();
      return `${s['Pair ID']} ${at(s.Start)} ${at(s.End)}`;
    });
    const inFile = icsOccurrences(readFileSync(file('sessions.ics'), 'utf8')).filter(
      (line) => localDateOf(new Date(line.split(' ')[1]), TIME_ZONE) > today,
    );
    expect(inFile.sort()).toEqual(onTab.sort());
    expect(output.join('\n')).toMatch(/Calendar file: .*sessions\.ics with \d+ weekly event series/);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('changes nothing when run again, and the .ics keeps its UIDs', async () => {
    const workbook = await matchedWorkbook();
    await main(['schedule', workbook, '--ics', file('first.ics')]);
    const before = (await XlsxTableStore.open(workbook)).readTab('Sessions');
    output = [];
    expect(await main(['schedule', workbook, '--ics', file('second.ics')])).toBe(0);
    expect((await XlsxTableStore.open(workbook)).readTab('Sessions')).toEqual(before);
    expect(output.join('\n')).toContain('0 added, 0 moved, 0 removed');
    expect(output.join('\n')).toContain('nothing changed');
    const uids = (name: string) => readFileSync(file(name), 'utf8').match(/^UID:.*$/gm);
    expect(uids('second.ics')).toEqual(uids('first.ics'));
  });

  it('exits non-zero with a located message on bad input and leaves the workbook and .ics alone', async () => {
    const workbook = await matchedWorkbook();
    const store = await XlsxTableStore.open(workbook);
    const settings = store.readTab('Settings')!;
    const termEnd = settings.findIndex((row) => row[0] === 'Term end');
    settings[termEnd][1] = '2026-01-01';
    store.writeTab('Settings', settings);
    await store.save();
    const bytes = readFileSync(workbook);
    expect(await main(['schedule', workbook, '--ics', file('bad.ics')])).toBe(1);
    expect(output.join('\n')).toContain(`Settings row ${termEnd + 1}, "Value": Term end (2026-01-01) is before Term start`);
    expect(readFileSync(workbook).equals(bytes)).toBe(true);
    expect(existsSync(file('bad.ics'))).toBe(false);
  });

  it('refuses a calendar file that is not .ics', async () => {
    expect(await main(['schedule', file('x.xlsx'), '--ics', file('x.txt')])).toBe(2);
    expect(output.join('\n')).toContain('should be an .ics file');
  });
});
