// One student's progress, for the teacher's sidebar: their pairs with attendance, each skill's ticket
// scores over time and mastery state, their check-ins, and the tutor's latest notes.
import type { MasteryRow } from './mastery';
import type { ProgressData } from './records';

export interface StudentProgress {
  studentId: string;
  name: string;
  grade: number;
  pairs: { pairId: string; subject: string; role: 'Tutor' | 'Tutee'; partner: string; status: string; attended: number; past: number }[];
  skills: { subject: string; skill: string; state: string; scores: number[] }[];
  moods: number[];
  confidences: number[];
  /** The tutors' latest next steps for this student (newest first, at most three). */
  tutorNotes: string[];
  /** The student's goals (Goals tab), newest first: what, status and where they stand. */
  goals?: { text: string; status: string; progress: string }[];
}

export function studentProgressOf(data: ProgressData, mastery: MasteryRow[], studentId: string): StudentProgress | null {
  const student = data.students.find((s) => s.id === studentId);
  if (!student) return null;
  const names = new Map(data.students.map((s) => [s.id, s.name] as [string, string]));
  const own = data.pairs.filter((pair) => pair.tutorId === studentId || pair.tuteeId === studentId);
  const pairs = own.map((pair) => {
    const role = pair.tutorId === studentId ? ('Tutor' as const) : ('Tutee' as const);
    const past = data.sessions.filter((s) => s.pairId === pair.pairId && s.date < data.today && s.status !== 'Cancelled');
    const present = (s: (typeof past)[number]) => (role === 'Tutor' ? s.tutorPresent : s.tuteePresent) ?? (s.status === 'Held' ? true : null);
    return {
      pairId: pair.pairId,
      subject: pair.subject,
      role,
      partner: names.get(role === 'Tutor' ? pair.tuteeId : pair.tutorId) ?? '',
      status: pair.status,
      attended: past.filter((s) => present(s) === true).length,
      past: past.length,
    };
  });
  const tickets = data.tickets.filter((t) => t.studentId === studentId).sort((a, b) => a.submitted.getTime() - b.submitted.getTime());
  const skills = mastery
    .filter((row) => row.studentId === studentId)
    .map((row) => ({ subject: row.subject, skill: row.skill, state: row.state, scores: tickets.filter((t) => t.skill.toLowerCase() === row.skill.toLowerCase()).map((t) => t.score) }));
  const reflections = data.reflections.filter((r) => r.studentId === studentId).sort((a, b) => a.submitted.getTime() - b.submitted.getTime());
  const tuteePairs = new Set(own.filter((pair) => pair.tuteeId === studentId).map((pair) => pair.pairId));
  const tutorNotes = data.reflections
    .filter((r) => r.role === 'Tutor' && tuteePairs.has(r.pairId) && r.nextStep.trim() !== '')
    .sort((a, b) => b.submitted.getTime() - a.submitted.getTime())
    .slice(0, 3)
    .map((r) => `${r.date}: ${r.nextStep}`);
  return {
    studentId,
    name: student.name,
    grade: student.grade,
    pairs,
    skills,
    moods: reflections.flatMap((r) => (r.mood === null ? [] : [r.mood])),
    confidences: reflections.flatMap((r) => (r.confidence === null ? [] : [r.confidence])),
    tutorNotes,
  };
}
