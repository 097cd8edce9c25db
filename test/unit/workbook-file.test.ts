// Saving keeps the workbook file as it was (permissions, symlinks, no temporary files), refuses what
// it must not overwrite, and a workbook exceljs cannot open (or would not save whole) is explained.
import { spawnSync } from 'child_process';
import { chmodSync, existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { replaceFileAtomically } from '../../src/local/atomic-file';
import { readZip, zipped, ZipParts } from '../../src/local/workbook-file';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import { encryptedWorkbook, legacyXls, plainZip, withChart, withForeignComment, withForeignTable, withForeignWorkbookPart } from '../support/odd-workbooks';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-file-'));
});

const file = (name: string) => path.join(dir, name);
const temporaries = () => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

async function workbook(name: string, text = 'first'): Promise<string> {
  const store = XlsxTableStore.create(file(name));
  store.writeTab('T', [['h'], [text]]);
  await store.save();
  return file(name);
}

async function rewrite(path: string, text: string): Promise<void> {
  const store = await XlsxTableStore.open(path);
  store.writeTab('T', [['h'], [text]]);
  await store.save();
}

describe('saving a workbook', () => {
  it('keeps its permissions: a 0600 workbook stays 0600', async () => {
    const path = await workbook('private.xlsx');
    chmodSync(path, 0o600);
    await rewrite(path, 'second');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect((await XlsxTableStore.open(path)).readTab('T')).toEqual([['h'], ['second']]);
  });

  it('writes the target of a symlink and leaves the link in place', async () => {
    const target = await workbook('real.xlsx');
    symlinkSync(target, file('link.xlsx'));
    await rewrite(file('link.xlsx'), 'through the link');
    expect(lstatSync(file('link.xlsx')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(file('link.xlsx'))).toBe(target);
    expect((await XlsxTableStore.open(target)).readTab('T')).toEqual([['h'], ['through the link']]);
  });

  it('refuses a read-only workbook with a message and leaves it as it was', async () => {
    const path = await workbook('locked.xlsx');
    chmodSync(path, 0o444);
    const bytes = readFileSync(path);
    await expect(rewrite(path, 'second')).rejects.toThrow(`${path} is read-only: nothing was written`);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(temporaries()).toEqual([]);
  });

  it('removes the temporary file of a killed run, and its own when writing fails', async () => {
    const path = await workbook('program.xlsx');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!; // a process id that has finished
    writeFileSync(file(`.program.xlsx.${dead}.tmp`), 'half a workbook');
    await rewrite(path, 'second');
    expect(temporaries()).toEqual([]);
    await expect(replaceFileAtomically(path, 'x', { beforeReplace: () => Promise.reject(new Error('stop')) })).rejects.toThrow('stop');
    expect(temporaries()).toEqual([]);
    expect((await XlsxTableStore.open(path)).readTab('T')).toEqual([['h'], ['second']]);
  });

  it('says so when the folder does not exist', async () => {
    await expect(replaceFileAtomically(file('missing/out.ics'), 'x')).rejects.toThrow(`the folder ${file('missing')} does not exist: nothing was written`);
  });

  it('refuses to save over a file changed on disk since it was read, keeping the other change', async () => {
    const path = await workbook('shared.xlsx');
    const mine = await XlsxTableStore.open(path);
    await rewrite(path, 'saved by someone else');
    mine.writeTab('T', [['h'], ['mine']]);
    await expect(mine.save()).rejects.toThrow(`${path} was changed by another program since peer-tutoring read it: nothing was written`);
    expect((await XlsxTableStore.open(path)).readTab('T')).toEqual([['h'], ['saved by someone else']]);
    expect(await mine.isCurrent()).toBe(false);
  });
});

describe('a workbook peer-tutoring cannot open or save whole', () => {
  const cases: [string, () => Promise<Buffer> | Buffer, RegExp][] = [
    ['a chart another program wrote (exceljs issue 2591)', async () => withChart(readFileSync(await workbook('base.xlsx')), false), /has a chart written by another program in a form peer-tutoring cannot read: in your spreadsheet program, move the chart to another workbook \(or delete it\)/],
    ['cell comments another program wrote', withForeignComment, /has cell comments \(notes\) written by another program .*delete the comments/],
    ['a table another program wrote', withForeignTable, /has a table \(a formatted range\) written by another program .*Convert to Range/],
    ['a workbook part in another form', async () => withForeignWorkbookPart(readFileSync(await workbook('base.xlsx'))), /could not be read as a workbook .*save it again as an Excel Workbook/],
    ['a password-protected workbook', encryptedWorkbook, /is protected with a password, which peer-tutoring cannot open: .*remove the password/],
    ['an old .xls renamed', legacyXls, /is an older Excel 97-2003 workbook \(\.xls\) with an \.xlsx name/],
    ['a zip that is not a workbook', plainZip, /is a zip archive but not an Excel workbook/],
    ['a text file', () => Buffer.from('Student ID,Name\nS-1,Ana\n'), /is not an \.xlsx workbook \(an \.xlsx file is a zip archive; this one is not\)/],
    ['an empty file', () => Buffer.alloc(0), /is empty \(0 bytes\)/],
  ];

  it.each(cases)('%s: says which and what to do, never the library internals', async (_, make, expected) => {
    writeFileSync(file('odd.xlsx'), await make());
    const error = await XlsxTableStore.open(file('odd.xlsx')).then(
      () => null,
      (caught: Error) => caught,
    );
    expect(error?.name).toBe('WorkbookError');
    expect(error?.message).toMatch(expected);
    expect(error?.message).not.toMatch(/undefined|reading '|TypeError|Error:/);
  });

  it('reads a workbook with a chart it could not save whole, and refuses to save it', async () => {
    const path = file('chart.xlsx');
    writeFileSync(path, await withChart(readFileSync(await workbook('base.xlsx', 'data')), true));
    const bytes = readFileSync(path);
    const store = await XlsxTableStore.open(path);
    expect(store.readTab('T')).toEqual([['h'], ['data']]);
    await expect(store.save()).rejects.toThrow(`${path} has a chart, which saving with peer-tutoring would remove: nothing was written`);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(existsSync(path)).toBe(true);
  });
});

describe('the zip parts of a workbook', () => {
  it('round-trip: stored, deflated and made chunk by chunk, each part reads back as written', async () => {
    const parts = new ZipParts();
    const text = 'ünïcødé 😀 '.repeat(5_000);
    parts.set('a.xml', Buffer.from(text, 'utf8'));
    parts.set('empty.xml', Buffer.alloc(0));
    parts.set('b.xml', function* () {
      for (let i = 0; i < 3; i++) yield Buffer.from(`<chunk ${i}/>`, 'utf8');
    });
    for (const stored of [true, false]) {
      const read = await readZip(await zipped(parts, { stored }));
      expect(read!.names()).toEqual(['a.xml', 'empty.xml', 'b.xml']);
      expect(read!.text('a.xml')).toBe(text);
      expect(read!.text('empty.xml')).toBe('');
      expect(read!.text('b.xml')).toBe('<chunk 0/><chunk 1/><chunk 2/>');
    }
  });

  it('fails, rather than hang or crash, when a part cannot be made', async () => {
    const parts = new ZipParts();
    parts.set('a.xml', Buffer.from('a'));
    parts.set('bad.xml', function* () {
      yield Buffer.from('<start/>');
      throw new Error('cannot make this part');
    });
    await expect(zipped(parts)).rejects.toThrow('cannot make this part');
  });

  it('reads nothing from bytes that are not a zip, or one cut short', async () => {
    const parts = new ZipParts();
    parts.set('a.xml', Buffer.from('<a/>'.repeat(1_000)));
    const whole = await zipped(parts);
    expect(await readZip(Buffer.from('not a zip at all'))).toBeNull();
    expect(await readZip(whole.subarray(0, whole.length - 10))).toBeNull();
  });
});
