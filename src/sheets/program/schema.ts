// The tabs of the program database and their columns: the contract in shared/program-database.md.
// Headers are matched by name (case and spacing ignored), never by position.
import {
  CONSENTS,
  LEARNING_PREFERENCES,
  PAIR_STATUSES,
  ROLES,
  SESSION_STATUSES,
  WEEKDAYS,
} from '../../core/model';

export interface ColumnSpec {
  header: string;
  /** A missing required header is an error; optional columns are added by Set up program. */
  required: boolean;
  note: string;
  dropdown?: readonly string[];
  date?: boolean;
}

export interface TabSpec {
  name: string;
  columns: ColumnSpec[];
  /** Written by the add-on (output) rather than typed by the teacher (input). */
  output: boolean;
  /** Headers that identify a row when the add-on rewrites the tab; default: the first column. */
  key?: string[];
  hidden?: boolean;
  /** Rows a new tab starts with, under the header (an example to copy). */
  example?: string[][];
}

const YES_NO = ['Yes', 'No'] as const;

function col(header: string, note: string, extra: Partial<ColumnSpec> = {}): ColumnSpec {
  return { header, required: true, note, ...extra };
}

function optional(header: string, note: string, extra: Partial<ColumnSpec> = {}): ColumnSpec {
  return { header, required: false, note, ...extra };
}

export const SETTINGS_TAB: TabSpec = {
  name: 'Settings',
  output: false,
  columns: [col('Setting', 'Name of the setting. Do not rename.'), col('Value', 'Your value for the setting.')],
};

export const BLOCKS_TAB: TabSpec = {
  name: 'Blocks',
  output: false,
  columns: [
    col('Block', 'Unique name of a tutoring block, e.g. Mon-A.'),
    col('Day', 'Day of the week: Mon, Tue, Wed, Thu, Fri, Sat or Sun.', { dropdown: WEEKDAYS }),
    col('Start', 'Start time, HH:MM (24-hour, e.g. 15:00) or h:mm AM/PM (3:00 PM).'),
    col('End', 'End time, HH:MM (24-hour) or h:mm AM/PM, after Start.'),
    col('Location', 'Room or place, e.g. Library.'),
    col('Capacity', 'Most pairs that can meet in this block at once. Blank = no limit.'),
  ],
};

export const STUDENTS_TAB: TabSpec = {
  name: 'Students',
  output: false,
  columns: [
    col('Student ID', 'Unique ID, e.g. S-0042. Never reuse an ID.'),
    col('Name', 'Full name.'),
    col('Email', 'School email, may be blank. Used only for calendar invitations.'),
    col('Grade', 'Whole number; K = 0.'),
    col('Role', 'Tutor, Tutee or Both.', { dropdown: ROLES }),
    col('Can tutor', 'Subjects and levels 1-4 this student can tutor, e.g. "Math 4; Reading 3".'),
    col('Needs help with', 'Subjects and current levels 1-4, e.g. "Science 2".'),
    col('Languages', 'Languages spoken, e.g. "English; Spanish".'),
    col('Learning preference', 'Visual, Auditory, Reading/Writing, Kinesthetic or blank.', {
      dropdown: LEARNING_PREFERENCES,
    }),
    col('Availability', 'Block names from the Blocks tab, e.g. "Mon-A; Wed-A", or All.'),
    col('Max tutees', 'Most tutees this tutor takes. Blank = the Settings default.'),
    col('Consent', 'Guardian consent: Yes, No or Pending.', { dropdown: CONSENTS }),
    col('Trained', 'Has this tutor finished training? Yes or No.', { dropdown: YES_NO }),
    col('Active', 'Is this student in the program now? Yes or No.', { dropdown: YES_NO }),
    optional('Requested tutor', 'Optional: Student ID of a tutor the teacher asks for.'),
    optional('Do not pair with', 'Optional: Student IDs this student must not be paired with.'),
    optional('Guardian email', 'Optional: where the consent form link goes (Peer Tutoring → Consent).'),
    optional('Consent date', 'Written by the add-on: when the guardian answered the consent form.', { date: true }),
    optional('Consent form', 'Written by the add-on: this student\'s consent form link, for the guardian.'),
  ],
};

export const PAIRS_TAB: TabSpec = {
  name: 'Pairs',
  output: true,
  columns: [
    col('Pair ID', 'Written by the add-on.'),
    col('Tutor ID', 'Written by the add-on.'),
    col('Tutor', 'Written by the add-on.'),
    col('Tutee ID', 'Written by the add-on.'),
    col('Tutee', 'Written by the add-on.'),
    col('Subject', 'Written by the add-on.'),
    col('Block', 'Written by the add-on.'),
    col('Status', 'Editable: Proposed, Trial, Active, Paused, Ended, or Request new tutor (the next matching finds another tutor; an alert names the best one).', { dropdown: PAIR_STATUSES }),
    col('Locked', 'Editable: Yes keeps this pair as it is at the next matching.', { dropdown: YES_NO }),
    col('Score', 'How well the pair fits (higher is better).'),
    col('Why', 'Why the pair was proposed.'),
    col('Start date', 'First day of the pair.', { date: true }),
    col('End date', 'Last day of the pair.', { date: true }),
  ],
};

export const WAITLIST_TAB: TabSpec = {
  name: 'Waitlist',
  output: true,
  // A student can wait for several subjects: each row is one need.
  key: ['Student ID', 'Subject'],
  columns: [
    col('Student ID', 'Written by the add-on.'),
    col('Name', 'Written by the add-on.'),
    col('Subject', 'Written by the add-on.'),
    col('Reason', 'Why no pair could be made.'),
    col('Since', 'Date the student was first waitlisted for this subject.', { date: true }),
  ],
};

export const SESSIONS_TAB: TabSpec = {
  name: 'Sessions',
  output: true,
  columns: [
    col('Session ID', 'Written by the add-on: <Pair ID>-<yyyymmdd>.'),
    col('Pair ID', 'Written by the add-on.'),
    // Beside the Pair ID on a new tab (added at the end of an existing one, so no column of the teacher's moves).
    optional('Tutor', 'Written by the add-on: the tutor’s name, for taking attendance.'),
    optional('Tutee', 'Written by the add-on: the tutee’s name, for taking attendance.'),
    optional('Subject', 'Written by the add-on.'),
    optional('Location', 'Written by the add-on: where the block meets.'),
    col('Date', 'Date of the session.', { date: true }),
    col('Start', 'Start time, HH:MM.'),
    col('End', 'End time, HH:MM.'),
    col('Block', 'Tutoring block.'),
    col('Status', 'Editable: Scheduled, Held, Missed or Cancelled.', { dropdown: SESSION_STATUSES }),
    col('Calendar event ID', 'Written by the add-on. Do not edit.'),
    optional('Tutor present', 'Editable: Yes or No once the session has taken place.', { dropdown: YES_NO }),
    optional('Tutee present', 'Editable: Yes or No once the session has taken place.', { dropdown: YES_NO }),
    optional('Notes', 'Editable: anything worth remembering about the session.'),
    optional('Reviews due', 'Written by the add-on: mastered skills due for a short review at this session (from Mastery).'),
    // Filled once the forms exist (Peer Tutoring → Create forms), for sessions of Active and Trial pairs.
    optional('Tutor reflection', 'Written by the add-on: the tutor’s reflection form, with this session, the tutor’s ID and role filled in. Blank until Create forms.'),
    optional('Tutee reflection', 'Written by the add-on: the tutee’s reflection form, filled in for this session.'),
    optional('Exit ticket', 'Written by the add-on: the tutee’s exit ticket for this session.'),
    optional('Agenda', 'Written by the add-on for upcoming sessions: the current skill, reviews due, the guide and the routine timed to the block (Settings: Session routine).'),
    optional('Meet link', 'Written by the add-on for online blocks (Location Online): the Google Meet link of the pair’s event series.'),
    optional('One-off', 'Help request: a one-off session booked from the Help request form (kept by every Schedule sessions).'),
    optional('Substitute', 'Student ID of the tutor standing in for an absent tutor (chosen in the sidebar, People); their hours count on Service hours.'),
  ],
};

/** Pairs the teacher excluded in the sidebar: never proposed again while the row is here. */
export const EXCLUSIONS_TAB: TabSpec = {
  name: 'Exclusions',
  output: true,
  key: ['Tutor ID', 'Tutee ID', 'Subject'],
  columns: [
    col('Tutor ID', 'This tutor is never proposed for this tutee in this subject. Delete the row to allow the pair again.'),
    col('Tutor', 'Written by the add-on.'),
    col('Tutee ID', 'Student ID of the tutee.'),
    col('Tutee', 'Written by the add-on.'),
    col('Subject', 'The subject the exclusion is about.'),
    col('Since', 'When the pair was excluded.', { date: true }),
    optional('Note', 'Editable: why, for your own record.'),
  ],
};

/** The teacher's exit-ticket questions: each skill's questions become a section of the Exit ticket quiz. */
export const EXIT_TICKET_QUESTIONS_TAB: TabSpec = {
  name: 'Exit ticket questions',
  output: false,
  columns: [
    col('Subject', 'The subject, as on the Students tab, e.g. Math.'),
    col('Skill', 'The skill the question checks, e.g. Adding fractions. Students pick the skill in the form.'),
    col('Question', 'The question as students see it. Each question text must be unique.'),
    col('Choices', 'The answers to choose from, separated by ;'),
    col('Answer', 'The right answer: one of the choices, written the same way.'),
    optional('Points', 'Points for a right answer. Blank = 1.'),
  ],
  example: [
    ['Math', 'Adding fractions', 'What is 1/2 + 1/4?', '3/4; 2/6; 1/6', '3/4', '1'],
    ['Math', 'Adding fractions', 'What is 1/3 + 1/3?', '2/3; 2/6; 1/9', '2/3', '1'],
  ],
};

const LOG_NOTE = 'Filed by the add-on from the form, once per response. Do not edit.';

export const REFLECTIONS_TAB: TabSpec = {
  name: 'Reflections',
  output: true,
  key: ['Response ID'],
  columns: [
    col('Response ID', LOG_NOTE),
    col('Submitted', 'When the student sent the reflection.'),
    col('Session ID', LOG_NOTE),
    col('Pair ID', LOG_NOTE),
    col('Student ID', LOG_NOTE),
    col('Role', 'Tutor or Tutee.'),
    col('Mood', 'How are you feeling today? 1 (low) to 5.'),
    col('Confidence', 'How confident do you feel in this subject now? 1 to 5.'),
    col('Session held', 'Did the session take place?'),
    col('Partner present', 'Was your partner there?'),
    col('Worked on', 'What did you work on?'),
    col('What worked', 'What worked well?'),
    col('What was hard', 'What was hard?'),
    col('Next step', 'One next step for next time.'),
    col('Talk to a teacher', 'Yes: the student asked to talk to a teacher (you were emailed).'),
    optional('Handled', 'Editable: Yes once you have talked with the student; the sidebar stops showing the request.', { dropdown: YES_NO }),
    optional('Goal for next week', 'My goal for next week, in the student’s words: added to the Goals tab at the next Refresh dashboard.'),
    optional('Something worried me', 'Yes: the student raised a concern (an urgent alert; you were emailed). Only teachers see it.'),
    optional('What worried them', 'The concern in the student’s words. Only teachers see it.'),
    optional('Only wanted answers', 'Yes: the tutor says the tutee only wanted answers (feeds the Engagement alert).'),
    optional('Wants a different tutor', 'Yes: the tutee asked for a different tutor (a Request new tutor alert names the best other one; the pair’s Status is yours to change).'),
  ],
};

export const EXIT_TICKETS_TAB: TabSpec = {
  name: 'Exit tickets',
  output: true,
  key: ['Response ID'],
  columns: [
    col('Response ID', LOG_NOTE),
    col('Submitted', 'When the student sent the exit ticket.'),
    col('Session ID', LOG_NOTE),
    col('Pair ID', LOG_NOTE),
    col('Student ID', LOG_NOTE),
    col('Subject', LOG_NOTE),
    col('Skill', LOG_NOTE),
    col('Score', 'Percent of the skill\'s points, 0-100.'),
    col('Points', 'Points scored.'),
    col('Out of', 'Points possible.'),
  ],
};

export const NEEDS_REVIEW_TAB: TabSpec = {
  name: 'Needs review',
  output: true,
  key: ['Response ID'],
  columns: [
    col('Received', 'When the response arrived.'),
    col('Form', 'Reflection or Exit ticket.'),
    col('Reason', 'Why it could not be filed. Fix Session, Student ID or Skill, then Peer Tutoring → File responses again.'),
    col('Answers', 'The whole response, as sent (JSON). Kept until it is filed.'),
    optional('Response ID', 'Identifies the response: it is filed once, whichever way it arrives.'),
    optional('Session', 'Editable: the Session ID to file the response under.'),
    optional('Student ID', 'Editable: the student who sent it.'),
    optional('Skill', 'Editable (exit tickets): the skill.'),
  ],
};

export const MASTERY_TAB: TabSpec = {
  name: 'Mastery',
  output: true,
  key: ['Student ID', 'Skill'],
  columns: [
    col('Student ID', 'Generated from Exit tickets: rebuilt after each filing, never edited cell by cell.'),
    col('Name', 'Generated.'),
    col('Subject', 'Generated.'),
    col('Skill', 'Generated.'),
    col('Tickets', 'Exit tickets taken in this skill.'),
    col('Latest', 'Latest score.'),
    col('Best', 'Best score.'),
    col('State', 'Not started, Practising or Mastered (Settings: Mastery tickets and Mastery score).'),
    col('Mastered on', 'When the skill was mastered.', { date: true }),
    col('Next review', 'When the skill comes back for a short review (Settings: Review days).', { date: true }),
  ],
};

export const ALERTS_TAB: TabSpec = {
  name: 'Alerts',
  output: true,
  key: ['Key'],
  columns: [
    col('Raised', 'When the alert was raised.', { date: true }),
    col('Student ID', 'Generated by Refresh dashboard.'),
    col('Name', 'Generated.'),
    col('Pair ID', 'Generated (blank when the alert is about the student, not a pair).'),
    col('Kind', 'Missed sessions, Stalled, Trial review, Low mood, Talk to a teacher, No reflections, Long wait, Tutor overload, Consent, Concern (urgent), Engagement, Help request, Request new tutor or Substitute needed.'),
    col('Detail', 'What was seen.'),
    col('Suggested action', 'What to do about it.'),
    col('Status', 'Editable: Open, or Done when you have dealt with it (a Done alert is not raised again while its cause lasts).', { dropdown: ['Open', 'Done'] }),
    optional('Cleared', 'When the cause went away (the alert then closed by itself).', { date: true }),
    optional('Key', 'Identifies the alert: do not edit.'),
    optional('Emailed', 'When the daily alerts email told you about it (Settings: Daily alerts email).', { date: true }),
  ],
};

/** Generated: rebuilt by Refresh dashboard (and the dashboard command) in one write. */
export const DASHBOARD_TAB: TabSpec = {
  name: 'Dashboard',
  output: true,
  columns: [col('Dashboard', 'Generated: rebuilt by Peer Tutoring → Refresh dashboard. Edits here are overwritten.')],
};

/** The teacher's notes for tutoring each skill; an upcoming session's agenda shows the guide of its skill. */
export const GUIDES_TAB: TabSpec = {
  name: 'Guides',
  output: false,
  key: ['Subject', 'Skill'],
  columns: [
    col('Subject', 'The subject, as on the Students tab, e.g. Math.'),
    col('Skill', 'The skill, as on the Exit ticket questions tab, e.g. Adding fractions.'),
    col('Target concept', 'What the tutee should understand by the end.'),
    col('Common misconceptions', 'Mistakes to watch for.'),
    col('Worked example', 'One example worked through, step by step.'),
    col('Probing questions', 'Questions the tutor can ask instead of giving the answer.'),
    col('Link', 'Optional: a Doc or video for the tutor (https://…).'),
  ],
  example: [['Math', 'Adding fractions', 'Fractions add when their parts are the same size', 'Adding the denominators (1/2 + 1/4 = 2/6)', '1/2 + 1/4 = 2/4 + 1/4 = 3/4', 'What size are the pieces? How many pieces of that size?', '']],
};

/** Students' goals, set by the teacher or from the reflection form ("My goal for next week"). */
export const GOALS_TAB: TabSpec = {
  name: 'Goals',
  output: false,
  key: ['Student ID', 'Skill', 'Set on'],
  columns: [
    col('Student ID', 'The student whose goal it is.'),
    col('Skill', 'The skill the goal is about (blank: the subject as a whole).'),
    col('Target', 'Mastered, or a score 0-100 on the skill\'s exit tickets.'),
    col('By', 'The date the goal is for.', { date: true }),
    col('Set on', 'When the goal was set (blank: today, filled by the add-on).', { date: true }),
    col('Status', 'Open, Met or Missed, kept up to date by Refresh dashboard; type anything else (e.g. Dropped) and it is kept.'),
    optional('In their words', 'The goal as the student wrote it in the reflection form.'),
    optional('Response ID', 'The reflection the goal came from (so it is added once).'),
  ],
};

/** Every message the teacher sent from the sidebar (and each week's tutor emails): a log, never edited by the add-on. */
export const MESSAGES_TAB: TabSpec = {
  name: 'Messages',
  output: true,
  key: ['Sent'],
  columns: [
    col('Sent', 'When the message was sent.'),
    col('Audience', 'One pair, a subject\'s pairs, all tutors, or the weekly tutor email.'),
    col('Subject', 'The email subject.'),
    col('Message', 'What was sent (each student also got a greeting with their own name).'),
    col('Recipients', 'How many students got it.'),
    col('Student IDs', 'Who got it.'),
    col('Skipped', 'Who did not get it, and why (no email, no consent, not active).'),
    col('Status', 'Sent, or how many could not be sent (the daily email quota).'),
  ],
};

/** Help requests from the Help request form: each filed once, with the one-off session booked or why none could be. */
export const HELP_REQUESTS_TAB: TabSpec = {
  name: 'Help requests',
  output: true,
  key: ['Response ID'],
  columns: [
    col('Response ID', LOG_NOTE),
    col('Submitted', 'When the student asked.'),
    col('Student ID', 'Who asked.'),
    col('Subject', 'The subject.'),
    col('Need', 'What they need help with, in their words.'),
    col('When', 'Today or This week.'),
    col('Online', 'Yes: an online session is fine.'),
    col('Status', 'Booked, or No tutor (an alert is open). Editable: Handled once you have dealt with it.'),
    col('Session ID', 'The one-off session booked (on the Sessions tab).'),
    col('Tutor ID', 'The tutor the matcher chose.'),
    col('Reason', 'Why the tutor was chosen, or why no one could take it.'),
  ],
};

/** Training modules completed: with Settings "Required training modules", Students Trained is derived from it. */
export const TRAINING_TAB: TabSpec = {
  name: 'Training',
  output: false,
  key: ['Student ID', 'Module'],
  columns: [
    col('Student ID', 'The tutor, as on the Students tab.'),
    col('Module', 'A training module, e.g. Asking questions instead of giving answers (Settings: Required training modules).'),
    col('Completed', 'The date the module was completed; blank while it is not.', { date: true }),
  ],
};

/** Generated from Held sessions, except Adjustment and Reason, which are the teacher's. */
export const SERVICE_HOURS_TAB: TabSpec = {
  name: 'Service hours',
  output: true,
  key: ['Student ID'],
  columns: [
    col('Student ID', 'Generated by Refresh dashboard: one row per tutor.'),
    col('Name', 'Generated.'),
    col('Sessions', 'Held sessions this term where the tutor was not marked absent.'),
    col('Hours', 'Those sessions\' block lengths, in hours.'),
    col('Adjustment', 'Editable: extra hours (or minus hours) you approve. Counted only with a Reason.'),
    col('Reason', 'Editable: why the adjustment; it is the record of it.'),
    col('Total', 'Hours plus the adjustment (when it has a reason).'),
  ],
};

/** Every guardian consent answer, once each (by Response ID): the record behind the Students Consent column. */
export const CONSENT_LOG_TAB: TabSpec = {
  name: 'Consent log',
  output: true,
  key: ['Response ID'],
  columns: [
    col('Response ID', 'Filed by the add-on from the consent form, once per response. Do not edit.'),
    col('Submitted', 'When the guardian answered.'),
    col('Student ID', 'The student the answer is about.'),
    col('Guardian', 'Who answered, as they wrote it.'),
    col('Consent', 'Yes or No. The latest answer for a student sets the Students Consent column.'),
  ],
};

/** Generated: each new tutor's mentor, found by the matcher (rebuilt by Refresh dashboard). */
export const MENTORS_TAB: TabSpec = {
  name: 'Mentors',
  output: true,
  key: ['New tutor ID'],
  columns: [
    col('New tutor ID', 'Generated by Refresh dashboard: a tutor with no held session yet.'),
    col('New tutor', 'Generated.'),
    col('Mentor ID', 'An experienced tutor (Settings: Mentor: …); blank when none is free.'),
    col('Mentor', 'Generated.'),
    col('Subject', 'The new tutor\'s strongest subject, which the mentor tutors too.'),
    col('Block', 'A block both are free in, to meet.'),
    col('Why', 'Why this mentor, or why none yet.'),
  ],
};

/** Every tab of the contract, in the order Set up program creates them (then the add-on's own). */
export const CONTRACT_TABS: TabSpec[] = [
  SETTINGS_TAB,
  BLOCKS_TAB,
  STUDENTS_TAB,
  PAIRS_TAB,
  WAITLIST_TAB,
  SESSIONS_TAB,
  EXCLUSIONS_TAB,
  EXIT_TICKET_QUESTIONS_TAB,
  REFLECTIONS_TAB,
  EXIT_TICKETS_TAB,
  NEEDS_REVIEW_TAB,
  MASTERY_TAB,
  ALERTS_TAB,
  DASHBOARD_TAB,
  GUIDES_TAB,
  GOALS_TAB,
  MESSAGES_TAB,
  HELP_REQUESTS_TAB,
  TRAINING_TAB,
  SERVICE_HOURS_TAB,
  CONSENT_LOG_TAB,
  MENTORS_TAB,
];

const headerKeys = new Map<string, string>();

/** Normalises a header for matching: case and surrounding/inner spacing ignored (memoised: read per cell). */
export function headerKey(header: unknown): string {
  const text = String(header);
  let key = headerKeys.get(text);
  if (key === undefined) {
    key = text.trim().replace(/\s+/g, ' ').toLowerCase();
    if (headerKeys.size < 10000) headerKeys.set(text, key);
  }
  return key;
}

/** Hidden: earlier contents of output tabs, so that applying a matching can be undone. */
export const HISTORY_TAB: TabSpec = {
  name: 'Undo history',
  output: true,
  hidden: true,
  columns: [
    col('Version', 'Written by the add-on: one number per change that can be undone.'),
    col('Saved at', 'When the change was made.'),
    col('Tab', 'The tab the row belonged to.'),
    col('Row', 'The row as it was (JSON).'),
  ],
};

