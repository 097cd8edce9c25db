// The sheets layer of the Google side of forms, on the in-memory store: the responses tabs as a queue
// filed once, in order, from the last filed row on; each session's links on the Sessions tab; the
// email a teacher gets when a student asks to talk.
import { PLACEHOLDERS, templateFromPrefilledUrl, type FormTemplates } from '../../src/core/forms/links';
import { REFLECTION } from '../../src/core/forms/questions';
import { fillSessionLinks } from '../../src/sheets/forms/session-links';
import { discoverResponsesTabs, fileQueuedResponses, withResponsesTab, type QueueMark, type QueueState } from '../../src/sheets/forms/response-queue';
import { talkEmail } from '../../src/sheets/forms/talk-requests';
import { scheduleSessions } from '../../src/sheets/scheduling/service';
import { setUpProgram } from '../../src/sheets/program/setup';
import type { Cell, Grid, TableStore } from '../../src/sheets/store/table-store';
import { MemoryTableStore } from '../fakes/memory-store';
import { twoTutorTabs } from '../support/program-fixture';

const NOW = new Date('2027-03-01T22:00:00Z');
const SESSION = 'P-0001-20270301';
const TITLES = ['Timestamp', 'Session', 'Student ID', 'I am the', REFLECTION.mood, REFLECTION.confidence, REFLECTION.held, REFLECTION.partnerPresent, REFLECTION.workedOn, REFLECTION.whatWorked, REFLECTION.whatWasHard, REFLECTION.nextStep, REFLECTION.talkToTeacher];

function program(): MemoryTableStore {
  const tabs = twoTutorTabs();
  tabs.Pairs.push(['P-0001', 'S-1', 'Ana Ruiz', 'S-2', 'Ben Kim', 'Math', 'Mon-A', 'Active', 'No', 30, '', '', '']);
  tabs.Pairs.push(['P-0002', 'S-5', 'Eli Stone', 'S-4', 'Dana Li', 'Math', 'Wed-A', 'Paused', 'No', 30, '', '', '']);
  tabs.Sessions.push([SESSION, 'P-0001', new Date(Date.UTC(2027, 2, 1)), '15:15', '16:00', 'Mon-A', 'Scheduled', '', '', '', '']);
  tabs.Sessions.push(['P-0002-20270303', 'P-0002', new Date(Date.UTC(2027, 2, 3)), '15:15', '16:00', 'Wed-A', 'Scheduled', '', '', '', '']);
  const store = new MemoryTableStore(tabs);
  setUpProgram(store);
  return store;
}

/** A responses-tab row as Sheets writes it: the timestamp a date, scales as numbers. */
function submission(minute: number, studentId: string, role: string, extra: Partial<Record<string, Cell>> = {}): Cell[] {
  const answers: Record<string, Cell> = {
    Session: SESSION,
    'Student ID': studentId,
    'I am the': role,
    [REFLECTION.mood]: 4,
    [REFLECTION.confidence]: 3,
    [REFLECTION.held]: 'Yes',
    [REFLECTION.partnerPresent]: 'Yes',
    [REFLECTION.talkToTeacher]: 'No',
    ...extra,
  } as Record<string, Cell>;
  return TITLES.map((title) => (title === 'Timestamp' ? new Date(Date.UTC(2027, 2, 1, 21, minute)) : answers[title] ?? ''));
}

function memoryState(marks: QueueMark[] = []): QueueState & { marks: QueueMark[] } {
  const state = { marks, load: () => state.marks.map((mark) => ({ ...mark })), save: (next: QueueMark[]) => void (state.marks = next) };
  return state;
}

const reflectionIds = (store: TableStore) => (store.readColumn('Reflections', 1) ?? []).slice(1);

describe('the responses tabs as a queue', () => {
  it('files new rows only, once, in the order they were sent across both forms', () => {
    const store = program();
    store.writeTab('Form Responses 1', [TITLES, submission(5, 'S-1', 'Tutor')]);
    const state = memoryState(withResponsesTab([], 'Form Responses 1', 'Reflection'));
    expect(fileQueuedResponses(store, state, NOW)).toMatchObject({ rows: 1, report: { reflections: 1 } });
    expect(state.marks[0]).toMatchObject({ filedThrough: 2 });
    expect(fileQueuedResponses(store, state, NOW)).toMatchObject({ rows: 0, report: { received: 0 } });

    store.appendRows('Form Responses 1', [submission(9, 'S-2', 'Tutee'), submission(7, 'S-1', 'Tutor', { [REFLECTION.workedOn]: 'again' })]);
    store.calls.reset();
    expect(fileQueuedResponses(store, state, NOW)).toMatchObject({ rows: 2, report: { reflections: 2 } });
    // Only the rows from the last filed one on were read (it is read to check it is still there).
    expect(store.calls.count('TableStore.readRows')).toBeLessThanOrEqual(8);
    const submitted = (store.readRows('Reflections', 2) ?? []).map((row) => (row[1] as Date).toISOString());
    expect(submitted).toEqual(['2027-03-01T21:05:00.000Z', '2027-03-01T21:07:00.000Z', '2027-03-01T21:09:00.000Z']);
  });

  it('reads a tab again from the top when its rows were sorted or deleted, and still files each response once', () => {
    const store = program();
    store.writeTab('Form Responses 1', [TITLES, submission(5, 'S-1', 'Tutor'), submission(6, 'S-2', 'Tutee')]);
    const state = memoryState(withResponsesTab([], 'Form Responses 1', 'Reflection'));
    fileQueuedResponses(store, state, NOW);
    // The teacher sorts the tab newest first, and a response arrives.
    store.writeTab('Form Responses 1', [TITLES, submission(6, 'S-2', 'Tutee'), submission(5, 'S-1', 'Tutor'), submission(8, 'S-1', 'Tutor', { [REFLECTION.workedOn]: 'x' })]);
    const run = fileQueuedResponses(store, state, NOW);
    expect(run).toMatchObject({ rescanned: ['Form Responses 1'], report: { reflections: 1, duplicates: 2 } });
    expect(new Set(reflectionIds(store)).size).toBe(3);
  });

  it('keeps a formula-like answer as text, skips blank rows, and forgets a tab that was deleted', () => {
    const store = program();
    store.writeTab('Form Responses 1', [TITLES, submission(5, 'S-1', 'Tutor', { [REFLECTION.whatWorked]: '=IMPORTXML("http://x","//a")' }), TITLES.map(() => '')]);
    const state = memoryState(withResponsesTab(withResponsesTab([], 'Form Responses 1', 'Reflection'), 'Form Responses 9', 'Reflection'));
    fileQueuedResponses(store, state, NOW);
    const grid = store.readTab('Reflections')!;
    expect(grid[1][grid[0].indexOf('What worked')]).toBe('=IMPORTXML("http://x","//a")');
    expect(state.marks.map((mark) => mark.tab)).toEqual(['Form Responses 1']);
  });

  it('finds responses tabs it did not know by their header', () => {
    const store = program();
    store.writeTab('Form Responses 2', [TITLES]);
    store.writeTab('Teacher notes', [['Timestamp', 'Note']]);
    expect(discoverResponsesTabs(store, []).map((mark) => [mark.tab, mark.form])).toEqual([['Form Responses 2', 'Reflection']]);
  });
});

describe('links on the Sessions tab', () => {
  const template = (form: 'Reflection' | 'Exit ticket', first: number) =>
    templateFromPrefilledUrl(form, `https://docs.google.com/forms/d/e/F-${first}/viewform?usp=pp_url&${Object.values(PLACEHOLDERS[form]).map((value, i) => `entry.${first + i}=${value}`).join('&')}`);
  const templates: FormTemplates = { reflection: template('Reflection', 10), exitTicket: template('Exit ticket', 20) };
  const linksOf = (store: TableStore) => {
    const [headers, ...rows] = store.readTab('Sessions') as Grid;
    return rows.map((row) => ['Session ID', 'Tutor reflection', 'Tutee reflection', 'Exit ticket'].map((header) => row[headers.indexOf(header)]));
  };

  it('gives each session of a running pair its three links, once; a paused pair’s sessions get none', () => {
    const store = program();
    expect(fillSessionLinks(store, templates)).toMatchObject({ linked: 1, written: true });
    expect(linksOf(store)).toEqual([
      [
        SESSION,
        `https://docs.google.com/forms/d/e/F-10/viewform?usp=pp_url&entry.10=${SESSION}&entry.11=S-1&entry.12=Tutor`,
        `https://docs.google.com/forms/d/e/F-10/viewform?usp=pp_url&entry.10=${SESSION}&entry.11=S-2&entry.12=Tutee`,
        `https://docs.google.com/forms/d/e/F-20/viewform?usp=pp_url&entry.20=${SESSION}&entry.21=S-2`,
      ],
      ['P-0002-20270303', '', '', ''],
    ]);
    expect(fillSessionLinks(store, templates)).toMatchObject({ linked: 0, written: false });
  });

  it('scheduling writes the links of new sessions in its one write', () => {
    const store = program();
    const report = scheduleSessions(store, '2027-01-04', NOW, new Map(), undefined, (session) => (session.pairId === 'P-0001' ? { tutorReflection: `t-${session.sessionId}`, tuteeReflection: 'u', exitTicket: 'e' } : null));
    expect(report.written).toBe(true);
    const rows = linksOf(store).filter(([id]) => String(id).startsWith('P-0001'));
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.every(([id, tutor]) => tutor === `t-${id}`)).toBe(true);
  });
});

describe('the email for a request to talk', () => {
  it('names the student and the session, and nobody else', () => {
    const mail = talkEmail(
      { responseId: 'R-1', studentId: 'S-2', studentName: 'Ben Kim', sessionId: SESSION, submitted: new Date('2027-03-01T21:05:00Z') },
      'Test Program',
      'https://docs.google.com/spreadsheets/d/x/edit',
      'America/New_York',
    );
    expect(mail.subject).toBe('Test Program: Ben Kim would like to talk to a teacher');
    expect(mail.body).toContain(`Ben Kim (S-2) answered Yes to "I would like to talk to a teacher" in the reflection on session ${SESSION}, sent 2027-03-01 16:05.`);
    expect(mail.body).not.toMatch(/Ana|S-1\b/);
  });
});
