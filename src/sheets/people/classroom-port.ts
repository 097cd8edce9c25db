// Google Classroom as a roster source: the teacher's own courses and their students. Implemented over
// the Classroom advanced service in src/gas/people; absent locally.
import type { ImportedStudent } from '../../core/people/roster-import';

export interface ClassroomCourse {
  id: string;
  name: string;
  /** Section, e.g. "Period 2" ('' when none). */
  section: string;
}

export interface ClassroomPort {
  /** Active courses the teacher teaches, every page of them. */
  courses(): ClassroomCourse[];
  /** The students of the courses, each once (a student in two courses is one student). */
  students(courseIds: readonly string[]): ImportedStudent[];
}
