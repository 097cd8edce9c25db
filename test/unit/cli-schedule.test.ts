// `peer-tutoring schedule`: Sessions written into the workbook and an iCalendar file that an
// independent parser (ical.js) expands to exactly the sessions on the Sessions tab.
import ICAL from 'ical.js';
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, existsSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { instantOf, localDateOf } from '../../src/core/time';
import { main } from '../../src/local/cli';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import type { Grid } from '../../src/sheets/store/table-store';
import { captureConsole } from '../support/console-capture';

let dir: string;
let output: string[];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-schedule-'));
  output = [];
  captureConsole(() => output);
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

describe('teachers’ formulas in the local workbook', () => {
  /** Opens the workbook with exceljs (not the store), as another spreadsheet program would. */
  async function edit(workbook: string, change: (book: ExcelJS.Workbook) => void): Promise<void> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(workbook);
    change(book);
    await book.xlsx.writeFile(workbook);
  }

  async function formulaAt(workbook: string, tab: string, row: number, column: number): Promise<string | undefined> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(workbook);
    return book.getWorksheet(tab)!.getRow(row).getCell(column).formula;
  }

  it('a formula in a column the teacher added to Pairs and Sessions survives match and schedule, moved with its row', async () => {
    const workbook = await matchedWorkbook();
    expect(await main(['schedule', workbook])).toBe(0);
    let width = 0;
    let sessionId = '';
    let before = 0;
    let lookedUpPair = '';
    await edit(workbook, (book) => {
      const pairs = book.getWorksheet('Pairs')!;
      pairs.getRow(1).getCell(14).value = 'Tutor grade';
      pairs.getRow(2).getCell(14).value = { formula: 'VLOOKUP(B2,Students!A:D,4,FALSE)' } as ExcelJS.CellFormulaValue;
      lookedUpPair = String(pairs.getRow(2).getCell(1).value);
      const sessions = book.getWorksheet('Sessions')!;
      width = sessions.columnCount;
      // The pair of the first session ends: its future sessions go, and the rows below move up.
      const endedPair = String(sessions.getRow(2).getCell(2).value);
      const pairRow = (pairs.getColumn(1).values as unknown[]).indexOf(endedPair);
      const status = (pairs.getRow(1).values as unknown[]).indexOf('Status');
      pairs.getRow(pairRow).getCell(status).value = 'Ended';
      // On the last session of another pair, the teacher's column: both present?
      let row = sessions.rowCount;
      while (String(sessions.getRow(row).getCell(2).value) === endedPair) row--;
      sessions.getRow(1).getCell(width + 1).value = 'Both present';
      sessions.getRow(row).getCell(width + 1).value = { formula: `AND(I${row}="Yes",J${row}="Yes")` } as ExcelJS.CellFormulaValue;
      sessionId = String(sessions.getRow(row).getCell(1).value);
      before = row;
    });
    // Placing the ended pair's tutee again moves started pairs here: the teacher confirms.
    expect(await main(['match', workbook, '--confirm'])).toBe(0);
    // Apply rewrites Pairs in its own order: the formula goes where its pair goes.
    const pairRows = records((await XlsxTableStore.open(workbook)).readTab('Pairs')!).map((pair) => pair['Pair ID']);
    const pairRow = pairRows.indexOf(lookedUpPair) + 2;
    expect(await formulaAt(workbook, 'Pairs', pairRow, 14)).toBe(`VLOOKUP(B${pairRow},Students!A:D,4,FALSE)`);
    expect(await main(['schedule', workbook])).toBe(0);
    const ids = records((await XlsxTableStore.open(workbook)).readTab('Sessions')!).map((row) => row['Session ID']);
    const row = ids.indexOf(sessionId) + 2;
    expect(row).toBeGreaterThan(1);
    expect(row).toBeLessThan(before);
    expect(await formulaAt(workbook, 'Sessions', row, width + 1)).toBe(`AND(I${row}="Yes",J${row}="Yes")`);
  });
});
