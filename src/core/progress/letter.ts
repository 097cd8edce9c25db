// A family progress letter's content, in plain language: sessions attended, skills practised and
// mastered, and a line from the tutor. Pure: the renderer (HTML locally, a Doc in Google) lays it out.
import type { MasteryRow } from './mastery';
import type { ProgressData } from './records';

export interface Letter {
  studentName: string;
  programName: string;
  date: string;
  /** Per subject the student is tutored in. */
  subjects: {
    subject: string;
    tutorName: string;
    attended: number;
    scheduled: number;
    practising: string[];
    mastered: string[];
    /** The tutor's most recent "next step" or "what worked", when they wrote one. */
    tutorLine: string;
  }[];
  /** The teacher's own paragraph (Settings: Family letter note). */
  teacherNote: string;
}

export function letterOf(data: ProgressData, studentId: string, mastery: MasteryRow[], programName: string, teacherNote: string): Letter | null {
  const student = data.students.find((s) => s.id === studentId);
  if (!student) return null;
  const names = new Map(data.students.map((s) => [s.id, s.name] as [string, string]));
  const pairs = data.pairs.filter((pair) => pair.tuteeId === studentId && pair.status !== 'Proposed');
  const subjects = pairs.map((pair) => {
    const past = data.sessions.filter((s) => s.pairId === pair.pairId && s.date < data.today && s.status !== 'Cancelled');
    const attended = past.filter((s) => s.tuteePresent === true || (s.tuteePresent === null && s.status === 'Held')).length;
    const rows = mastery.filter((row) => row.studentId === studentId && row.subject.trim().toLowerCase() === pair.subject.trim().toLowerCase());
    const tutorWords = data.reflections
      .filter((r) => r.pairId === pair.pairId && r.role === 'Tutor')
      .sort((a, b) => b.submitted.getTime() - a.submitted.getTime());
    return {
      subject: pair.subject,
      tutorName: names.get(pair.tutorId) ?? pair.tutorId,
      attended,
      scheduled: past.length,
      practising: rows.filter((row) => row.state === 'Practising').map((row) => row.skill),
      mastered: rows.filter((row) => row.state === 'Mastered').map((row) => row.skill),
      tutorLine: tutorWords.map((r) => r.nextStep || r.whatWorked).find((text) => text.trim() !== '') ?? '',
    };
  });
  return { studentName: student.name, programName, date: data.today, subjects, teacherNote };
}

/** The placeholders a teacher's letter template may use, each with what it becomes for one student. */
export const LETTER_PLACEHOLDERS = ['Student', 'Program', 'Date', 'Sessions', 'Mastered', 'Practising', 'From the tutor', 'Teacher note'] as const;
export type LetterPlaceholder = (typeof LETTER_PLACEHOLDERS)[number];

/** The text of each placeholder, in plain sentences (one paragraph each, whatever the number of subjects). */
export function letterFields(letter: Letter): Record<LetterPlaceholder, string> {
  const list = (items: string[]) => (items.length ? items.join(', ') : 'none yet');
  const subjects = letter.subjects;
  return {
    Student: letter.studentName,
    Program: letter.programName,
    Date: letter.date,
    Sessions: subjects.length
      ? subjects.map((s) => `${s.subject} with ${s.tutorName}: came to ${s.attended} of ${s.scheduled} sessions so far.`).join(' ')
      : `${letter.studentName} has no tutoring sessions yet.`,
    Mastered: list(subjects.flatMap((s) => s.mastered)),
    Practising: list(subjects.flatMap((s) => s.practising)),
    'From the tutor': subjects.filter((s) => s.tutorLine).map((s) => `${s.tutorName}: “${s.tutorLine}”`).join(' ') || 'no note from the tutor yet',
    'Teacher note': letter.teacherNote,
  };
}
