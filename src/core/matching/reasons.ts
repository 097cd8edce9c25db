// Plain-language reasons: why a pair was proposed, and the binding reason a need stayed unplaced.
// A waitlist reason is found by walking the hard rules in order over that need's tutors: the rule
// at which the last of them dropped out is the one that binds.
import type { Usage } from './candidates';
import { continuingBlock, pairPhrases, pairStage, Stage, type Need, type Program } from './program';

export function pairWhy(program: Program, t: number, need: Need, b: number): string {
  const phrases = pairPhrases(program, t, need);
  const block = program.blockNames[b];
  phrases.push(continuingBlock(program, t, need) === b ? `${block} as now` : `${block} free for both`);
  return phrases.join(', ');
}

export function waitlistReason(program: Program, need: Need, usage: Usage): string {
  const tutee = program.students[need.student];
  if (tutee.consent !== 'Yes') return tutee.consent === 'Pending' ? 'guardian consent pending' : 'no guardian consent';
  if (program.blocksOf[need.student].length === 0) return 'this student has no available block';
  const subject = need.subject;
  const tutors = program.tutorsBySubject.get(need.key) ?? [];
  let furthest: Stage = Stage.NotATutor;
  const eligible: number[] = [];
  for (const t of tutors) {
    const stage = pairStage(program, t, need);
    if (stage > furthest) furthest = stage;
    if (stage === Stage.Eligible) eligible.push(t);
  }
  switch (furthest) {
    case Stage.NotATutor:
      return `no tutor for ${subject}`;
    case Stage.Unavailable:
      return `no active tutor with guardian consent for ${subject}`;
    case Stage.Untrained:
      return `no trained tutor for ${subject}`;
    case Stage.LevelTooLow:
      return `no tutor for ${subject} at a level above ${need.level}`;
    case Stage.NotAllowed:
      return `every ${subject} tutor is excluded for this student (do-not-pair, excluded or ended pair)`;
    case Stage.NoLanguage:
      return `no ${subject} tutor shares a language with this student`;
    case Stage.NoSharedBlock:
      return `tutors for ${subject} have no block in common with this student`;
    default:
      return capacityReason(program, need, usage, eligible);
  }
}

/** Every hard rule passes for some tutor: what the other pairs took away. */
function capacityReason(program: Program, need: Need, usage: Usage, eligible: number[]): string {
  const subject = need.subject;
  const withRoom = eligible.filter((t) => usage.tutorLoad[t] < program.tutorCapacity[t]);
  if (withRoom.length === 0) {
    return eligible.length === 1 ? `the only ${subject} tutor is at capacity` : `all ${eligible.length} ${subject} tutors are at capacity`;
  }
  // The furthest of: a shared block with room, the tutee free in it, the tutor free in it.
  const nb = program.blockCount;
  const s = need.student;
  let furthest = 0;
  for (const t of withRoom) {
    for (const b of program.blocksOf[s]) {
      if (!program.available[t * nb + b] || usage.blockPairs[b] >= program.blockRoom[b]) continue;
      furthest = Math.max(furthest, 1);
      if (usage.studentBlock[s * nb + b] !== 0) continue;
      furthest = Math.max(furthest, 2);
      if (usage.studentBlock[t * nb + b] === 0) furthest = 3;
    }
    if (furthest === 3) break;
  }
  if (furthest === 0) return `the blocks shared with ${subject} tutors are full`;
  if (furthest === 1) return `this student's blocks shared with ${subject} tutors are taken by other sessions`;
  if (furthest === 2) return `${subject} tutors with room are busy in the blocks shared with this student`;
  return `no ${subject} tutor left after placing other students`;
}
