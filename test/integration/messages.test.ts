// Messages to pairs and the weekly tutor email through the built bundle, against the MailApp fake (its
// daily recipient quota) and the one hourly dispatcher of the ScriptApp fake.
import { createAppsScriptFakes, type AppsScriptFakes } from '../fakes/apps-script';
import { createCalendarFake } from '../fakes/apps-script/calendar';
import { createMailFake, type FakeMailApp } from '../fakes/apps-script/mail';
import { createScriptAppFake, type ScriptAppFake } from '../fakes/apps-script/script-app';
import { entryPoint, loadBundle, type BundleContext } from '../support/load-bundle';
import { fixtureTabs, STUDENT_HEADERS } from '../support/program-fixture';

const PAIR_HEADERS = ['Pair ID', 'Tutor ID', 'Tutor', 'Tutee ID', 'Tutee', 'Subject', 'Block', 'Status', 'Locked', 'Score', 'Why', 'Start date', 'End date'];

interface World {
  fakes: AppsScriptFakes;
  mail: FakeMailApp;
  script: ScriptAppFake;
  bundle: BundleContext;
}

/** Three pairs: Math (both with email), Math (tutee without email), Reading (tutee without consent). */
function world(): World {
  const tabs = fixtureTabs();
  tabs.Students = [
    STUDENT_HEADERS,
    ['T-1', 'Tara One', 't1@school.org', 10, 'Tutor', 'Math 4; Reading 4', '', 'English', '', 'All', 3, 'Yes', 'Yes', 'Yes'],
    ['U-1', 'Uma One', 'u1@school.org', 7, 'Tutee', '', 'Math 2', 'English', '', 'All', '', 'Yes', 'No', 'Yes'],
    ['T-2', 'Tom Two', 't2@school.org', 10, 'Tutor', 'Math 4', '', 'English', '', 'All', '', 'Yes', 'Yes', 'Yes'],
    ['U-2', 'Ula Two', '', 7, 'Tutee', '', 'Math 2', 'English', '', 'All', '', 'Yes', 'No', 'Yes'],
    ['U-3', 'Una Three', 'u3@school.org', 7, 'Tutee', '', 'Reading 2', 'English', '', 'All', '', 'Pending', 'No', 'Yes'],
  ];
  tabs.Pairs = [
    PAIR_HEADERS,
    ['P-0001', 'T-1', 'Tara One', 'U-1', 'Uma One', 'Math', 'Mon-A', 'Active', 'No', 1, '', '', ''],
    ['P-0002', 'T-2', 'Tom Two', 'U-2', 'Ula Two', 'Math', 'Wed-A', 'Active', 'No', 1, '', '', ''],
    ['P-0003', 'T-1', 'Tara One', 'U-3', 'Una Three', 'Reading', 'Wed-A', 'Active', 'No', 1, '', '', ''],
  ];
  tabs.Settings.push(['Weekly tutor email', 'Sun']);
  const fakes = createAppsScriptFakes({ timeZone: 'America/New_York' });
  for (const [name, grid] of Object.entries(tabs)) fakes.seedSheet(name, grid);
  const mail = createMailFake(fakes.calls, fakes.accounts);
  const script = createScriptAppFake(fakes.calls, { accounts: fakes.accounts });
  const calendar = createCalendarFake(fakes.calls, { timeZone: 'UTC', accounts: fakes.accounts });
  const bundle = loadBundle(fakes, { MailApp: mail.MailApp, ScriptApp: script.ScriptApp, CalendarApp: calendar.CalendarApp });
  return { fakes, mail: mail.fake, script, bundle };
}

beforeEach(() => jest.useFakeTimers({ now: new Date('2027-01-04T17:00:00Z') }));
afterEach(() => jest.useRealTimers());

type Preview = { recipients: { name: string; email: string }[]; skipped: { name: string; reason: string }[]; problem: string | null; quota: number; sample: string };

function rows(w: World, tab: string): Record<string, unknown>[] {
  const grid = w.fakes.spreadsheet.getSheetByName(tab)?.getDataRange().getValues() ?? [];
  return grid.slice(1).map((row) => Object.fromEntries(grid[0].map((header, i) => [String(header), row[i]])));
}

describe('messages to pairs (built bundle)', () => {
  it('previews recipients and the skipped with why, sends one email each, logs it; refuses empty, nobody, or over the quota', () => {
    const w = world();
    const subjectMath = { audience: { kind: 'subject', subject: 'math' }, subject: 'Fraction strips', body: 'Bring your fraction strips on Tuesday.' };
    const preview = entryPoint(w.bundle, 'previewMessage')(subjectMath) as Preview;
    expect(preview.recipients.map((r) => r.email)).toEqual(['t1@school.org', 'u1@school.org', 't2@school.org']);
    expect(preview.skipped).toEqual([{ studentId: 'U-2', name: 'Ula Two', reason: 'no email' }]);
    expect(preview).toMatchObject({ problem: null, quota: 100 });
    expect(preview.sample).toBe('Hi Tara,\n\nBring your fraction strips on Tuesday.\n\nTest Program');
    expect(w.mail.sent).toHaveLength(0);

    const report = entryPoint(w.bundle, 'sendMessage')(subjectMath) as Preview & { sent: number };
    expect(report.sent).toBe(3);
    // One email per student: nobody sees another student's address.
    expect(w.mail.sent.map((m) => m.to)).toEqual([['t1@school.org'], ['u1@school.org'], ['t2@school.org']]);
    expect(w.mail.sent[1].body).toBe('Hi Uma,\n\nBring your fraction strips on Tuesday.\n\nTest Program');
    const log = rows(w, 'Messages');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ Audience: 'all math pairs', Subject: 'Fraction strips', Recipients: 3, 'Student IDs': 'T-1; U-1; T-2', Skipped: 'Ula Two (no email)', Status: 'Sent' });

    const reading = entryPoint(w.bundle, 'previewMessage')({ audience: { kind: 'pair', pairId: 'P-0003' }, subject: 'Hi', body: 'x' }) as Preview;
    expect(reading.skipped).toEqual([{ studentId: 'U-3', name: 'Una Three', reason: 'guardian consent is Pending' }]);
    expect((entryPoint(w.bundle, 'previewMessage')({ ...subjectMath, body: '  ' }) as Preview).problem).toBe('The message is empty: write what you want to say.');
    expect((entryPoint(w.bundle, 'previewMessage')({ ...subjectMath, audience: { kind: 'subject', subject: 'Chemistry' } }) as Preview).problem).toBe('No one to send to: no Active or Trial pair works on "Chemistry".');
    w.mail.spend(95);
    const tutors = { audience: { kind: 'tutors' }, subject: 'Training', body: 'Training on Friday.' };
    w.mail.spend(0);
    expect((entryPoint(w.bundle, 'previewMessage')(tutors) as Preview).problem).toBeNull();
    w.mail.spend(1);
    expect((entryPoint(w.bundle, 'previewMessage')(tutors) as Preview).problem).toBe('This message goes to 2 students, but only 1 more emails can be sent today (the daily email quota): choose fewer pairs, or send it tomorrow.');
    const refused = entryPoint(w.bundle, 'sendMessage')(tutors) as { sent: number };
    expect(refused.sent).toBe(0);
    expect(w.mail.sent).toHaveLength(3);
    expect(rows(w, 'Messages')).toHaveLength(1);
  });
});

describe('the weekly tutor email (built bundle)', () => {
  it('goes out through the one hourly dispatcher on Sunday, once per tutor, with only their own sessions', () => {
    const w = world();
    entryPoint(w.bundle, 'scheduleSessions')({ sendInvitations: false });
    // Settings turn it on: the job keeps the one hourly trigger (no trigger of its own).
    expect(w.script.pending()).toEqual([{ handler: 'runPendingWork', afterMs: 3600000, owner: 'teacher@school.example', recurring: true }]);
    w.script.fireDue((handler) => entryPoint(w.bundle, handler)());
    expect(w.mail.sent).toHaveLength(0); // Monday: not the day yet
    jest.setSystemTime(new Date('2027-01-10T15:00:00Z')); // Sunday before the term's first week
    w.script.fireDue((handler) => entryPoint(w.bundle, handler)());
    w.script.fireDue((handler) => entryPoint(w.bundle, handler)());
    expect(w.mail.sent.map((m) => m.to[0])).toEqual(['t1@school.org', 't2@school.org']);
    const [tara, tom] = w.mail.sent;
    expect(tara.subject).toBe('Test Program: your sessions for the week of 2027-01-11');
    expect(tara.body).toContain('2027-01-11 15:15–16:00 · Math with Uma One · Library');
    // Una's guardian consent is Pending: her pair does not meet, so it is not in Tara's week.
    expect(tara.body).not.toContain('Reading');
    expect(tara.body).toContain('Routine (45 min)');
    // Never another tutor's pair.
    expect(tara.body).not.toMatch(/Ula|Tom/);
    expect(tom.body).not.toMatch(/Uma|Una|Tara/);
    expect(rows(w, 'Messages')[0]).toMatchObject({ Audience: 'Weekly tutor email, week of 2027-01-11', Recipients: 2, Status: 'Sent' });
    expect(w.script.pending()).toHaveLength(1);
  });

  it('continues in the next hourly run when the quota runs out, without sending anyone twice', () => {
    const w = world();
    entryPoint(w.bundle, 'scheduleSessions')({ sendInvitations: false });
    jest.setSystemTime(new Date('2027-01-10T15:00:00Z'));
    w.mail.spend(99);
    w.script.fireDue((handler) => entryPoint(w.bundle, handler)());
    expect(w.mail.sent.map((m) => m.to[0])).toEqual(['t1@school.org']);
    w.mail.spend(-5);
    w.script.fireDue((handler) => entryPoint(w.bundle, handler)());
    expect(w.mail.sent.map((m) => m.to[0])).toEqual(['t1@school.org', 't2@school.org']);
  });
});
