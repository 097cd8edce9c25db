// Filing form responses into the workbook: exactly once, nothing dropped, the teacher's entries win.
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { REFLECTION } from '../../src/core/forms/questions';
import type { RawResponse } from '../../src/core/forms/responses';
import { main } from '../../src/local/cli';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import { fileResponses, refileNeedsReview } from '../../src/sheets/forms/filing-service';
import { confirmMilestone, masteryMilestones } from '../../src/sheets/forms/milestones';
import { setUpProgram } from '../../src/sheets/program/setup';
import type { TableStore } from '../../src/sheets/store/table-store';
import { twoTutorTabs } from '../support/program-fixture';
import { xlsxStoreFrom } from '../support/stores';
import { captureConsole } from '../support/console-capture';

const NOW = new Date('2027-03-01T22:00:00Z');
const SESSION = 'P-0001-20270301';

/** Ana (S-1) tutors Ben (S-2) in P-0001; one session on 2027-03-01, and the example exit-ticket questions. */
function program(filePath?: string): XlsxTableStore {
  const tabs = twoTutorTabs();
  tabs.Pairs.push(['P-0001', 'S-1', 'Ana Ruiz', 'S-2', 'Ben Kim', 'Math', 'Mon-A', 'Active', 'No', 30, '', '', '']);
  tabs.Sessions.push([SESSION, 'P-0001', new Date(Date.UTC(2027, 2, 1)), '15:15', '16:00', 'Mon-A', 'Scheduled', '', '', '', '']);
  const store = xlsxStoreFrom(tabs, filePath);
  setUpProgram(store);
  return store;
}

function rows(store: TableStore, tab: string): Record<string, string>[] {
  const [headers = [], ...cells] = store.readTab(tab) ?? [];
  return cells.map((row) => Object.fromEntries(headers.map((header, i) => [String(header), row[i] instanceof Date ? (row[i] as Date).toISOString() : String(row[i] ?? '')])));
}

const reflection = (studentId: string, role: string, extra: Record<string, string> = {}, at = '2027-03-01T21:00:00Z'): RawResponse => ({
  form: 'Reflection',
  submitted: new Date(at),
  answers: {
    Session: SESSION,
    'Student ID': studentId,
    'I am the': role,
    [REFLECTION.mood]: '2',
    [REFLECTION.confidence]: '3',
    [REFLECTION.held]: 'Yes',
    [REFLECTION.partnerPresent]: 'Yes',
    [REFLECTION.talkToTeacher]: 'No',
    ...extra,
  },
});

describe('filing responses', () => {
  it('files each response once: the same one twice, a ghost event and two at the same second', () => {
    const store = program();
    const tutor = reflection('S-1', 'Tutor');
    const tutee = reflection('S-2', 'Tutee');
    const ghost: RawResponse = { form: 'Reflection', submitted: NOW, answers: { Session: '', 'Student ID': ' ' } };
    const report = fileResponses(store, [tutor, tutor, ghost, tutee], NOW);
    expect(report).toMatchObject({ received: 4, reflections: 2, duplicates: 1, ghosts: 1, needsReview: 0 });
    expect(fileResponses(store, [tutee, tutor], NOW)).toMatchObject({ reflections: 0, duplicates: 2 });
    expect(rows(store, 'Reflections').map((r) => [r['Student ID'], r.Role, r.Mood])).toEqual([
      ['S-1', 'Tutor', '2'],
      ['S-2', 'Tutee', '2'],
    ]);
  });

  it('fills attendance from the tutor and tutee, only where the teacher left the cells blank', () => {
    const store = program();
    const sessions = store.readTab('Sessions')!;
    sessions[1][sessions[0].indexOf('Tutor present')] = 'No'; // the teacher marked it
    store.writeTab('Sessions', sessions);
    const report = fileResponses(store, [reflection('S-1', 'Tutor', { [REFLECTION.partnerPresent]: 'No' }), reflection('S-2', 'Tutee')], NOW);
    expect(report.attendance).toBe(1);
    expect(rows(store, 'Sessions')[0]).toMatchObject({ Status: 'Held', 'Tutor present': 'No', 'Tutee present': 'No' });
  });

  it('keeps what cannot be filed in Needs review, whole, and files it once the teacher corrects it', () => {
    const store = program();
    const wrong = reflection('S-9', 'Tutor', { [REFLECTION.whatWorked]: '=IMPORTXML("http://x","//a")' });
    expect(fileResponses(store, [wrong], NOW).needsReview).toBe(1);
    const [review] = rows(store, 'Needs review');
    expect(review).toMatchObject({ Form: 'Reflection', Reason: `student "S-9" is not in pair P-0001 of this session`, 'Student ID': 'S-9' });
    expect(JSON.parse(review.Answers)[REFLECTION.whatWorked]).toBe('=IMPORTXML("http://x","//a")');

    const grid = store.readTab('Needs review')!;
    grid[1][grid[0].indexOf('Student ID')] = 'S-1';
    store.writeTab('Needs review', grid);
    expect(refileNeedsReview(store, NOW)).toMatchObject({ reflections: 1, needsReview: 0 });
    expect(rows(store, 'Needs review')).toEqual([]);
    expect(rows(store, 'Reflections')).toEqual([expect.objectContaining({ 'Response ID': review['Response ID'], 'Student ID': 'S-1', 'What worked': '=IMPORTXML("http://x","//a")' })]);
    // The original arriving again (a CSV import of the same response) is recognised.
    expect(fileResponses(store, [wrong], NOW)).toMatchObject({ duplicates: 1, needsReview: 0 });
  });

  it('scores exit tickets and rebuilds Mastery', () => {
    const store = program();
    const ticket = (at: string, first: string, second: string): RawResponse => ({
      form: 'Exit ticket',
      submitted: new Date(at),
      answers: { Session: SESSION, 'Student ID': 'S-2', Skill: 'Adding fractions', 'What is 1/2 + 1/4?': first, 'What is 1/3 + 1/3?': second },
    });
    fileResponses(store, [ticket('2027-03-01T21:00:00Z', '3/4', '2/3'), ticket('2027-03-02T21:00:00Z', '3/4', '2/6'), ticket('2027-03-03T21:00:00Z', '3/4', '2/3')], NOW);
    expect(rows(store, 'Exit tickets').map((r) => r.Score)).toEqual(['100', '50', '100']);
    expect(rows(store, 'Mastery')).toEqual([expect.objectContaining({ 'Student ID': 'S-2', Name: 'Ben Kim', Skill: 'Adding fractions', Tickets: '3', Latest: '100', Best: '100', State: 'Practising' })]);
    const sessions = store.readTab('Sessions')!;
    store.writeTab('Sessions', [...sessions, ['P-0001-20270308', 'P-0001', new Date(Date.UTC(2027, 2, 8)), '15:15', '16:00', 'Mon-A', 'Scheduled']]);
    fileResponses(store, [ticket('2027-03-04T21:00:00Z', '3/4', '2/3'), ticket('2027-03-05T21:00:00Z', '3/4', '2/3')], NOW);
    expect(rows(store, 'Mastery')[0]).toMatchObject({ State: 'Mastered', Tickets: '5', 'Mastered on': '2027-03-05T00:00:00.000Z', 'Next review': '2027-03-06T00:00:00.000Z' });
    // The next session after the review day starts with it; the session before does not.
    expect(rows(store, 'Sessions').map((r) => [r['Session ID'], r['Reviews due']])).toEqual([
      [SESSION, ''],
      ['P-0001-20270308', 'Adding fractions'],
    ]);
  });

  it('reports a request to talk to a teacher', () => {
    const report = fileResponses(program(), [reflection('S-2', 'Tutee', { [REFLECTION.talkToTeacher]: 'Yes' })], NOW);
    expect(report.talkRequests).toEqual([expect.objectContaining({ studentId: 'S-2', studentName: 'Ben Kim', sessionId: SESSION })]);
  });
});

describe('peer-tutoring import', () => {
  let output: string[];
  beforeEach(() => {
    output = [];
    captureConsole(() => output);
  });
  afterEach(() => jest.restoreAllMocks());

  const csv = (rows: string[][]) => rows.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')).join('\r\n');
  const titles = ['Timestamp', 'Session', 'Student ID', 'I am the', REFLECTION.mood, REFLECTION.confidence, REFLECTION.held, REFLECTION.partnerPresent, REFLECTION.workedOn, REFLECTION.whatWorked, REFLECTION.whatWasHard, REFLECTION.nextStep, REFLECTION.talkToTeacher];

  it('files a Forms CSV download once, however often it is imported, with its timestamps read in their own offset', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-import-'));
    const workbook = path.join(dir, 'program.xlsx');
    await program(workbook).save();
    const file = path.join(dir, 'reflections.csv');
    writeFileSync(
      file,
      csv([
        titles,
        ['2027/03/01 4:05:11 PM GMT-5', SESSION, 'S-1', 'Tutor', '4', '4', 'Yes', 'Yes', 'Fractions', 'Drawing it, "pizza" slices\nand more', '', '-practise', 'No'],
        ['2027/03/01 4:06:40 PM GMT-5', SESSION, 'S-2', 'Tutee', '1', '2', 'Yes', 'Yes', 'Fractions', '', 'all of it', '', 'Yes'],
        ['2027/03/01 4:07:00 PM GMT-5', 'P-0042-20270301', 'S-2', 'Tutee', '3', '3', 'Yes', 'Yes', '', '', '', '', 'No'],
      ]),
    );
    expect(await main(['import', workbook, file])).toBe(0);
    expect(output.join('\n')).toContain('Reflection responses: 3 read; filed 2, already filed 0, to Needs review 1; attendance filled on 1 sessions.');
    expect(output.join('\n')).toContain('Ben Kim (S-2) asks to talk to a teacher (session P-0001-20270301).');
    output = [];
    expect(await main(['import', workbook, file])).toBe(0);
    expect(output.join('\n')).toContain('Reflection responses: 3 read; filed 0, already filed 3, to Needs review 0');
    const store = await XlsxTableStore.open(workbook);
    const filed = rows(store, 'Reflections');
    expect(filed.map((r) => [r.Submitted, r['What worked'], r['Next step']])).toEqual([
      ['2027-03-01T21:05:11.000Z', 'Drawing it, "pizza" slices\nand more', '-practise'],
      ['2027-03-01T21:06:40.000Z', '', ''],
    ]);
    expect(rows(store, 'Needs review')).toHaveLength(1);
  });

  it('reads an exit-ticket export (its Score column is ignored for the key) and refuses a file that is not one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-import-'));
    const workbook = path.join(dir, 'program.xlsx');
    await program(workbook).save();
    const tickets = path.join(dir, 'tickets.csv');
    writeFileSync(tickets, csv([
      ['Timestamp', 'Score', 'Session', 'Student ID', 'Skill', 'What is 1/2 + 1/4?', 'What is 1/3 + 1/3?'],
      ['3/1/2027 16:10:00', '1 / 2', SESSION, 'S-2', 'Adding fractions', '3/4', '2/9'],
    ]));
    expect(await main(['import', workbook, tickets])).toBe(0);
    expect(rows(await XlsxTableStore.open(workbook), 'Exit tickets')).toEqual([expect.objectContaining({ Score: '50', Points: '1', 'Out of': '2', Submitted: '2027-03-01T21:10:00.000Z' })]);
    const other = path.join(dir, 'other.csv');
    writeFileSync(other, csv([['Name', 'Grade'], ['Ana', '7']]));
    expect(await main(['import', workbook, other])).toBe(1);
    expect(output.join('\n')).toMatch(/is not a Reflection, Exit ticket or Consent export/);
  });
});

describe('peer-tutoring init --weeks', () => {
  beforeEach(() => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('adds weeks of history through the program code: held and missed sessions, reflections, tickets, mastery, one request to talk', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-history-'));
    const workbook = path.join(dir, 'demo.xlsx');
    expect(await main(['init', workbook, '--sample', '80', '--seed', '5', '--weeks', '6', '--today', '2027-03-15'])).toBe(0);
    expect(await main(['check', workbook])).toBe(0);
    const store = await XlsxTableStore.open(workbook);
    const count = (tab: string, header: string) => {
      const counts: Record<string, number> = {};
      for (const row of rows(store, tab)) counts[row[header]] = (counts[row[header]] ?? 0) + 1;
      return counts;
    };
    const sessions = rows(store, 'Sessions');
    expect(sessions.every((row) => row.Status === 'Scheduled' || row.Date < '2027-03-15')).toBe(true);
    expect(count('Sessions', 'Status')).toEqual({ Scheduled: expect.any(Number), Held: expect.any(Number), Missed: expect.any(Number) });
    expect(Object.keys(count('Mastery', 'State')).sort()).toEqual(['Mastered', 'Not started', 'Practising']);
    expect(count('Reflections', 'Talk to a teacher').Yes).toBe(1);
    expect(rows(store, 'Needs review')).toEqual([]);
    expect(rows(store, 'Exit tickets').length).toBeGreaterThan(20);
  });
});

describe('a subject mastered', () => {
  const passing = (day: number): RawResponse => ({
    form: 'Exit ticket',
    submitted: new Date(`2027-03-0${day}T21:00:00Z`),
    answers: { Session: SESSION, 'Student ID': 'S-2', Skill: 'Adding fractions', 'What is 1/2 + 1/4?': '3/4', 'What is 1/3 + 1/3?': '2/3' },
  });

  it('proposes raising the level; the teacher keeps or ends the pair', () => {
    const store = program();
    expect(masteryMilestones(store)).toEqual([]);
    fileResponses(store, [passing(1), passing(2), passing(3)], NOW);
    expect(masteryMilestones(store)).toEqual([
      expect.objectContaining({ pairId: 'P-0001', tuteeName: 'Ben Kim', tutorName: 'Ana Ruiz', subject: 'Math', skills: 1, level: 2, nextLevel: 3, canRaise: true, canKeepPair: true }),
    ]);
    confirmMilestone(store, 'P-0001', false, '2027-03-04', NOW);
    expect(rows(store, 'Students').find((r) => r['Student ID'] === 'S-2')!['Needs help with']).toBe('Math 3');
    expect(rows(store, 'Pairs')[0].Status).toBe('Active');
    // Mastered at level 3 too: advanced is next, and Math is Ben's only need, so only ending is offered.
    expect(masteryMilestones(store)).toEqual([expect.objectContaining({ level: 3, nextLevel: 4, canRaise: false })]);
    confirmMilestone(store, 'P-0001', true, '2027-03-04', NOW);
    expect(rows(store, 'Pairs')[0].Status).toBe('Ended');
    expect(rows(store, 'Students').find((r) => r['Student ID'] === 'S-2')!['Needs help with']).toBe('Math 3');
    expect(masteryMilestones(store)).toEqual([]);
  });
});

describe('peer-tutoring dashboard', () => {
  let output: string[];
  beforeEach(() => {
    output = [];
    captureConsole(() => output);
  });
  afterEach(() => jest.restoreAllMocks());

  it('rebuilds Mastery, Alerts and the Dashboard from the history and prints the open alerts; a second run raises nothing twice', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-dashboard-'));
    const workbook = path.join(dir, 'demo.xlsx');
    expect(await main(['init', workbook, '--sample', '80', '--seed', '5', '--weeks', '6', '--today', '2027-03-15'])).toBe(0);
    output = [];
    expect(await main(['dashboard', workbook, '--today', '2027-03-15'])).toBe(0);
    const printed = output.join('\n');
    expect(printed).toMatch(/^Dashboard: \d+ pairs, \d+ sessions held, \d+ missed \(attendance \d+%\)/);
    expect(printed).toMatch(/Talk to a teacher: .* asked to talk to a teacher/);
    const store = await XlsxTableStore.open(workbook);
    const alerts = rows(store, 'Alerts');
    expect(new Set(alerts.map((row) => row.Kind)).has('Talk to a teacher')).toBe(true);
    expect(store.readTab('Dashboard')![0][0]).toMatch(/: dashboard$/);
    expect(await main(['dashboard', workbook, '--today', '2027-03-15'])).toBe(0);
    expect(rows(await XlsxTableStore.open(workbook), 'Alerts')).toHaveLength(alerts.length);
  });
});

describe('peer-tutoring report', () => {
  beforeEach(() => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('writes a printable family letter in plain language, every name escaped', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-letter-'));
    const workbook = path.join(dir, 'program.xlsx');
    const store = program(workbook);
    const students = store.readTab('Students')!;
    students.find((row) => row[0] === 'S-2')![1] = 'Ben <script>alert(1)</script> Kim';
    store.writeTab('Students', students);
    const sessions = store.readTab('Sessions')!;
    sessions[1][sessions[0].indexOf('Status')] = 'Held';
    store.writeTab('Sessions', sessions);
    fileResponses(store, [reflection('S-1', 'Tutor', { [REFLECTION.nextStep]: 'Practise adding fractions with unlike denominators' })], NOW);
    await store.save();
    const letter = path.join(dir, 'ben.html');
    expect(await main(['report', workbook, '--student', 'S-2', '--out', letter, '--today', '2027-03-02'])).toBe(0);
    const html = readFileSync(letter, 'utf8');
    expect(html).toContain('how Ben &lt;script&gt;alert(1)&lt;/script&gt; Kim is doing');
    expect(html).not.toContain('<script>');
    expect(html).toContain('came to 1 of 1 sessions so far');
    expect(html).toContain('From the tutor: <q>Practise adding fractions with unlike denominators</q>');
    expect(await main(['report', workbook, '--student', 'S-99', '--out', letter])).toBe(1);
  });
});

describe('peer-tutoring anonymise', () => {
  beforeEach(() => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('writes a copy with students as stable codes and no names, emails or written answers', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-anon-'));
    const workbook = path.join(dir, 'program.xlsx');
    const store = program(workbook);
    fileResponses(store, [reflection('S-1', 'Tutor', { [REFLECTION.whatWorked]: 'Ben Kim loved the pizza fractions' })], NOW);
    await store.save();
    expect(await main(['anonymise', workbook, '--out', path.join(dir, 'a.xlsx'), '--today', '2027-03-02'])).toBe(0);
    expect(await main(['anonymise', workbook, '--out', path.join(dir, 'b.xlsx'), '--today', '2027-03-02'])).toBe(0);
    const a = await XlsxTableStore.open(path.join(dir, 'a.xlsx'));
    const b = await XlsxTableStore.open(path.join(dir, 'b.xlsx'));
    const everything = JSON.stringify(a.tabNames().map((tab) => a.readTab(tab)));
    for (const secret of ['Ana Ruiz', 'Ben Kim', 'ana@school.org', 'S-1', 'S-2', 'pizza']) expect(everything).not.toContain(secret);
    expect(a.readTab('Reflections')).toEqual(b.readTab('Reflections'));
    expect(String(rows(a, 'Pairs')[0]['Tutor ID'])).toMatch(/^A-[0-9a-f]{8}$/);
    expect(rows(a, 'Pairs')[0]['Tutor ID']).toBe(rows(a, 'Reflections')[0]['Student ID']);
    expect(readSettingsKey(await XlsxTableStore.open(workbook))).toMatch(/^[0-9a-f]{32}$/);
  });
});

function readSettingsKey(store: XlsxTableStore): string {
  const row = store.readTab('Settings')!.find((cells) => cells[0] === 'Anonymisation key');
  return String(row?.[1] ?? '');
}
