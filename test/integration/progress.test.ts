// Refresh dashboard in the built bundle on the Apps Script fakes: the Dashboard's native charts are
// created once and then updated in place, a chart deleted by hand comes back, a teacher's edit of a
// generated cell is overwritten, and the Spreadsheet calls do not grow with the program.
import { entryPoint } from '../support/load-bundle';
import { progressWorld, type ProgressWorld } from '../support/progress-world';

jest.setTimeout(60000);

const refresh = (w: ProgressWorld) => entryPoint(w.bundle, 'refreshDashboard')() as { alerts: unknown[]; weeks: unknown[]; forecast: { advice: string[] } };
const charts = (w: ProgressWorld) => w.fakes.sheet('Dashboard').chartStates();

describe('the Dashboard in Google Sheets', () => {
  let world: ProgressWorld;
  beforeAll(() => {
    world = progressWorld(120, 6);
  });

  it('creates its three charts once, over the tables, then updates them in place', () => {
    const view = refresh(world);
    expect(view.weeks.length).toBeGreaterThan(4);
    const first = charts(world);
    expect(first.map((c) => [c.type, c.options.title])).toEqual([
      ['LINE', 'Attendance per week (%)'],
      ['LINE', 'Average exit-ticket score per week'],
      ['BAR', 'Gains per pair (% of the possible improvement)'],
    ]);
    // The attendance chart's labels are the weeks' column, its series the Attendance % column, header included.
    const dashboard = world.fakes.spreadsheet.getSheetByName('Dashboard')!.getDataRange().getValues();
    const headerRow = dashboard.findIndex((row) => row[0] === 'Week of') + 1;
    expect(first[0].ranges).toEqual([`A${headerRow}:A${headerRow + view.weeks.length}`, `D${headerRow}:D${headerRow + view.weeks.length}`]);
    expect(dashboard[headerRow - 1][3]).toBe('Attendance %');

    world.fakes.calls.reset();
    refresh(world);
    expect(world.fakes.calls.count('Sheet.insertChart')).toBe(0);
    expect(world.fakes.calls.count('Sheet.updateChart')).toBe(3);
    expect(charts(world).map((c) => c.id)).toEqual(first.map((c) => c.id));
  });

  it('recreates a chart deleted by hand, and only that one', () => {
    refresh(world);
    const [attendance, score] = charts(world);
    world.fakes.sheet('Dashboard').deleteChartByHand(score.id!);
    refresh(world);
    const after = charts(world);
    expect(after).toHaveLength(3);
    expect(after.filter((c) => c.options.title === 'Average exit-ticket score per week')).toHaveLength(1);
    expect(after.find((c) => c.options.title === 'Average exit-ticket score per week')!.id).not.toBe(score.id);
    expect(after[0].id).toBe(attendance.id);
    refresh(world);
    expect(charts(world).map((c) => c.id)).toEqual(after.map((c) => c.id));
  });

  it('overwrites a generated cell a teacher edited, and its header says it is generated', () => {
    const sheet = world.fakes.spreadsheet.getSheetByName('Dashboard')!;
    const before = sheet.getRange(7, 2).getValue();
    sheet.getRange(7, 2).setValue('=1/0');
    sheet.getRange(60, 12).setValue('my note');
    refresh(world);
    expect(sheet.getRange(7, 2).getValue()).toBe(before);
    expect(sheet.getRange(7, 2).getFormula()).toBe('');
    expect(String(sheet.getRange(2, 1).getValue())).toMatch(/edits here are overwritten/);
  });

  it('costs the same Spreadsheet calls for 60 and for 240 students', () => {
    const counted = (students: number) => {
      const w = progressWorld(students, 4);
      refresh(w);
      w.fakes.calls.reset();
      refresh(w);
      return w.fakes.calls.total();
    };
    expect(counted(240)).toBe(counted(60));
  });
});

describe('the dashboard in the background (the one hourly dispatcher)', () => {
  const jobs = (w: ProgressWorld) => JSON.parse(w.fakes.properties.getDocumentProperties().getProperty('ptHub.pendingWork') ?? '{}');
  const dispatch = (w: ProgressWorld) => w.script.fireDue((handler) => entryPoint(w.bundle, handler)());
  const alertRows = (w: ProgressWorld) => {
    const grid = w.fakes.spreadsheet.getSheetByName('Alerts')!.getDataRange().getValues();
    return grid.slice(1).map((row) => Object.fromEntries(grid[0].map((header, i) => [String(header), row[i]])));
  };

  it('emails one digest a day of the alerts not yet emailed, only when there are new ones, within the quota', () => {
    const w = progressWorld(80, 5, 4, undefined, [['Daily alerts email', 'Yes']]);
    refresh(w);
    expect(Object.keys(jobs(w))).toEqual(['dailyAlerts']);
    expect(w.script.pending().map((t) => t.handler)).toEqual(['runPendingWork']);
    const open = alertRows(w).filter((row) => row.Status === 'Open').length;
    expect(open).toBeGreaterThan(0);

    dispatch(w);
    expect(w.mail.sent).toHaveLength(1);
    expect(w.mail.sent[0]).toMatchObject({ to: ['teacher@school.example'], subject: expect.stringMatching(new RegExp(`^Peer tutoring: ${open} new alerts`)) });
    expect(alertRows(w).filter((row) => row.Status === 'Open').every((row) => row.Emailed instanceof Date)).toBe(true);
    // The same day again: nothing.
    dispatch(w);
    expect(w.mail.sent).toHaveLength(1);
    // Another day with nothing new: no email either.
    w.fakes.properties.getDocumentProperties().deleteProperty('ptHub.dailyAlerts.lastDay');
    dispatch(w);
    expect(w.mail.sent).toHaveLength(1);
    expect(w.script.pending()).toHaveLength(1); // the dispatcher stays while the email is on
  });

  it('waits for quota instead of failing, and stops (trigger gone) when Settings say No', () => {
    const w = progressWorld(80, 5, 4, 0, [['Daily alerts email', 'Yes']]);
    refresh(w);
    dispatch(w);
    expect(w.mail.sent).toHaveLength(0);
    expect(alertRows(w).every((row) => row.Emailed === '')).toBe(true);
    const settings = w.fakes.spreadsheet.getSheetByName('Settings')!;
    const values = settings.getDataRange().getValues();
    settings.getRange(values.findIndex((row) => row[0] === 'Daily alerts email') + 1, 2).setValue('No');
    dispatch(w);
    expect(jobs(w)).toEqual({});
    expect(w.script.pending()).toEqual([]);
  });

  it('marks the dashboard out of date after a matching, and the next dispatcher run refreshes it once', () => {
    const w = progressWorld(60, 3, 5, undefined, [['Daily alerts email', 'Yes']]);
    refresh(w);
    const stale = () => w.fakes.properties.getDocumentProperties().getProperty('ptHub.dashboardStale');
    const outcome = entryPoint(w.bundle, 'applyMatches')({ options: { locked: [], swapped: [], excluded: [] }, confirmEnding: true }) as { applied: boolean; why?: string; message?: string };
    expect(outcome).toMatchObject({ applied: true });
    expect(stale()).not.toBeNull();
    w.fakes.properties.getDocumentProperties().setProperty('ptHub.dailyAlerts.lastDay', w.today); // the email is done today
    w.fakes.calls.reset();
    dispatch(w);
    expect(stale()).toBeNull();
    expect(w.fakes.calls.count('Sheet.updateChart')).toBe(3); // one refresh
  });

  it('without the daily email, a matching still brings the hourly run back once for the dashboard, and it then goes', () => {
    const w = progressWorld(60, 3, 5);
    refresh(w);
    expect(w.script.pending()).toEqual([]);
    entryPoint(w.bundle, 'applyMatches')({ options: { locked: [], swapped: [], excluded: [] }, confirmEnding: true });
    entryPoint(w.bundle, 'applyMatches')({ options: { locked: [], swapped: [], excluded: [] }, confirmEnding: true });
    expect(Object.keys(jobs(w))).toEqual(['dashboardRefresh']);
    expect(w.script.pending().map((t) => t.handler)).toEqual(['runPendingWork']);
    w.fakes.calls.reset();
    dispatch(w);
    expect(w.fakes.calls.count('Sheet.updateChart')).toBe(3); // refreshed once for both matchings
    expect(jobs(w)).toEqual({});
    expect(w.script.pending()).toEqual([]);
  });
});

describe('family letters as Google Docs (built bundle, advanced Docs and Drive fakes)', () => {
  type Made = { name: string; url: string; templateUrl: string; templateCreated: boolean; problems: string[] } | null;
  const letter = (w: ProgressWorld, studentId: string) => entryPoint(w.bundle, 'familyLetterDoc')(studentId) as Made;
  const idOf = (url: string) => new URL(url).searchParams.get('id')!;
  const tuteeOf = (w: ProgressWorld) => {
    const grid = w.fakes.spreadsheet.getSheetByName('Pairs')!.getDataRange().getValues();
    const status = grid[0].indexOf('Status');
    return String(grid.slice(1).find((row) => row[status] === 'Active')![grid[0].indexOf('Tutee ID')]);
  };

  it('makes the template once, fills a letter from it, follows the teacher’s edits, and makes the template again if trashed', () => {
    const w = progressWorld(60, 4, 6);
    const studentId = tuteeOf(w);
    const first = letter(w, studentId)!;
    expect(first.templateCreated).toBe(true);
    const text = w.docs.textOf(idOf(first.url));
    expect(text.join('\n')).not.toMatch(/\{\{/);
    expect(text.join('\n')).toContain(`Dear family of ${first.name},`);
    expect(text.join('\n')).toMatch(/came to \d+ of \d+ sessions so far\./);
    // The default template's styles carried into the letter: a title, then text and two list items.
    expect(w.docs.stylesOf(idOf(first.url))).toEqual(['TITLE', ...Array(3).fill('NORMAL_TEXT'), '• NORMAL_TEXT', '• NORMAL_TEXT', ...Array(3).fill('NORMAL_TEXT')]);

    const again = letter(w, studentId)!;
    expect(again.templateCreated).toBe(false);
    expect(again.templateUrl).toBe(first.templateUrl);

    w.docs.editByHand(idOf(first.templateUrl), ['Hello {{ student }}!', '- Sessions: {{Sessions}}', 'Signed, {{Nobody}}']);
    w.docs.addTable(idOf(first.templateUrl), 2);
    const edited = letter(w, studentId)!;
    expect(w.docs.textOf(idOf(edited.url))).toEqual([`Hello ${first.name}!`, expect.stringMatching(/^Sessions: .* sessions so far\.$/), 'Signed, {{Nobody}}']);
    // The template's list item stays a list item.
    expect(w.docs.stylesOf(idOf(edited.url))).toEqual(['NORMAL_TEXT', '• NORMAL_TEXT', 'NORMAL_TEXT']);
    expect(edited.problems).toEqual([expect.stringMatching(/^The template's element 3 \(table\) is left out/), expect.stringMatching(/^The template's \{\{Nobody\}\} is not a placeholder/)]);

    w.docs.trash(idOf(first.templateUrl));
    const remade = letter(w, studentId)!;
    expect(remade.templateCreated).toBe(true);
    expect(remade.templateUrl).not.toBe(first.templateUrl);
  });

  it('answers null for a student who is not on the roster, and writes no Doc', () => {
    const w = progressWorld(30, 2, 6);
    const before = w.docs.docs.size;
    expect(letter(w, 'S-NOPE')).toBeNull();
    expect(w.docs.docs.size).toBeLessThanOrEqual(before + 1); // at most the template
  });
});
