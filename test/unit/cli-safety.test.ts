// Items 8 and 10 of issue 8 through the CLI: check changes nothing (check --mark notes and highlights,
// and clears exactly its own marks), a busy port and a missing --ics folder are one clear line each,
// and nothing is written before they are found.
import ExcelJS from 'exceljs';
import { existsSync, mkdtempSync, readFileSync } from 'fs';
import net from 'net';
import { tmpdir } from 'os';
import path from 'path';
import { main } from '../../src/local/cli';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import { MARK_NOTE_PREFIX } from '../../src/sheets/store/table-store';
import { fixtureTabs, setCell } from '../support/program-fixture';
import { xlsxStoreFrom } from '../support/stores';
import { captureConsole } from '../support/console-capture';

let dir: string;
let output: string[];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-safety-'));
  output = [];
  captureConsole(() => output);
});

afterEach(() => jest.restoreAllMocks());

const file = (name: string) => path.join(dir, name);

async function workbookWithBadGrade(name: string, grade: string): Promise<string> {
  const tabs = fixtureTabs();
  setCell(tabs, 'Students', 3, 'Grade', grade);
  await xlsxStoreFrom(tabs, file(name)).save();
  return file(name);
}

async function gradeCell(workbook: string) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(workbook);
  const cell = book.getWorksheet('Students')!.getCell('D3');
  return { note: cell.note, fill: (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb ?? 'none' };
}

describe('peer-tutoring check', () => {
  it('lists the problems and leaves the file byte for byte as it was', async () => {
    const workbook = await workbookWithBadGrade('bad.xlsx', 'seventh');
    const bytes = readFileSync(workbook);
    expect(await main(['check', workbook])).toBe(1);
    expect(output).toContain('Students row 3, "Grade": "seventh" is not a grade from K to 12');
    expect(output.join('\n')).toContain(`to highlight the cells in the workbook, run: peer-tutoring check ${workbook} --mark`);
    expect(readFileSync(workbook).equals(bytes)).toBe(true);
  });

  it('--mark notes and highlights the cell, and a later --mark after the fix clears exactly that', async () => {
    const workbook = await workbookWithBadGrade('marked.xlsx', 'seventh');
    expect(await main(['check', workbook, '--mark'])).toBe(1);
    expect(output.join('\n')).toContain(`the cells are highlighted in ${workbook}`);
    expect(await gradeCell(workbook)).toEqual({ note: `${MARK_NOTE_PREFIX}"seventh" is not a grade from K to 12`, fill: 'FFFCE8E6' });
    const store = await XlsxTableStore.open(workbook);
    const students = store.readTab('Students')!;
    students[2][3] = 7;
    store.writeTab('Students', students);
    await store.save();
    output = [];
    expect(await main(['check', workbook, '--mark'])).toBe(0);
    expect(await gradeCell(workbook)).toEqual({ note: undefined, fill: 'none' });
  });
});

describe('no stack traces, and nothing written before a problem is found', () => {
  it('a busy port says so and suggests --port', async () => {
    const workbook = await workbookWithBadGrade('served.xlsx', '7');
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      expect(await main(['serve', workbook, '--port', String(port)])).toBe(1);
    } finally {
      blocker.close();
    }
    expect(output).toEqual([
      `peer-tutoring serve: port ${port} is already in use (is the sidebar already running, e.g. another npm start?): stop that program, or choose another port with --port <n>`,
    ]);
  });

  it('--ics into a folder that does not exist is refused before the workbook is written', async () => {
    const tabs = fixtureTabs();
    await xlsxStoreFrom(tabs, file('program.xlsx')).save();
    const bytes = readFileSync(file('program.xlsx'));
    expect(await main(['schedule', file('program.xlsx'), '--ics', file('no/such/folder/s.ics')])).toBe(1);
    expect(output).toEqual([`peer-tutoring schedule: the folder ${file('no/such/folder')} does not exist: nothing was written`]);
    expect(readFileSync(file('program.xlsx')).equals(bytes)).toBe(true);
    expect(existsSync(file('no'))).toBe(false);
  });
});
