// Locally, consent emails are .eml files in outbox/ (nothing is sent), with the same once-only log.
import { mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { outboxMail } from '../../src/local/outbox';
import { emailConsentLinks } from '../../src/sheets/people/consent-emails';
import { MemoryTableStore } from '../fakes/memory-store';
import { fixtureTabs } from '../support/program-fixture';

function program(): MemoryTableStore {
  const tabs = fixtureTabs();
  tabs.Students[0].push('Guardian email', 'Consent form');
  tabs.Students[1].push('g1@home.example', 'https://docs.google.com/forms/d/e/x/viewform?entry.1=S-1');
  tabs.Students[2].push('=HYPERLINK("x")@home.example', ''); // no link yet
  tabs.Students[3].push('', 'https://docs.google.com/forms/d/e/x/viewform?entry.1=S-3');
  tabs.Students[1][11] = 'Pending';
  tabs.Students[2][11] = 'Pending';
  tabs.Students[3][13] = 'Yes'; // active
  return new MemoryTableStore(tabs);
}

describe('consent emails locally (outbox)', () => {
  it('writes one .eml per guardian with their child\'s link, once; lists who has no email or no link', () => {
    const store = program();
    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'consent-')), 'outbox');
    const now = () => new Date('2027-03-01T15:00:00Z');
    const report = emailConsentLinks(store, outboxMail(folder, now), 'Test Program', now);
    expect(report.sent.map((s) => s.studentId)).toEqual(['S-1']);
    expect(report.noLink.map((s) => s.studentId)).toEqual(['S-2']);
    expect(report.noGuardianEmail.map((s) => s.studentId)).toEqual(['S-3']);
    const files = readdirSync(folder);
    expect(files).toHaveLength(1);
    const eml = readFileSync(path.join(folder, files[0]), 'utf8');
    expect(eml).toContain('To: g1@home.example');
    expect(eml).toContain('entry.1=S-1');
    expect(emailConsentLinks(store, outboxMail(folder, now), 'Test Program', now)).toMatchObject({ sent: [], alreadySent: 1 });
    expect(readdirSync(folder)).toHaveLength(1);
    expect(store.readTab('Consent emails')!.map((row) => row.slice(1))).toEqual([['Student ID', 'Kind'], ['S-1', 'First']]);
  });
});
