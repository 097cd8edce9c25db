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
