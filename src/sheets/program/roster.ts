// Reads the teacher's input tabs (Settings, Blocks, Students) into core models, collecting every
// problem with its tab, row and column instead of stopping at the first.
import {
  CONSENTS,
  LEARNING_PREFERENCES,
  ROLES,
  WEEKDAYS,
  subjectKey,
  type Block,
  type Settings,
  type Student,
} from '../../core/model';
import {
  cellText,
  parseChoice,
  parseGrade,
  parseInteger,
  parseList,
  parseSubjectLevels,
  parseTime,
  parseYesNo,
  quote,
} from '../store/cells';
import type { Problem } from './problems';
import { BLOCKS_TAB, STUDENTS_TAB } from './schema';
import { readSettings } from './settings';
import { withDerivedTraining } from '../people/training-tab';
import { RowReader } from '../store/row-reader';
import { readTable } from '../store/table';
import type { TableStore } from '../store/table-store';

export interface Program {
  settings: Settings;
  blocks: Block[];
  students: Student[];
}

export interface ProgramReading {
  program: Program;
  /** Every problem found; rows with problems are left out of `program`. */
  problems: Problem[];
  /** Every Student ID on the Students tab, rows with problems included. */
  rosterIds: Set<string>;
  /** Trained comes from the Training tab (Settings: Required training modules). */
  trainingInUse: boolean;
}

function readBlock(reader: RowReader, timeZone: string): Block {
  const name = reader.required('Block');
  const day = reader.parse('Day', (c) => parseChoice(c, WEEKDAYS), 'Mon');
  const start = reader.parse('Start', (c) => parseTime(c, timeZone), '00:00');
  const end = reader.parse('End', (c) => parseTime(c, timeZone), '00:00');
  if (reader.problems.length === 0 && end <= start) reader.report('End', `${end} should be after the start time ${start}`);
  const capacity = reader.parseOptional('Capacity', (c) => parseInteger(c, 0, 1000), null);
  return { name, day, start, end, location: cellText(reader.cell('Location')), capacity };
}

/** Reports a value that repeats an earlier row's, e.g. a duplicate ID. */
function reportDuplicates(readers: RowReader[], header: string, keyOf: (reader: RowReader) => string, what: string): void {
  const firstRow = new Map<string, number>();
  for (const reader of readers) {
    const key = keyOf(reader);
    if (key === '') continue;
    const earlier = firstRow.get(key);
    if (earlier === undefined) firstRow.set(key, reader.row.rowNumber);
    else reader.report(header, `${quote(reader.cell(header))} is the same ${what} as row ${earlier}: each ${what} must be unique`);
  }
}

interface BlocksReading {
  blocks: Block[];
  /** Every block name on the tab, including rows with problems, so Availability is checked once. */
  names: Map<string, string>;
  problems: Problem[];
}

function readBlocks(store: TableStore): BlocksReading {
  const table = readTable(store, BLOCKS_TAB);
  if (table.problems.length) return { blocks: [], names: new Map(), problems: table.problems };
  const readers = table.rows.map((row) => new RowReader(BLOCKS_TAB.name, row));
  const blocks = readers.map((reader) => readBlock(reader, store.timeZone));
  reportDuplicates(readers, 'Block', (r) => cellText(r.cell('Block')).toLowerCase(), 'block name');
  const empty: Problem[] = readers.length ? [] : [emptyTab(BLOCKS_TAB.name, 'there are no blocks yet: add one row per tutoring block, like Mon-A')];
  return {
    blocks: blocks.filter((_, i) => readers[i].problems.length === 0),
    names: new Map(blocks.filter((b) => b.name).map((block) => [block.name.toLowerCase(), block.name])),
    problems: [...empty, ...readers.flatMap((reader) => reader.problems)],
  };
}

function emptyTab(tab: string, message: string): Problem {
  return { tab, row: 2, column: '', columnIndex: 0, message };
}

function readAvailability(reader: RowReader, blockNames: Map<string, string>): string[] {
  const items = parseList(reader.cell('Availability'));
  if (items.some((item) => item.toLowerCase() === 'all')) return [...blockNames.values()];
  const names: string[] = [];
  for (const item of items) {
    const name = blockNames.get(item.toLowerCase());
    if (name) names.push(name);
    else reader.report('Availability', `"${item}" is not a block on the Blocks tab (use names like ${[...blockNames.values()].slice(0, 2).join(', ') || 'Mon-A'}, or All)`);
  }
  return names;
}

function readStudent(reader: RowReader, blockNames: Map<string, string>): Student {
  const role = reader.parse('Role', (c) => parseChoice(c, ROLES), 'Tutee');
  const canTutor = reader.parse('Can tutor', parseSubjectLevels, []);
  const needsHelpWith = reader.parse('Needs help with', parseSubjectLevels, []);
  const maxTutees = reader.parseOptional('Max tutees', (c) => parseInteger(c, 0, 20), null);
  const student: Student = {
    id: reader.required('Student ID'),
    name: reader.required('Name'),
    email: readEmail(reader),
    grade: reader.parse('Grade', parseGrade, 0),
    role,
    canTutor,
    needsHelpWith,
    languages: parseList(reader.cell('Languages')),
    learningPreference: reader.parseOptional('Learning preference', (c) => parseChoice(c, LEARNING_PREFERENCES), ''),
    availability: readAvailability(reader, blockNames),
    maxTutees,
    consent: reader.parse('Consent', (c) => parseChoice(c, CONSENTS), 'No'),
    trained: reader.parse('Trained', parseYesNo, false),
    active: reader.parse('Active', parseYesNo, false),
    requestedTutor: cellText(reader.cell('Requested tutor')),
    doNotPairWith: parseList(reader.cell('Do not pair with')),
  };
  checkRoleConsistency(reader, student);
  return student;
}

function readEmail(reader: RowReader): string {
  const email = cellText(reader.cell('Email'));
  if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) reader.report('Email', `${quote(email)} is not an email address`);
  return email;
}

/** Subjects and roles must agree: a tutee needs something, a tutor offers something, never the same subject. */
function checkRoleConsistency(reader: RowReader, student: Student): void {
  const tutors = student.role !== 'Tutee';
  const tutored = student.role !== 'Tutor';
  // A cell that could not be parsed is already reported; don't pile a second message on it.
  if (tutors && student.canTutor.length === 0 && !reader.hasProblem('Can tutor')) reader.report('Can tutor', `a ${student.role} should list at least one subject and level, like "Math 4"`);
  if (tutored && student.needsHelpWith.length === 0 && !reader.hasProblem('Needs help with')) reader.report('Needs help with', `a ${student.role} should list at least one subject and level, like "Science 2"`);
  const needed = new Set(student.needsHelpWith.map((need) => subjectKey(need.subject)));
  for (const offer of student.canTutor) {
    if (needed.has(subjectKey(offer.subject))) {
      reader.report('Can tutor', `"${offer.subject}" is also under "Needs help with": a student cannot tutor a subject they need help with`);
    }
  }
}

interface StudentsReading {
  students: Student[];
  problems: Problem[];
  rosterIds: Set<string>;
}

function readStudents(store: TableStore, blocks: BlocksReading): StudentsReading {
  const table = readTable(store, STUDENTS_TAB);
  if (table.problems.length) return { students: [], problems: table.problems, rosterIds: new Set() };
  const rosterIds = new Set(table.rows.map((row) => cellText(row.get('Student ID'))).filter(Boolean));
  if (table.rows.length === 0) {
    return { students: [], problems: [emptyTab(STUDENTS_TAB.name, 'there are no students yet: add one row per student')], rosterIds };
  }
  const readers = table.rows.map((row) => new RowReader(STUDENTS_TAB.name, row));
  const students = readers.map((reader) => readStudent(reader, blocks.names));
  reportDuplicates(readers, 'Student ID', (r) => cellText(r.cell('Student ID')).toLowerCase(), 'Student ID');
  checkReferences(readers, students);
  // Unknown block names are only meaningful when the Blocks tab itself could be read.
  const blocksReadable = !blocks.problems.some((p) => p.row <= 1);
  const problems = readers.flatMap((reader) => reader.problems).filter((p) => blocksReadable || p.column !== 'Availability');
  return { students: students.filter((_, i) => readers[i].problems.length === 0), problems, rosterIds };
}

/** Requested tutors and do-not-pair lists must name students on the roster. */
function checkReferences(readers: RowReader[], students: Student[]): void {
  const ids = new Set(students.map((student) => student.id.toLowerCase()));
  readers.forEach((reader, i) => {
    const { requestedTutor, doNotPairWith } = students[i];
    if (requestedTutor && !ids.has(requestedTutor.toLowerCase())) reader.report('Requested tutor', `"${requestedTutor}" is not a Student ID on this tab`);
    for (const id of doNotPairWith) {
      if (!ids.has(id.toLowerCase())) reader.report('Do not pair with', `"${id}" is not a Student ID on this tab`);
    }
  });
}

/** Reads and validates Settings, Blocks and Students. */
export function readProgram(store: TableStore): ProgramReading {
  const { settings, problems: settingProblems } = readSettings(store);
  const blocks = readBlocks(store);
  const read = readStudents(store, blocks);
  const training = withDerivedTraining(store, settings, read.students, read.rosterIds);
  return {
    program: { settings, blocks: blocks.blocks, students: training.students },
    problems: [...settingProblems, ...blocks.problems, ...read.problems, ...training.problems],
    rosterIds: read.rosterIds,
    trainingInUse: training.inUse,
  };
}
