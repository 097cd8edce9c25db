// Roster import: students from a school export (CSV) or Google Classroom merged into the roster.
// A student is matched on Student ID, then on email; nothing is ever added twice, and only the four
// fields an export carries (ID, name, email, grade) are ever written.

/** One student as an export gives them: text as read, '' when absent. */
export interface ImportedStudent {
  /** Where it came from, for messages: the CSV row (header = 1) or Classroom's course. */
  source: string;
  id: string;
  name: string;
  email: string;
  /** K = 0; null when the export has no grade for them. */
  grade: number | null;
  /**
   * An ID to give the student only if they are not on the roster (Google Classroom's user ID, where the
   * source knows no school ID): matched as an ID, never written over a roster row's own ID.
   */
  idIfNew?: string;
}

/** A roster row as the merge sees it. */
export interface RosterEntry {
  /** 1-based sheet row. */
  rowNumber: number;
  id: string;
  name: string;
  email: string;
  grade: string;
}

export type ImportField = 'id' | 'name' | 'email' | 'grade';

export interface RosterUpdate {
  student: ImportedStudent;
  rowNumber: number;
  /** The fields that change, e.g. `Name: "Ana Ruiz" → "Ana Ruiz-Lopez"`. */
  changes: { field: ImportField; from: string; to: string }[];
}

export interface RosterMerge {
  added: ImportedStudent[];
  updated: RosterUpdate[];
  /** Already on the roster exactly as in the export. */
  unchanged: ImportedStudent[];
  skipped: { source: string; reason: string }[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `K`, `KG`, `7`, `07`, `7th`, `Grade 7` → 0…12; null when it is none of these. */
export function gradeOf(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (/^(k|kg|kindergarten)$/.test(t)) return 0;
  const match = /^(?:grade\s*)?0*(\d{1,2})(?:st|nd|rd|th)?$/.exec(t);
  if (!match) return null;
  const grade = Number(match[1]);
  return grade <= 12 ? grade : null;
}

const lower = (text: string) => text.trim().toLowerCase();

/**
 * Merges `students` into `roster`: what to add, what to change and what to skip, with why. Pure.
 * Students whose ID is on the roster go first, and the emails they move to are settled before any row
 * is merged, so an email that moves from one student to another in the same export is freed before it
 * is taken, in any file order: one run reaches what a second run would.
 */
export function mergeRoster(roster: readonly RosterEntry[], students: readonly ImportedStudent[]): RosterMerge {
  const byId = new Map<string, RosterEntry>();
  const byEmail = new Map<string, RosterEntry>();
  const sharedEmails = new Set<string>();
  for (const entry of roster) {
    if (entry.id && !byId.has(lower(entry.id))) byId.set(lower(entry.id), entry);
    if (entry.email && byEmail.has(lower(entry.email))) sharedEmails.add(lower(entry.email));
    if (entry.email && !byEmail.has(lower(entry.email))) byEmail.set(lower(entry.email), entry);
  }
  const merge: RosterMerge = { added: [], updated: [], unchanged: [], skipped: [] };
  const once = firstOfEach(students, merge);
  const known = once.filter((student) => idRowOf(student, byId));
  const others = once.filter((student) => !known.includes(student));
  moveEmails(known, byId, byEmail, sharedEmails);
  // Two rows may name one roster student by different keys (one by ID, one by email): the first counts.
  const matchedBy = new Map<RosterEntry, string>();
  for (const student of [...known, ...others]) {
    const reason = skipReason(student, byId, byEmail);
    if (reason) {
      merge.skipped.push({ source: student.source, reason });
      continue;
    }
    const entry = idRowOf(student, byId) ?? (student.email && byEmail.get(lower(student.email))) ?? null;
    const earlier = entry ? matchedBy.get(entry) : undefined;
    if (earlier) {
      merge.skipped.push({ source: student.source, reason: `the same student as ${earlier} (by Student ID or email): imported once` });
      continue;
    }
    if (entry) matchedBy.set(entry, student.source);
    if (!entry) {
      merge.added.push({ ...student, id: student.id || student.idIfNew || '' });
      continue;
    }
    const changes = changesOf(entry, student);
    if (!changes.length) {
      merge.unchanged.push(student);
      continue;
    }
    merge.updated.push({ student, rowNumber: entry.rowNumber, changes });
  }
  const order = new Map(students.map((student, i) => [student, i]));
  const inFileOrder = <T>(items: T[], of: (item: T) => ImportedStudent) => items.sort((a, b) => order.get(of(a))! - order.get(of(b))!);
  inFileOrder(merge.added, (s) => s);
  inFileOrder(merge.updated, (u) => u.student);
  inFileOrder(merge.unchanged, (s) => s);
  const sourceOrder = new Map(students.map((student, i) => [student.source, i]));
  merge.skipped.sort((a, b) => (sourceOrder.get(a.source) ?? 0) - (sourceOrder.get(b.source) ?? 0));
  return merge;
}

/**
 * Emails that students found by ID move to, taken over in `byEmail` before any row is merged, whatever
 * the file order: one student may take the email another gives up in the same export, or two may swap.
 * A move stands unless its new email stays with a row that keeps it (or with several rows).
 */
function moveEmails(known: ImportedStudent[], byId: Map<string, RosterEntry>, byEmail: Map<string, RosterEntry>, sharedEmails: Set<string>) {
  let moving = known.filter((student) => student.email && lower(idRowOf(student, byId)!.email) !== lower(student.email));
  for (let settled = false; !settled; ) {
    const leaving = new Set(moving.map((student) => idRowOf(student, byId)!));
    const next = moving.filter((student) => {
      const holder = byEmail.get(lower(student.email));
      return !holder || (leaving.has(holder) && !sharedEmails.has(lower(student.email)));
    });
    settled = next.length === moving.length;
    moving = next;
  }
  for (const student of moving) {
    const row = idRowOf(student, byId)!;
    if (row.email && !sharedEmails.has(lower(row.email))) byEmail.delete(lower(row.email));
  }
  for (const student of moving) byEmail.set(lower(student.email), idRowOf(student, byId)!);
}

/** The students the export names once; a later row naming the same ID or email is skipped (as are rows with no key or a bad email). */
function firstOfEach(students: readonly ImportedStudent[], merge: RosterMerge): ImportedStudent[] {
  const seenId = new Map<string, string>();
  const seenEmail = new Map<string, string>();
  return students.filter((student) => {
    const { email, source } = student;
    const id = student.id || student.idIfNew || '';
    let reason: string | null = null;
    if (!id && !email) reason = 'no Student ID and no email, so it cannot be matched to anyone';
    else if (email && !EMAIL.test(email)) reason = `"${email}" is not an email address`;
    else if (id && seenId.has(lower(id))) reason = `the same student as ${seenId.get(lower(id))} (same Student ID): imported once`;
    else if (email && seenEmail.has(lower(email))) reason = `the same student as ${seenEmail.get(lower(email))} (same email): imported once`;
    if (reason) {
      merge.skipped.push({ source, reason });
      return false;
    }
    if (id) seenId.set(lower(id), source);
    if (email) seenEmail.set(lower(email), source);
    return true;
  });
}

/** The roster row with the student's ID (or the ID they would get if new). */
function idRowOf(student: ImportedStudent, byId: Map<string, RosterEntry>): RosterEntry | undefined {
  const id = student.id || student.idIfNew;
  return id ? byId.get(lower(id)) : undefined;
}

function skipReason(student: ImportedStudent, byId: Map<string, RosterEntry>, byEmail: Map<string, RosterEntry>): string | null {
  const { id, email } = student;
  const idRow = idRowOf(student, byId);
  const emailRow = email ? byEmail.get(lower(email)) : undefined;
  if (idRow && emailRow && idRow !== emailRow) {
    return `Student ID ${id} is on Students row ${idRow.rowNumber} but this email is on row ${emailRow.rowNumber}: correct one of them, then import again`;
  }
  if (!idRow && emailRow && id && emailRow.id && lower(emailRow.id) !== lower(id)) {
    return `this email belongs to Student ID ${emailRow.id} (Students row ${emailRow.rowNumber}), not ${id}: IDs are never changed by an import, correct one of them`;
  }
  if (!idRow && !emailRow) {
    if (!id && !student.idIfNew) return 'no Student ID, and the email is not on the roster: add an ID to add the student';
    if (!student.name) return 'no name: a new student needs one';
  }
  return null;
}

/** What the export would change on a roster row: only fields it has a value for, the ID only when the row has none. */
function changesOf(entry: RosterEntry, student: ImportedStudent): RosterUpdate['changes'] {
  const changes: RosterUpdate['changes'] = [];
  const consider = (field: ImportField, from: string, to: string, same: boolean) => {
    if (to !== '' && !same) changes.push({ field, from, to });
  };
  if (!entry.id && student.id) changes.push({ field: 'id', from: '', to: student.id });
  consider('name', entry.name, student.name, entry.name.trim() === student.name.trim());
  consider('email', entry.email, student.email, lower(entry.email) === lower(student.email));
  const grade = student.grade === null ? '' : student.grade === 0 ? 'K' : String(student.grade);
  consider('grade', entry.grade, grade, student.grade === null || gradeOf(entry.grade) === student.grade);
  return changes;
}
