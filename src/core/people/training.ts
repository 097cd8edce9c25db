// Training: a tutor is trained once every required module is completed. Modules are compared like
// subjects (case and spacing ignored); extra modules a student took do not matter.
import type { LocalDate } from '../model';

export interface TrainingRecord {
  studentId: string;
  module: string;
  /** null while the module is not completed. */
  completed: LocalDate | null;
}

const moduleKey = (module: string) => module.trim().replace(/\s+/g, ' ').toLowerCase();

/** The students (IDs, lower case) who completed every required module. */
export function trainedStudents(records: readonly TrainingRecord[], required: readonly string[]): Set<string> {
  const needed = new Set(required.map(moduleKey));
  const done = new Map<string, Set<string>>();
  for (const record of records) {
    if (!record.completed || !needed.has(moduleKey(record.module))) continue;
    const id = record.studentId.trim().toLowerCase();
    if (!done.has(id)) done.set(id, new Set());
    done.get(id)!.add(moduleKey(record.module));
  }
  return new Set([...done].filter(([, modules]) => modules.size === needed.size).map(([id]) => id));
}

/** The required modules a student has not completed yet, as Settings name them. */
export function modulesLeft(records: readonly TrainingRecord[], required: readonly string[], studentId: string): string[] {
  const id = studentId.trim().toLowerCase();
  const done = new Set(records.filter((r) => r.completed && r.studentId.trim().toLowerCase() === id).map((r) => moduleKey(r.module)));
  return required.filter((module) => !done.has(moduleKey(module)));
}
