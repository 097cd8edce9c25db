// The bad-input corpus of issue 8 as a table: each row breaks one thing in a real .xlsx workbook (or
// builds a workbook another program wrote), runs a command through the CLI code, and expects a message
// that says where (tab, row and column; or the file) and what to do. For every row: a non-zero exit
// (for `check` too: it lists the problem), no stack trace, and the workbook's bytes unchanged.
// A second table holds inputs that look odd but must work (US dates and times, formula-like names).
import ExcelJS from 'exceljs';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { main } from '../../src/local/cli';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import { describeProblem, type ProgramDataError } from '../../src/sheets/program/problems';
import { planSchedule } from '../../src/sheets/scheduling/service';
import type { Cell, Grid } from '../../src/sheets/store/table-store';
import { encryptedWorkbook, legacyXls, withChart, withForeignComment, withForeignTable } from '../support/odd-workbooks';
import { fixtureTabs, setCell } from '../support/program-fixture';
import { xlsxStoreFrom } from '../support/stores';
import { captureConsole } from '../support/console-capture';

type Tabs = Record<string, Grid>;
type Command = 'check' | 'match' | 'schedule';

interface BadInput {
  input: string;
  command: Command;
  /** Breaks the fixture's tabs before they are saved. */
  tabs?: (tabs: Tabs) => void;
  /** Or changes the saved workbook file itself. */
  file?: (file: string) => Promise<void> | void;
  /** Extra command-line arguments. */
  args?: (dir: string) => string[];
  expected: RegExp;
}

const LONG_TEXT = 'x'.repeat(50_001);

function setSetting(tabs: Tabs, name: string, value: Cell): void {
  const row = tabs.Settings.findIndex((cells) => cells[0] === name);
  if (row < 0) tabs.Settings.push([name, value]);
  else tabs.Settings[row][1] = value;
}

/** New row arrays: the fixture's header rows are shared constants. */
function addColumn(tabs: Tabs, tab: string, header: string, values: Cell[] = []): void {
  tabs[tab] = tabs[tab].map((row, i) => [...row, i === 0 ? header : values[i - 1] ?? '']);
}

function dropColumn(tabs: Tabs, tab: string, header: string): void {
  const column = tabs[tab][0].indexOf(header);
  tabs[tab] = tabs[tab].map((row) => row.filter((_, i) => i !== column));
}

/** An Active pair S-1 (tutor) → S-2 (tutee) in Math on Mon-A: schedule writes its sessions. */
function withPair(tabs: Tabs, change: Record<string, Cell> = {}): void {
  const pair: Record<string, Cell> = {
    'Pair ID': 'P-0001', 'Tutor ID': 'S-1', Tutor: 'Ana Ruiz', 'Tutee ID': 'S-2', Tutee: 'Ben Kim', Subject: 'Math',
    Block: 'Mon-A', Status: 'Active', Locked: 'No', Score: 50, Why: 'test', 'Start date': '', 'End date': '', ...change,
  };
  tabs.Pairs.push(tabs.Pairs[0].map((header) => pair[String(header)] ?? ''));
}

async function editWithExcelJs(file: string, edit: (workbook: ExcelJS.Workbook) => void): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  edit(workbook);
  await workbook.xlsx.writeFile(file);
}

const BAD_INPUTS: BadInput[] = [
  // Structure
  { input: 'Students tab missing', command: 'check', tabs: (t) => delete t.Students, expected: /^Students tab: the tab is missing/ },
  { input: 'Blocks tab missing', command: 'match', tabs: (t) => delete t.Blocks, expected: /^peer-tutoring match: Blocks tab: the tab is missing/ },
  { input: 'Grade header missing', command: 'check', tabs: (t) => dropColumn(t, 'Students', 'Grade'), expected: /^Students row 1, "Grade": the header "Grade" is missing from row 1/ },
  { input: 'Consent header twice', command: 'check', tabs: (t) => addColumn(t, 'Students', 'Consent', ['No', 'No', 'No']), expected: /^Students row 1, "Consent": the header "Consent" is in 2 columns \(L, O\): keep one/ },
  { input: 'Consent header twice', command: 'match', tabs: (t) => addColumn(t, 'Students', ' consent ', ['No', 'No', 'No']), expected: /Students row 1, "Consent": the header "Consent" is in 2 columns/ },
  { input: 'Status header twice on Pairs', command: 'match', tabs: (t) => addColumn(t, 'Pairs', 'Status'), expected: /Pairs row 1, "Status": the header "Status" is in 2 columns \(H, N\)/ },
  { input: 'Value header twice on Settings', command: 'check', tabs: (t) => addColumn(t, 'Settings', 'Value', ['x']), expected: /^Settings row 1, "Value": the header "Value" is in 2 columns \(B, C\)/ },
  // Settings
  { input: 'Term end before Term start', command: 'check', tabs: (t) => setSetting(t, 'Term end', '2027-01-01'), expected: /^Settings row 5, "Value": Term end \(2027-01-01\) is before Term start \(2027-01-11\)/ },
  { input: 'Term end before Term start', command: 'schedule', tabs: (t) => setSetting(t, 'Term end', '2027-01-01'), expected: /Settings row 5, "Value": Term end \(2027-01-01\) is before Term start/ },
  { input: 'Term end typed 2126 (a century-long term)', command: 'check', tabs: (t) => setSetting(t, 'Term end', '2126-05-28'), expected: /^Settings row 5, "Value": the term from 2027-01-11 to 2126-05-28 is 36,\d{3} days long, more than a school year \(at most 400 days\): check the year/ },
  { input: 'Term end typed 2126 (a century-long term)', command: 'schedule', tabs: (t) => { setSetting(t, 'Term end', '2126-05-28'); withPair(t); }, expected: /Settings row 5, "Value": the term from 2027-01-11 to 2126-05-28 is .* days long/ },
  { input: 'Term end in words', command: 'check', tabs: (t) => setSetting(t, 'Term end', 'next June'), expected: /^Settings row 5, "Value": Term end: "next June" is not a date \(use a date cell, 2026-09-01 or 9\/1\/2026\)/ },
  { input: 'US date that does not exist (2/30/2027)', command: 'check', tabs: (t) => setSetting(t, 'Term end', '2/30/2027'), expected: /^Settings row 5, "Value": Term end: "2\/30\/2027" is not a date/ },
  { input: 'Timezone not a zone name', command: 'check', tabs: (t) => setSetting(t, 'Timezone', 'Eastern'), expected: /^Settings row 3, "Value": Timezone: "Eastern" is not a timezone name like America\/Chicago/ },
  { input: 'No-school range backwards', command: 'check', tabs: (t) => setSetting(t, 'No-school dates', '2027-03-19..2027-03-15'), expected: /^Settings row 6, "Value": No-school dates: the range "2027-03-19\.\.2027-03-15" ends before it starts/ },
  { input: 'Min tutor level in words', command: 'check', tabs: (t) => setSetting(t, 'Min tutor level', 'three'), expected: /^Settings row 7, "Value": Min tutor level: "three" is not a whole number/ },
  { input: 'a setting written twice', command: 'check', tabs: (t) => t.Settings.push(['Timezone', 'America/Chicago']), expected: /^Settings row 7, "Setting": "Timezone" is set twice: keep one row/ },
  { input: 'Program name over 50,000 characters', command: 'check', tabs: (t) => setSetting(t, 'Program name', LONG_TEXT), expected: /^Settings row 2, "Value": holds 50,001 characters, more than the 50,000 a Google Sheets cell holds: shorten it/ },
  { input: 'Term start blank', command: 'schedule', tabs: (t) => { setSetting(t, 'Term start', ''); withPair(t); }, expected: /Settings row 4, "Value": Term start is needed to schedule sessions/ },
  // Blocks
  { input: 'Day not a weekday', command: 'check', tabs: (t) => setCell(t, 'Blocks', 2, 'Day', 'Funday'), expected: /^Blocks row 2, "Day": "Funday" should be one of Mon, Tue/ },
  { input: 'Day blank (was reported as "")', command: 'check', tabs: (t) => setCell(t, 'Blocks', 2, 'Day', ''), expected: /^Blocks row 2, "Day": is empty: fill in one of Mon, Tue/ },
  { input: 'Start without minutes', command: 'check', tabs: (t) => setCell(t, 'Blocks', 2, 'Start', '3pm'), expected: /^Blocks row 2, "Start": "3pm" is not a time like 15:30 or 3:30 PM/ },
  { input: 'Start hour 25', command: 'match', tabs: (t) => setCell(t, 'Blocks', 2, 'Start', '25:00'), expected: /Blocks row 2, "Start": "25:00" is not a time like 15:30 or 3:30 PM/ },
  { input: 'US time 13:15 PM', command: 'check', tabs: (t) => setCell(t, 'Blocks', 2, 'Start', '13:15 PM'), expected: /^Blocks row 2, "Start": "13:15 PM" is not a time/ },
  { input: 'End before Start', command: 'check', tabs: (t) => setCell(t, 'Blocks', 2, 'End', '3:00 PM'), expected: /^Blocks row 2, "End": 15:00 should be after the start time 15:15/ },
  { input: 'Capacity in words', command: 'check', tabs: (t) => setCell(t, 'Blocks', 3, 'Capacity', 'lots'), expected: /^Blocks row 3, "Capacity": "lots" is not a whole number/ },
  { input: 'block name twice', command: 'check', tabs: (t) => setCell(t, 'Blocks', 3, 'Block', 'mon-a'), expected: /^Blocks row 3, "Block": "mon-a" is the same block name as row 2/ },
  { input: 'block name blank', command: 'check', tabs: (t) => setCell(t, 'Blocks', 2, 'Block', ''), expected: /^Blocks row 2, "Block": is empty: fill it in/ },
  // Students
  { input: 'Grade in words', command: 'check', tabs: (t) => setCell(t, 'Students', 3, 'Grade', 'seventh'), expected: /^Students row 3, "Grade": "seventh" is not a grade from K to 12/ },
  { input: 'Grade 13', command: 'match', tabs: (t) => setCell(t, 'Students', 3, 'Grade', 13), expected: /Students row 3, "Grade": "13" is not a grade from K to 12/ },
  { input: 'Grade blank (was reported as "")', command: 'check', tabs: (t) => setCell(t, 'Students', 3, 'Grade', ''), expected: /^Students row 3, "Grade": is empty: fill in a grade from K to 12/ },
  { input: 'Role not a role', command: 'check', tabs: (t) => setCell(t, 'Students', 2, 'Role', 'Mentor'), expected: /^Students row 2, "Role": "Mentor" should be one of Tutor, Tutee, Both/ },
  { input: 'Role blank', command: 'match', tabs: (t) => setCell(t, 'Students', 2, 'Role', ''), expected: /Students row 2, "Role": is empty: fill in one of Tutor, Tutee, Both/ },
  { input: 'subject without a level', command: 'check', tabs: (t) => setCell(t, 'Students', 2, 'Can tutor', 'Math four'), expected: /^Students row 2, "Can tutor": "Math four" is not a subject and level like "Math 4"/ },
  { input: 'level 5', command: 'check', tabs: (t) => setCell(t, 'Students', 2, 'Can tutor', 'Math 5'), expected: /^Students row 2, "Can tutor": "Math 5": the level should be 1 to 4/ },
  { input: 'a tutee who needs nothing', command: 'check', tabs: (t) => setCell(t, 'Students', 3, 'Needs help with', ''), expected: /^Students row 3, "Needs help with": a Tutee should list at least one subject and level/ },
  { input: 'tutors what they need help with', command: 'check', tabs: (t) => setCell(t, 'Students', 4, 'Can tutor', 'Science 3'), expected: /^Students row 4, "Can tutor": "Science" is also under "Needs help with"/ },
  { input: 'unknown block in Availability', command: 'check', tabs: (t) => setCell(t, 'Students', 2, 'Availability', 'Someday'), expected: /^Students row 2, "Availability": "Someday" is not a block on the Blocks tab/ },
  { input: 'Consent not Yes/No/Pending', command: 'check', tabs: (t) => setCell(t, 'Students', 2, 'Consent', 'Maybe'), expected: /^Students row 2, "Consent": "Maybe" should be one of Yes, No, Pending/ },
  { input: 'Consent blank', command: 'match', tabs: (t) => setCell(t, 'Students', 2, 'Consent', ''), expected: /Students row 2, "Consent": is empty: fill in one of Yes, No, Pending/ },
  { input: 'Trained not Yes or No', command: 'check', tabs: (t) => setCell(t, 'Students', 2, 'Trained', 'Y?'), expected: /^Students row 2, "Trained": "Y\?" should be Yes or No/ },
  { input: 'Active blank', command: 'check', tabs: (t) => setCell(t, 'Students', 2, 'Active', ''), expected: /^Students row 2, "Active": is empty: fill in Yes or No/ },
  { input: 'Max tutees negative', command: 'check', tabs: (t) => setCell(t, 'Students', 2, 'Max tutees', -1), expected: /^Students row 2, "Max tutees": -1 should be between 0 and 20/ },
  { input: 'Email without @', command: 'check', tabs: (t) => setCell(t, 'Students', 2, 'Email', 'ana at school'), expected: /^Students row 2, "Email": "ana at school" is not an email address/ },
  { input: 'Student ID twice', command: 'check', tabs: (t) => setCell(t, 'Students', 3, 'Student ID', 's-1'), expected: /^Students row 3, "Student ID": "s-1" is the same Student ID as row 2/ },
  { input: 'Student ID blank', command: 'match', tabs: (t) => setCell(t, 'Students', 3, 'Student ID', ''), expected: /Students row 3, "Student ID": is empty: fill it in/ },
  { input: 'Requested tutor not on the roster', command: 'check', tabs: (t) => addColumn(t, 'Students', 'Requested tutor', ['', 'S-9', '']), expected: /^Students row 3, "Requested tutor": "S-9" is not a Student ID on this tab/ },
  { input: 'Do not pair with someone not on the roster', command: 'check', tabs: (t) => addColumn(t, 'Students', 'Do not pair with', ['S-2; S-8']), expected: /^Students row 2, "Do not pair with": "S-8" is not a Student ID on this tab/ },
  { input: 'Name over 50,000 characters', command: 'check', tabs: (t) => setCell(t, 'Students', 3, 'Name', LONG_TEXT), expected: /^Students row 3, "Name": holds 50,001 characters, more than the 50,000 a Google Sheets cell holds/ },
  { input: 'Can tutor over 50,000 characters', command: 'match', tabs: (t) => setCell(t, 'Students', 2, 'Can tutor', `Math 4; ${LONG_TEXT}`), expected: /Students row 2, "Can tutor": holds 50,009 characters/ },
  {
    input: 'Grade merged over two students (read as Sheets: the lower one is blank)',
    command: 'check',
    file: (f) => editWithExcelJs(f, (w) => w.getWorksheet('Students')!.mergeCells('D3:D4')),
    expected: /^Students row 4, "Grade": is empty: fill in a grade from K to 12/,
  },
  // Pairs and Sessions (what teachers edit on the add-on's tabs)
  { input: 'pair Status not a status', command: 'match', tabs: (t) => withPair(t, { Status: 'Done' }), expected: /Pairs row 2, "Status": "Done" should be one of Proposed, Trial, Active, Paused, Ended/ },
  { input: 'pair Status not a status', command: 'check', tabs: (t) => withPair(t, { Status: 'Done' }), expected: /^Pairs row 2, "Status": "Done" should be one of Proposed/ },
  { input: 'pair without Pair ID', command: 'schedule', tabs: (t) => withPair(t, { 'Pair ID': '' }), expected: /Pairs row 2, "Pair ID": is empty: a pair needs it/ },
  { input: 'Pair ID twice', command: 'match', tabs: (t) => { withPair(t); withPair(t, { Subject: 'Reading' }); }, expected: /Pairs row 3, "Pair ID": "P-0001" is the same Pair ID as row 2/ },
  { input: 'pair Start date in words', command: 'schedule', tabs: (t) => withPair(t, { 'Start date': 'soon' }), expected: /Pairs row 2, "Start date": "soon" is not a date/ },
  { input: 'Active pair in a block that is gone', command: 'schedule', tabs: (t) => withPair(t, { Block: 'Fri-Z' }), expected: /Pairs row 2, "Block": pair P-0001 meets in block "Fri-Z", which is no longer in Blocks/ },
  { input: 'pair Why over 50,000 characters', command: 'match', tabs: (t) => withPair(t, { Why: LONG_TEXT }), expected: /Pairs row 2, "Why": holds 50,001 characters/ },
  {
    input: 'session Date in words',
    command: 'schedule',
    tabs: (t) => {
      withPair(t);
      t.Sessions.push(['P-0001-20270111', 'P-0001', 'next Tuesday', '15:15', '16:00', 'Mon-A', 'Scheduled', '', '', '', '']);
    },
    expected: /Sessions row 2, "Date": "next Tuesday" is not a date/,
  },
  // The file itself
  { input: 'a chart written by another program (exceljs issue 2591)', command: 'check', file: async (f) => writeFileSync(f, await withChart(readFileSync(f), false)), expected: /\.xlsx has a chart written by another program in a form peer-tutoring cannot read: .*move the chart to another workbook/ },
  { input: 'cell comments written by another program', command: 'match', file: async (f) => writeFileSync(f, await withForeignComment()), expected: /\.xlsx has cell comments \(notes\) written by another program .*delete the comments/ },
  { input: 'a table written by another program', command: 'schedule', file: async (f) => writeFileSync(f, await withForeignTable()), expected: /\.xlsx has a table \(a formatted range\) written by another program .*Convert to Range/ },
  { input: 'a chart that saving would drop', command: 'match', file: async (f) => writeFileSync(f, await withChart(readFileSync(f), true)), expected: /\.xlsx has a chart, which saving with peer-tutoring would remove: nothing was written/ },
  { input: 'a password-protected workbook', command: 'check', file: (f) => writeFileSync(f, encryptedWorkbook()), expected: /\.xlsx is protected with a password, which peer-tutoring cannot open: .*remove the password/ },
  { input: 'an .xls renamed to .xlsx', command: 'match', file: (f) => writeFileSync(f, legacyXls()), expected: /\.xlsx is an older Excel 97-2003 workbook \(\.xls\) with an \.xlsx name: .*save it as an Excel Workbook/ },
  { input: 'a CSV renamed to .xlsx', command: 'check', file: (f) => writeFileSync(f, 'Student ID,Name\nS-1,Ana\n'), expected: /\.xlsx is not an \.xlsx workbook \(an \.xlsx file is a zip archive; this one is not\)/ },
  { input: 'a read-only workbook', command: 'match', file: (f) => chmodSync(f, 0o444), expected: /\.xlsx is read-only: nothing was written/ },
  { input: '--ics into a folder that does not exist', command: 'schedule', tabs: (t) => withPair(t), args: (dir) => ['--ics', path.join(dir, 'missing', 's.ics')], expected: /the folder .*missing does not exist: nothing was written/ },
];

/** A message that says where: a tab (and row and column), or the workbook file. */
const LOCATED = /(?:^|: )(?:(?:Settings|Blocks|Students|Pairs|Waitlist|Sessions) (?:row \d+, "[^"]+"|tab): |\S+\.xlsx |the folder \S+ )/;
const STACK_TRACE = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

let dir: string;
let output: string[];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-corpus-'));
  output = [];
  captureConsole(() => output);
});

afterEach(() => jest.restoreAllMocks());

async function workbookFor(tabsChange?: (tabs: Tabs) => void, fileChange?: (file: string) => Promise<void> | void): Promise<string> {
  const tabs = fixtureTabs();
  tabsChange?.(tabs);
  const file = path.join(dir, 'program.xlsx');
  await xlsxStoreFrom(tabs, file).save();
  await fileChange?.(file);
  return file;
}

interface Outcome {
  code: number;
  located: boolean;
  stackTrace: boolean;
  fileChanged: boolean;
}

const outcomes: Outcome[] = [];

describe('the bad-input corpus', () => {
  it('starts from a fixture every command accepts', async () => {
    const file = await workbookFor((t) => withPair(t));
    for (const command of ['check', 'match', 'schedule']) expect(await main([command, file])).toBe(0);
  });

  it.each(BAD_INPUTS.map((c) => [`${c.input} → ${c.command}`, c] as const))('%s', async (_, { command, tabs, file: change, args, expected }) => {
    const file = await workbookFor(tabs, change);
    const bytes = readFileSync(file);
    const code = await main([command, file, ...(args?.(dir) ?? [])]);
    const text = output.join('\n');
    const line = text.split('\n').find((candidate) => expected.test(candidate));
    const outcome = { code, located: line !== undefined && LOCATED.test(line), stackTrace: STACK_TRACE.test(text), fileChanged: !readFileSync(file).equals(bytes) };
    outcomes.push(outcome);
    expect(text).toMatch(expected);
    expect(outcome).toEqual({ code: 1, located: true, stackTrace: false, fileChanged: false });
  });

  it('adds up: every input located, none silent, no stack trace, no file changed on failure', () => {
    const figures = {
      inputs: outcomes.length,
      located: outcomes.filter((o) => o.located).length,
      silent: outcomes.filter((o) => o.code === 0).length,
      stackTraces: outcomes.filter((o) => o.stackTrace).length,
      filesChangedOnFailure: outcomes.filter((o) => o.fileChanged).length,
    };
    expect(figures).toEqual({ inputs: BAD_INPUTS.length, located: BAD_INPUTS.length, silent: 0, stackTraces: 0, filesChangedOnFailure: 0 });
  });
});

describe('privacy: what is thrown (and may reach logs) locates the problem but quotes no cell', () => {
  it('scheduling refused on a bad Status and a bad Date throws without the cells’ contents', async () => {
    const file = await workbookFor((t) => {
      withPair(t, { Status: 'Ana asked to stop' });
      t.Sessions.push(['P-0001-20270111', 'P-0001', 'when Ben is back', '15:15', '16:00', 'Mon-A', 'Scheduled', '', '', '', '']);
    });
    const store = await XlsxTableStore.open(file);
    const thrown = (() => {
      try {
        planSchedule(store, '2027-01-04');
      } catch (error) {
        return error as ProgramDataError;
      }
      throw new Error('scheduling did not refuse');
    })();
    expect(thrown.message.split('\n')).toEqual([
      'Pairs row 2, "Status": "…" should be one of Proposed, Trial, Active, Paused, Ended, Request new tutor',
      'Sessions row 2, "Date": "…" is not a date (use a date cell, 2026-09-01 or 9/1/2026)',
    ]);
    expect(thrown.problems.map(describeProblem)[0]).toContain('"Ana asked to stop"'); // the teacher still sees it
  });
});

describe('inputs that look odd but work', () => {
  it('a US date (m/d/yyyy) is read month first, in Settings and in No-school dates', async () => {
    const file = await workbookFor((t) => {
      setSetting(t, 'Term end', '5/28/2027');
      setSetting(t, 'No-school dates', '1/18/2027; 3/15/2027..3/19/2027');
      withPair(t);
    });
    expect(await main(['check', file])).toBe(0);
    expect(await main(['schedule', file])).toBe(0);
    const dates = (await XlsxTableStore.open(file)).readTab('Sessions')!.slice(1).map((row) => (row[2] as Date).toISOString().slice(0, 10));
    expect(dates[dates.length - 1]).toBe('2027-05-24'); // the last Monday up to May 28
    expect(dates).not.toContain('2027-01-18');
    expect(dates).not.toContain('2027-03-15');
  });

  it('a US time (h:mm AM/PM) is read as the 24-hour time', async () => {
    const file = await workbookFor((t) => {
      setCell(t, 'Blocks', 2, 'Start', '3:15 PM');
      setCell(t, 'Blocks', 2, 'End', '4:00 p.m.');
      withPair(t);
    });
    expect(await main(['check', file])).toBe(0);
    expect(await main(['schedule', file])).toBe(0);
    const first = (await XlsxTableStore.open(file)).readTab('Sessions')![1];
    expect([first[3], first[4]]).toEqual(['15:15', '16:00']);
  });

  it('names that look like formulas stay text in every tab the add-on writes', async () => {
    const names = ['=HYPERLINK("http://evil.example","click")', '+1 555 0100', '-Ben', '@SUM(A1)'];
    const file = await workbookFor((t) => names.forEach((name, i) => i < 3 && setCell(t, 'Students', i + 2, 'Name', name)));
    expect(await main(['match', file])).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const values: unknown[] = [];
    workbook.getWorksheet('Pairs')!.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values.some((value) => typeof value === 'object' && value !== null && 'formula' in value)).toBe(false);
    expect(values).toContain(names[0]);
  });
});
