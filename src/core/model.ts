// The domain of a peer tutoring program, free of any spreadsheet or Apps Script detail.
// Calendar dates are ISO `yyyy-mm-dd` strings and times `HH:MM` wall-clock strings in the
// program timezone, so nothing here depends on the machine's timezone.

export const ROLES = ['Tutor', 'Tutee', 'Both'] as const;
export type Role = (typeof ROLES)[number];

export const CONSENTS = ['Yes', 'No', 'Pending'] as const;
export type Consent = (typeof CONSENTS)[number];

export const LEARNING_PREFERENCES = ['Visual', 'Auditory', 'Reading/Writing', 'Kinesthetic'] as const;
export type LearningPreference = (typeof LEARNING_PREFERENCES)[number];

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * `Request new tutor`: the tutee or a teacher asked for another tutor. The pair keeps meeting until the
 * next matching, which never proposes the same tutor again for that need and raises an alert with the
 * best other tutor meanwhile.
 */
export const PAIR_STATUSES = ['Proposed', 'Trial', 'Active', 'Paused', 'Ended', 'Request new tutor'] as const;
export type PairStatus = (typeof PAIR_STATUSES)[number];

export const SESSION_STATUSES = ['Scheduled', 'Held', 'Missed', 'Cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** 1 beginning · 2 developing · 3 proficient · 4 advanced. */
export type Level = 1 | 2 | 3 | 4;

/** ISO calendar date, `yyyy-mm-dd`. */
export type LocalDate = string;
/** Wall-clock time, `HH:MM` (24-hour). */
export type WallTime = string;

export interface SubjectLevel {
  /** As the teacher wrote it, e.g. `Math`; compare with {@link subjectKey}. */
  subject: string;
  level: Level;
}

export interface Student {
  id: string;
  name: string;
  email: string;
  /** K = 0. */
  grade: number;
  role: Role;
  canTutor: SubjectLevel[];
  needsHelpWith: SubjectLevel[];
  languages: string[];
  learningPreference: LearningPreference | '';
  /** Block names, with `All` already expanded. */
  availability: string[];
  /** Null when the cell is blank: the Settings default applies. */
  maxTutees: number | null;
  consent: Consent;
  trained: boolean;
  active: boolean;
  /** Student ID of a tutor the teacher asks for, or ''. */
  requestedTutor: string;
  /** Student IDs this student must not be paired with. */
  doNotPairWith: string[];
}

export interface Block {
  name: string;
  day: Weekday;
  start: WallTime;
  end: WallTime;
  location: string;
  /** Max pairs meeting at once; null = no limit. */
  capacity: number | null;
}

export interface DateRange {
  from: LocalDate;
  to: LocalDate;
}

/** Weights of the soft preferences; each is the score a pair gains (or loses) for it. */
export interface MatchWeights {
  sharedLanguage: number;
  learningPreference: number;
  gradeGap: number;
  levelGap: number;
  continuity: number;
  requestedTutor: number;
  /** Extra cost of each additional tutee a tutor takes (convex load spreading). */
  loadSpread: number;
  /**
   * What keeping a pair exactly as the teacher sees it is worth (half for the same tutor in another
   * block): a re-run moves a shown pair only when that places more needs or gains more than this.
   */
  stability: number;
}

export interface Settings {
  programName: string;
  timezone: string;
  termStart: LocalDate | null;
  termEnd: LocalDate | null;
  noSchoolDates: DateRange[];
  minTutorLevel: Level;
  maxTuteesPerTutor: number;
  requireTraining: boolean;
  sessionsPerWeek: number;
  /** Started pairs become `Trial` first instead of `Active`. */
  startWithTrial: boolean;
  weights: MatchWeights;
  /** A skill is Mastered when its last `masteryTickets` exit tickets all score at least `masteryScore`. */
  masteryTickets: number;
  masteryScore: number;
  /** Days after mastery at which a skill comes back for review. */
  reviewDays: number[];
  alerts: AlertThresholds;
  /** The teacher's own paragraph in every family progress letter. */
  familyLetterNote: string;
  /** Keys the codes of anonymised exports (stable from one export to the next); '' until the first export. */
  anonymisationKey: string;
  /** The standard session routine, e.g. `Check-in 2; Review; …; Reflection 3` (see core/sessions/routine). */
  sessionRoutine: string;
  /** The day the weekly tutor email goes out for the week after (Mon…Sun), or null: off. */
  weeklyEmailDay: Weekday | null;
  /** Training modules every tutor completes (Training tab); none: the Students Trained column is typed by hand. */
  requiredTrainingModules: string[];
  /** Personal data is kept this many days after the end of its term, then cleared by End term. */
  retentionDays: number;
  /** Who becomes a mentor, and how many new tutors each mentors (see core/people/mentors). */
  mentor: { heldSessions: number; attendancePercent: number; capacity: number };
  /** Refresh the dashboard once a day in the background and email the teacher the new alerts. */
  dailyAlertsEmail: boolean;
}

/** When an alert is raised (see src/core/progress/alerts.ts). */
export interface AlertThresholds {
  /** Missed sessions: attendance below this percent … */
  attendancePercent: number;
  /** … over this many of the latest past sessions. */
  attendanceWindow: number;
  /** Stalled: no gain over this many latest exit tickets in a skill. */
  stalledTickets: number;
  /** Low mood: a mood at or below this, twice in a row. */
  lowMood: number;
  /** No reflections from a running pair for this many days. */
  silentDays: number;
  /** Long wait: on the waitlist for more than this many days. */
  waitDays: number;
  /** Tutor overload: more sessions a week than this. */
  tutorSessionsPerWeek: number;
}

export const DEFAULT_ALERT_THRESHOLDS: AlertThresholds = {
  attendancePercent: 75,
  attendanceWindow: 4,
  stalledTickets: 3,
  lowMood: 2,
  silentDays: 14,
  waitDays: 21,
  tutorSessionsPerWeek: 4,
};

export interface Pair {
  pairId: string;
  tutorId: string;
  tuteeId: string;
  subject: string;
  block: string;
  status: PairStatus;
  locked: boolean;
  score: number;
  why: string;
  startDate: LocalDate | null;
  endDate: LocalDate | null;
}

export interface WaitlistEntry {
  studentId: string;
  subject: string;
  reason: string;
  since: LocalDate;
}

export interface Session {
  sessionId: string;
  pairId: string;
  date: LocalDate;
  start: WallTime;
  end: WallTime;
  block: string;
  status: SessionStatus;
  calendarEventId: string;
}

/** Subjects are compared case- and space-insensitively. */
export function subjectKey(subject: string): string {
  return subject.trim().replace(/\s+/g, ' ').toLowerCase();
}

export const DEFAULT_WEIGHTS: MatchWeights = {
  sharedLanguage: 20,
  learningPreference: 5,
  gradeGap: 10,
  levelGap: 8,
  continuity: 30,
  requestedTutor: 40,
  loadSpread: 15,
  stability: 10,
};

export const DEFAULT_SETTINGS: Settings = {
  programName: 'Peer Tutoring',
  timezone: 'UTC',
  termStart: null,
  termEnd: null,
  noSchoolDates: [],
  minTutorLevel: 3,
  maxTuteesPerTutor: 2,
  requireTraining: true,
  sessionsPerWeek: 1,
  startWithTrial: false,
  weights: DEFAULT_WEIGHTS,
  masteryTickets: 3,
  masteryScore: 80,
  reviewDays: [1, 3, 7, 14, 30],
  alerts: DEFAULT_ALERT_THRESHOLDS,
  familyLetterNote: '',
  anonymisationKey: '',
  sessionRoutine: 'Check-in 2; Review; Guided practice; Independent practice; Exit ticket 5; Reflection 3',
  weeklyEmailDay: null,
  requiredTrainingModules: [],
  retentionDays: 365,
  mentor: { heldSessions: 10, attendancePercent: 80, capacity: 2 },
  dailyAlertsEmail: false,
};
