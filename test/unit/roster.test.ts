import { describeProblem } from '../../src/sheets/program/problems';
import { readProgram } from '../../src/sheets/program/roster';
import { fixtureTabs, setCell, STUDENT_HEADERS } from '../support/program-fixture';
import { xlsxStoreFrom } from '../support/stores';

function problemsOf(tabs = fixtureTabs()) {
  return readProgram(xlsxStoreFrom(tabs)).problems.map(describeProblem);
}

describe('reading the roster', () => {
  it('reads a clean program into models', () => {
    const { program, problems } = readProgram(xlsxStoreFrom(fixtureTabs()));
    expect(problems).toEqual([]);
    expect(program.settings).toMatchObject({ programName: 'Test Program', timezone: 'America/New_York', termStart: '2027-01-11' });
    expect(program.settings.noSchoolDates).toEqual([
      { from: '2027-01-18', to: '2027-01-18' },
      { from: '2027-03-15', to: '2027-03-19' },
    ]);
    expect(program.blocks.map((b) => [b.name, b.capacity])).toEqual([['Mon-A', null], ['Wed-A', 10]]);
    const chloe = program.students.find((s) => s.id === 'S-3')!;
    expect(chloe).toMatchObject({ grade: 0, role: 'Both', consent: 'Pending', trained: true, active: false, maxTutees: 1 });
    expect(chloe.availability).toEqual(['Mon-A', 'Wed-A']);
    expect(program.students[0].canTutor).toEqual([{ subject: 'Math', level: 4 }]);
  });

  it('finds columns by name whatever their order, case or spacing, and ignores extra columns', () => {
    const tabs = fixtureTabs();
    const order = [...STUDENT_HEADERS.keys()].reverse();
    tabs.Students = tabs.Students.map((row) => [...order.map((i) => row[i]), 'teacher note']);
    tabs.Students[0] = tabs.Students[0].map((h, i) => (i === 0 ? '  ACTIVE ' : h === 'teacher note' ? 'My notes' : String(h).toUpperCase()));
    tabs.Students[0][order.indexOf(1)] = 'name';
    const { program, problems } = readProgram(xlsxStoreFrom(tabs));
    expect(problems).toEqual([]);
    expect(program.students.map((s) => s.name)).toEqual(['Ana Ruiz', 'Ben Kim', 'Chloe Okafor']);
  });

  it('names the tab and header of a missing required column', () => {
    const tabs = fixtureTabs();
    tabs.Students = tabs.Students.map((row) => row.filter((_, i) => i !== STUDENT_HEADERS.indexOf('Can tutor')));
    expect(problemsOf(tabs)).toEqual([
      'Students row 1, "Can tutor": the header "Can tutor" is missing from row 1: add it back (columns may be in any order)',
    ]);
  });

  it('reports a missing tab', () => {
    const tabs = fixtureTabs();
    delete (tabs as Record<string, unknown>).Blocks;
    expect(problemsOf(tabs)).toContain('Blocks tab: the tab is missing: run Peer Tutoring → Set up program to create it');
  });

  it('reports an empty Students tab and an empty Blocks tab', () => {
    const tabs = fixtureTabs();
    tabs.Students = [STUDENT_HEADERS];
    tabs.Blocks = [tabs.Blocks[0]];
    expect(problemsOf(tabs)).toEqual([
      'Blocks row 2: there are no blocks yet: add one row per tutoring block, like Mon-A',
      'Students row 2: there are no students yet: add one row per student',
    ]);
  });

  it('skips blank rows in the middle and keeps sheet row numbers', () => {
    const tabs = fixtureTabs();
    tabs.Students.splice(2, 0, STUDENT_HEADERS.map(() => ''), STUDENT_HEADERS.map(() => '  '));
    setCell(tabs, 'Students', 6, 'Grade', 'seventh');
    expect(problemsOf(tabs)).toEqual(['Students row 6, "Grade": "seventh" is not a grade from K to 12']);
    expect(readProgram(xlsxStoreFrom(fixtureTabs())).program.students).toHaveLength(3);
  });

  it('reports duplicate Student IDs on the later row', () => {
    const tabs = fixtureTabs();
    setCell(tabs, 'Students', 4, 'Student ID', 's-1');
    expect(problemsOf(tabs)).toEqual(['Students row 4, "Student ID": "s-1" is the same Student ID as row 2: each Student ID must be unique']);
  });

  it.each([
    ['Math 0', '"Math 0": the level should be 1 to 4'],
    ['Math 5', '"Math 5": the level should be 1 to 4'],
    ['Math four', '"Math four" is not a subject and level like "Math 4"'],
  ])('rejects the level in "%s"', (cell, message) => {
    const tabs = fixtureTabs();
    setCell(tabs, 'Students', 2, 'Can tutor', cell);
    expect(problemsOf(tabs)).toEqual([`Students row 2, "Can tutor": ${message}`]);
  });

  it.each(['K', 'k', 0, 12])('accepts grade %s', (grade) => {
    const tabs = fixtureTabs();
    setCell(tabs, 'Students', 3, 'Grade', grade);
    expect(problemsOf(tabs)).toEqual([]);
  });

  it.each([13, 'seventh', -1, 7.5])('rejects grade %s', (grade) => {
    const tabs = fixtureTabs();
    setCell(tabs, 'Students', 3, 'Grade', grade);
    expect(problemsOf(tabs)).toEqual([`Students row 3, "Grade": "${grade}" is not a grade from K to 12`]);
  });

  it('reports an unknown block in Availability and an unknown Role', () => {
    const tabs = fixtureTabs();
    setCell(tabs, 'Students', 2, 'Availability', 'Mon-A; Fri-Z');
    setCell(tabs, 'Students', 3, 'Role', 'Mentor');
    expect(problemsOf(tabs)).toEqual([
      'Students row 2, "Availability": "Fri-Z" is not a block on the Blocks tab (use names like Mon-A, Wed-A, or All)',
      'Students row 3, "Role": "Mentor" should be one of Tutor, Tutee, Both',
    ]);
  });

  it('reports a tutor who needs help in the subject they tutor', () => {
    const tabs = fixtureTabs();
    setCell(tabs, 'Students', 2, 'Needs help with', 'math 2');
    setCell(tabs, 'Students', 2, 'Role', 'Both');
    expect(problemsOf(tabs)).toEqual([
      'Students row 2, "Can tutor": "Math" is also under "Needs help with": a student cannot tutor a subject they need help with',
    ]);
  });

  it('reports a date setting holding text and a setting of the wrong type, located on the Value cell', () => {
    const tabs = fixtureTabs();
    tabs.Settings.push(['Term end', 'next June'], ['Min tutor level', 'three']);
    tabs.Settings.splice(4, 1);
    expect(problemsOf(tabs)).toEqual([
      'Settings row 6, "Value": Term end: "next June" is not a date (use a date cell, 2026-09-01 or 9/1/2026)',
      'Settings row 7, "Value": Min tutor level: "three" is not a whole number',
    ]);
  });

  it('reports a backwards no-school range and a bad timezone', () => {
    const tabs = fixtureTabs();
    setCell(tabs, 'Settings', 6, 'Value', '2027-01-05..2027-01-01');
    setCell(tabs, 'Settings', 3, 'Value', 'Mars/Olympus');
    expect(problemsOf(tabs)).toEqual([
      'Settings row 3, "Value": Timezone: "Mars/Olympus" is not a timezone name like America/Chicago',
      'Settings row 6, "Value": No-school dates: the range "2027-01-05..2027-01-01" ends before it starts',
    ]);
  });

  it('reports a block that ends before it starts', () => {
    const tabs = fixtureTabs();
    setCell(tabs, 'Blocks', 3, 'End', '14:00');
    expect(problemsOf(tabs)).toEqual(['Blocks row 3, "End": 14:00 should be after the start time 15:15']);
  });

  it('reads date cells in the store timezone and Yes/No checkboxes', () => {
    const tabs = fixtureTabs();
    setCell(tabs, 'Settings', 4, 'Value', new Date(Date.UTC(2027, 0, 11)));
    const { program, problems } = readProgram(xlsxStoreFrom(tabs));
    expect(problems).toEqual([]);
    expect(program.settings.termStart).toBe('2027-01-11');
  });
});
