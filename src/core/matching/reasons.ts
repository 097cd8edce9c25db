// Plain-language reasons: why a pair was proposed, and the binding reason a need stayed unplaced.
// A waitlist reason is found by walking the hard rules in order over that need's tutors: the rule
// at which the last of them dropped out is the one that binds.
import type { Usage } from './candidates';
import { continuingBlock, isEligible, pairPhrases, pairStage, Stage, type Need, type Program } from './program';

export function pairWhy(program: Program, t: number, need: Need, b: number): string {
  const phrases = pairPhrases(program, t, need);
  const block = program.blockNames[b];
  phrases.push(continuingBlock(program, t, need) === b ? `${block} as now` : `${block} free for both`);
  return phrases.join(', ');
}

/**
 * Waitlist reasons for one final placement (`usage`). Most needs left over on a large roster have an
 * eligible tutor with room who is busy in their blocks: those tutors are few once matching is done,
 * so they are read first, and all of the subject's tutors only when none of them is eligible.
 */
export function waitlistReasons(program: Program, usage: Usage): (need: Need) => string {
  const withRoom = new Map<string, number[]>();
  const tutorsWithRoom = (key: string) => {
    let list = withRoom.get(key);
    if (!list) withRoom.set(key, (list = (program.tutorsBySubject.get(key) ?? []).filter((t) => usage.tutorLoad[t] < program.tutorCapacity[t])));
    return list;
  };
  return (need) => {
    const tutee = program.students[need.student];
    if (tutee.consent !== 'Yes') {
      return tutee.consent === 'Pending' ? 'guardian consent pending: set Consent to Yes when it arrives' : 'no guardian consent (Consent is No)';
    }
    if (program.blocksOf[need.student].length === 0) return 'this student has no available block: add blocks to Availability';
    return roomReason(program, need, usage, tutorsWithRoom(need.key)) ?? reasonFromAllTutors(program, need);
  };
}

/** The binding rule over every tutor of the need's subject. */
function reasonFromAllTutors(program: Program, need: Need): string {
  const subject = need.subject;
  const tutors = program.tutorsBySubject.get(need.key) ?? [];
  let furthest: Stage = Stage.NotATutor;
  const eligible: number[] = [];
  const atStage = new Map<Stage, number[]>();
  for (const t of tutors) {
    const stage = pairStage(program, t, need);
    if (stage > furthest) furthest = stage;
    if (stage === Stage.Eligible) eligible.push(t);
    const list = atStage.get(stage);
    if (list) list.push(t);
    else atStage.set(stage, [t]);
  }
  switch (furthest) {
    case Stage.NotATutor:
      return `no tutor for ${subject}: recruit one (Can tutor ${subject} at level ${program.input.settings.minTutorLevel} or more)`;
    case Stage.Unavailable:
      return `no active tutor with guardian consent for ${subject}`;
    case Stage.Untrained:
      return `no trained tutor for ${subject}: train ${countOf(atStage.get(Stage.Untrained), `${subject} tutor`)} (Trained)`;
    case Stage.LevelTooLow:
      return `no ${subject} tutor at level ${Math.max(program.input.settings.minTutorLevel, need.level + 1)} or above: recruit one`;
    case Stage.NotAllowed:
      return `every ${subject} tutor is excluded for this student (do not pair, excluded or ended pair)`;
    case Stage.NoLanguage:
      return `no ${subject} tutor speaks ${program.students[need.student].languages[0] ?? 'this student’s language'}: recruit one`;
    case Stage.NoSharedBlock:
      return `no ${subject} tutor is free when this student is: ${freeBlockHint(program, atStage.get(Stage.NoSharedBlock) ?? [], subject)}`;
    default: {
      // Called only when no eligible tutor has room.
      const who = eligible.length === 1 ? `the only ${subject} tutor is` : eligible.length === 2 ? `both ${subject} tutors are` : `all ${eligible.length} ${subject} tutors are`;
      return `${who} at capacity: raise a tutor's Max tutees or recruit a ${subject} tutor`;
    }
  }
}

function countOf(items: number[] | undefined, noun: string): string {
  const n = items?.length ?? 0;
  return n === 1 ? `the one ${noun}` : `one of ${n} ${noun}s`;
}

/** Blocks where the subject's tutors are free, as something the teacher can act on. */
function freeBlockHint(program: Program, tutors: number[], subject: string): string {
  const nb = program.blockCount;
  const free: string[] = [];
  for (let b = 0; b < nb && free.length < 3; b++) {
    if (tutors.some((t) => program.available[t * nb + b])) free.push(program.blockNames[b]);
  }
  return free.length ? `free ${free.join(' or ')} for this student, or recruit a ${subject} tutor in this student's blocks` : `recruit a ${subject} tutor`;
}

/**
 * When some tutor with room passes every hard rule: what the other pairs took away, and what would
 * make room; null when none does. Reads the tutors with room only until one is free with the tutee in
 * a block with room (on a large roster, most of them), checking each one's hard rules as it goes.
 */
function roomReason(program: Program, need: Need, usage: Usage, withRoom: number[]): string | null {
  const subject = need.subject;
  // The furthest of: a shared block with room, the tutee free in it, the tutor free in it.
  const nb = program.blockCount;
  const s = need.student;
  let eligible = false;
  let furthest = 0;
  const full = new Set<string>();
  for (const t of withRoom) {
    if (!isEligible(program, t, need)) continue;
    eligible = true;
    for (const b of program.blocksOf[s]) {
      if (!program.available[t * nb + b]) continue;
      if (usage.blockPairs[b] >= program.blockRoom[b]) {
        full.add(program.blockNames[b]);
        continue;
      }
      furthest = Math.max(furthest, 1);
      if (usage.studentBlock[s * nb + b] !== 0) continue;
      furthest = Math.max(furthest, 2);
      if (usage.studentBlock[t * nb + b] === 0) furthest = 3;
    }
    if (furthest === 3) break;
  }
  if (!eligible) return null;
  if (furthest === 0) return `the blocks shared with ${subject} tutors are full (${[...full].join(', ')}): raise their Capacity or add a block`;
  if (furthest === 1) return `this student's blocks shared with ${subject} tutors are taken by other sessions: free another block for this student`;
  if (furthest === 2) return `${subject} tutors with room are busy in the blocks shared with this student: free another block for this student`;
  return `no ${subject} tutor left after placing other students: recruit a ${subject} tutor`;
}

/**
 * Why the tutee's Requested tutor was not given for this need, or '' (given, none asked, or the request
 * concerns another of the tutee's subjects).
 */
export function requestedTutorNote(program: Program, need: Need, usage: Usage, placedTutor: number | undefined): string {
  const id = program.students[need.student].requestedTutor;
  if (!id) return '';
  const t = program.studentIndex.get(id);
  if (t === undefined) return `requested tutor ${id} is not on the roster`;
  if (t === placedTutor) return '';
  const who = `requested tutor ${program.students[t].name} (${id})`;
  if (!program.canTutor[t].has(need.key)) {
    const tutorsAnotherNeed = [...program.needsOf[need.student].keys()].some((key) => program.canTutor[t].has(key));
    return tutorsAnotherNeed ? '' : `${who} does not tutor ${need.subject}`;
  }
  switch (pairStage(program, t, need)) {
    case Stage.NotATutor:
      return `${who} cannot take tutees (Role or Max tutees)`;
    case Stage.Unavailable:
      return `${who} is not active or has no guardian consent`;
    case Stage.Untrained:
      return `${who} is not trained yet`;
    case Stage.LevelTooLow:
      return `${who} is not at a level above this student's in ${need.subject}`;
    case Stage.NotAllowed:
      return `${who} is excluded for this student`;
    case Stage.NoLanguage:
      return `${who} does not speak this student's language`;
    case Stage.NoSharedBlock:
      return `${who} has no block in common with this student`;
    default:
      if (usage.tutorLoad[t] >= program.tutorCapacity[t]) return `${who} is at capacity (${program.tutorCapacity[t]} ${program.tutorCapacity[t] === 1 ? 'tutee' : 'tutees'})`;
      return `${who} is busy in the blocks shared with this student`;
  }
}
