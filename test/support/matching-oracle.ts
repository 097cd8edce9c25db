// Independent checks of a matching result, written straight from the contract's hard rules
// (not from the matcher's code), and an independent maximum matching for clash-free programs.
import { subjectKey, type Student } from '../../src/core/model';
import type { MatchInput, MatchResult, ProposedPair } from '../../src/core/matching';
import type { Assignment } from '../../src/core/matching/candidates';
import type { Program } from '../../src/core/matching/program';

const key = (...parts: string[]) => parts.join('\u0000');
const lower = (items: string[]) => items.map((item) => item.trim().toLowerCase());

function levelIn(list: { subject: string; level: number }[], subject: string): number | undefined {
  return list.find((item) => subjectKey(item.subject) === subjectKey(subject))?.level;
}

/** Why tutor T may not take tutee S's need in `subject` (ignoring blocks and capacity), or ''. */
export function pairRuleBroken(input: MatchInput, tutor: Student, tutee: Student, subject: string): string {
  const settings = input.settings;
  if (tutor.id === tutee.id) return 'same student';
  for (const student of [tutor, tutee]) {
    if (!student.active) return `${student.id} not active`;
    if (student.consent !== 'Yes') return `${student.id} no consent`;
  }
  if (settings.requireTraining && !tutor.trained) return 'tutor untrained';
  if (tutor.role === 'Tutee' || (tutor.maxTutees ?? settings.maxTuteesPerTutor) <= 0) return 'not a tutor';
  if (tutee.role === 'Tutor') return 'not a tutee';
  const needed = levelIn(tutee.needsHelpWith, subject);
  const taught = levelIn(tutor.canTutor, subject);
  if (needed === undefined) return 'subject not needed';
  if (taught === undefined || taught < settings.minTutorLevel || taught <= needed) return 'level';
  if (levelIn(tutor.needsHelpWith, subject) !== undefined) return 'tutor needs the subject';
  if (tutor.doNotPairWith.includes(tutee.id) || tutee.doNotPairWith.includes(tutor.id)) return 'do not pair';
  const excluded = (input.excluded ?? []).some((x) => x.tutorId === tutor.id && x.tuteeId === tutee.id && subjectKey(x.subject) === subjectKey(subject));
  if (excluded) return 'excluded';
  const tuteeLanguages = new Set(lower(tutee.languages));
  if (tuteeLanguages.size === 1 && !lower(tutor.languages).includes([...tuteeLanguages][0])) return 'language';
  return '';
}

/** Every hard rule a result breaks (locked pairs are exempt from the per-pair rules, not from the totals). */
export function hardRuleViolations(input: MatchInput, result: MatchResult): string[] {
  const students = new Map(input.students.map((s) => [s.id, s]));
  const blocks = new Map(input.blocks.map((b) => [b.name, b]));
  const violations: string[] = [];
  const perStudentBlock = new Map<string, number>();
  const perBlock = new Map<string, number>();
  const perTutor = new Map<string, number>();
  const perNeed = new Set<string>();
  const current = new Set(input.pairs.filter((p) => p.status !== 'Ended').map((p) => key(p.tutorId, p.tuteeId, subjectKey(p.subject))));
  const ended = new Set(input.pairs.filter((p) => p.status === 'Ended').map((p) => key(p.tutorId, p.tuteeId, subjectKey(p.subject))));
  const bump = (map: Map<string, number>, k: string) => map.set(k, (map.get(k) ?? 0) + 1).get(k)!;
  for (const pair of result.pairs) {
    const label = `${pair.tutorId}→${pair.tuteeId} ${pair.subject} ${pair.block}`;
    if (!pair.locked) violations.push(...pairViolations(input, pair, students, blocks, label));
    const combo = key(pair.tutorId, pair.tuteeId, subjectKey(pair.subject));
    if (!pair.locked && ended.has(combo) && !current.has(combo)) violations.push(`${label}: ended pair proposed again`);
    if (perNeed.has(key(pair.tuteeId, subjectKey(pair.subject)))) violations.push(`${label}: second tutor for the need`);
    perNeed.add(key(pair.tuteeId, subjectKey(pair.subject)));
    if (bump(perStudentBlock, key(pair.tutorId, pair.block)) > 1) violations.push(`${label}: tutor double-booked`);
    if (bump(perStudentBlock, key(pair.tuteeId, pair.block)) > 1) violations.push(`${label}: tutee double-booked`);
    const capacity = blocks.get(pair.block)?.capacity;
    if (bump(perBlock, pair.block) > (capacity ?? Infinity)) violations.push(`${label}: block over capacity`);
    const tutor = students.get(pair.tutorId);
    if (tutor && bump(perTutor, tutor.id) > (tutor.maxTutees ?? input.settings.maxTuteesPerTutor) && !pair.locked) {
      violations.push(`${label}: tutor over capacity`);
    }
  }
  return violations;
}

function pairViolations(input: MatchInput, pair: ProposedPair, students: Map<string, Student>, blocks: Map<string, unknown>, label: string): string[] {
  const tutor = students.get(pair.tutorId);
  const tutee = students.get(pair.tuteeId);
  if (!tutor || !tutee) return [`${label}: unknown student`];
  const broken = pairRuleBroken(input, tutor, tutee, pair.subject);
  const out = broken ? [`${label}: ${broken}`] : [];
  if (!blocks.has(pair.block) || !tutor.availability.includes(pair.block) || !tutee.availability.includes(pair.block)) {
    out.push(`${label}: block not shared`);
  }
  return out;
}

/**
 * Maximum number of placeable needs when clashes cannot arise (one need per tutee, tutors in one
 * block each, no block limits): a tutor then takes at most one tutee. Plain augmenting paths (Kuhn).
 */
export function maxPlacements(input: MatchInput): number {
  const tutees = input.students.filter((s) => s.role !== 'Tutor');
  const tutors = input.students.filter((s) => s.role !== 'Tutee');
  const blockNames = new Set(input.blocks.map((b) => b.name));
  const edges = tutees.map((tutee) =>
    tutee.needsHelpWith.length === 1
      ? tutors
          .map((tutor, j) => ({ tutor, j }))
          .filter(({ tutor }) => !pairRuleBroken(input, tutor, tutee, tutee.needsHelpWith[0].subject))
          .filter(({ tutor }) => !(input.pairs ?? []).some((p) => p.status === 'Ended' && p.tutorId === tutor.id && p.tuteeId === tutee.id && subjectKey(p.subject) === subjectKey(tutee.needsHelpWith[0].subject) && !input.pairs.some((q) => q.status !== 'Ended' && q.tutorId === p.tutorId && q.tuteeId === p.tuteeId && subjectKey(q.subject) === subjectKey(p.subject))))
          .filter(({ tutor }) => tutor.availability.some((b) => blockNames.has(b) && tutee.availability.includes(b)))
          .map(({ j }) => j)
      : [],
  );
  const owner = new Array<number>(tutors.length).fill(-1);
  const tryPlace = (i: number, seen: boolean[]): boolean => {
    for (const j of edges[i]) {
      if (seen[j]) continue;
      seen[j] = true;
      if (owner[j] < 0 || tryPlace(owner[j], seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  let placed = 0;
  tutees.forEach((_, i) => {
    if (tryPlace(i, new Array<boolean>(tutors.length).fill(false))) placed++;
  });
  return placed;
}

/**
 * The hard rules a matcher-internal matching breaks beside the program's locked pairs: each pair by
 * the contract (pairRuleBroken), both students free in the block, once per block, Max tutees, block
 * Capacity (less what locked pairs take).
 */
export function assignmentViolations(program: Program, assignments: Assignment[]): string[] {
  const nb = program.blockCount;
  const meetings = Int32Array.from(program.lockedBlockUse);
  const load = Int32Array.from(program.lockedLoad);
  const inBlock = new Int32Array(nb);
  const broken: string[] = [];
  for (const a of assignments) {
    const tutor = program.students[a.tutor];
    const tutee = program.students[program.needs[a.need].student];
    const rule = pairRuleBroken(program.input, tutor, tutee, program.needs[a.need].subject);
    if (rule) broken.push(rule);
    const block = program.blockNames[a.block];
    if (!tutor.availability.includes(block) || !tutee.availability.includes(block)) broken.push('unavailable');
    for (const s of [a.tutor, program.needs[a.need].student]) if (++meetings[s * nb + a.block] > 1) broken.push('twice in a block');
    if (++load[a.tutor] > program.tutorCapacity[a.tutor]) broken.push('over Max tutees');
    if (++inBlock[a.block] > program.blockRoom[a.block]) broken.push(`over the Capacity of ${block}`);
  }
  return broken;
}
