// The mentor ladder: tutors with enough held sessions and good attendance become mentors; each new
// tutor (no held session as a tutor yet) gets a mentor from the same optimal matcher, as a "tutee" of
// the mentor in their own strongest subject: the same rules of availability, subject and language,
// and each mentor takes at most `capacity` new tutors.
import { matchStudents } from '../matching';
import type { Block, Pair, Settings, Student, SubjectLevel } from '../model';
import type { SessionLog } from '../progress/records';

export interface MentorRule {
  /** Held sessions as a tutor to become a mentor. */
  heldSessions: number;
  /** Percent of their marked sessions the tutor was present at. */
  attendancePercent: number;
  /** New tutors per mentor. */
  capacity: number;
}

export const DEFAULT_MENTOR_RULE: MentorRule = { heldSessions: 10, attendancePercent: 80, capacity: 2 };

export interface MentorMatch {
  mentorId: string | null;
  newTutorId: string;
  subject: string;
  block: string;
  /** The matcher's reason, or why no mentor was found. */
  why: string;
}

interface TutorRecord {
  held: number;
  marked: number;
  present: number;
}

function tutorRecords(sessions: readonly SessionLog[], pairs: readonly Pair[]): Map<string, TutorRecord> {
  const tutorOf = new Map(pairs.map((pair) => [pair.pairId, pair.tutorId]));
  const records = new Map<string, TutorRecord>();
  for (const session of sessions) {
    const tutor = session.substitute || tutorOf.get(session.pairId);
    if (!tutor || (session.status !== 'Held' && session.status !== 'Missed')) continue;
    const record = records.get(tutor) ?? { held: 0, marked: 0, present: 0 };
    const present = session.substitute ? true : session.tutorPresent ?? session.status === 'Held';
    record.marked++;
    if (present) record.present++;
    if (session.status === 'Held' && present) record.held++;
    records.set(tutor, record);
  }
  return records;
}

export function mentorIds(sessions: readonly SessionLog[], pairs: readonly Pair[], rule: MentorRule): Set<string> {
  const ids = new Set<string>();
  for (const [id, record] of tutorRecords(sessions, pairs)) {
    if (record.held >= rule.heldSessions && record.present * 100 >= rule.attendancePercent * record.marked) ids.add(id);
  }
  return ids;
}

const strongest = (subjects: readonly SubjectLevel[]) => [...subjects].sort((a, b) => b.level - a.level)[0];

export function mentorMatches(program: { students: Student[]; blocks: Block[]; settings: Settings }, sessions: readonly SessionLog[], pairs: readonly Pair[], rule: MentorRule): MentorMatch[] {
  const mentors = mentorIds(sessions, pairs, rule);
  const records = tutorRecords(sessions, pairs);
  const tutors = program.students.filter((s) => s.active && s.role !== 'Tutee' && s.canTutor.length > 0);
  const newTutors = tutors.filter((s) => !mentors.has(s.id) && (records.get(s.id)?.held ?? 0) === 0);
  if (!newTutors.length) return [];
  // The matcher sees mentors as tutors and new tutors as tutees needing their strongest subject at level 1.
  const students: Student[] = [
    ...tutors.filter((s) => mentors.has(s.id)).map((s) => ({ ...s, role: 'Tutor' as const, needsHelpWith: [], maxTutees: rule.capacity, requestedTutor: '', trained: true })),
    ...newTutors.map((s) => ({ ...s, role: 'Tutee' as const, canTutor: [], needsHelpWith: [{ subject: strongest(s.canTutor).subject, level: 1 as const }], requestedTutor: '' })),
  ];
  const result = matchStudents({ students, blocks: program.blocks, settings: { ...program.settings, requireTraining: false }, pairs: [] });
  const placed = new Map(result.pairs.map((pair) => [pair.tuteeId, pair]));
  const waiting = new Map(result.waitlist.map((item) => [item.studentId, item]));
  return newTutors.map((s) => {
    const pair = placed.get(s.id);
    const subject = strongest(s.canTutor).subject;
    if (pair) return { mentorId: pair.tutorId, newTutorId: s.id, subject, block: pair.block, why: pair.why };
    return { mentorId: null, newTutorId: s.id, subject, block: '', why: waiting.get(s.id)?.reason ?? 'no mentor yet' };
  });
}
