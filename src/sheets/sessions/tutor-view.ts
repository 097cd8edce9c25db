// The tutor's agenda view in the sidebar: their upcoming sessions, each with its agenda, as plain data
// (the sidebar builds the page from it with text nodes only).
import type { LocalDate } from '../../core/model';
import { addDays } from '../../core/time';
import { readPairs } from '../matching/pairs-tab';
import { readProgram } from '../program/roster';
import { readSessions } from '../scheduling/sessions-tab';
import type { TableStore } from '../store/table-store';
import { guideProblems, readAgendaSources, upcomingAgendas, type AgendaView } from './agendas';

export interface TutorAgendas {
  tutorId: string;
  name: string;
  sessions: AgendaView[];
  /** Guides no agenda can show (located), so the teacher sees why a guide is missing. */
  problems: string[];
}

const WEEKS_AHEAD = 4;
const MOST_SESSIONS = 8;

export function tutorAgendas(store: TableStore, tutorId: string, today: LocalDate): TutorAgendas {
  const { program } = readProgram(store);
  const student = program.students.find((s) => s.id === tutorId);
  const pairs = readPairs(store).pairs;
  const sources = readAgendaSources(store, program, pairs);
  const sessions = upcomingAgendas(sources, readSessions(store).rows, today, { tutorId, until: addDays(today, 7 * WEEKS_AHEAD - 1), limit: MOST_SESSIONS });
  const problems = guideProblems(sources).map((p) => `Guides row ${p.row}, "${p.column}": ${p.message}`);
  return { tutorId, name: student?.name ?? tutorId, sessions, problems };
}
