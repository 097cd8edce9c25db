// A small, valid program as raw tab grids, for tests to break one cell at a time.
import { sampleProgram } from '../../src/core/sample-program';
import { studentRecord } from '../../src/sheets/program/program-writer';
import { STUDENTS_TAB } from '../../src/sheets/program/schema';
import type { Cell, Grid } from '../../src/sheets/store/table-store';

export const STUDENT_HEADERS = [
  'Student ID', 'Name', 'Email', 'Grade', 'Role', 'Can tutor', 'Needs help with', 'Languages',
  'Learning preference', 'Availability', 'Max tutees', 'Consent', 'Trained', 'Active',
];

export function fixtureTabs(): Record<string, Grid> {
  return {
    Settings: [
      ['Setting', 'Value'],
      ['Program name', 'Test Program'],
      ['Timezone', 'America/New_York'],
      ['Term start', '2027-01-11'],
      ['Term end', '2027-05-28'],
      ['No-school dates', '2027-01-18; 2027-03-15..2027-03-19'],
    ],
    Blocks: [
      ['Block', 'Day', 'Start', 'End', 'Location', 'Capacity'],
      ['Mon-A', 'Mon', '15:15', '16:00', 'Library', ''],
      ['Wed-A', 'Wed', '15:15', '16:00', 'Library', 10],
    ],
    Students: [
      STUDENT_HEADERS,
      ['S-1', 'Ana Ruiz', 'ana@school.org', 9, 'Tutor', 'Math 4', '', 'English; Spanish', 'Visual', 'Mon-A; Wed-A', '', 'Yes', 'Yes', 'Yes'],
      ['S-2', 'Ben Kim', '', 7, 'Tutee', '', 'Math 2', 'Spanish', '', 'Mon-A', '', 'Yes', 'No', 'Yes'],
      ['S-3', 'Chloe Okafor', '', 'K', 'Both', 'Reading 3', 'Science 2', 'English', 'Kinesthetic', 'All', 1, 'Pending', true, false],
    ],
    Pairs: [['Pair ID', 'Tutor ID', 'Tutor', 'Tutee ID', 'Tutee', 'Subject', 'Block', 'Status', 'Locked', 'Score', 'Why', 'Start date', 'End date']],
    Waitlist: [['Student ID', 'Name', 'Subject', 'Reason', 'Since']],
    Sessions: [['Session ID', 'Pair ID', 'Date', 'Start', 'End', 'Block', 'Status', 'Calendar event ID', 'Tutor present', 'Tutee present', 'Notes']],
  };
}

/** The fixture plus a second tutor and tutee: tutors Ana (S-1) and Eli (S-5, one tutee); tutees Ben (S-2, Mon-A) and Dana (S-4, Wed-A). */
export function twoTutorTabs(): Record<string, Grid> {
  const tabs = fixtureTabs();
  tabs.Students.push(
    ['S-4', 'Dana Li', '', 8, 'Tutee', '', 'Math 1', 'English', '', 'Wed-A', '', 'Yes', 'No', 'Yes'],
    ['S-5', 'Eli Stone', '', 10, 'Tutor', 'Math 3', '', 'English', '', 'Mon-A; Wed-A', 1, 'Yes', 'Yes', 'Yes'],
  );
  return tabs;
}

/** Sets one cell of a tab by header name and 1-based sheet row. */
export function setCell(tabs: Record<string, Grid>, tab: string, row: number, header: string, value: Cell): void {
  const column = tabs[tab][0].indexOf(header);
  if (column < 0) throw new Error(`no header ${header} in ${tab}`);
  tabs[tab][row - 1][column] = value;
}

/** The fixture's program with `count` sample students, free in the fixture's blocks. */
export function rosterTabs(count: number): Record<string, Grid> {
  const tabs = fixtureTabs();
  const headers = STUDENTS_TAB.columns.map((column) => column.header);
  const students = sampleProgram(count, 5).students.map((student) => ({
    ...student,
    availability: student.availability.length % 2 ? ['Mon-A'] : ['Mon-A', 'Wed-A'],
  }));
  tabs.Students = [headers, ...students.map((student) => headers.map((header) => studentRecord(student)[header]))];
  return tabs;
}

const PAIR_HEADERS = ['Pair ID', 'Tutor ID', 'Tutor', 'Tutee ID', 'Tutee', 'Subject', 'Block', 'Status', 'Locked', 'Score', 'Why', 'Start date', 'End date'];

/** `pairs` Active pairs, each tutor and tutee their own students, spread over Mon-A and Wed-A. */
export function activePairTabs(pairs: number): Record<string, Grid> {
  const tabs = fixtureTabs();
  tabs.Blocks = [tabs.Blocks[0], ['Mon-A', 'Mon', '15:15', '16:00', 'Library', ''], ['Wed-A', 'Wed', '15:15', '16:00', 'Room 12', '']];
  tabs.Students = [STUDENT_HEADERS];
  tabs.Pairs = [PAIR_HEADERS];
  for (let i = 1; i <= pairs; i++) {
    tabs.Students.push([`T-${i}`, `Tutor ${i}`, `t${i}@school.org`, 10, 'Tutor', 'Math 4', '', 'English', '', 'All', '', 'Yes', 'Yes', 'Yes']);
    tabs.Students.push([`U-${i}`, `Tutee ${i}`, i % 2 ? `u${i}@school.org` : '', 7, 'Tutee', '', 'Math 2', 'English', '', 'All', '', 'Yes', 'No', 'Yes']);
    const id = `P-${String(i).padStart(4, '0')}`;
    tabs.Pairs.push([id, `T-${i}`, `Tutor ${i}`, `U-${i}`, `Tutee ${i}`, 'Math', i % 2 ? 'Mon-A' : 'Wed-A', 'Active', 'No', 1, '', '', '']);
  }
  return tabs;
}
