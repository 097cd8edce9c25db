// The matching problem in index form: students, blocks, needs and the commitments of locked pairs,
// plus the hard rules and the score of a (tutor, need) combination. Everything else reads from here.
import { DEFAULT_WEIGHTS, subjectKey, type Level, type MatchWeights, type Pair, type Student } from '../model';
import type { MatchInput } from './types';

/** One subject a tutee needs help with. */
export interface Need {
  student: number;
  subject: string;
  key: string;
  /** Index of the subject in {@link Program.subjectIds}. */
  subjectId: number;
  level: Level;
  /** Tutor IDs this need must not get (teacher exclusions, pairs that ended). */
  forbiddenTutors: Set<string> | null;
  /** Tutor ID → the current Active/Trial pair with that tutor. */
  continuing: Map<string, Pair> | null;
  /** The pair the teacher sees for this need (tutor and block indexes), if any. */
  shown: { tutor: number; block: number } | null;
}

export interface Program {
  input: MatchInput;
  students: Student[];
  studentIndex: Map<string, number>;
  blockNames: string[];
  blockIndex: Map<string, number>;
  blockCount: number;
  weights: MatchWeights;
  /** Student × block: 1 when the student is available. */
  available: Uint8Array;
  /** Each student's available blocks, in Blocks-tab order. */
  blocksOf: number[][];
  languages: Set<string>[];
  /** The student's language when they speak exactly one (a tutor must speak it), else null. */
  onlyLanguage: (string | null)[];
  /** 1 when the student may tutor at all: a tutor, active, consented, trained if required. */
  tutorUsable: Uint8Array;
  canTutor: Map<string, Level>[];
  /** Hot-path copies of canTutor / needsOf: student × subject → level (0: none). */
  subjectIds: Map<string, number>;
  tutorLevel: Int8Array;
  needLevel: Int8Array;
  /** Bit masks for the hot path (valid when the counts fit in 31 bits, see `masksValid`). */
  availabilityMask: Int32Array;
  languageMask: Int32Array;
  onlyLanguageMask: Int32Array;
  masksValid: boolean;
  hasDoNotPair: Uint8Array;
  needsOf: Map<string, Level>[];
  doNotPair: Set<string>[];
  /** Tutees a student may take as tutor (0: not a tutor). */
  tutorCapacity: Int32Array;
  needs: Need[];
  /** Tutors who list the subject, by subject key. */
  tutorsBySubject: Map<string, number[]>;
  /** {@link comboKey}s that must not be proposed (teacher exclusions, ended pairs). */
  forbidden: Set<string>;
  /** {@link comboKey} → the current (Active/Trial, not locked) pair that continues. */
  continuing: Map<string, Pair>;
  /** {@link comboKey} → any current (not Ended) pair, to keep its ID. */
  current: Map<string, Pair>;
  locked: Pair[];
  /** Needs already met by a locked pair ({@link needKey}). */
  lockedNeeds: Set<string>;
  /** Commitments of locked pairs. */
  lockedLoad: Int32Array;
  lockedBlockUse: Uint8Array;
  /** Pairs each block still holds (Infinity: no limit). */
  blockRoom: number[];
}

/** Joins IDs with a unit separator, which never appears in a cell value. */
const SEP = '\u001f';
export const comboKey = (tutorId: string, tuteeId: string, key: string) => `${tutorId}${SEP}${tuteeId}${SEP}${key}`;
export const needKey = (tuteeId: string, key: string) => `${tuteeId}${SEP}${key}`;

/** Each need's index in `program.needs` by its {@link needKey}. */
export function needIndexOf(program: Program): Map<string, number> {
  return new Map(program.needs.map((need, n) => [needKey(program.students[need.student].id, need.key), n] as [string, number]));
}
const lower = (text: string) => text.trim().toLowerCase();

function sanitizeWeights(weights: Partial<MatchWeights> | undefined): MatchWeights {
  const merged = { ...DEFAULT_WEIGHTS, ...(weights ?? {}) };
  const finite = (value: number, fallback: number) => (Number.isFinite(value) ? value : fallback);
  const result = { ...merged };
  for (const name of Object.keys(DEFAULT_WEIGHTS) as (keyof MatchWeights)[]) {
    result[name] = finite(merged[name], DEFAULT_WEIGHTS[name]);
  }
  // Load spreading must stay convex, or the flow would fill a tutor's later slots first.
  result.loadSpread = Math.max(0, result.loadSpread);
  return result;
}

export function isTuteeRole(student: Student): boolean {
  return student.role !== 'Tutor';
}

export function buildProgram(input: MatchInput): Program {
  const students = [...input.students].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const studentIndex = new Map(students.map((student, i) => [student.id, i] as [string, number]));
  const blockNames = input.blocks.map((block) => block.name);
  const blockIndex = new Map(blockNames.map((name, i) => [name, i] as [string, number]));
  const blockCount = blockNames.length;
  const available = new Uint8Array(students.length * blockCount);
  const blocksOf = students.map((student, s) => {
    for (const name of student.availability) {
      const b = blockIndex.get(name);
      if (b !== undefined) available[s * blockCount + b] = 1;
    }
    const list: number[] = [];
    for (let b = 0; b < blockCount; b++) if (available[s * blockCount + b]) list.push(b);
    return list;
  });
  const settings = input.settings;
  const tutorCapacity = new Int32Array(students.length);
  students.forEach((student, s) => {
    if (student.role === 'Tutee') return;
    tutorCapacity[s] = Math.max(0, Math.floor(student.maxTutees ?? settings.maxTuteesPerTutor));
  });
  const canTutor = students.map((student) => levelMap(student.canTutor));
  const needsOf = students.map((student) => levelMap(student.needsHelpWith));
  const program: Program = {
    input,
    students,
    studentIndex,
    blockNames,
    blockIndex,
    blockCount,
    weights: sanitizeWeights(settings.weights),
    available,
    blocksOf,
    languages: students.map((student) => new Set(student.languages.map(lower).filter(Boolean))),
    onlyLanguage: [],
    subjectIds: new Map(),
    tutorLevel: new Int8Array(0),
    needLevel: new Int8Array(0),
    availabilityMask: new Int32Array(students.length),
    languageMask: new Int32Array(students.length),
    onlyLanguageMask: new Int32Array(students.length),
    masksValid: false,
    hasDoNotPair: Uint8Array.from(students, (student) => (student.doNotPairWith.length > 0 ? 1 : 0)),
    tutorUsable: new Uint8Array(students.length),
    canTutor,
    needsOf,
    doNotPair: students.map((student) => new Set(student.doNotPairWith)),
    tutorCapacity,
    needs: [],
    tutorsBySubject: new Map(),
    forbidden: new Set(),
    continuing: new Map(),
    current: new Map(),
    locked: [],
    lockedNeeds: new Set(),
    lockedLoad: new Int32Array(students.length),
    lockedBlockUse: new Uint8Array(students.length * blockCount),
    blockRoom: input.blocks.map((block) => (block.capacity === null ? Infinity : Math.max(0, block.capacity))),
  };
  program.onlyLanguage = program.languages.map((set) => (set.size === 1 ? [...set][0] : null));
  buildHotPathTables(program);
  students.forEach((student, s) => {
    const trainedEnough = student.trained || !settings.requireTraining;
    program.tutorUsable[s] = tutorCapacity[s] > 0 && isMatchable(program, s) && trainedEnough ? 1 : 0;
    if (tutorCapacity[s] > 0) {
      for (const key of canTutor[s].keys()) pushTo(program.tutorsBySubject, key, s);
    }
  });
  readPairs(program, input.pairs, blockIndex);
  for (const excluded of input.excluded ?? []) {
    program.forbidden.add(comboKey(excluded.tutorId, excluded.tuteeId, subjectKey(excluded.subject)));
  }
  const forbiddenByNeed = groupByNeed(program.forbidden, () => true);
  const continuingByNeed = groupByNeed(program.continuing.keys(), (key) => program.continuing.get(key)!);
  const shownByNeed = shownPairsByNeed(program);
  students.forEach((student, s) => {
    // An inactive student is not in the program now: their needs are neither counted nor waitlisted.
    if (!isTuteeRole(student) || !student.active) return;
    for (const [key, level] of needsOf[s]) {
      const subject = student.needsHelpWith.find((item) => subjectKey(item.subject) === key)!.subject;
      const forbidden = forbiddenByNeed.get(needKey(student.id, key));
      program.needs.push({
        student: s,
        subject,
        key,
        subjectId: program.subjectIds.get(key)!,
        level,
        forbiddenTutors: forbidden ? new Set(forbidden.keys()) : null,
        continuing: continuingByNeed.get(needKey(student.id, key)) ?? null,
        shown: shownByNeed.get(needKey(student.id, key)) ?? null,
      });
    }
  });
  return program;
}

/** The shown pair of each need whose tutor and block are still on the roster (the first one wins). */
function shownPairsByNeed(program: Program): Map<string, { tutor: number; block: number }> {
  const byNeed = new Map<string, { tutor: number; block: number }>();
  for (const pair of program.input.shown ?? []) {
    const tutor = program.studentIndex.get(pair.tutorId);
    const block = program.blockIndex.get(pair.block);
    const key = needKey(pair.tuteeId, subjectKey(pair.subject));
    if (tutor !== undefined && block !== undefined && !byNeed.has(key)) byNeed.set(key, { tutor, block });
  }
  return byNeed;
}

function buildHotPathTables(program: Program) {
  const { students, subjectIds } = program;
  for (const map of [...program.canTutor, ...program.needsOf]) {
    for (const key of map.keys()) if (!subjectIds.has(key)) subjectIds.set(key, subjectIds.size);
  }
  const width = subjectIds.size;
  program.tutorLevel = new Int8Array(students.length * width);
  program.needLevel = new Int8Array(students.length * width);
  const languageIds = new Map<string, number>();
  students.forEach((_, s) => {
    for (const [key, level] of program.canTutor[s]) program.tutorLevel[s * width + subjectIds.get(key)!] = level;
    for (const [key, level] of program.needsOf[s]) program.needLevel[s * width + subjectIds.get(key)!] = level;
    for (const language of program.languages[s]) if (!languageIds.has(language)) languageIds.set(language, languageIds.size);
  });
  program.masksValid = languageIds.size <= 31 && program.blockCount <= 31;
  if (!program.masksValid) return;
  students.forEach((_, s) => {
    for (const b of program.blocksOf[s]) program.availabilityMask[s] |= 1 << b;
    for (const language of program.languages[s]) program.languageMask[s] |= 1 << languageIds.get(language)!;
    const only = program.onlyLanguage[s];
    if (only !== null) program.onlyLanguageMask[s] = 1 << languageIds.get(only)!;
  });
}

/** Regroups tutor|tutee|subject keys by tutee|subject, so each need looks up its own tutors only. */
function groupByNeed<V>(keys: Iterable<string>, value: (key: string) => V): Map<string, Map<string, V>> {
  const groups = new Map<string, Map<string, V>>();
  for (const key of keys) {
    const cut = key.indexOf(SEP);
    const needKey = key.slice(cut + 1);
    let group = groups.get(needKey);
    if (!group) groups.set(needKey, (group = new Map()));
    group.set(key.slice(0, cut), value(key));
  }
  return groups;
}

function levelMap(items: { subject: string; level: Level }[]): Map<string, Level> {
  const map = new Map<string, Level>();
  for (const item of items) {
    const key = subjectKey(item.subject);
    if (key && !map.has(key)) map.set(key, item.level);
  }
  return map;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Locked pairs bind; Active/Trial pairs earn continuity; Ended pairs are never proposed again. */
function readPairs(program: Program, pairs: Pair[], blockIndex: Map<string, number>) {
  const sorted = [...pairs].sort((a, b) => (a.pairId < b.pairId ? -1 : a.pairId > b.pairId ? 1 : 0));
  const requested = new Set<string>();
  for (const pair of sorted) {
    const key = comboKey(pair.tutorId, pair.tuteeId, subjectKey(pair.subject));
    if (pair.status === 'Ended') {
      program.forbidden.add(key);
      continue;
    }
    if (pair.status === 'Request new tutor') {
      // Never this tutor again for this need (not even by the stability bonus); kept forbidden below.
      requested.add(key);
      continue;
    }
    if (!program.current.has(key)) program.current.set(key, pair);
    if (pair.locked) {
      lockPair(program, pair, blockIndex);
    } else if (pair.status === 'Active' || pair.status === 'Trial') {
      if (!program.continuing.has(key)) program.continuing.set(key, pair);
    }
  }
  // A combination that Ended once but runs again now (e.g. restarted by the teacher) is not forbidden.
  for (const key of program.current.keys()) program.forbidden.delete(key);
  for (const key of requested) program.forbidden.add(key);
}

function lockPair(program: Program, pair: Pair, blockIndex: Map<string, number>) {
  program.locked.push(pair);
  program.lockedNeeds.add(needKey(pair.tuteeId, subjectKey(pair.subject)));
  const tutor = program.studentIndex.get(pair.tutorId);
  const tutee = program.studentIndex.get(pair.tuteeId);
  const block = blockIndex.get(pair.block);
  if (tutor !== undefined) program.lockedLoad[tutor]++;
  if (block === undefined) return;
  program.blockRoom[block]--;
  if (tutor !== undefined) program.lockedBlockUse[tutor * program.blockCount + block] = 1;
  if (tutee !== undefined) program.lockedBlockUse[tutee * program.blockCount + block] = 1;
}

/** Why a tutor cannot take a need, in the order a teacher would check it (see {@link pairStage}). */
export const Stage = {
  NotATutor: 0,
  Unavailable: 1,
  Untrained: 2,
  LevelTooLow: 3,
  NotAllowed: 4,
  NoLanguage: 5,
  NoSharedBlock: 6,
  Eligible: 7,
} as const;
export type Stage = (typeof Stage)[keyof typeof Stage];

/** True when the student may be matched at all (either side). */
export function isMatchable(program: Program, s: number): boolean {
  const student = program.students[s];
  return student.active && student.consent === 'Yes';
}

/**
 * How far tutor `t` gets through the hard rules for `need` before one fails. Block commitments
 * (locked pairs, capacities) are not checked here: they depend on the other pairs.
 */
export function pairStage(program: Program, t: number, need: Need): Stage {
  if (isEligible(program, t, need)) return Stage.Eligible;
  const s = need.student;
  const level = program.canTutor[t].get(need.key);
  if (t === s || level === undefined || program.tutorCapacity[t] <= 0) return Stage.NotATutor;
  if (!isMatchable(program, t)) return Stage.Unavailable;
  if (program.input.settings.requireTraining && !program.students[t].trained) return Stage.Untrained;
  if (level < program.input.settings.minTutorLevel || level <= need.level || program.needsOf[t].has(need.key)) {
    return Stage.LevelTooLow;
  }
  if (!isAllowed(program, t, need)) return Stage.NotAllowed;
  if (!sharesRequiredLanguage(program, t, s)) return Stage.NoLanguage;
  if (!shareBlock(program, t, s)) return Stage.NoSharedBlock;
  return Stage.Eligible;
}

function isAllowed(program: Program, t: number, need: Need): boolean {
  const tutor = program.students[t];
  if (program.hasDoNotPair[t] || program.hasDoNotPair[need.student]) {
    if (program.doNotPair[t].has(program.students[need.student].id) || program.doNotPair[need.student].has(tutor.id)) return false;
  }
  return need.forbiddenTutors === null || !need.forbiddenTutors.has(tutor.id);
}

/** A tutee who speaks a single language needs a tutor who speaks it. */
function sharesRequiredLanguage(program: Program, t: number, s: number): boolean {
  const only = program.onlyLanguage[s];
  return only === null || program.languages[t].has(only);
}

/** The same verdict as `pairStage(...) === Stage.Eligible`, on the hot path. */
export function isEligible(program: Program, t: number, need: Need): boolean {
  const s = need.student;
  if (!program.tutorUsable[t] || t === s) return false;
  const cell = t * program.subjectIds.size + need.subjectId;
  const level = program.tutorLevel[cell];
  if (level === 0 || level < program.input.settings.minTutorLevel || level <= need.level || program.needLevel[cell] !== 0) return false;
  if (!isAllowed(program, t, need)) return false;
  if (!program.masksValid) return sharesRequiredLanguage(program, t, s) && shareBlock(program, t, s);
  const only = program.onlyLanguageMask[s];
  if (only !== 0 && (program.languageMask[t] & only) === 0) return false;
  return (program.availabilityMask[t] & program.availabilityMask[s]) !== 0;
}

function shareBlock(program: Program, t: number, s: number): boolean {
  const n = program.blockCount;
  for (const b of program.blocksOf[s]) if (program.available[t * n + b]) return true;
  return false;
}

const GRADE_WORDS = ['same grade', 'one grade older', 'two grades older'];
const LEVEL_WORDS = ['', 'beginning', 'developing', 'proficient', 'advanced'];

/** A level as a teacher says it: `advanced (level 4)`. */
export function levelWords(level: number | undefined): string {
  return level === undefined ? 'level ?' : `${LEVEL_WORDS[level] ?? 'level'} (level ${level})`;
}

/** The block-independent score of tutor `t` for `need` (hot path: no strings built). */
export function pairScore(program: Program, t: number, need: Need): number {
  const w = program.weights;
  const tutor = program.students[t];
  const tutee = program.students[need.student];
  const tutorLevel = program.canTutor[t].get(need.key)!;
  let score = w.gradeGap * gradeGapFactor(tutor.grade - tutee.grade) + w.levelGap * levelGapFactor(tutorLevel - need.level);
  if (speakTogether(program, t, need.student)) score += w.sharedLanguage;
  if (tutee.learningPreference && tutee.learningPreference === tutor.learningPreference) score += w.learningPreference;
  if (need.continuing?.has(tutor.id)) score += w.continuity;
  if (tutee.requestedTutor && tutee.requestedTutor === tutor.id) score += w.requestedTutor;
  return Math.round(score);
}

/** The phrases that explain {@link pairScore}, in the order a teacher reads them. */
export function pairPhrases(program: Program, t: number, need: Need): string[] {
  const tutor = program.students[t];
  const tutee = program.students[need.student];
  const tutorLevel = program.canTutor[t].get(need.key);
  const phrases = [`${need.subject}: ${levelWords(tutorLevel)} helping ${levelWords(need.level)}`];
  const language = sharedLanguage(program, t, need.student);
  if (language) phrases.push(`both speak ${language}`);
  if (tutee.learningPreference && tutee.learningPreference === tutor.learningPreference) {
    phrases.push(`both ${tutee.learningPreference} learners`);
  }
  const gap = tutor.grade - tutee.grade;
  phrases.push(gap >= 0 ? GRADE_WORDS[gap] ?? `${gap} grades older` : gap === -1 ? 'one grade younger' : `${-gap} grades younger`);
  if (need.continuing?.has(tutor.id)) phrases.push('continues the current pair');
  if (tutee.requestedTutor && tutee.requestedTutor === tutor.id) phrases.push('requested tutor');
  return phrases;
}

/** Grade gap: one or two grades older is best, same grade fine, much older neutral, younger penalised. */
export function gradeGapFactor(gap: number): number {
  if (gap === 1 || gap === 2) return 1;
  if (gap === 0 || gap === 3) return 0.5;
  if (gap > 3) return 0;
  return gap === -1 ? -0.5 : -1;
}

/** Level gap: one or two levels above relates best; three above (advanced → beginning) is less relatable. */
export function levelGapFactor(gap: number): number {
  return gap <= 2 ? 1 : 0;
}

function speakTogether(program: Program, t: number, s: number): boolean {
  if (program.masksValid) return (program.languageMask[t] & program.languageMask[s]) !== 0;
  for (const language of program.languages[s]) if (program.languages[t].has(language)) return true;
  return false;
}

function sharedLanguage(program: Program, t: number, s: number): string {
  for (const language of program.students[s].languages) {
    if (program.languages[t].has(lower(language))) return language.trim();
  }
  return '';
}

/** The tutor-slot cost of a tutor's k-th tutee (k from 1, locked tutees included): convex in k. */
export function slotCost(program: Program, k: number): number {
  return Math.round((k - 1) * program.weights.loadSpread);
}

/** Score bonus for keeping a continuing pair in its current block. */
export const SAME_BLOCK_BONUS = 1;

/**
 * Everything an arc (tutor t, need, block b) adds to the objective beyond {@link pairScore}: keeping a
 * continuing pair's block, and stability for keeping the pair the teacher sees.
 */
export function arcBonus(program: Program, t: number, need: Need, b: number): number {
  return (continuingBlock(program, t, need) === b ? SAME_BLOCK_BONUS : 0) + stabilityPart(program, t, need, b);
}

/**
 * The part of an arc's value that is stability, not a preference: left out of the score a teacher
 * sees. Half (rounded down) for the same tutor in another block: values stay whole points.
 */
export function stabilityPart(program: Program, t: number, need: Need, b: number): number {
  if (need.shown?.tutor !== t) return 0;
  return need.shown.block === b ? program.weights.stability : Math.floor(program.weights.stability / 2);
}

/** The block of the current pair between this tutor and need, or -1. */
export function continuingBlock(program: Program, t: number, need: Need): number {
  const pair = need.continuing?.get(program.students[t].id);
  return pair ? program.blockIndex.get(pair.block) ?? -1 : -1;
}
