// A realistic, deterministic sample program: what a middle/high school roster looks like, with the
// untidy parts a real one has (missing consents, untrained tutors, partial availability).
import {
  DEFAULT_SETTINGS,
  type Block,
  type LearningPreference,
  type Level,
  type Role,
  type Settings,
  type Student,
  type SubjectLevel,
  type Weekday,
} from './model';

/** Small seeded PRNG (mulberry32): the same seed always gives the same program. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const chance = (random: Random, p: number) => random() < p;
const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

function sample<T>(random: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return chosen;
}

const FIRST_NAMES = [
  'Ana', 'Ben', 'Chloe', 'Dmitri', 'Elif', 'Farah', 'Gabriel', 'Hana', 'Ibrahim', 'Jada', 'Kenji', 'Lucia', 'Malik',
  'Nora', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Samuel', 'Thao', 'Uma', 'Victor', 'Wen', 'Ximena', 'Yusuf', 'Zoe',
];
const LAST_NAMES = [
  'Ruiz', 'Nguyen', 'Okafor', 'Schmidt', 'Haddad', 'Kim', 'Garcia', 'Patel', 'Johnson', 'Silva', 'Cohen', 'Ito',
  'Moreau', 'Novak', 'Rahman', 'Lopez', 'Walker', 'Tran', 'Adeyemi', 'Larsen',
];
const SUBJECTS = ['Math', 'Reading', 'Writing', 'Science', 'History', 'Spanish'];
const SLOTS = [
  { suffix: 'M', start: '07:45', end: '08:15', location: 'Library' },
  { suffix: 'L', start: '12:10', end: '12:40', location: 'Room 114' },
  { suffix: 'A', start: '15:15', end: '16:00', location: 'Library' },
];
const LEARNING: readonly (LearningPreference | '')[] = ['Visual', 'Auditory', 'Reading/Writing', 'Kinesthetic', '', ''];

function sampleBlocks(random: Random): Block[] {
  const days: Weekday[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];
  const all = days.flatMap((day) =>
    SLOTS.map((slot) => ({ name: `${day}-${slot.suffix}`, day, start: slot.start, end: slot.end, location: slot.location })),
  );
  const kept = sample(random, all, between(random, 8, 12)).sort((a, b) => all.indexOf(a) - all.indexOf(b));
  return kept.map((block) => ({ ...block, capacity: chance(random, 0.3) ? between(random, 8, 20) : null }));
}

function sampleLevels(random: Random, subjects: string[], count: number, levels: Level[]): SubjectLevel[] {
  return sample(random, subjects, count).map((subject) => ({ subject, level: pick(random, levels) }));
}

function sampleRole(random: Random): Role {
  const r = random();
  return r < 0.4 ? 'Tutee' : r < 0.75 ? 'Tutor' : 'Both';
}

function sampleLanguages(random: Random): string[] {
  if (chance(random, 0.06)) return ['Spanish'];
  const languages = ['English'];
  if (chance(random, 0.25)) languages.push('Spanish');
  if (chance(random, 0.07)) languages.push('Vietnamese');
  return languages;
}

/** Students keep to a routine: most are free either after school or at lunch and mornings. */
function sampleAvailability(random: Random, blocks: Block[]): string[] {
  if (chance(random, 0.05)) return blocks.map((block) => block.name);
  const preferred = chance(random, 0.6) ? 'A' : pick(random, ['M', 'L']);
  const free = blocks.filter((block) => block.name.endsWith(preferred) ? chance(random, 0.75) : chance(random, 0.2));
  return (free.length ? free : [pick(random, blocks)]).map((block) => block.name);
}

function sampleStudent(random: Random, index: number, subjects: string[], blocks: Block[]): Student {
  const role = sampleRole(random);
  const grade = role === 'Tutee' ? between(random, 6, 10) : between(random, 8, 12);
  const canTutor = role === 'Tutee' ? [] : sampleLevels(random, subjects, between(random, 1, 2), [3, 4, 4]);
  const tutored = new Set(canTutor.map((item) => item.subject));
  const needs = role === 'Tutor' ? [] : sampleLevels(random, subjects.filter((s) => !tutored.has(s)), chance(random, 0.25) ? 2 : 1, [1, 2, 2]);
  const tutors = role !== 'Tutee';
  return {
    id: `S-${String(index + 1).padStart(4, '0')}`,
    name: `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`,
    email: chance(random, 0.85) ? `student${index + 1}@school.example` : '',
    grade,
    role,
    canTutor,
    needsHelpWith: needs,
    languages: sampleLanguages(random),
    learningPreference: pick(random, LEARNING),
    availability: sampleAvailability(random, blocks),
    maxTutees: tutors && chance(random, 0.15) ? pick(random, [1, 3]) : null,
    consent: chance(random, 0.93) ? 'Yes' : pick(random, ['Pending', 'No'] as const),
    trained: tutors ? chance(random, 0.85) : false,
    active: chance(random, 0.97),
    requestedTutor: '',
    doNotPairWith: [],
  };
}

export interface SampleProgram {
  settings: Settings;
  blocks: Block[];
  students: Student[];
}

export function sampleProgram(studentCount: number, seed = 1): SampleProgram {
  const random = seededRandom(seed);
  const blocks = sampleBlocks(random);
  const subjects = SUBJECTS.slice(0, between(random, 4, 6));
  const students = Array.from({ length: studentCount }, (_, i) => sampleStudent(random, i, subjects, blocks));
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    programName: 'Lincoln Middle & High Peer Tutoring',
    timezone: 'America/Chicago',
    termStart: '2027-01-11',
    termEnd: '2027-05-28',
    noSchoolDates: [
      { from: '2027-01-18', to: '2027-01-18' },
      { from: '2027-03-15', to: '2027-03-19' },
    ],
  };
  return { settings, blocks, students };
}
