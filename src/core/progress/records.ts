// What the progress rules read: the program's logs as plain records (the sheets layer reads the tabs).
import type { LocalDate, Pair, SessionStatus, Student, WallTime } from '../model';
import type { TicketScore } from './mastery';

export interface SessionLog {
  sessionId: string;
  pairId: string;
  date: LocalDate;
  start: WallTime;
  end: WallTime;
  status: SessionStatus;
  tutorPresent: boolean | null;
  tuteePresent: boolean | null;
  /** Student ID of a substitute tutor ('' or absent when none). */
  substitute?: string;
}

export interface ReflectionLog {
  responseId: string;
  submitted: Date;
  /** The day it was sent, in the program timezone. */
  date: LocalDate;
  sessionId: string;
  pairId: string;
  studentId: string;
  role: 'Tutor' | 'Tutee';
  mood: number | null;
  confidence: number | null;
  talkToTeacher: boolean;
  handled: boolean;
  whatWorked: string;
  nextStep: string;
  /** "My goal for next week" ('' when none). */
  goal?: string;
  /** "Something in this session worried me" = Yes. */
  worried?: boolean;
  /** A tutor's "The tutee only wanted answers" = Yes. */
  onlyAnswers?: boolean;
  /** A tutee's "I would like a different tutor" = Yes. */
  newTutor?: boolean;
}

export interface TicketLog extends TicketScore {
  pairId: string;
}

export interface WaitingNeed {
  studentId: string;
  subject: string;
  reason: string;
  since: LocalDate;
}

export interface ProgressData {
  today: LocalDate;
  termStart: LocalDate | null;
  students: Student[];
  pairs: Pair[];
  sessions: SessionLog[];
  reflections: ReflectionLog[];
  tickets: TicketLog[];
  waitlist: WaitingNeed[];
}
