// Consent links emailed to guardians through the built bundle (MailApp fake with its daily quota): each
// pending student's guardian gets their child's prefilled link once, logged; again only when asked;
// students without a guardian email are listed, not emailed; the quota is respected and what it left
// is said.
import { formsWorld, NOW, rowsOf, type FormsWorld } from '../support/forms-world';
import { entryPoint } from '../support/load-bundle';

beforeEach(() => jest.useFakeTimers({ now: NOW }));
afterEach(() => jest.useRealTimers());

type Report = { sent: { studentId: string }[]; alreadySent: number; noGuardianEmail: { studentId: string }[]; noLink: unknown[]; leftForQuota: number };
const email = (w: FormsWorld, again: string[] = []) => entryPoint(w.bundle, 'emailConsentLinks')(again) as Report;

/** Tutees U-1…U-n wait for consent; guardians' emails for those given. */
function pending(w: FormsWorld, guardians: Record<string, string>): void {
  const sheet = w.fakes.spreadsheet.getSheetByName('Students')!;
  const grid = sheet.getDataRange().getValues();
  let guardianAt = grid[0].indexOf('Guardian email');
  if (guardianAt < 0) {
    guardianAt = grid[0].length;
    sheet.getRange(1, guardianAt + 1).setValue('Guardian email');
  }
  grid.forEach((row, r) => {
    if (r === 0 || !String(row[0]).startsWith('U-')) return;
    sheet.getRange(r + 1, grid[0].indexOf('Consent') + 1).setValue('Pending');
    sheet.getRange(r + 1, guardianAt + 1).setValue(guardians[String(row[0])] ?? '');
  });
}

const link = (w: FormsWorld, id: string) => String(rowsOf(w, 'Students').find((row) => row['Student ID'] === id)!['Consent form']);

describe('Consent links emailed to guardians (built bundle)', () => {
  it('emails each guardian once with their child\'s link, logs it, lists who has no guardian email, and emails again only when asked', () => {
    const w = formsWorld(3);
    entryPoint(w.bundle, 'menuConsent')();
    pending(w, { 'U-1': 'parent1@home.example', 'U-2': 'parent2@home.example' });

    const first = email(w);
    expect(first.sent.map((s) => s.studentId)).toEqual(['U-1', 'U-2']);
    expect(first.noGuardianEmail.map((s) => s.studentId)).toEqual(['U-3']);
    expect(w.mail.sent.map((m) => m.to)).toEqual([['parent1@home.example'], ['parent2@home.example']]);
    expect(w.mail.sent[0].body).toContain(link(w, 'U-1'));
    expect(w.mail.sent[0].body).not.toContain('U-2');
    expect(w.mail.sent[0].subject).toBe('Test Program: consent for Tutee 1 to take part in peer tutoring');
    expect(rowsOf(w, 'Consent emails').map((row) => [row['Student ID'], row.Kind])).toEqual([['U-1', 'First'], ['U-2', 'First']]);

    expect(email(w)).toMatchObject({ sent: [], alreadySent: 2 });
    expect(w.mail.sent).toHaveLength(2);

    expect(email(w, ['U-2']).sent.map((s) => s.studentId)).toEqual(['U-2']);
    expect(w.mail.sent.map((m) => m.to[0])).toEqual(['parent1@home.example', 'parent2@home.example', 'parent2@home.example']);
    expect(rowsOf(w, 'Consent emails').map((row) => row.Kind)).toEqual(['First', 'First', 'Again']);
  });

  it('stops at the daily quota and says how many are left', () => {
    const w = formsWorld(3);
    entryPoint(w.bundle, 'menuConsent')();
    pending(w, { 'U-1': 'parent1@home.example', 'U-2': 'parent2@home.example', 'U-3': 'parent3@home.example' });
    w.mail.spend(99); // MailApp's consumer quota is 100 recipients a day: one is left
    const report = email(w);
    expect(report).toMatchObject({ leftForQuota: 2 });
    expect(report.sent.map((s) => s.studentId)).toEqual(['U-1']);
    expect(w.mail.sent).toHaveLength(1);
  });
});
