// The Training tab and the Students Trained column it derives. While Settings list required modules
// and the tab exists, a student is Trained exactly when every required module has a Completed date;
// otherwise Trained stays the teacher's own Yes/No.
import { trainedStudents, type TrainingRecord } from '../../core/people/training';
import type { Settings, Student } from '../../core/model';
import { isBlank, parseDate, quote } from '../store/cells';
import type { Problem } from '../program/problems';
import { RowReader } from '../store/row-reader';
import { TRAINING_TAB } from '../program/schema';
import { readTable } from '../store/table';
import type { TableStore } from '../store/table-store';

export interface TrainingReading {
  /** True when Trained is derived: modules are required and the Training tab exists. */
  inUse: boolean;
  records: TrainingRecord[];
  problems: Problem[];
}

/** Trained is derived while Settings require modules and the Training tab exists. */
export function trainingInUse(store: TableStore, settings: Settings): boolean {
  return settings.requiredTrainingModules.length > 0 && store.tabNames().includes(TRAINING_TAB.name);
}

export function readTraining(store: TableStore, settings: Settings, rosterIds: ReadonlySet<string>): TrainingReading {
  const inUse = trainingInUse(store, settings);
  if (!inUse) return { inUse, records: [], problems: [] };
  const table = readTable(store, TRAINING_TAB);
  if (table.problems.length) return { inUse, records: [], problems: table.problems };
  const known = new Set([...rosterIds].map((id) => id.toLowerCase()));
  const problems: Problem[] = [];
  const records: TrainingRecord[] = [];
  for (const row of table.rows) {
    const reader = new RowReader(TRAINING_TAB.name, row);
    const studentId = reader.required('Student ID');
    const module = reader.required('Module');
    if (studentId && !known.has(studentId.toLowerCase())) reader.report('Student ID', `${quote(studentId)} is not a Student ID on the Students tab`);
    const completed = isBlank(reader.cell('Completed')) ? null : reader.parse('Completed', (cell) => parseDate(cell, store.timeZone), null);
    problems.push(...reader.problems);
    if (reader.problems.length === 0) records.push({ studentId, module, completed });
  }
  return { inUse, records, problems };
}

/** Students with Trained derived from the Training tab when it is in use; the tab's problems. */
export function withDerivedTraining(store: TableStore, settings: Settings, students: Student[], rosterIds: ReadonlySet<string>): { students: Student[]; problems: Problem[]; inUse: boolean } {
  const training = readTraining(store, settings, rosterIds);
  if (!training.inUse) return { students, problems: [], inUse: false };
  const trained = trainedStudents(training.records, settings.requiredTrainingModules);
  return { students: students.map((s) => ({ ...s, trained: trained.has(s.id.toLowerCase()) })), problems: training.problems, inUse: true };
}

