// Roster import through the built bundle: a school CSV (preview, then import) and Google Classroom over
// a faithful fake of the advanced service (paged lists, short pages, tokens tied to their request).
import { createAppsScriptFakes, type AppsScriptFakes } from '../fakes/apps-script';
import { createClassroomFake, type ClassroomFake, type FakeCourse } from '../fakes/apps-script/classroom';
import { entryPoint, loadBundle, type BundleContext } from '../support/load-bundle';
import { fixtureTabs } from '../support/program-fixture';

interface World {
  fakes: AppsScriptFakes;
  classroom: ClassroomFake;
  bundle: BundleContext;
}

function course(id: string, name: string, students: number, teacher = 'teacher@school.example', first = 1): FakeCourse {
  return {
    id,
    name,
    teachers: [teacher],
    students: Array.from({ length: students }, (_, i) => ({
      userId: `1000${first + i}`,
      givenName: `Kid${first + i}`,
      familyName: 'Lee',
      email: `kid${first + i}@school.org`,
    })),
  };
}

function world(courses: FakeCourse[], emailScope = true): World {
  const fakes = createAppsScriptFakes({ timeZone: 'America/New_York' });
  for (const [name, grid] of Object.entries(fixtureTabs())) fakes.seedSheet(name, grid);
  const classroom = createClassroomFake(fakes.calls, courses, { user: () => fakes.accounts.current, emailScope });
  const bundle = loadBundle(fakes, { Classroom: classroom.Classroom });
  return { fakes, classroom, bundle };
}

const call = (w: World, name: string, ...args: unknown[]) => entryPoint(w.bundle, name)(...args) as any;
const column = (w: World, header: string) => {
  const grid = w.fakes.spreadsheet.getSheetByName('Students')!.getDataRange().getValues();
  const at = grid[0].indexOf(header);
  return grid.slice(1).map((row) => row[at]);
};

describe('Import from Google Classroom (built bundle)', () => {
  it('lists only the teacher\'s active courses, every page of them', () => {
    const courses = Array.from({ length: 60 }, (_, i) => course(`c${i}`, `Course ${i}`, 0));
    courses.push({ ...course('other', 'Not mine', 0, 'someone@school.example') }, { ...course('old', 'Archived', 0), courseState: 'ARCHIVED' });
    const w = world(courses);
    const listed = call(w, 'classroomCourses');
    expect(listed).toHaveLength(60);
    expect(listed[59]).toEqual({ id: 'c59', name: 'Course 59', section: '' });
    expect(w.fakes.calls.count('Classroom.Courses.list')).toBe(3); // pages of 25 (the server's), though 100 were asked for
  });

  it('imports students of the chosen courses across pages, each once, matched on email; a re-import adds nothing', () => {
    const math = course('m', 'Math 7', 70);
    const science = course('s', 'Science 7', 10, undefined, 65); // kids 65–70 are in both
    math.students.push({ userId: '555', givenName: 'Ana', familyName: 'Ruiz', email: 'ANA@school.org' }); // S-1 on the roster
    const w = world([math, science]);
    const preview = call(w, 'importFromClassroom', ['m', 's'], false);
    expect(preview.added).toHaveLength(74);
    expect(preview.unchanged).toBe(1);
    expect(column(w, 'Student ID')).toEqual(['S-1', 'S-2', 'S-3']); // a preview writes nothing
    const report = call(w, 'importFromClassroom', ['m', 's'], true);
    expect(report.added).toHaveLength(74);
    expect(report.added[0]).toEqual({ source: 'Classroom course m', id: '10001', name: 'Kid1 Lee' });
    const ids = column(w, 'Student ID');
    expect(ids).toHaveLength(77);
    expect(new Set(ids).size).toBe(77);
    expect(column(w, 'Email')[0]).toBe('ana@school.org'); // the roster's row, matched on email, kept
    expect(column(w, 'Consent').slice(3)).toEqual(Array(74).fill('Pending'));
    expect(w.fakes.calls.count('Classroom.Courses.Students.list')).toBe(2 * (3 + 1));
    const again = call(w, 'importFromClassroom', ['m', 's'], true);
    expect(again.added).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(again.unchanged).toBe(75);
  });

  it('without email access, students are matched on Classroom\'s user ID and still imported once', () => {
    const w = world([course('m', 'Math 7', 3)], false);
    expect(call(w, 'importFromClassroom', ['m'], true).added).toHaveLength(3);
    expect(call(w, 'importFromClassroom', ['m'], true).added).toHaveLength(0);
    expect(column(w, 'Student ID')).toEqual(['S-1', 'S-2', 'S-3', '10001', '10002', '10003']);
  });

  it('a course the teacher does not teach is refused with Classroom\'s message, nothing written', () => {
    const w = world([course('x', 'Not mine', 3, 'someone@school.example')]);
    expect(() => call(w, 'importFromClassroom', ['x'], true)).toThrow('The caller does not have permission');
    expect(column(w, 'Student ID')).toEqual(['S-1', 'S-2', 'S-3']);
  });
});

describe('Import a roster CSV (built bundle)', () => {
  const csv = 'Student ID,First Name,Last Name,Grade,Email\nS-2,Ben,Kim,8,\n00099,Zoe,"O\'Neil",K,zoe@school.org\n';

  it('previews the column mapping and the outcome, then imports in one Students read and write', () => {
    const w = world([]);
    const preview = call(w, 'previewRosterCsv', csv);
    expect(preview.mapping.filter((m: { header: string | null }) => m.header)).toHaveLength(5);
    expect(preview.updated).toEqual([{ source: 'row 2', rowNumber: 3, changes: ['Grade: "7" → "8"'] }]);
    expect(column(w, 'Grade')).toEqual([9, 7, 'K']);
    w.fakes.calls.reset();
    const report = call(w, 'importRosterCsv', csv);
    expect(report.written).toBe(true);
    expect(w.fakes.calls.count('Range.setValues')).toBe(1);
    expect(column(w, 'Student ID')).toEqual(['S-1', 'S-2', 'S-3', '00099']); // text, leading zeros kept
    expect(column(w, 'Grade')).toEqual([9, 8, 'K', 'K']);
  });
});

describe('Substitutes, service hours and training (built bundle)', () => {
  function bundleWorld(prepare: (tabs: ReturnType<typeof fixtureTabs>) => void) {
    const fakes = createAppsScriptFakes({ timeZone: 'America/New_York' });
    const tabs = fixtureTabs();
    prepare(tabs);
    for (const [name, grid] of Object.entries(tabs)) fakes.seedSheet(name, grid);
    return { fakes, bundle: loadBundle(fakes, {}), classroom: null as unknown as ClassroomFake };
  }

  beforeEach(() => jest.useFakeTimers({ now: new Date('2027-03-02T15:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('proposes a substitute for an absent tutor, and logs the one assigned on the session', () => {
    const w = bundleWorld((tabs) => {
      tabs.Students.push(['S-5', 'Eli Stone', '', 10, 'Tutor', 'Math 3', '', 'English; Spanish', '', 'Mon-A; Wed-A', 1, 'Yes', 'Yes', 'Yes']);
      tabs.Pairs.push(['P-0001', 'S-1', 'Ana Ruiz', 'S-2', 'Ben Kim', 'Math', 'Mon-A', 'Active', 'No', 1, '', '2027-02-01', '']);
      tabs.Sessions.push(['P-0001-20270308', 'P-0001', '2027-03-08', '15:15', '16:00', 'Mon-A', 'Scheduled', '', 'No', '', '']);
    });
    const [need] = call(w, 'substituteNeeds');
    expect(need).toMatchObject({ sessionId: 'P-0001-20270308', best: { tutorId: 'S-5' } });
    expect(call(w, 'assignSubstitute', need.sessionId, 'S-5')).toEqual({
      assigned: true,
      message: 'Eli Stone substitutes on 2027-03-08 (Mon-A). The session is not in Calendar yet (Schedule sessions first): add the substitute to the meeting then.',
    });
    const sessions = w.fakes.spreadsheet.getSheetByName('Sessions')!.getDataRange().getValues();
    expect(sessions[1][sessions[0].indexOf('Substitute')]).toBe('S-5');
    expect(call(w, 'substituteNeeds')).toEqual([]);
  });

  it('Refresh dashboard rebuilds Service hours and derives Trained from the Training tab', () => {
    const w = bundleWorld((tabs) => {
      tabs.Settings.push(['Required training modules', 'Ethics; Questions']);
      tabs.Training = [['Student ID', 'Module', 'Completed'], ['S-2', 'Ethics', '2027-01-05'], ['S-2', 'questions', '2027-01-06']];
      tabs.Pairs.push(['P-0001', 'S-1', 'Ana Ruiz', 'S-2', 'Ben Kim', 'Math', 'Mon-A', 'Active', 'No', 1, '', '2027-02-01', '']);
      tabs.Sessions.push(['P-0001-20270301', 'P-0001', '2027-03-01', '15:15', '16:00', 'Mon-A', 'Held', '', 'Yes', 'Yes', '']);
    });
    call(w, 'refreshDashboard');
    const hours = w.fakes.spreadsheet.getSheetByName('Service hours')!.getDataRange().getValues();
    expect(hours[1]).toEqual(['S-1', 'Ana Ruiz', 1, 0.75, '', '', 0.75]);
    expect(column(w as unknown as World, 'Trained')).toEqual(['No', 'Yes', 'No']);
  });
});
