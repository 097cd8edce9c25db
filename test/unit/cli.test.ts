import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { main } from '../../src/local/cli';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import { fixtureTabs, setCell } from '../support/program-fixture';
import { xlsxStoreFrom } from '../support/stores';
import { captureConsole } from '../support/console-capture';

let dir: string;
let output: string[];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-cli-'));
  output = [];
  captureConsole(() => output);
});

afterEach(() => jest.restoreAllMocks());

const file = (name: string) => path.join(dir, name);

describe('peer-tutoring init and check', () => {
  it('creates a sample workbook that checks clean, deterministically for a seed', async () => {
    expect(await main(['init', file('a.xlsx'), '--sample', '80', '--seed', '7'])).toBe(0);
    expect(await main(['init', file('b.xlsx'), '--sample', '80', '--seed', '7'])).toBe(0);
    const a = await XlsxTableStore.open(file('a.xlsx'));
    const b = await XlsxTableStore.open(file('b.xlsx'));
    expect(a.tabNames()).toEqual(['Settings', 'Blocks', 'Students', 'Pairs', 'Waitlist', 'Sessions', 'Exclusions', 'Exit ticket questions', 'Reflections', 'Exit tickets', 'Needs review', 'Mastery', 'Alerts', 'Dashboard', 'Guides', 'Goals', 'Messages', 'Help requests', 'Training', 'Service hours', 'Consent log', 'Mentors']);
    expect(a.readTab('Students')).toEqual(b.readTab('Students'));
    expect(a.readTab('Students')!.length).toBe(81);
    output = [];
    expect(await main(['check', file('a.xlsx')])).toBe(0);
    expect(output.join('\n')).toMatch(/Students: 80 \(\d+ active\)/);
  });

  it('refuses to overwrite an existing workbook', async () => {
    writeFileSync(file('keep.xlsx'), 'precious');
    expect(await main(['init', file('keep.xlsx')])).toBe(1);
    expect(readFileSync(file('keep.xlsx'), 'utf8')).toBe('precious');
    expect(output.join('\n')).toContain('already exists: nothing was changed');
  });

  it('prints located problems, exits 1 and changes no value', async () => {
    const tabs = fixtureTabs();
    setCell(tabs, 'Students', 2, 'Availability', 'Someday');
    setCell(tabs, 'Students', 3, 'Grade', 'seventh');
    await xlsxStoreFrom(tabs, file('bad.xlsx')).save();
    expect(await main(['check', file('bad.xlsx')])).toBe(1);
    expect(output).toContain('Students row 2, "Availability": "Someday" is not a block on the Blocks tab (use names like Mon-A, Wed-A, or All)');
    expect(output).toContain('Students row 3, "Grade": "seventh" is not a grade from K to 12');
    const after = await XlsxTableStore.open(file('bad.xlsx'));
    expect(after.readTab('Students')).toEqual(tabs.Students);
  });

  it('reports a workbook missing a tab', async () => {
    const tabs = fixtureTabs();
    delete (tabs as Record<string, unknown>).Students;
    await xlsxStoreFrom(tabs, file('partial.xlsx')).save();
    expect(await main(['check', file('partial.xlsx')])).toBe(1);
    expect(output).toContain('Students tab: the tab is missing: run Peer Tutoring → Set up program to create it');
  });

  it('rejects a file that is not a workbook without touching it', async () => {
    writeFileSync(file('notes.xlsx'), 'just some text');
    expect(await main(['check', file('notes.xlsx')])).toBe(1);
    expect(output.join('\n')).toMatch(/notes\.xlsx is not an \.xlsx workbook/);
    expect(readFileSync(file('notes.xlsx'), 'utf8')).toBe('just some text');
  });

  it('explains usage mistakes with exit code 2', async () => {
    expect(await main(['init', file('x.xlsx'), '--sample', 'lots'])).toBe(2);
    expect(output.join('\n')).toContain('--sample should be a whole number of at least 1, not "lots"');
    expect(existsSync(file('x.xlsx'))).toBe(false);
    expect(await main(['frobnicate'])).toBe(2);
    expect(await main(['check', file('missing.xlsx')])).toBe(1);
    expect(output.join('\n')).toContain('no such file');
  });
});
