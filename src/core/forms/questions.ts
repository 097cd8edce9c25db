// The two forms a session brings back, as the contract names their questions. The titles are the
// interface between the Google Forms, their CSV exports and the filing code: never reword them.

export const FORM_KINDS = ['Reflection', 'Exit ticket', 'Help request', 'Consent'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

/** Questions both forms start with; prefilled per session and student. */
export const SESSION_QUESTION = 'Session';
export const STUDENT_QUESTION = 'Student ID';

export const REFLECTION = {
  session: SESSION_QUESTION,
  studentId: STUDENT_QUESTION,
  role: 'I am the',
  mood: 'How are you feeling today?',
  confidence: 'How confident do you feel in this subject now?',
  held: 'Did the session take place?',
  partnerPresent: 'Was your partner there?',
  workedOn: 'What did you work on?',
  whatWorked: 'What worked well?',
  whatWasHard: 'What was hard?',
  nextStep: 'One next step for next time',
  talkToTeacher: 'I would like to talk to a teacher',
  // Added after the first forms: appended, so existing forms and exports keep every earlier title.
  goal: 'My goal for next week',
  worried: 'Something in this session worried me',
  worry: 'What worried you?',
  onlyAnswers: 'The tutee only wanted answers',
  newTutor: 'I would like a different tutor',
} as const;

export const EXIT_TICKET = {
  session: SESSION_QUESTION,
  studentId: STUDENT_QUESTION,
  skill: 'Skill',
} as const;

/** A tutee asking for a one-off session beyond their weekly pair. */
export const HELP_REQUEST = {
  studentId: STUDENT_QUESTION,
  subject: 'Subject',
  skill: 'What do you need help with?',
  when: 'When do you need help?',
  online: 'Is an online session fine?',
} as const;

export const HELP_WHEN = ['Today', 'This week'] as const;
export type HelpWhen = (typeof HELP_WHEN)[number];

/** The guardian consent form (Peer Tutoring → Consent): one link per student, prefilled with the Student ID. */
export const CONSENT = {
  studentId: STUDENT_QUESTION,
  guardian: 'Your name (parent or guardian)',
  answer: 'I agree that my child takes part in peer tutoring',
} as const;

export const ROLES = ['Tutor', 'Tutee'] as const;
export type ReflectionRole = (typeof ROLES)[number];

/** The kind of each Reflection question, as the form builds it. */
export type QuestionKind = 'short' | 'paragraph' | 'scale' | 'yes-no' | 'role';

export const REFLECTION_QUESTIONS: { title: string; kind: QuestionKind; required: boolean }[] = [
  { title: REFLECTION.session, kind: 'short', required: true },
  { title: REFLECTION.studentId, kind: 'short', required: true },
  { title: REFLECTION.role, kind: 'role', required: true },
  { title: REFLECTION.mood, kind: 'scale', required: true },
  { title: REFLECTION.confidence, kind: 'scale', required: true },
  { title: REFLECTION.held, kind: 'yes-no', required: true },
  { title: REFLECTION.partnerPresent, kind: 'yes-no', required: true },
  { title: REFLECTION.workedOn, kind: 'short', required: false },
  { title: REFLECTION.whatWorked, kind: 'paragraph', required: false },
  { title: REFLECTION.whatWasHard, kind: 'paragraph', required: false },
  { title: REFLECTION.nextStep, kind: 'paragraph', required: false },
  { title: REFLECTION.talkToTeacher, kind: 'yes-no', required: true },
  { title: REFLECTION.goal, kind: 'short', required: false },
  { title: REFLECTION.worried, kind: 'yes-no', required: false },
  { title: REFLECTION.worry, kind: 'paragraph', required: false },
  { title: REFLECTION.onlyAnswers, kind: 'yes-no', required: false },
  { title: REFLECTION.newTutor, kind: 'yes-no', required: false },
];

/** One question of the teacher's `Exit ticket questions` tab. */
export interface ExitTicketQuestion {
  subject: string;
  skill: string;
  /** Unique text: the form question's title. */
  question: string;
  choices: string[];
  answer: string;
  points: number;
}

/** Which form a set of column headers (a CSV export or a responses tab) belongs to, or null. */
export function formOfHeaders(headers: string[]): FormKind | null {
  const titles = new Set(headers.map((header) => header.trim()));
  if (titles.has(HELP_REQUEST.when) && titles.has(HELP_REQUEST.subject)) return 'Help request';
  if (titles.has(REFLECTION.mood) && titles.has(REFLECTION.role)) return 'Reflection';
  if (titles.has(EXIT_TICKET.skill) && titles.has(EXIT_TICKET.session)) return 'Exit ticket';
  if (titles.has(CONSENT.answer) && titles.has(CONSENT.studentId)) return 'Consent';
  return null;
}
