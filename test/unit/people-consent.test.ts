import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { CONSENT } from '../../src/core/forms/questions';
import { consentUpdates, type ConsentAnswer } from '../../src/core/people/consent';
import { main } from '../../src/local/cli';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import { fixtureTabs } from '../support/program-fixture';
import { xlsxStoreFrom } from '../support/stores';
import { captureConsole } from '../support/console-capture';

const answer = (studentId: string, consent: 'Yes' | 'No', at: string, responseId = `R-${studentId}-${at}`): ConsentAnswer => ({ responseId, studentId, consent, guardian: 'G', submitted: new Date(at) });

describe('consent: the latest answer counts', () => {
  it('a guardian answering twice in one run: the later answer wins, whatever the order they are filed in', () => {
    const updates = consentUpdates([answer('S-1', 'No', '2027-03-02T10:00:00Z'), answer('S-1', 'Yes', '2027-03-01T10:00:00Z')], new Map());
    expect(updates.get('s-1')?.consent).toBe('No');
  });

  it('an older answer arriving after a newer one was filed changes nothing', () => {
    const updates = consentUpdates([answer('S-1', 'Yes', '2027-03-01T10:00:00Z')], new Map([['s-1', new Date('2027-03-02T10:00:00Z')]]));
    expect(updates.size).toBe(0);
  });
});

describe('peer-tutoring import of a consent export', () => {
  it('records answers once, and a withdrawal ends the pair and its future sessions locally too', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-consent-'));
    const output: string[] = [];
    captureConsole(() => output);
    const tabs = fixtureTabs();
    tabs.Pairs.push(['P-0001', 'S-1', 'Ana Ruiz', 'S-2', 'Ben Kim', 'Math', 'Mon-A', 'Active', 'No', 1, '', '2027-02-01', '']);
    tabs.Sessions.push(
      ['P-0001-20270301', 'P-0001', '2027-03-01', '15:15', '16:00', 'Mon-A', 'Held', '', 'Yes', 'Yes', ''],
      ['P-0001-20270308', 'P-0001', '2027-03-08', '15:15', '16:00', 'Mon-A', 'Scheduled', '', '', '', ''],
    );
    const workbook = path.join(dir, 'p.xlsx');
    await xlsxStoreFrom(tabs, workbook).save();
    const csv = path.join(dir, 'consent.csv');
    writeFileSync(csv, `Timestamp,${CONSENT.studentId},${CONSENT.guardian},"${CONSENT.answer}"\n2027/03/02 9:00:00 AM GMT-5,S-2,Mrs Kim,No\n2027/03/01 9:00:00 AM GMT-5,S-3,Mr Okafor,Yes\n`);
    expect(await main(['import', workbook, csv])).toBe(0);
    expect(output.join('\n')).toContain('Consent: 2 answers recorded; Consent changed for 2 students; consent withdrawn: pairs P-0001 ended, 1 future sessions removed.');
    const store = await XlsxTableStore.open(workbook);
    const students = store.readTab('Students')!;
    const at = (h: string) => students[0].indexOf(h);
    expect(students.slice(1).map((row) => [row[0], row[at('Consent')]])).toEqual([['S-1', 'Yes'], ['S-2', 'No'], ['S-3', 'Yes']]);
    expect(store.readTab('Sessions')!.slice(1).map((row) => row[0])).toEqual(['P-0001-20270301']);
    output.length = 0;
    expect(await main(['import', workbook, csv])).toBe(0);
    expect(output.join('\n')).toContain('already filed 2');
    jest.restoreAllMocks();
  });
});
