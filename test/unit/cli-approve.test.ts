// The command line's matching walk-through: match proposes, approve starts, schedule writes sessions;
// match never ends a started pair without --confirm, and --today sets the program's date.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { main } from '../../src/local/cli';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import { captureConsole } from '../support/console-capture';

let dir: string;
let output: string[];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-approve-'));
  output = [];
  captureConsole(() => output);
});

afterEach(() => jest.restoreAllMocks());

async function statuses(file: string): Promise<string[]> {
  const [headers, ...rows] = (await XlsxTableStore.open(file)).readTab('Pairs') ?? [];
  return rows.map((row) => String(row[headers.indexOf('Status')]));
}

describe('peer-tutoring approve and the walk-through to sessions', () => {
  it('init → match → approve --all → schedule ends with sessions, all dated from --today', async () => {
    const file = path.join(dir, 'demo.xlsx');
    expect(await main(['init', file, '--sample', '60', '--seed', '3', '--today', '2027-02-15'])).toBe(0);
    expect(await main(['match', file, '--today', '2027-02-15'])).toBe(0);
    expect(output.join('\n')).toMatch(/(\d+) pairs wait to start: peer-tutoring approve .* --all \(they start as Active\)/);
    expect(new Set(await statuses(file))).toEqual(new Set(['Proposed']));
    const pairs = (await statuses(file)).length;

    expect(await main(['approve', file, '--pair', 'P-0001', 'P-0002'])).toBe(0);
    expect(await statuses(file)).toEqual(['Active', 'Active', ...Array(pairs - 2).fill('Proposed')]);
    expect(await main(['approve', file, '--all', '--today', '2027-02-15'])).toBe(0);
    expect(output.join('\n')).toContain(`Started ${pairs - 2} pairs as Active`);
    expect(new Set(await statuses(file))).toEqual(new Set(['Active']));

    output = [];
    expect(await main(['schedule', file, '--today', '2027-02-15'])).toBe(0);
    const sessions = Number(/Sessions tab: (\d+) sessions/.exec(output.join('\n'))?.[1]);
    expect(sessions).toBeGreaterThan(pairs);
    const store = await XlsxTableStore.open(file);
    const [headers, ...rows] = store.readTab('Sessions')!;
    const firstDate = rows.map((row) => row[headers.indexOf('Date')] as Date).sort((a, b) => a.getTime() - b.getTime())[0];
    expect(firstDate.toISOString().slice(0, 10) >= '2027-02-15').toBe(true);
  });

  it('says which pairs were not started and why; asks for --all or --pair', async () => {
    const file = path.join(dir, 'demo.xlsx');
    await main(['init', file, '--sample', '40', '--seed', '2']);
    await main(['match', file]);
    output = [];
    expect(await main(['approve', file, '--pair', 'P-9999'])).toBe(1);
    expect(output.join('\n')).toContain('P-9999: not started, no such Pair ID on the Pairs tab.');
    expect(await main(['approve', file])).toBe(2);
    expect(output.join('\n')).toContain('say which pairs start: --all, or --pair followed by Pair IDs');
  });

  it('refuses to end a started pair without --confirm, listing it with why', async () => {
    const file = path.join(dir, 'demo.xlsx');
    await main(['init', file, '--sample', '60', '--seed', '3']);
    await main(['match', file]);
    await main(['approve', file, '--all']);
    const store = await XlsxTableStore.open(file);
    const [pairHeaders, firstPair] = store.readTab('Pairs')!;
    const tuteeId = firstPair[pairHeaders.indexOf('Tutee ID')];
    const students = store.readTab('Students')!;
    students.find((row) => row[0] === tuteeId)![students[0].indexOf('Active')] = 'No';
    store.writeTab('Students', students);
    await store.save();
    output = [];
    expect(await main(['match', file])).toBe(1);
    expect(output.join('\n')).toMatch(/Applying ends 1 pair that has started: confirm to go ahead\.\n  P-0001 .* \(Active\): .* is no longer active\nRun again with --confirm/);
    expect((await statuses(file))[0]).toBe('Active');
    expect(await main(['match', file, '--confirm'])).toBe(0);
    expect((await statuses(file))[0]).toBe('Ended');
  });
});
