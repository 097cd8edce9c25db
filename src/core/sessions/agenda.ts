// A session's agenda: what the tutor prepares. The pair's current skill (the first skill of the
// subject the tutee is practising, else the first not started), the mastered skills due for review on
// that date, the teacher's guide for the current skill, and the routine timed to the block.
import type { LocalDate } from '../model';
import { subjectKey } from '../model';
import type { MasteryRow } from '../progress/mastery';
import { reviewsDue } from '../progress/mastery';
import { minutesBetween, timeRoutine, type RoutineStep, type TimedStep } from './routine';

/** A row of the Guides tab: the teacher's notes for tutoring one skill. */
export interface Guide {
  subject: string;
  skill: string;
  targetConcept: string;
  misconceptions: string;
  workedExample: string;
  probingQuestions: string;
  link: string;
}

export interface AgendaInput {
  tuteeId: string;
  subject: string;
  date: LocalDate;
  start: string;
  end: string;
  /** Every Mastery row (any student: the tutee's are picked out). */
  mastery: readonly MasteryRow[];
  /** The subject's skills in the teacher's order (the Exit ticket questions tab). */
  skillOrder: readonly string[];
  guides: readonly Guide[];
  routine: readonly RoutineStep[];
  /** The tutee's goal for this skill or subject, in words ('' for none). */
  goal?: string;
}

export interface Agenda {
  /** The skill to work on; null when the subject has no skills yet or every one is mastered. */
  skill: string | null;
  /** Practising or Not started (of `skill`); '' when no skill. */
  skillState: string;
  reviews: string[];
  guide: Guide | null;
  minutes: number;
  routine: TimedStep[];
  goal: string;
}

const skillKey = (skill: string) => skill.trim().replace(/\s+/g, ' ').toLowerCase();

export function agendaOf(input: AgendaInput): Agenda {
  return pairAgendas(input)(input.date, input.start, input.end);
}

/**
 * The agendas of one pair's sessions (a tutee and subject): the current skill and its guide worked
 * out once, then each session's reviews due and routine (a school year is some 40 sessions a pair).
 * Equal agendas are one object, which no caller changes.
 */
export function pairAgendas(input: Omit<AgendaInput, 'date' | 'start' | 'end'>): (date: LocalDate, start: string, end: string) => Agenda {
  const subject = subjectKey(input.subject);
  const known = input.mastery.filter((row) => row.studentId === input.tuteeId && subjectKey(row.subject) === subject);
  // Before any exit ticket (or any Refresh), the subject's skills are all still to start.
  const rows = known.length ? known : input.skillOrder.map((skill) => notStarted(input.tuteeId, input.subject, skill));
  const current = currentSkill(rows, input.skillOrder);
  const guide = current ? (input.guides.find((g) => subjectKey(g.subject) === subject && skillKey(g.skill) === skillKey(current.skill)) ?? null) : null;
  // Sessions of the same length with the same reviews due have the same agenda: one object for them.
  const made = new Map<string, Agenda>();
  return (date, start, end) => {
    const minutes = minutesBetween(start, end);
    const reviews = reviewsDue(rows, input.tuteeId, date).map((row) => row.skill);
    const key = reviews.length ? JSON.stringify([minutes, reviews]) : String(minutes);
    let agenda = made.get(key);
    if (!agenda) {
      agenda = {
        skill: current?.skill ?? null,
        skillState: current?.state ?? '',
        reviews,
        guide,
        minutes,
        routine: timeRoutine(input.routine, minutes),
        goal: input.goal ?? '',
      };
      made.set(key, agenda);
    }
    return agenda;
  };
}

function notStarted(studentId: string, subject: string, skill: string): MasteryRow {
  return { studentId, subject, skill, tickets: 0, latest: 0, best: 0, state: 'Not started', masteredOn: null, nextReview: null };
}

/** The first skill (in the teacher's order, then by name) being practised, else the first not started. */
function currentSkill(rows: readonly MasteryRow[], order: readonly string[]): MasteryRow | null {
  const rank = new Map(order.map((skill, i) => [skillKey(skill), i] as [string, number]));
  const ranked = [...rows].sort((a, b) => (rank.get(skillKey(a.skill)) ?? order.length) - (rank.get(skillKey(b.skill)) ?? order.length));
  return ranked.find((row) => row.state === 'Practising') ?? ranked.find((row) => row.state === 'Not started') ?? null;
}

/** The skill a tutee is on in a subject (see agendaOf), or null. */
export function currentSkillOf(mastery: readonly MasteryRow[], tuteeId: string, subject: string, order: readonly string[]): string | null {
  const key = subjectKey(subject);
  const known = mastery.filter((row) => row.studentId === tuteeId && subjectKey(row.subject) === key);
  const rows = known.length ? known : order.map((skill) => notStarted(tuteeId, subject, skill));
  return currentSkill(rows, order)?.skill ?? null;
}

/** The agenda as the lines of a Sessions cell, a Calendar description or an email. */
export function agendaLines(agenda: Agenda): string[] {
  const lines = [
    agenda.skill ? `Skill: ${agenda.skill} (${agenda.skillState.toLowerCase()})` : 'Skill: none open (every skill mastered, or none listed yet): review and extend',
    `Review: ${agenda.reviews.length ? agenda.reviews.join('; ') : 'nothing due'}`,
  ];
  if (agenda.goal) lines.push(`Tutee's goal: ${agenda.goal}`);
  const guide = agenda.guide;
  if (guide) {
    if (guide.targetConcept) lines.push(`Target concept: ${guide.targetConcept}`);
    if (guide.misconceptions) lines.push(`Watch for: ${guide.misconceptions}`);
    if (guide.workedExample) lines.push(`Worked example: ${guide.workedExample}`);
    if (guide.probingQuestions) lines.push(`Ask: ${guide.probingQuestions}`);
    if (guide.link) lines.push(`Guide: ${guide.link}`);
  }
  lines.push(`Routine (${agenda.minutes} min): ${agenda.routine.map((step) => `${step.name} ${step.minutes} min`).join(', ')}`);
  return lines;
}
