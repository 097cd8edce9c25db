import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { main } from '../../src/local/cli';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import { refreshProgress } from '../../src/sheets/progress/refresh';
import { MemoryTableStore } from '../fakes/memory-store';
import { twoTutorTabs } from '../support/program-fixture';
import { xlsxStoreFrom } from '../support/stores';
import { captureConsole } from '../support/console-capture';

/** Ana (S-1) tutors Ben (S-2) in Math on Mon-A; Ben asked for another tutor. Eli (S-5) is free on Mon-A. */
function requested() {
  const tabs = twoTutorTabs();
  tabs.Students[5][7] = 'English; Spanish'; // Eli shares Ben's language
  tabs.Pairs.push(['P-0001', 'S-1', 'Ana Ruiz', 'S-2', 'Ben Kim', 'Math', 'Mon-A', 'Request new tutor', 'No', 1, '', '2027-02-01', '']);
  return tabs;
}

describe('Request new tutor', () => {
  it('raises an alert naming the matcher\'s best other tutor, never the same one', () => {
    const store = new MemoryTableStore(requested());
    const { openAlerts } = refreshProgress(store, '2027-03-01');
    const alert = openAlerts.find((a) => a.kind === 'Request new tutor')!;
    expect(alert).toMatchObject({ studentId: 'S-2', pairId: 'P-0001', detail: 'another tutor was asked for in Math (now Ana Ruiz)' });
    expect(alert.action).toBe('Re-match with Eli Stone (S-5, Mon-A): run Match students, which will not propose Ana Ruiz again');
  });

  it('says so when no other tutor is free', () => {
    const tabs = requested();
    tabs.Students = tabs.Students.filter((row) => row[0] !== 'S-5');
    const { openAlerts } = refreshProgress(new MemoryTableStore(tabs), '2027-03-01');
    expect(openAlerts.find((a) => a.kind === 'Request new tutor')!.action).toBe('No other Math tutor is free now: recruit one, or raise a tutor\'s Max tutees');
  });

  it('the pair keeps its sessions until the next matching, which ends it and proposes another tutor', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-request-'));
    const workbook = path.join(dir, 'p.xlsx');
    await xlsxStoreFrom(requested(), workbook).save();
    const output: string[] = [];
    captureConsole(() => output);
    expect(await main(['schedule', workbook, '--today', '2027-03-01'])).toBe(0);
    const sessions = (await XlsxTableStore.open(workbook)).readTab('Sessions')!.slice(1);
    expect(sessions.some((row) => row[1] === 'P-0001')).toBe(true);
    // The Status is the request: no further confirmation is asked for ending that pair.
    expect(await main(['match', workbook, '--today', '2027-03-01'])).toBe(0);
    const pairs = (await XlsxTableStore.open(workbook)).readTab('Pairs')!;
    const rows = pairs.slice(1).map((row) => [row[1], row[3], row[7]]);
    expect(rows).toContainEqual(['S-1', 'S-2', 'Ended']);
    expect(rows.filter((r) => r[1] === 'S-2' && r[2] !== 'Ended').map((r) => r[0])).toEqual(['S-5']);
    jest.restoreAllMocks();
  });
});
