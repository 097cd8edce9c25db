// Plain counts that describe a program at a glance (CLI output, sidebar header).
import { subjectKey, type Block, type Student } from './model';

export interface ProgramSummary {
  students: number;
  active: number;
  tutors: number;
  tutees: number;
  both: number;
  needs: number;
  subjects: string[];
  blocks: number;
  missingConsent: number;
  untrainedTutors: number;
}

export function summarizeProgram(students: Student[], blocks: Block[]): ProgramSummary {
  const subjects = new Map<string, string>();
  for (const student of students) {
    for (const item of [...student.canTutor, ...student.needsHelpWith]) {
      if (!subjects.has(subjectKey(item.subject))) subjects.set(subjectKey(item.subject), item.subject);
    }
  }
  const count = (test: (student: Student) => boolean) => students.filter(test).length;
  return {
    students: students.length,
    active: count((s) => s.active),
    tutors: count((s) => s.role === 'Tutor'),
    tutees: count((s) => s.role === 'Tutee'),
    both: count((s) => s.role === 'Both'),
    // Inactive students are not in the program now, so their needs are not counted (as in matching).
    needs: students.reduce((sum, s) => sum + (s.role === 'Tutor' || !s.active ? 0 : s.needsHelpWith.length), 0),
    subjects: [...subjects.values()].sort(),
    blocks: blocks.length,
    missingConsent: count((s) => s.consent !== 'Yes'),
    untrainedTutors: count((s) => s.role !== 'Tutee' && !s.trained),
  };
}
