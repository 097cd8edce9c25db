// What a response becomes: a Reflections row, an Exit tickets row, or a Needs review entry with the
// reason it could not be filed (never dropped). Pure: the sheets layer brings the sessions and the
// exit-ticket key, and writes what comes back.
import type { LocalDate } from '../model';
import { localDateOf } from '../time';
import { EXIT_TICKET, REFLECTION, type ExitTicketQuestion, type ReflectionRole } from './questions';
import { responseIdOf, type RawResponse } from './responses';

/** What filing needs to know of a session: its pair's members and subject. */
export interface SessionFacts {
  sessionId: string;
  pairId: string;
  tutorId: string;
  tuteeId: string;
  subject: string;
  date: LocalDate;
}

export type YesNoAnswer = 'Yes' | 'No' | '';

export interface ReflectionRecord {
  responseId: string;
  submitted: Date;
  sessionId: string;
  pairId: string;
  studentId: string;
  role: ReflectionRole;
  mood: number | null;
  confidence: number | null;
  sessionHeld: YesNoAnswer;
  partnerPresent: YesNoAnswer;
  workedOn: string;
  whatWorked: string;
  whatWasHard: string;
  nextStep: string;
  talkToTeacher: YesNoAnswer;
  /** "My goal for next week", in the student's words ('' when none). */
  goal: string;
  /** "Something in this session worried me", and what (only the teacher sees it). */
  worried: YesNoAnswer;
  worry: string;
  /** A tutor's "The tutee only wanted answers". */
  onlyAnswers: YesNoAnswer;
  /** A tutee's "I would like a different tutor" (a Request new tutor alert; the pair's Status stays the teacher's). */
  newTutor: YesNoAnswer;
}

export interface ExitTicketRecord {
  responseId: string;
  submitted: Date;
  sessionId: string;
  pairId: string;
  studentId: string;
  subject: string;
  skill: string;
  /** Percent of the skill's points, 0–100. */
  score: number;
  points: number;
  outOf: number;
}

export type Filing =
  | { kind: 'reflection'; record: ReflectionRecord }
  | { kind: 'exit ticket'; record: ExitTicketRecord }
  | { kind: 'review'; responseId: string; reason: string };

export interface FilingContext {
  sessions: ReadonlyMap<string, SessionFacts>;
  questions: readonly ExitTicketQuestion[];
  /**
   * Each pair's sessions, by date: a Calendar event carries links with the Pair ID in place of the
   * session (one recurring series cannot hold a link per date), and such a response is filed under the
   * pair's session of the day it was sent, or its last one before.
   */
  pairSessions?: ReadonlyMap<string, readonly SessionFacts[]>;
  /** The program timezone, in which "the day it was sent" is read. */
  timeZone?: string;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Files one response: every check a teacher would make before trusting it. */
export function fileResponse(response: RawResponse, context: FilingContext): Filing {
  const responseId = responseIdOf(response);
  const review = (reason: string): Filing => ({ kind: 'review', responseId, reason });
  const answer = (title: string) => (response.answers[title] ?? '').trim();
  const sessionId = answer(REFLECTION.session);
  const studentId = answer(REFLECTION.studentId);
  if (!sessionId) return review('the Session question is empty');
  const session = context.sessions.get(sessionId) ?? sessionOfPairOnDay(sessionId, response.submitted, context);
  if (!session) return review(unknownSession(sessionId, response.submitted, context));
  if (!studentId) return review('the Student ID question is empty');
  const role = studentId === session.tutorId ? 'Tutor' : studentId === session.tuteeId ? 'Tutee' : null;
  if (!role) return review(`student "${studentId}" is not in pair ${session.pairId} of this session`);
  if (response.form === 'Exit ticket') return fileExitTicket(response, session, studentId, context, review);
  const said = answer(REFLECTION.role);
  if (said && !same(said, role)) return review(`says "${said}" but is the ${role.toLowerCase()} of pair ${session.pairId}`);
  const scale = (title: string) => {
    const value = Number(answer(title));
    return Number.isInteger(value) && value >= 1 && value <= 5 ? value : null;
  };
  return {
    kind: 'reflection',
    record: {
      responseId,
      submitted: response.submitted,
      sessionId: session.sessionId,
      pairId: session.pairId,
      studentId,
      role,
      mood: scale(REFLECTION.mood),
      confidence: scale(REFLECTION.confidence),
      sessionHeld: yesNoAnswer(answer(REFLECTION.held)),
      partnerPresent: yesNoAnswer(answer(REFLECTION.partnerPresent)),
      workedOn: answer(REFLECTION.workedOn),
      whatWorked: answer(REFLECTION.whatWorked),
      whatWasHard: answer(REFLECTION.whatWasHard),
      nextStep: answer(REFLECTION.nextStep),
      talkToTeacher: yesNoAnswer(answer(REFLECTION.talkToTeacher)),
      goal: answer(REFLECTION.goal),
      worried: yesNoAnswer(answer(REFLECTION.worried)),
      worry: answer(REFLECTION.worry),
      onlyAnswers: role === 'Tutor' ? yesNoAnswer(answer(REFLECTION.onlyAnswers)) : '',
      newTutor: role === 'Tutee' ? yesNoAnswer(answer(REFLECTION.newTutor)) : '',
    },
  };
}

/** The pair's session on the day `submitted` falls on in the program timezone, or its last one before; null when `answer` is no Pair ID. */
function sessionOfPairOnDay(answer: string, submitted: Date, context: FilingContext): SessionFacts | null {
  const sessions = context.pairSessions?.get(answer);
  if (!sessions?.length || !context.timeZone) return null;
  const day = localDateOf(submitted, context.timeZone);
  let found: SessionFacts | null = null;
  for (const session of sessions) if (session.date <= day && (!found || session.date >= found.date)) found = session;
  return found;
}

function unknownSession(answer: string, submitted: Date, context: FilingContext): string {
  if (context.pairSessions?.has(answer) && context.timeZone) {
    return `pair ${answer} has no session on or before ${localDateOf(submitted, context.timeZone)}`;
  }
  return `"${answer}" is not a Session ID on the Sessions tab`;
}

function yesNoAnswer(text: string): YesNoAnswer {
  return same(text, 'yes') ? 'Yes' : same(text, 'no') ? 'No' : '';
}

function fileExitTicket(
  response: RawResponse,
  session: SessionFacts,
  studentId: string,
  context: FilingContext,
  review: (reason: string) => Filing,
): Filing {
  const skill = (response.answers[EXIT_TICKET.skill] ?? '').trim();
  if (!skill) return review('the Skill question is empty');
  const questions = context.questions.filter((q) => same(q.skill, skill));
  if (!questions.length) return review(`"${skill}" is not a skill on the Exit ticket questions tab`);
  const { points, outOf } = scoreOf(questions, response.answers);
  return {
    kind: 'exit ticket',
    record: {
      responseId: responseIdOf(response),
      submitted: response.submitted,
      sessionId: session.sessionId,
      pairId: session.pairId,
      studentId,
      subject: questions[0].subject,
      skill: questions[0].skill,
      score: outOf ? Math.round((points / outOf) * 100) : 0,
      points,
      outOf,
    },
  };
}

/** Points for each answer that matches the key (case and spacing ignored), out of the skill's points. */
export function scoreOf(questions: readonly ExitTicketQuestion[], answers: Record<string, string>): { points: number; outOf: number } {
  let points = 0;
  let outOf = 0;
  for (const question of questions) {
    outOf += question.points;
    if (same(answers[question.question] ?? '', question.answer)) points += question.points;
  }
  return { points, outOf };
}
