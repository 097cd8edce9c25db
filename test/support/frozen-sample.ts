// The sample program as it was up to commit cf0d363 (blocks and students only), frozen for the
// matcher's optimality test: its optima were proven once with glpk.js and must not move when the
// sample program (src/core/sample-program.ts) is made richer. Every random draw is kept in its old
// order, names and emails included, so each seed gives exactly the old instance.
import { DEFAULT_SETTINGS, type Block, type Level, type Role, type Student, type SubjectLevel, type Weekday } from '../../src/core/model';
import { between, chance, pick, sample, seededRandom, type Random } from '../../src/core/random';
import type { MatchInput } from '../../src/core/matching';

const SUBJECTS = ['Math', 'Reading', 'Writing', 'Science', 'History', 'Spanish'];
const SLOTS = [
  { suffix: 'M', start: '07:45', end: '08:15', location: 'Library' },
  { suffix: 'L', start: '12:10', end: '12:40', location: 'Room 114' },
  { suffix: 'A', start: '15:15', end: '16:00', location: 'Library' },
];
const LEARNING = ['Visual', 'Auditory', 'Reading/Writing', 'Kinesthetic', '', ''] as const;

function frozenBlocks(random: Random): Block[] {
  const days: Weekday[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];
  const all = days.flatMap((day) =>
    SLOTS.map((slot) => ({ name: `${day}-${slot.suffix}`, day, start: slot.start, end: slot.end, location: slot.location })),
  );
  const kept = sample(random, all, between(random, 8, 12)).sort((a, b) => all.indexOf(a) - all.indexOf(b));
  return kept.map((block) => ({ ...block, capacity: chance(random, 0.3) ? between(random, 8, 20) : null }));
}

function levels(random: Random, subjects: string[], count: number, choices: Level[]): SubjectLevel[] {
  return sample(random, subjects, count).map((subject) => ({ subject, level: pick(random, choices) }));
}

function languages(random: Random): string[] {
  if (chance(random, 0.06)) return ['Spanish'];
  const spoken = ['English'];
  if (chance(random, 0.25)) spoken.push('Spanish');
  if (chance(random, 0.07)) spoken.push('Vietnamese');
  return spoken;
}

function availability(random: Random, blocks: Block[]): string[] {
  if (chance(random, 0.05)) return blocks.map((block) => block.name);
  const preferred = chance(random, 0.6) ? 'A' : pick(random, ['M', 'L']);
  const free = blocks.filter((block) => (block.name.endsWith(preferred) ? chance(random, 0.75) : chance(random, 0.2)));
  return (free.length ? free : [pick(random, blocks)]).map((block) => block.name);
}

function frozenStudent(random: Random, index: number, subjects: string[], blocks: Block[]): Student {
  const r = random();
  const role: Role = r < 0.4 ? 'Tutee' : r < 0.75 ? 'Tutor' : 'Both';
  const grade = role === 'Tutee' ? between(random, 6, 10) : between(random, 8, 12);
  const canTutor = role === 'Tutee' ? [] : levels(random, subjects, between(random, 1, 2), [3, 4, 4]);
  const tutored = new Set(canTutor.map((item) => item.subject));
  const needs = role === 'Tutor' ? [] : levels(random, subjects.filter((s) => !tutored.has(s)), chance(random, 0.25) ? 2 : 1, [1, 2, 2]);
  const tutors = role !== 'Tutee';
  random(); // the first name the sample drew
  random(); // and the last name
  const hasEmail = chance(random, 0.85);
  return {
    id: `S-${String(index + 1).padStart(4, '0')}`,
    name: `Student ${index + 1}`,
    email: hasEmail ? `student${index + 1}@school.example` : '',
    grade,
    role,
    canTutor,
    needsHelpWith: needs,
    languages: languages(random),
    learningPreference: pick(random, LEARNING),
    availability: availability(random, blocks),
    maxTutees: tutors && chance(random, 0.15) ? pick(random, [1, 3]) : null,
    consent: chance(random, 0.93) ? 'Yes' : pick(random, ['Pending', 'No'] as const),
    trained: tutors ? chance(random, 0.85) : false,
    active: chance(random, 0.97),
    requestedTutor: '',
    doNotPairWith: [],
  };
}

/** The old sample's blocks and students for `studentCount` and `seed`, with default settings and no pairs. */
export function frozenSampleInput(studentCount: number, seed: number): MatchInput {
  const random = seededRandom(seed);
  const blocks = frozenBlocks(random);
  const subjects = SUBJECTS.slice(0, between(random, 4, 6));
  const students = Array.from({ length: studentCount }, (_, i) => frozenStudent(random, i, subjects, blocks));
  return { settings: DEFAULT_SETTINGS, blocks, students, pairs: [] };
}
