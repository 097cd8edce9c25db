// A realistic, deterministic sample program: what a middle/high school roster looks like, with the
// untidy parts a real one has (missing consents, untrained tutors, partial availability, inactive
// students). It is also a demonstration of the matcher, so it is deliberately short of tutors in
// places: some subjects have fewer tutors than needs, a few lunch blocks hold only a few pairs, and
// a few students ask for a tutor or must be kept apart. The waitlist then shows why a need could not
// be placed, not only missing consents.
import {
  DEFAULT_SETTINGS,
  type Block,
  type LearningPreference,
  type Level,
  type LocalDate,
  type Role,
  type Settings,
  type Student,
  type SubjectLevel,
  type Weekday,
} from './model';
import { between, chance, pick, sample, seededRandom, type Random } from './random';
import { addDays, isLocalDate, weekdayIndex } from './time';

export { seededRandom };

/** Fisher–Yates, in place. */
function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Draws one item with probability proportional to its weight. */
function weightedPick<T>(random: Random, items: readonly T[], weightOf: (item: T) => number): T {
  const total = items.reduce((sum, item) => sum + weightOf(item), 0);
  let r = random() * total;
  for (const item of items) {
    r -= weightOf(item);
    if (r < 0) return item;
  }
  return items[items.length - 1];
}

export const SAMPLE_TIMEZONE = 'America/Chicago';
/** The default program date: its term (2027-01-11 to 2027-05-28) is the one the sample always had. */
export const SAMPLE_TODAY: LocalDate = '2027-02-08';

// Names and the student-to-student lists each draw from their own stream (seed + salt), so changing
// how one of them is drawn leaves the rest of a seed's roster as it was.
const NAME_SALT = 0x4e41;
const RELATION_SALT = 0x5245;

const FIRST_NAMES = [
  'Ana', 'Ben', 'Chloe', 'Dmitri', 'Elif', 'Farah', 'Gabriel', 'Hana', 'Ibrahim', 'Jada', 'Kenji', 'Lucia', 'Malik',
  'Nora', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Samuel', 'Thao', 'Uma', 'Victor', 'Wen', 'Ximena', 'Yusuf', 'Zoe',
  'Amara', 'Diego', 'Esther', 'Felix', 'Grace', 'Hugo', 'Isla', 'Javier', 'Leila', 'Mateo', 'Naomi', 'Oscar',
  'Sofia', 'Tariq',
];
const LAST_NAMES = [
  'Ruiz', 'Nguyen', 'Okafor', 'Schmidt', 'Haddad', 'Kim', 'Garcia', 'Patel', 'Johnson', 'Silva', 'Cohen', 'Ito',
  'Moreau', 'Novak', 'Rahman', 'Lopez', 'Walker', 'Tran', 'Adeyemi', 'Larsen', 'Baker', 'Chen', 'Diallo', 'Evans',
  'Fischer', 'Hughes', 'Kowalski', 'Mendoza', 'Osei', 'Reyes',
];
const INITIALS = 'ABCDEFGHIJKLMNOPRSTVW'.split('');

/**
 * The names of round `round`: first + last, then with a middle initial, and past that (over 26,000
 * students) with a number as well, so that every round is new names.
 */
function namesOfRound(round: number): string[] {
  const middles = round === 0 ? [''] : INITIALS.map((initial) => ` ${initial}.`);
  const suffix = round >= 2 ? ` ${round}` : '';
  return FIRST_NAMES.flatMap((first) => middles.flatMap((middle) => LAST_NAMES.map((last) => `${first}${middle} ${last}${suffix}`)));
}

/** `count` distinct names: plain first + last names while they last, in a seeded order. */
function uniqueNames(random: Random, count: number): string[] {
  const names: string[] = [];
  for (let round = 0; names.length < count; round++) {
    names.push(...shuffle(random, namesOfRound(round)).slice(0, count - names.length));
  }
  return names;
}

/**
 * What each subject looks like at this school. Demand and supply are relative shares of needs and of
 * tutors' offers; where supply is well below demand the subject runs short of tutors.
 */
interface SubjectProfile {
  name: string;
  demand: number;
  supply: number;
  /** Levels tutors have (Min tutor level is 3) and levels tutees bring. */
  tutorLevels: Level[];
  needLevels: Level[];
  /** Lowest grade that takes the subject. */
  fromGrade: number;
  /** Tutors of this subject are new this term and not trained yet. */
  newTutors?: boolean;
}

const SUBJECTS: SubjectProfile[] = [
  { name: 'Math', demand: 30, supply: 30, tutorLevels: [3, 4, 4], needLevels: [1, 2, 2], fromGrade: 6 },
  { name: 'Reading', demand: 12, supply: 14, tutorLevels: [3, 4], needLevels: [1, 2], fromGrade: 6 },
  { name: 'Writing', demand: 14, supply: 14, tutorLevels: [3, 4], needLevels: [1, 2, 2], fromGrade: 6 },
  // Everyone takes science, few are confident enough to tutor it: its tutors fill up.
  { name: 'Science', demand: 18, supply: 8, tutorLevels: [3, 4], needLevels: [1, 2], fromGrade: 6 },
  { name: 'Spanish', demand: 8, supply: 8, tutorLevels: [3, 4, 4], needLevels: [1, 2, 3], fromGrade: 6 },
  // Chemistry tutors took it last year and are proficient, none advanced: proficient tutees wait.
  { name: 'Chemistry', demand: 6, supply: 5, tutorLevels: [3], needLevels: [2, 3], fromGrade: 10 },
  // Computer Science tutors signed up this term; their training is still ahead.
  { name: 'Computer Science', demand: 3, supply: 3, tutorLevels: [3, 4], needLevels: [1, 2], fromGrade: 9, newTutors: true },
];

const LEARNING: readonly (LearningPreference | '')[] = ['Visual', 'Auditory', 'Reading/Writing', 'Kinesthetic', '', ''];

type Slot = 'M' | 'L' | 'A';

const SLOT_TIMES: Record<Slot, { start: string; end: string; location: string }> = {
  M: { start: '07:45', end: '08:15', location: 'Library' },
  L: { start: '12:10', end: '12:40', location: 'Room 114' },
  A: { start: '15:15', end: '16:00', location: 'Library' },
};
const slotOf = (block: Block) => block.name.slice(-1) as Slot;

/**
 * After school every day (Friday only some years) and a few mornings and lunches. Lunch meets in a
 * small room, which is where block Capacity binds; some mornings have one supervisor for a limited
 * number of pairs. Limits grow with the roster so that a large sample is short in the same way.
 */
function sampleBlocks(random: Random, studentCount: number): Block[] {
  const days: Weekday[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];
  const mornings = new Set(sample(random, days, between(random, 2, 3)));
  const lunches = new Set(sample(random, days, between(random, 2, 3)));
  const fridayAfternoon = chance(random, 0.5);
  const lunchRoom = Math.max(3, Math.round(studentCount / 30));
  const block = (day: Weekday, slot: Slot, capacity: number | null): Block => ({ name: `${day}-${slot}`, day, ...SLOT_TIMES[slot], capacity });
  return days.flatMap((day) => {
    const blocks: Block[] = [];
    if (mornings.has(day)) blocks.push(block(day, 'M', chance(random, 0.5) ? lunchRoom * 3 : null));
    if (lunches.has(day)) blocks.push(block(day, 'L', lunchRoom));
    if (day !== 'Fri' || fridayAfternoon) blocks.push(block(day, 'A', null));
    return blocks;
  });
}

function sampleRole(random: Random): Role {
  const r = random();
  return r < 0.42 ? 'Tutee' : r < 0.74 ? 'Tutor' : 'Both';
}

/** Middle schoolers are tutored; high schoolers tutor; some 8th–11th graders do both. */
function sampleGrade(random: Random, role: Role): number {
  if (role === 'Tutee') return between(random, 6, 10);
  return role === 'Tutor' ? between(random, 9, 12) : between(random, 8, 11);
}

function sampleLanguages(random: Random): string[] {
  if (chance(random, 0.06)) return ['Spanish'];
  const languages = ['English'];
  if (chance(random, 0.25)) languages.push('Spanish');
  if (chance(random, 0.07)) languages.push('Vietnamese');
  return languages;
}

/**
 * Students keep to a routine: most are free after school, others at lunch or mornings. Bus riders
 * and students with practice after school are free only at lunch, where rooms are small.
 */
function sampleAvailability(random: Random, blocks: Block[]): string[] {
  if (chance(random, 0.05)) return blocks.map((block) => block.name);
  const lunches = blocks.filter((block) => slotOf(block) === 'L');
  if (chance(random, 0.06)) return sample(random, lunches, between(random, 1, 2)).map((block) => block.name);
  const preferred: Slot = chance(random, 0.6) ? 'A' : pick(random, ['M', 'L'] as const);
  const free = blocks.filter((block) => (slotOf(block) === preferred ? chance(random, 0.75) : chance(random, 0.2)));
  return (free.length ? free : [pick(random, blocks)]).map((block) => block.name);
}

/** `count` different subjects taught in `grade`, drawn by `weightOf`, skipping `excluded` ones. */
function sampleSubjects(random: Random, grade: number, count: number, weightOf: (s: SubjectProfile) => number, excluded: Set<string>): SubjectProfile[] {
  let pool = SUBJECTS.filter((s) => grade >= s.fromGrade && !excluded.has(s.name));
  const chosen: SubjectProfile[] = [];
  while (chosen.length < count && pool.length) {
    const subject = weightedPick(random, pool, weightOf);
    chosen.push(subject);
    pool = pool.filter((s) => s !== subject);
  }
  return chosen;
}

function sampleStudent(random: Random, index: number, blocks: Block[]): Student {
  const role = sampleRole(random);
  const grade = sampleGrade(random, role);
  const offers = role === 'Tutee' ? [] : sampleSubjects(random, grade, between(random, 1, 2), (s) => s.supply, new Set());
  const needs = role === 'Tutor' ? [] : sampleSubjects(random, grade, chance(random, 0.25) ? 2 : 1, (s) => s.demand, new Set(offers.map((s) => s.name)));
  const canTutor: SubjectLevel[] = offers.map((s) => ({ subject: s.name, level: pick(random, s.tutorLevels) }));
  const tutors = role !== 'Tutee';
  return {
    id: `S-${String(index + 1).padStart(4, '0')}`,
    name: '',
    email: chance(random, 0.85) ? `student${index + 1}@school.example` : '',
    grade,
    role,
    canTutor,
    needsHelpWith: needs.map((s) => ({ subject: s.name, level: pick(random, s.needLevels) })),
    languages: sampleLanguages(random),
    learningPreference: pick(random, LEARNING),
    availability: sampleAvailability(random, blocks),
    maxTutees: tutors && chance(random, 0.15) ? pick(random, [1, 3]) : null,
    consent: chance(random, 0.94) ? 'Yes' : pick(random, ['Pending', 'No'] as const),
    trained: tutors && !offers.some((s) => s.newTutors) && chance(random, 0.88),
    active: chance(random, 0.97),
    requestedTutor: '',
    doNotPairWith: [],
  };
}

/** Tutors by the subjects they offer. */
function tutorsBySubject(students: Student[]): Map<string, Student[]> {
  const bySubject = new Map<string, Student[]>();
  for (const tutor of students) {
    for (const offer of tutor.canTutor) {
      const list = bySubject.get(offer.subject);
      if (list) list.push(tutor);
      else bySubject.set(offer.subject, [tutor]);
    }
  }
  return bySubject;
}

/**
 * A tutor who could take one of the student's needs: the subject at a higher level and a shared
 * block (other rules may still fail). Found by trying a few at random, which keeps a 10,000-student
 * sample fast; null when none of the tries fits.
 */
function fittingTutor(random: Random, student: Student, bySubject: Map<string, Student[]>): Student | null {
  const free = new Set(student.availability);
  for (let attempt = 0; attempt < 20; attempt++) {
    const need = pick(random, student.needsHelpWith);
    const candidates = bySubject.get(need.subject) ?? [];
    if (candidates.length === 0) continue;
    const tutor = pick(random, candidates);
    const level = tutor.canTutor.find((offer) => offer.subject === need.subject)!.level;
    if (tutor !== student && level > need.level && tutor.availability.some((block) => free.has(block))) return tutor;
  }
  return null;
}

/**
 * Some tutees ask for a tutor: mostly one who tutors their subject when they are free (a friend, a
 * sibling), else any tutor they know, whom the rules may not allow. A few must not be paired with a
 * student who could tutor them. Every ID is on the roster.
 */
function addRelations(random: Random, students: Student[]): void {
  const tutors = students.filter((student) => student.role !== 'Tutee');
  if (tutors.length === 0) return; // a tiny sample may have no one to ask for
  const bySubject = tutorsBySubject(tutors);
  for (const student of students) {
    if (student.role === 'Tutor') continue;
    if (chance(random, 0.1)) {
      const requested = (chance(random, 0.7) && fittingTutor(random, student, bySubject)) || pick(random, tutors);
      if (requested !== student) student.requestedTutor = requested.id;
    }
    if (chance(random, 0.05)) {
      const avoided = fittingTutor(random, student, bySubject);
      if (avoided && avoided.id !== student.requestedTutor) student.doNotPairWith = [avoided.id];
    }
  }
}

/**
 * The term around `today`: it started on the Monday about four weeks ago and lasts 20 weeks, so a
 * sample made today is always mid-term. One day off and a one-week break both lie ahead.
 */
function sampleTerm(today: LocalDate): Pick<Settings, 'termStart' | 'termEnd' | 'noSchoolDates'> {
  if (!isLocalDate(today)) throw new Error(`the sample's date should be a date like 2027-02-08, not "${today}"`);
  const fourWeeksAgo = addDays(today, -28);
  const termStart = addDays(fourWeeksAgo, -weekdayIndex(fourWeeksAgo));
  const day = (week: number, weekday = 0) => addDays(termStart, week * 7 + weekday);
  return {
    termStart,
    termEnd: day(19, 4),
    noSchoolDates: [
      { from: day(6), to: day(6) },
      { from: day(9), to: day(9, 4) },
    ],
  };
}

export interface SampleProgram {
  settings: Settings;
  blocks: Block[];
  students: Student[];
}

/** `studentCount` students; the same seed and date always give the same program. */
export function sampleProgram(studentCount: number, seed = 1, today: LocalDate = SAMPLE_TODAY): SampleProgram {
  const random = seededRandom(seed);
  const blocks = sampleBlocks(random, studentCount);
  const students = Array.from({ length: studentCount }, (_, i) => sampleStudent(random, i, blocks));
  const names = uniqueNames(seededRandom(seed + NAME_SALT), studentCount);
  students.forEach((student, i) => (student.name = names[i]));
  addRelations(seededRandom(seed + RELATION_SALT), students);
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    programName: 'Lincoln Middle & High Peer Tutoring',
    timezone: SAMPLE_TIMEZONE,
    ...sampleTerm(today),
  };
  return { settings, blocks, students };
}
