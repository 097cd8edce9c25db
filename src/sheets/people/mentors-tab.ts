// The Mentors tab: each new tutor and the mentor the matcher found, rebuilt with the other generated tabs.
import { mentorMatches, type MentorMatch } from '../../core/people/mentors';
import type { Pair } from '../../core/model';
import type { SessionLog } from '../../core/progress/records';
import type { Program } from '../program/roster';
import { MENTORS_TAB } from '../program/schema';
import { writeTable } from '../store/table';
import type { TableStore } from '../store/table-store';

export interface MentorRow extends MentorMatch {
  newTutor: string;
  mentor: string;
}

export function mentorRows(program: Program, sessions: readonly SessionLog[], pairs: readonly Pair[]): MentorRow[] {
  const names = new Map(program.students.map((s) => [s.id, s.name]));
  return mentorMatches(program, sessions, pairs, program.settings.mentor).map((m) => ({
    ...m,
    newTutor: names.get(m.newTutorId) ?? m.newTutorId,
    mentor: m.mentorId ? names.get(m.mentorId) ?? m.mentorId : '',
  }));
}

export function writeMentors(store: TableStore, rows: readonly MentorRow[]): void {
  writeTable(
    store,
    MENTORS_TAB,
    rows.map((r) => ({ 'New tutor ID': r.newTutorId, 'New tutor': r.newTutor, 'Mentor ID': r.mentorId ?? '', Mentor: r.mentor, Subject: r.subject, Block: r.block, Why: r.why })),
  );
}
