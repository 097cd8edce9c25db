// Locally, messages are .eml files in outbox/: a name or subject cannot add mail headers, the day's
// limit counts the files already written, and the sidebar's Send writes one file per student.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { emlOf, LOCAL_DAILY_QUOTA, outboxMail } from '../../../src/local/outbox';
import { sendMessage } from '../../../src/sheets/sessions/messages';
import { MemoryTableStore } from '../../fakes/memory-store';
import { fixtureTabs } from '../../support/program-fixture';

let dir = '';
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'outbox-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the local outbox', () => {
  it('keeps each header on one line and the subject encoded', () => {
    const eml = emlOf('a@b.org\r\nBcc: everyone@school.org', 'Hi\nBcc: x@y.org', 'Line 1\nLine 2', new Date('2027-01-04T12:00:00Z'));
    const headers = eml.split('\r\n\r\n')[0].split('\r\n');
    expect(headers.filter((line) => /^bcc:/i.test(line))).toEqual([]);
    expect(headers[0]).toBe('To: a@b.org Bcc: everyone@school.org');
    expect(Buffer.from(/=\?UTF-8\?B\?(.*)\?=/.exec(headers[1])![1], 'base64').toString()).toBe('Hi Bcc: x@y.org');
    expect(eml.endsWith('Line 1\r\nLine 2\r\n')).toBe(true);
  });

  it('counts today\'s files for the daily limit, across runs', () => {
    const now = () => new Date('2027-01-04T12:00:00Z');
    outboxMail(dir, now).send('a@b.org', 's', 'b');
    outboxMail(dir, now).send('a@b.org', 's', 'b');
    expect(readdirSync(dir)).toHaveLength(2);
    expect(outboxMail(dir, now).remainingQuota()).toBe(LOCAL_DAILY_QUOTA - 2);
    expect(outboxMail(dir, () => new Date('2027-01-05T12:00:00Z')).remainingQuota()).toBe(LOCAL_DAILY_QUOTA);
  });

  it('Send writes one file per student with an email and consent, and logs the message', () => {
    const tabs = fixtureTabs();
    tabs.Pairs.push(['P-0001', 'S-1', 'Ana Ruiz', 'S-2', 'Ben Kim', 'Math', 'Mon-A', 'Active', 'No', 1, '', '', '']);
    const store = new MemoryTableStore(tabs);
    const report = sendMessage(store, { audience: { kind: 'pair', pairId: 'P-0001' }, subject: 'Tuesday', body: '=HYPERLINK("x") bring strips' }, outboxMail(dir), new Date('2027-01-04T12:00:00Z'));
    expect(report).toMatchObject({ sent: 1, skipped: [{ studentId: 'S-2', name: 'Ben Kim', reason: 'no email' }] });
    const [file] = readdirSync(dir);
    expect(readFileSync(path.join(dir, file), 'utf8')).toContain('Hi Ana,\r\n\r\n=HYPERLINK("x") bring strips');
    const log = store.readTab('Messages')!;
    expect(log[1][3]).toBe('=HYPERLINK("x") bring strips');
  });
});
