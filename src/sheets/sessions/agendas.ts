// Each upcoming session's agenda, from the program database: the Mastery tab (current skill and
// reviews due), the Exit ticket questions (the subject's skills in the teacher's order), the Guides
// tab, the tutee's open goal and the routine of Settings timed to the session's block. Written to the
// Sessions tab's `Agenda` column (only where it changed), the Calendar series' description and the
// tutor's view in the sidebar.
import type { ExitTicketQuestion } from '../../core/forms/questions';
import { subjectKey, type LocalDate, type Pair } from '../../core/model';
import { MASTERY_STATES, type MasteryRow, type MasteryState } from '../../core/progress/mastery';
import { agendaLines, pairAgendas, type Agenda } from '../../core/sessions/agenda';
import { DEFAULT_ROUTINE, parseRoutine } from '../../core/sessions/routine';
import { cellText, parseDate } from '../store/cells';
import { readExitTicketQuestions } from '../forms/questions-tab';
import type { Problem } from '../program/problems';
import type { Program } from '../program/roster';
import { MASTERY_TAB, SESSIONS_TAB } from '../program/schema';
import type { SessionRow } from '../scheduling/sessions-tab';
import { readTable, writeTable, type RecordValues } from '../store/table';
import type { TableStore } from '../store/table-store';
import { guideSkillKey, readGuides, unusedGuides, type GuidesReading } from './guides-tab';
import { openGoalsBySubject, readGoalRows } from './goals-tab';

/** What every agenda is made from, read once per run. */
export interface AgendaSources {
  program: Program;
  pairs: readonly Pair[];
  mastery: readonly MasteryRow[];
  questions: readonly ExitTicketQuestion[];
  guides: GuidesReading;
  /** The tutee's open goal by `studentId\0subject`, in words (see goals). */
  goals: ReadonlyMap<string, string>;
}

/** The session fields an agenda needs. */
export type AgendaSession = Pick<SessionRow, 'sessionId' | 'pairId' | 'date' | 'start' | 'end' | 'status'>;

/**
 * Reads what a caller has not already read: Mastery (a refresh has just computed it), the questions,
 * the guides, and the tutees' open goals (from the Goals tab as it stands).
 */
export function readAgendaSources(
  store: TableStore,
  program: Program,
  pairs: readonly Pair[],
  known: { mastery?: readonly MasteryRow[]; questions?: readonly ExitTicketQuestion[]; goals?: ReadonlyMap<string, string> } = {},
): AgendaSources {
  const questions = known.questions ?? readExitTicketQuestions(store).questions;
  return {
    program,
    pairs,
    mastery: known.mastery ?? readMasteryTab(store),
    questions,
    guides: readGuides(store),
    goals: known.goals ?? openGoalsBySubject(readGoalRows(store), questions),
  };
}

export function goalKey(studentId: string, subject: string): string {
  return `${studentId}\u0000${subjectKey(subject)}`;
}

/**
 * The agenda of a session, or null when it has none: a session that is not upcoming (before `today`,
 * or no longer Scheduled) or whose pair is not on the Pairs tab keeps what it has.
 */
export function agendaFinder(sources: AgendaSources, today: LocalDate): (session: AgendaSession) => Agenda | null {
  const pairs = new Map(sources.pairs.map((pair) => [pair.pairId, pair] as [string, Pair]));
  const parsed = parseRoutine(sources.program.settings.sessionRoutine);
  const routine = parsed.ok ? parsed.steps : (parseRoutine(DEFAULT_ROUTINE) as { ok: true; steps: never[] }).steps;
  const orderOf = skillOrders(sources.questions);
  // Each tutee's rows picked out once: a school year of sessions over the whole Mastery tab each was
  // sessions × rows.
  const masteryOf = new Map<string, MasteryRow[]>();
  for (const row of sources.mastery) {
    const rows = masteryOf.get(row.studentId);
    if (rows) rows.push(row);
    else masteryOf.set(row.studentId, [row]);
  }
  const agendasOf = new Map<string, ReturnType<typeof pairAgendas>>();
  const pairAgendasOf = (pair: Pair) => {
    let agendas = agendasOf.get(pair.pairId);
    if (!agendas) {
      agendas = pairAgendas({
        tuteeId: pair.tuteeId,
        subject: pair.subject,
        mastery: masteryOf.get(pair.tuteeId) ?? [],
        skillOrder: orderOf(pair.subject),
        guides: sources.guides.guides,
        routine,
        goal: sources.goals.get(goalKey(pair.tuteeId, pair.subject)) ?? '',
      });
      agendasOf.set(pair.pairId, agendas);
    }
    return agendas;
  };
  return (session) => {
    const pair = pairs.get(session.pairId);
    if (!pair || session.date < today || session.status !== 'Scheduled') return null;
    return pairAgendasOf(pair)(session.date, session.start, session.end);
  };
}

/** The agenda as the text of a Sessions cell. */
export function agendaText(agenda: Agenda): string {
  return agendaLines(agenda).join('\n');
}

/**
 * agendaText, written once per agenda: a pair's sessions mostly share one (agendaFinder gives equal
 * agendas as one object), and a school year's 56,000 copies of a few hundred texts were 200 MB to
 * make and 16 MB to keep.
 */
function sharedAgendaTexts(): (agenda: Agenda) => string {
  const texts = new Map<Agenda, string>();
  return (agenda) => {
    let text = texts.get(agenda);
    if (text === undefined) texts.set(agenda, (text = agendaText(agenda)));
    return text;
  };
}

/** Each subject's skills in the order of the Exit ticket questions tab. */
function skillOrders(questions: readonly ExitTicketQuestion[]): (subject: string) => string[] {
  const orders = new Map<string, string[]>();
  for (const question of questions) {
    const list = orders.get(subjectKey(question.subject)) ?? [];
    if (!list.some((skill) => subjectKey(skill) === subjectKey(question.skill))) list.push(question.skill);
    orders.set(subjectKey(question.subject), list);
  }
  return (subject) => orders.get(subjectKey(subject)) ?? [];
}

/** Guides no agenda can show, and rows of Guides that cannot be read: for the teacher, nothing dropped. */
export function guideProblems(sources: AgendaSources): Problem[] {
  const running = sources.pairs.filter((pair) => pair.status === 'Active' || pair.status === 'Trial');
  const subjects = new Set(running.map((pair) => subjectKey(pair.subject)));
  const skills = new Set(sources.questions.map((q) => guideSkillKey(q.subject, q.skill)));
  return [...sources.guides.problems, ...unusedGuides(sources.guides, subjects, skills)];
}

/**
 * The lines a pair's Calendar series adds for its next upcoming session's agenda (none when it has
 * none). A changed agenda changes the series' fingerprint, so the sync rewrites that series in place.
 */
export function nextAgendaDescriber(sessions: readonly AgendaSession[], find: (session: AgendaSession) => Agenda | null, today: LocalDate): (pair: Pair) => string[] {
  const next = new Map<string, AgendaSession>();
  for (const session of sessions) {
    if (session.date < today || session.status !== 'Scheduled') continue;
    const seen = next.get(session.pairId);
    if (!seen || session.date < seen.date) next.set(session.pairId, session);
  }
  return (pair) => {
    const session = next.get(pair.pairId);
    const agenda = session ? find(session) : null;
    // Undated: the series is rewritten when the plan changes, not every week as the next date moves on.
    return session && agenda ? ['', 'Agenda for the next session:', ...agendaLines(agenda)] : [];
  };
}

/**
 * Writes the `Agenda` of every upcoming session whose agenda changed, in one write of Sessions (none
 * when nothing changed). Past sessions keep the agenda they had. Returns how many changed.
 */
export function writeAgendas(store: TableStore, rows: readonly SessionRow[], find: (session: AgendaSession) => Agenda | null): number {
  let changed = 0;
  const records = rows.map((row): RecordValues => {
    const agenda = find(row);
    const record: RecordValues = { 'Session ID': row.sessionId };
    if (agenda === null) return record;
    const text = agendaText(agenda);
    if (text !== (row.agenda ?? '')) {
      record.Agenda = text;
      changed++;
    }
    return record;
  });
  if (changed) writeTable(store, SESSIONS_TAB, records);
  return changed;
}

/** The Mastery tab as rows (generated by the add-on; rows it cannot read are left out). */
export function readMasteryTab(store: TableStore): MasteryRow[] {
  if (!store.tabNames().includes(MASTERY_TAB.name)) return [];
  const rows: MasteryRow[] = [];
  for (const row of readTable(store, MASTERY_TAB).rows) {
    const state = cellText(row.get('State')) as MasteryState;
    if (!MASTERY_STATES.includes(state)) continue;
    const date = (header: string) => {
      const parsed = parseDate(row.get(header), store.timeZone);
      return parsed.ok ? parsed.value : null;
    };
    const number = (header: string) => Number(row.get(header)) || 0;
    rows.push({
      studentId: cellText(row.get('Student ID')),
      subject: cellText(row.get('Subject')),
      skill: cellText(row.get('Skill')),
      tickets: number('Tickets'),
      latest: number('Latest'),
      best: number('Best'),
      state,
      masteredOn: date('Mastered on'),
      nextReview: date('Next review'),
    });
  }
  return rows;
}

/**
 * What scheduling needs of agendas, for a plan's sessions: each upcoming session's Agenda text, and
 * each pair's Calendar lines (its next session's agenda).
 */
export function scheduleAgendas(
  store: TableStore,
  program: Program,
  pairs: readonly Pair[],
  sessions: readonly AgendaSession[],
  today: LocalDate,
): { extrasOf: (session: AgendaSession) => { Agenda?: string }; describe: (pair: Pair) => string[] } {
  const find = agendaFinder(readAgendaSources(store, program, pairs), today);
  const textOf = sharedAgendaTexts();
  return {
    extrasOf: (session) => {
      const agenda = find(session);
      return agenda ? { Agenda: textOf(agenda) } : {};
    },
    describe: nextAgendaDescriber(sessions, find, today),
  };
}

/** One upcoming session as a tutor (or the teacher, for a tutor) sees it. */
export interface AgendaView {
  sessionId: string;
  pairId: string;
  tutorId: string;
  date: LocalDate;
  start: string;
  end: string;
  block: string;
  location: string;
  subject: string;
  tutor: string;
  tutee: string;
  meetLink: string;
  /** The tutor's prefilled reflection link ('' until Create forms). */
  reflectionLink: string;
  agenda: Agenda;
}

/** The upcoming sessions of `rows` with an agenda, in date order, at most `limit`, those of `tutorId` only when given. */
export function upcomingAgendas(
  sources: AgendaSources,
  rows: readonly SessionRow[],
  today: LocalDate,
  options: { tutorId?: string; until?: LocalDate; limit?: number } = {},
): AgendaView[] {
  const find = agendaFinder(sources, today);
  const pairs = new Map(sources.pairs.map((pair) => [pair.pairId, pair] as [string, Pair]));
  const names = new Map(sources.program.students.map((student) => [student.id, student.name] as [string, string]));
  const views: AgendaView[] = [];
  const ordered = [...rows].sort((a, b) => (a.date + a.start < b.date + b.start ? -1 : a.date + a.start > b.date + b.start ? 1 : 0));
  for (const row of ordered) {
    if (options.limit !== undefined && views.length >= options.limit) break;
    const pair = pairs.get(row.pairId);
    if (!pair || (options.tutorId !== undefined && pair.tutorId !== options.tutorId)) continue;
    if (options.until !== undefined && row.date > options.until) continue;
    const agenda = find(row);
    if (!agenda) continue;
    views.push({
      sessionId: row.sessionId,
      pairId: row.pairId,
      tutorId: pair.tutorId,
      date: row.date,
      start: row.start,
      end: row.end,
      block: row.block,
      location: row.details.location,
      subject: pair.subject,
      tutor: names.get(pair.tutorId) ?? pair.tutorId,
      tutee: names.get(pair.tuteeId) ?? pair.tuteeId,
      meetLink: row.meetLink ?? '',
      reflectionLink: row.links.tutorReflection,
      agenda,
    });
  }
  return views;
}
