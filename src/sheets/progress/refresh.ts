// Refresh dashboard: Mastery, Alerts and the Dashboard rebuilt from the logs in one pass, one write
// each. The suggested re-matches come from the matcher itself.
import { feasibleTutorsFinder, type MatchResult, type ProposedPair } from '../../core/matching';
import { alertsOf, substituteAlerts, type AlternativeTutor } from '../../core/progress/alerts';
import { substituteNeedsIn } from '../people/substitutes';
import { dashboardOf, type Dashboard } from '../../core/progress/dashboard';
import { forecastOf, needId, type Forecast } from '../../core/progress/forecast';
import { letterOf, type Letter } from '../../core/progress/letter';
import { masteryOf, masteryRuleOf } from '../../core/progress/mastery';
import { studentProgressOf, type StudentProgress } from '../../core/progress/student';
import { readProgram } from '../roster';
import type { LocalDate, Pair } from '../../core/model';
import { expectedSkills, writeMastery } from '../forms/filing-service';
import { readExitTicketQuestions } from '../forms/questions-tab';
import type { Program } from '../roster';
import type { TableStore } from '../table-store';
import { refreshAlerts, type AlertRow } from './alerts-tab';
import { dashboardLayout, writeDashboard, type DashboardChart } from './dashboard-tab';
import { readProgressData } from './progress-data';
import type { SessionRow } from '../sessions';
import type { MasteryRow } from '../../core/progress/mastery';
import { addDays } from '../../core/time';
import { describeProblem } from '../problems';
import { agendaFinder, guideProblems, readAgendaSources, upcomingAgendas, writeAgendas, type AgendaSources, type AgendaView } from '../sessions/agendas';
import { followGoals, openGoalsBySubject, type GoalRow, type GoalsInput } from '../sessions/goals-tab';
import { goalsOfStudent, withGoalRows, withHelpRows } from '../sessions/goals-view';
import { helpRequestsState } from '../sessions/help-requests';
import { concernAlertsOf, engagementAlertsOf } from '../../core/sessions/concerns';
import { unmatchedConcerns } from '../sessions/concerns';
import type { Alert } from '../../core/progress/alerts';
import type { ProgressData } from '../../core/progress/records';
import type { ExitTicketQuestion } from '../../core/forms/questions';
import { writeServiceHours, type ServiceHoursReport } from '../people/service-hours-tab';
import { trainingInUse } from '../people/training-tab';
import { syncTrainedColumn } from '../people/trained-column';
import { mentorRows, writeMentors, type MentorRow } from '../people/mentors-tab';

export interface ProgressReport {
  openAlerts: AlertRow[];
  /** Alerts raised by this refresh (for the daily digest: only what is new). */
  newAlerts: AlertRow[];
  dashboard: Dashboard;
  /** Goals followed, with the rows that cannot be followed. */
  goals: { goals: GoalRow[]; problems: string[] };
  /** Upcoming sessions' agendas rewritten on the Sessions tab, and the next week's, for the CLI. */
  agendas: { changed: number; nextWeek: AgendaView[]; problems: string[] };
  serviceHours: ServiceHoursReport;
  /** Students Trained cells rewritten from the Training tab. */
  trainedChanged: number;
  /** Each new tutor's mentor (the Mentors tab). */
  mentors: MentorRow[];
  forecast: Forecast;
  /** The charts over the Dashboard tab's tables (drawn natively in Google Sheets). */
  charts: DashboardChart[];
  /** Student names by ID, as the roster has them. */
  names: ReadonlyMap<string, string>;
  /** Settings: Daily alerts email. */
  dailyAlertsEmail: boolean;
  /** The matcher's other tutor for each pair a Stalled or Trial review alert suggests re-matching, by Pair ID. */
  rematches: ReadonlyMap<string, { tutorId: string; block: string }>;
}

export function refreshProgress(store: TableStore, today: LocalDate): ProgressReport {
  const { data, program, sessionRows } = readProgressData(store, today);
  const questions = readExitTicketQuestions(store).questions;
  const mastery = writeMastery(store, program, data.tickets, expectedSkills(data.pairs, questions));
  const followed = followGoals(store, goalsInput(program, data, mastery, questions), true);
  const goals = { goals: followed.goals, problems: followed.problems.map(describeProblem) };
  const agendas = refreshAgendas(store, readAgendaSources(store, program, data.pairs, { mastery, questions, goals: openGoalsBySubject(followed.goals, questions) }), sessionRows, today);
  const { settings } = program;
  const dashboard = dashboardOf(data, masteryRuleOf(settings), settings.sessionsPerWeek);
  const names = new Map(program.students.map((student) => [student.id, student.name] as [string, string]));
  const forecast = forecastOf({ students: program.students, blocks: program.blocks, settings, pairs: data.pairs, waitlist: data.waitlist });
  const wouldPlace = (studentId: string, subject: string) => forecast.wouldPlace.get(needId(studentId, subject)) ?? null;
  const best = memoised(bestOtherTutorFinder(program, data.pairs));
  const help = helpRequestsState(store, names);
  const alerts = [
    ...alertsOf(data, settings.alerts, alternativeTutorFinder(best, names), wouldPlace),
    ...sessionAlerts(store, data, names),
    ...help.alerts,
    ...substituteAlerts(uncoveredSessions(program, data.pairs, sessionRows, today), (id) => names.get(id) ?? id),
  ];
  const openAlerts = refreshAlerts(store, alerts, names, today);
  const rematches = new Map<string, { tutorId: string; block: string }>();
  const pairById = new Map(data.pairs.map((pair) => [pair.pairId, pair] as [string, Pair]));
  for (const alert of alerts) {
    const pair = pairById.get(alert.pairId);
    const other = pair && (alert.kind === 'Stalled' || alert.kind === 'Trial review') && !alert.action.startsWith('Confirm') ? best(pair) : null;
    if (other) rematches.set(alert.pairId, other);
  }
  const layout = dashboardLayout(settings.programName, today, dashboard, (id) => names.get(id) ?? id, forecast);
  // The goal rows go below the Dashboard's tables, so the charts' ranges stay as they are.
  writeDashboard(store, withHelpRows(withGoalRows(layout.grid, followed.goals, (id) => names.get(id) ?? id), help));
  const serviceHours = writeServiceHours(store, program, data.sessions, data.pairs);
  const mentors = mentorRows(program, data.sessions, data.pairs);
  writeMentors(store, mentors);
  const trainedChanged = trainingInUse(store, settings) ? syncTrainedColumn(store, program.students) : 0;
  return {
    openAlerts,
    newAlerts: openAlerts.filter((row) => row.fresh === true),
    dashboard,
    forecast,
    charts: layout.charts,
    names,
    dailyAlertsEmail: settings.dailyAlertsEmail,
    rematches,
    agendas,
    goals,
    serviceHours,
    trainedChanged,
    mentors,
  };
}

/** Concerns (urgent; unmatched ones from Needs review, unresolved) and tutees who only want answers. */
function sessionAlerts(store: TableStore, data: ProgressData, names: ReadonlyMap<string, string>): Alert[] {
  const name = (id: string) => names.get(id) ?? id;
  const tutees = new Map(data.pairs.map((pair) => [pair.pairId, pair.tuteeId] as [string, string]));
  return [...concernAlertsOf(data.reflections, unmatchedConcerns(store), name), ...engagementAlertsOf(data.reflections, (pairId) => tutees.get(pairId) ?? null, name)];
}

function goalsInput(program: Program, data: ProgressData, mastery: readonly MasteryRow[], questions: readonly ExitTicketQuestion[]): GoalsInput {
  return { studentIds: new Set(program.students.map((s) => s.id)), reflections: data.reflections, pairs: data.pairs, mastery, tickets: data.tickets, questions, today: data.today };
}

/** Each upcoming session's Agenda, from the mastery just rebuilt (one Sessions write, only when one changed). */
function refreshAgendas(store: TableStore, sources: AgendaSources, sessions: SessionRow[], today: LocalDate): ProgressReport['agendas'] {
  const changed = writeAgendas(store, sessions, agendaFinder(sources, today));
  const nextWeek = upcomingAgendas(sources, sessions, today, { until: addDays(today, 6) });
  return { changed, nextWeek, problems: guideProblems(sources).map(describeProblem) };
}

/** Upcoming sessions without their tutor and without a substitute, with the matcher's best substitute. */
function uncoveredSessions(program: Program, pairs: Pair[], sessionRows: SessionRow[], today: LocalDate) {
  return substituteNeedsIn(program, pairs, sessionRows, today).map((need) => ({
    sessionId: need.sessionId,
    pairId: need.pairId,
    tuteeId: pairs.find((pair) => pair.pairId === need.pairId)?.tuteeId ?? '',
    date: need.date,
    block: need.block,
    best: need.best ? `${need.best.name} (${need.best.tutorId})` : null,
  }));
}

/** Students whose name or ID contains `text` (at most `limit`), for the sidebar's search. */
export function findStudents(store: TableStore, text: string, limit = 8): { studentId: string; name: string; grade: number }[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [];
  return readProgram(store)
    .program.students.filter((s) => s.name.toLowerCase().includes(needle) || s.id.toLowerCase().includes(needle))
    .slice(0, limit)
    .map((s) => ({ studentId: s.id, name: s.name, grade: s.grade }));
}

/** The logs, the mastery they give (the skills of running pairs included) and the goals followed, as they are: nothing is written. */
function logsWithMastery(store: TableStore, today: LocalDate) {
  const { data, program } = readProgressData(store, today);
  const questions = readExitTicketQuestions(store).questions;
  const mastery = masteryOf(data.tickets, masteryRuleOf(program.settings), expectedSkills(data.pairs, questions));
  const goals = followGoals(store, goalsInput(program, data, mastery, questions), false).goals;
  return { data, program, mastery, goals };
}

/** One student's progress, for the sidebar. */
export function studentProgress(store: TableStore, studentId: string, today: LocalDate): StudentProgress | null {
  const { data, mastery, goals } = logsWithMastery(store, today);
  const progress = studentProgressOf(data, mastery, studentId);
  return progress && { ...progress, goals: goalsOfStudent(goals, studentId) };
}

/** Family letters, read from the logs once and made one student at a time (a batch stops when its time is up). */
export function familyLetterMaker(store: TableStore, today: LocalDate): { tutees: string[]; letterOf(studentId: string): Letter | null } {
  const { data, program, mastery, goals } = logsWithMastery(store, today);
  const tutees = [...new Set(data.pairs.filter((pair) => pair.status !== 'Proposed').map((pair) => pair.tuteeId))].sort();
  return {
    tutees,
    letterOf: (studentId) => {
      const letter = letterOf(data, studentId, mastery, program.settings.programName, program.settings.familyLetterNote);
      return letter && { ...letter, goals: goalsOfStudent(goals, studentId) };
    },
  };
}

/** A family letter's content for one student. */
export function familyLetter(store: TableStore, studentId: string, today: LocalDate): Letter | null {
  const { data, program, mastery, goals } = logsWithMastery(store, today);
  const letter = letterOf(data, studentId, mastery, program.settings.programName, program.settings.familyLetterNote);
  return letter && { ...letter, goals: goalsOfStudent(goals, studentId) };
}

/** The matcher's best other tutor for a pair's tutee (and the block), every other running pair staying as it is. */
export function bestOtherTutorFinder(program: Program, pairs: Pair[]): (pair: Pair) => { tutorId: string; block: string } | null {
  const running = pairs.filter((pair) => pair.status === 'Active' || pair.status === 'Trial');
  const current: MatchResult = {
    pairs: running.map((pair): ProposedPair => ({ ...pair, locked: false, existingPairId: pair.pairId })),
    waitlist: [],
    // Only the pairs matter to feasibleTutors; the totals are not a matching's and prove nothing.
    totals: { needs: 0, placed: running.length, tutorsUsed: 0, averageLoad: 0, totalScore: 0, proof: { optimal: false, morePlaceable: 0, scoreGapPercent: 0 } },
  };
  const find = feasibleTutorsFinder({ students: program.students, blocks: program.blocks, settings: program.settings, pairs });
  return (pair) => {
    const [best] = find(pair.tuteeId, pair.subject, current);
    return best ? { tutorId: best.tutorId, block: best.block } : null;
  };
}

type BestOther = (pair: Pair) => { tutorId: string; block: string } | null;

/** Each pair's answer computed once (the alerts and the sidebar's re-match buttons ask the same). */
function memoised(find: BestOther): BestOther {
  const answers = new Map<string, ReturnType<BestOther>>();
  return (pair) => {
    if (!answers.has(pair.pairId)) answers.set(pair.pairId, find(pair));
    return answers.get(pair.pairId)!;
  };
}

/** The best other tutor as the alerts say it: "Name (ID, Block)". */
function alternativeTutorFinder(find: BestOther, names: ReadonlyMap<string, string>): AlternativeTutor {
  return (pair) => {
    const best = find(pair);
    return best ? `${names.get(best.tutorId) ?? best.tutorId} (${best.tutorId}, ${best.block})` : null;
  };
}
