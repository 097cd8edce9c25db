// Writes a whole program (settings, blocks, students) into the database: the inverse of readProgram.
// Used to seed a sample program; each tab is one batched write.
import type { Block, Student, SubjectLevel } from '../../core/model';
import { yesNo } from '../store/cells';
import type { Program } from './roster';
import { BLOCKS_TAB, SETTINGS_TAB, STUDENTS_TAB } from './schema';
import { fillSettings } from './settings';
import { writeGrid, writeTable, type RecordValues } from '../store/table';
import type { TableStore } from '../store/table-store';

const list = (items: string[]) => items.join('; ');
const levels = (items: SubjectLevel[]) => list(items.map((item) => `${item.subject} ${item.level}`));

export function studentRecord(student: Student): RecordValues {
  return {
    'Student ID': student.id,
    Name: student.name,
    Email: student.email,
    Grade: student.grade === 0 ? 'K' : student.grade,
    Role: student.role,
    'Can tutor': levels(student.canTutor),
    'Needs help with': levels(student.needsHelpWith),
    Languages: list(student.languages),
    'Learning preference': student.learningPreference,
    Availability: list(student.availability),
    'Max tutees': student.maxTutees ?? '',
    Consent: student.consent,
    Trained: yesNo(student.trained),
    Active: yesNo(student.active),
    'Requested tutor': student.requestedTutor,
    'Do not pair with': list(student.doNotPairWith),
  };
}

export function blockRecord(block: Block): RecordValues {
  return {
    Block: block.name,
    Day: block.day,
    Start: block.start,
    End: block.end,
    Location: block.location,
    Capacity: block.capacity ?? '',
  };
}

export function writeProgram(store: TableStore, program: Program): void {
  const settingsGrid = store.readTab(SETTINGS_TAB.name) ?? [SETTINGS_TAB.columns.map((column) => column.header)];
  const filled = fillSettings(settingsGrid, program.settings, store.timeZone, true);
  if (filled) writeGrid(store, SETTINGS_TAB.name, filled.grid);
  writeTable(store, BLOCKS_TAB, program.blocks.map(blockRecord));
  writeTable(store, STUDENTS_TAB, program.students.map(studentRecord));
}
