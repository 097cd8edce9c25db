// The tabs of the program database and their columns: the contract in shared/program-database.md.
// Headers are matched by name (case and spacing ignored), never by position.
import {
  CONSENTS,
  LEARNING_PREFERENCES,
  PAIR_STATUSES,
  ROLES,
  SESSION_STATUSES,
  WEEKDAYS,
} from '../core/model';

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
    col('Start', 'Start time, HH:MM (24-hour), e.g. 15:00.'),
    col('End', 'End time, HH:MM (24-hour), after Start.'),
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
    col('Status', 'Editable: Proposed, Trial, Active, Paused or Ended.', { dropdown: PAIR_STATUSES }),
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
  ],
};

/** Every tab of the contract, in the order Set up program creates them. */
export const CONTRACT_TABS: TabSpec[] = [SETTINGS_TAB, BLOCKS_TAB, STUDENTS_TAB, PAIRS_TAB, WAITLIST_TAB, SESSIONS_TAB];

/** Normalises a header for matching: case and surrounding/inner spacing ignored. */
export function headerKey(header: unknown): string {
  return String(header).trim().replace(/\s+/g, ' ').toLowerCase();
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
