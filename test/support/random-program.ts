// Random tutoring programs for property tests and benchmarks: a seed gives the same program.
// `clashFree` builds programs where block clashes cannot arise (one need per tutee, no Both,
// each tutor one block, no block capacity), so the placed count must equal a maximum matching.
import { DEFAULT_SETTINGS, type Block, type Level, type Pair, type Role, type Student, type Weekday } from '../../src/core/model';
import type { MatchInput, PairKey } from '../../src/core/matching';
import { seededRandom } from '../../src/core/sample-program';

export interface RandomProgramOptions {
  students: number;
  clashFree?: boolean;
  blocks?: number;
  subjects?: number;
}

const SUBJECTS = ['Math', 'Reading', 'Science', 'History', 'Spanish', 'Writing'];
const LANGUAGES = ['English', 'Spanish', 'Vietnamese'];
const DAYS: Weekday[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];

export function randomProgram(seed: number, options: RandomProgramOptions): MatchInput {
  const random = seededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const some = <T>(items: readonly T[], count: number) => [...items].sort(() => random() - 0.5).slice(0, count);
  const clashFree = options.clashFree ?? false;
  const blocks: Block[] = Array.from({ length: options.blocks ?? int(2, 6) }, (_, i) => ({
    name: `${DAYS[i % 5]}-${String.fromCharCode(65 + Math.floor(i / 5))}`,
    day: DAYS[i % 5],
    start: '15:00',
    end: '15:45',
    location: 'Library',
    capacity: clashFree || random() < 0.6 ? null : int(0, 4),
  }));
  const subjects = SUBJECTS.slice(0, options.subjects ?? int(1, 4));
  const ids = Array.from({ length: options.students }, (_, i) => `S-${String(i + 1).padStart(3, '0')}`);
  const students: Student[] = ids.map((id) => {
    const role: Role = clashFree ? pick(['Tutor', 'Tutee'] as const) : pick(['Tutor', 'Tutee', 'Both'] as const);
    const teaches = role === 'Tutee' ? [] : some(subjects, int(1, 2)).map((subject) => ({ subject, level: int(2, 4) as Level }));
    const needCount = role === 'Tutor' ? 0 : clashFree ? 1 : int(1, 2);
    const needs = some(subjects, needCount).map((subject) => ({ subject, level: int(1, 3) as Level }));
    const availability = role !== 'Tutee' && clashFree ? [pick(blocks).name] : some(blocks, int(1, blocks.length)).map((b) => b.name);
    return {
      id,
      name: `Student ${id}`,
      email: '',
      grade: int(6, 12),
      role,
      canTutor: teaches,
      needsHelpWith: needs,
      languages: random() < 0.15 ? [pick(LANGUAGES)] : some(LANGUAGES, int(1, 2)),
      learningPreference: pick(['Visual', 'Auditory', 'Reading/Writing', 'Kinesthetic', ''] as const),
      availability: random() < 0.05 ? [...availability, 'Nope-Z'] : availability,
      maxTutees: random() < 0.3 ? int(0, 3) : null,
      consent: random() < 0.9 ? 'Yes' : pick(['No', 'Pending'] as const),
      trained: random() < 0.85,
      active: random() < 0.95,
      requestedTutor: random() < 0.1 ? pick(ids) : '',
      doNotPairWith: random() < 0.1 ? [pick(ids)] : [],
    };
  });
  const settings = { ...DEFAULT_SETTINGS, minTutorLevel: pick([2, 3] as const), requireTraining: random() < 0.7, maxTuteesPerTutor: int(1, 3) };
  return { students, blocks, settings, pairs: randomHistory(random, ids, subjects, blocks), excluded: randomExclusions(random, ids, subjects) };
}

/** Ended pairs (history) and a few stale active ones; locked pairs are added by the tests that need them. */
function randomHistory(random: () => number, ids: string[], subjects: string[], blocks: Block[]): Pair[] {
  const pairs: Pair[] = [];
  const count = Math.floor(random() * Math.min(6, ids.length));
  for (let i = 0; i < count; i++) {
    pairs.push({
      pairId: `P-${i + 1}`,
      tutorId: ids[Math.floor(random() * ids.length)],
      tuteeId: ids[Math.floor(random() * ids.length)],
      subject: subjects[Math.floor(random() * subjects.length)],
      block: blocks[Math.floor(random() * blocks.length)].name,
      status: random() < 0.5 ? 'Ended' : random() < 0.5 ? 'Active' : 'Paused',
      locked: false,
      score: 0,
      why: '',
      startDate: null,
      endDate: null,
    });
  }
  return pairs;
}

function randomExclusions(random: () => number, ids: string[], subjects: string[]): PairKey[] {
  return random() < 0.3 ? [{ tutorId: ids[0], tuteeId: ids[ids.length - 1], subject: subjects[0] }] : [];
}
