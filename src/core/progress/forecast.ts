// Supply and demand: per subject and block, the tutees placed, those waiting who are free then, and the
// tutor places to spare; and for each subject with tutees waiting, a recruiting recommendation computed
// by the matcher itself: it is run with imagined new tutors (able to tutor the subject at the top level,
// free in the blocks most waiting tutees share) beside the real ones, every current pair kept, and the
// recommendation says how many of those tutors it used and how many more tutees it placed.
import { matchStudents } from '../matching';
import { subjectKey, type Block, type Pair, type Settings, type Student } from '../model';

export interface ForecastRow {
  subject: string;
  block: string;
  /** Pairs meeting (Proposed, Trial or Active) in this subject and block. */
  placed: number;
  /** Waitlisted tutees of this subject who are free in this block (a tutee free in two blocks counts in both). */
  waiting: number;
  /** Tutors of this subject free in this block with room for another tutee. */
  spare: number;
}

export interface Recommendation {
  subject: string;
  /** Imagined tutors the matcher used. */
  tutors: number;
  blocks: string[];
  waiting: number;
  /** Tutees the matcher placed with those tutors that it could not place without them. */
  placed: number;
  text: string;
}

export interface Forecast {
  rows: ForecastRow[];
  recommendations: Recommendation[];
  /** Subjects nobody waits for whose tutors have room: "Science has 4 spare tutor places (Mon-A)". */
  spare: { subject: string; places: number; blocks: string[]; text: string }[];
  /** Per waiting need (`studentId|subject key`): what would place it, when an imagined tutor did. */
  wouldPlace: Map<string, string>;
}

export interface ForecastInput {
  students: Student[];
  blocks: Block[];
  settings: Settings;
  pairs: Pair[];
  /** The Waitlist tab's needs. */
  waitlist: { studentId: string; subject: string }[];
}

/** Prefix of the imagined tutors' IDs (never a real Student ID: it has a space). */
const IMAGINED = 'new tutor ';
const placedStatus = (pair: Pair) => pair.status === 'Active' || pair.status === 'Trial' || pair.status === 'Proposed';
export const needId = (studentId: string, subject: string) => `${studentId}|${subjectKey(subject)}`;

export function forecastOf(input: ForecastInput): Forecast {
  const placed = input.pairs.filter(placedStatus);
  const byId = new Map(input.students.map((student) => [student.id, student] as [string, Student]));
  const placedNeeds = new Set(placed.map((pair) => needId(pair.tuteeId, pair.subject)));
  // The tab may be older than the pairs: a need placed since is not waiting.
  const waiting = input.waitlist.filter((need) => byId.has(need.studentId) && !placedNeeds.has(needId(need.studentId, need.subject)));
  const subjects = subjectNames(input, placed, waiting);
  const busy = new Set(placed.flatMap((pair) => [`${pair.tutorId}|${pair.block}`, `${pair.tuteeId}|${pair.block}`]));
  const load = countBy(placed.map((pair) => pair.tutorId));
  const pairsInBlock = countBy(placed.map((pair) => pair.block));
  const rows: ForecastRow[] = [];
  const spare: Forecast['spare'] = [];
  for (const [key, subject] of subjects) {
    const tutors = input.students.filter((s) => canTutorNow(s, key, input.settings) && (load.get(s.id) ?? 0) < capacityOf(s, input.settings));
    const waitingHere = waiting.filter((need) => subjectKey(need.subject) === key).map((need) => byId.get(need.studentId)!);
    for (const block of input.blocks) {
      const room = block.capacity === null ? Infinity : Math.max(0, block.capacity - (pairsInBlock.get(block.name) ?? 0));
      const row = {
        subject,
        block: block.name,
        placed: placed.filter((pair) => subjectKey(pair.subject) === key && pair.block === block.name).length,
        waiting: waitingHere.filter((tutee) => tutee.availability.includes(block.name)).length,
        spare: Math.min(room, tutors.filter((t) => t.availability.includes(block.name) && !busy.has(`${t.id}|${block.name}`)).length),
      };
      if (row.placed || row.waiting || row.spare) rows.push(row);
    }
    if (waitingHere.length === 0) {
      const free = tutors.filter((t) => t.availability.some((b) => !busy.has(`${t.id}|${b}`)));
      const places = free.reduce((sum, t) => sum + capacityOf(t, input.settings) - (load.get(t.id) ?? 0), 0);
      const blocks = input.blocks.filter((b) => rows.some((r) => r.subject === subject && r.block === b.name && r.spare > 0)).map((b) => b.name);
      if (places > 0) spare.push({ subject, places, blocks, text: `${subject} has ${places} spare tutor place${places === 1 ? '' : 's'}${blocks.length ? ` (${blocks.join(', ')})` : ''}` });
    }
  }
  const wouldPlace = new Map<string, string>();
  const recommendations = subjects.flatMap(([key, subject]) => {
    const found = recommend(input, subject, key, waiting, placed, pairsInBlock, wouldPlace);
    return found ? [found] : [];
  });
  return { rows, recommendations, spare, wouldPlace };
}

function subjectNames(input: ForecastInput, placed: Pair[], waiting: { subject: string }[]): [string, string][] {
  const names = new Map<string, string>();
  const add = (subject: string) => {
    if (subject.trim() && !names.has(subjectKey(subject))) names.set(subjectKey(subject), subject.trim());
  };
  placed.forEach((pair) => add(pair.subject));
  waiting.forEach((need) => add(need.subject));
  for (const student of input.students) {
    for (const can of student.canTutor) if (canTutorNow(student, subjectKey(can.subject), input.settings)) add(can.subject);
  }
  return [...names.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function capacityOf(student: Student, settings: Settings): number {
  return Math.max(0, Math.floor(student.maxTutees ?? settings.maxTuteesPerTutor));
}

/** A tutor the matcher may use for this subject (hard rule 1 and the level floor of rule 2). */
function canTutorNow(student: Student, key: string, settings: Settings): boolean {
  if (student.role === 'Tutee' || !student.active || student.consent !== 'Yes' || (settings.requireTraining && !student.trained)) return false;
  return student.canTutor.some((s) => subjectKey(s.subject) === key && s.level >= settings.minTutorLevel);
}

function countBy(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/**
 * The blocks to recruit for: the one most waiting tutees are free in, then the one that adds the most
 * tutees not yet covered (two at most, so the advice stays one a teacher can act on).
 */
function blocksToRecruitFor(tutees: Student[], blocks: Block[], busy: ReadonlySet<string>): string[] {
  const chosen: string[] = [];
  const covered = new Set<string>();
  const free = (t: Student, block: string) => t.availability.includes(block) && !busy.has(`${t.id}|${block}`);
  for (let round = 0; round < 2; round++) {
    let best: { name: string; adds: number } | null = null;
    for (const block of blocks) {
      if (chosen.includes(block.name)) continue;
      const adds = tutees.filter((t) => !covered.has(t.id) && free(t, block.name)).length;
      if (adds > 0 && (!best || adds > best.adds)) best = { name: block.name, adds };
    }
    if (!best) break;
    chosen.push(best.name);
    tutees.filter((t) => free(t, best!.name)).forEach((t) => covered.add(t.id));
  }
  return chosen;
}

/**
 * Runs the matcher on this subject's part of the program — its waiting tutees, its tutors with room,
 * every pair of theirs kept as it is, block capacities less the other pairs — once as it is and once
 * with imagined tutors; the difference is what recruiting them would place.
 */
function recommend(
  input: ForecastInput,
  subject: string,
  key: string,
  waiting: { studentId: string; subject: string }[],
  placed: Pair[],
  pairsInBlock: Map<string, number>,
  wouldPlace: Map<string, string>,
): Recommendation | null {
  const byId = new Map(input.students.map((student) => [student.id, student] as [string, Student]));
  const tutees = waiting.filter((need) => subjectKey(need.subject) === key).map((need) => byId.get(need.studentId)!);
  if (tutees.length === 0) return null;
  const busy = new Set(placed.flatMap((pair) => [`${pair.tutorId}|${pair.block}`, `${pair.tuteeId}|${pair.block}`]));
  const blocks = blocksToRecruitFor(tutees, input.blocks, busy);
  if (blocks.length === 0) return null; // nobody waiting is free in any block: no tutor would help
  const only = (s: Student, role: 'tutor' | 'tutee'): Student =>
    role === 'tutor'
      ? { ...s, role: 'Tutor', needsHelpWith: [], canTutor: s.canTutor.filter((c) => subjectKey(c.subject) === key) }
      : { ...s, role: 'Tutee', canTutor: [], needsHelpWith: s.needsHelpWith.filter((c) => subjectKey(c.subject) === key) };
  const tuteeIds = new Set(tutees.map((t) => t.id));
  const tutors = input.students.filter((s) => !tuteeIds.has(s.id) && canTutorNow(s, key, input.settings)).map((s) => only(s, 'tutor'));
  const members = new Set([...tuteeIds, ...tutors.map((t) => t.id)]);
  const kept = placed.filter((pair) => members.has(pair.tutorId) || members.has(pair.tuteeId)).map((pair) => ({ ...pair, locked: true }));
  const keptInBlock = countBy(kept.map((pair) => pair.block));
  // The other pairs still take their places in each block.
  const blocksLeft = input.blocks.map((b) => (b.capacity === null ? b : { ...b, capacity: Math.max(0, b.capacity - ((pairsInBlock.get(b.name) ?? 0) - (keptInBlock.get(b.name) ?? 0))) }));
  const students = [...tutees.map((t) => only(t, 'tutee')), ...tutors];
  const base = { blocks: blocksLeft, settings: input.settings, pairs: kept };
  const placedIn = (result: ReturnType<typeof matchStudents>) => result.pairs.filter((pair) => !pair.locked && tuteeIds.has(pair.tuteeId));
  const now = placedIn(matchStudents({ ...base, students })).length;
  const topGrade = Math.max(...tutees.map((t) => t.grade));
  // A tutee who speaks one language only needs a tutor who speaks it: the new tutors speak them all.
  const languages = [...new Set(tutees.flatMap((t) => t.languages))];
  const imagined = (count: number) => Array.from({ length: count }, (_, i): Student => ({
    id: `${IMAGINED}${i + 1}`, name: `New ${subject} tutor ${i + 1}`, email: '', grade: topGrade + 1, role: 'Tutor',
    canTutor: [{ subject, level: 4 }], needsHelpWith: [], languages, learningPreference: '', availability: blocks,
    maxTutees: null, consent: 'Yes', trained: true, active: true, requestedTutor: '', doNotPairWith: [],
  }));
  const runWith = (count: number) => placedIn(matchStudents({ ...base, students: [...students, ...imagined(count)] }));
  // Enough new tutors for every waiting tutee (a tutor meets one tutee a block), then the fewest that
  // place as many: the matcher spreads tutees over tutors, so it may use more than it needs.
  const enough = Math.ceil(tutees.length / Math.max(1, Math.min(input.settings.maxTuteesPerTutor, blocks.length)));
  let withNew = runWith(enough);
  let low = 1;
  let high = new Set(withNew.filter((pair) => pair.tutorId.startsWith(IMAGINED)).map((pair) => pair.tutorId)).size;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const tried = runWith(middle);
    if (tried.length >= withNew.length) {
      withNew = tried;
      high = middle;
    } else low = middle + 1;
  }
  const used = new Set(withNew.filter((pair) => pair.tutorId.startsWith(IMAGINED)).map((pair) => pair.tutorId)).size;
  const gained = withNew.length - now;
  const where = blocks.join(' or ');
  for (const pair of withNew) {
    if (pair.tutorId.startsWith(IMAGINED)) wouldPlace.set(needId(pair.tuteeId, subject), `a new ${subject} tutor free in ${pair.block}`);
  }
  const waitingText = `${tutees.length} tutee${tutees.length === 1 ? ' is' : 's are'} waiting`;
  if (used === 0 || gained <= 0) {
    const text = now > 0
      ? `${subject}: ${waitingText}; ${now} could be placed now by matching again`
      : `${subject}: ${waitingText}; new tutors free in ${where} would not place them (see each one's waitlist reason)`;
    return { subject, tutors: 0, blocks, waiting: tutees.length, placed: 0, text };
  }
  const text = `Recruit ${used} ${subject} tutor${used === 1 ? '' : 's'} free ${where}: ${waitingText}, ${gained} would be placed`;
  return { subject, tutors: used, blocks, waiting: tutees.length, placed: gained, text };
}
