// Which column of a school export holds what: found by name (the common SIS shapes: "Student ID",
// "Student Number", "First Name"/"Last Name" or "Name", "Email Address", "Grade Level"), never by position.
import type { ImportedStudent } from './roster-import';
import { gradeOf } from './roster-import';

export type ExportField = 'id' | 'firstName' | 'lastName' | 'fullName' | 'email' | 'grade';

/** Each field's column (0-based) in the export, or null when it has none. */
export type ColumnMapping = Record<ExportField, number | null>;

export const FIELD_LABELS: Record<ExportField, string> = {
  id: 'Student ID',
  firstName: 'First name',
  lastName: 'Last name',
  fullName: 'Name',
  email: 'Email',
  grade: 'Grade',
};

// Normalised header names (lower case, letters and digits only), most specific first.
const NAMES: Record<ExportField, string[]> = {
  id: ['studentid', 'studentnumber', 'studentno', 'localid', 'sisid', 'localstudentid', 'id', 'idnumber', 'pupilnumber'],
  firstName: ['firstname', 'studentfirstname', 'givenname', 'first', 'preferredfirstname', 'legalfirstname', 'forename'],
  lastName: ['lastname', 'studentlastname', 'familyname', 'surname', 'last', 'legallastname'],
  fullName: ['name', 'fullname', 'studentname', 'student', 'displayname'],
  email: ['email', 'emailaddress', 'studentemail', 'schoolemail', 'studentemailaddress', 'mail'],
  grade: ['grade', 'gradelevel', 'currentgrade', 'grd', 'gradeyear', 'yearlevel'],
};

const normalise = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The columns found by name; what is missing for an import to work, as sentences. */
export function mapColumns(headers: readonly string[]): { mapping: ColumnMapping; problems: string[] } {
  const keys = headers.map(normalise);
  const mapping = {} as ColumnMapping;
  for (const field of Object.keys(NAMES) as ExportField[]) {
    const column = NAMES[field].map((name) => keys.indexOf(name)).find((at) => at >= 0);
    mapping[field] = column === undefined ? null : column;
  }
  const problems: string[] = [];
  if (mapping.id === null && mapping.email === null) problems.push('no column of Student IDs or emails (a header like "Student ID" or "Email")');
  const hasName = mapping.fullName !== null || (mapping.firstName !== null && mapping.lastName !== null);
  if (!hasName) problems.push('no name column ("Name", or "First Name" and "Last Name")');
  return { mapping, problems };
}

/** The export's rows as students (row 1 is the header); rows whose grade cannot be read are skipped, with why. */
export function studentsOfRecords(records: readonly string[][], mapping: ColumnMapping): { students: ImportedStudent[]; skipped: { source: string; reason: string }[] } {
  const students: ImportedStudent[] = [];
  const skipped: { source: string; reason: string }[] = [];
  records.forEach((fields, i) => {
    if (i === 0 || fields.every((field) => field.trim() === '')) return;
    const cell = (field: ExportField) => {
      const column = mapping[field];
      return column === null ? '' : (fields[column] ?? '').trim().replace(/\s+/g, ' ');
    };
    const source = `row ${i + 1}`;
    const gradeText = cell('grade');
    const grade = gradeText === '' ? null : gradeOf(gradeText);
    if (gradeText !== '' && grade === null) {
      skipped.push({ source, reason: `grade "${gradeText.slice(0, 20)}" is not K to 12` });
      return;
    }
    const name = cell('fullName') || [cell('firstName'), cell('lastName')].filter(Boolean).join(' ');
    students.push({ source, id: cell('id'), name, email: cell('email'), grade });
  });
  return { students, skipped };
}
