// The teacher's choices in the preview (lock, exclude, swap) as MatchOptions. Each need (tutee and
// subject) carries at most one choice: the server turns each choice into a locked pair, so two
// choices for one need would ask for two tutors.
import type { MatchOptions, PairChoice } from '../sheets/matching/service';

export interface Need {
  tuteeId: string;
  subject: string;
}

const subjectKey = (subject: string) => subject.trim().replace(/\s+/g, ' ').toLowerCase();

export function sameNeed(a: Need, b: Need): boolean {
  return a.tuteeId === b.tuteeId && subjectKey(a.subject) === subjectKey(b.subject);
}

export function emptyOptions(): MatchOptions {
  return { locked: [], swapped: [], excluded: [] };
}

const choiceOf = (pair: PairChoice): PairChoice => ({
  tutorId: pair.tutorId,
  tuteeId: pair.tuteeId,
  subject: pair.subject,
  block: pair.block,
});

/** Options with every choice for this need dropped. */
function withoutChoice(options: MatchOptions, need: Need): MatchOptions {
  return {
    locked: options.locked.filter((choice) => !sameNeed(choice, need)),
    swapped: options.swapped.filter((choice) => !sameNeed(choice, need)),
    excluded: options.excluded,
  };
}

export function isLockedChoice(options: MatchOptions, need: Need): boolean {
  return options.locked.some((choice) => sameNeed(choice, need));
}

export function isSwappedChoice(options: MatchOptions, need: Need): boolean {
  return options.swapped.some((choice) => sameNeed(choice, need));
}

/** Locks the pair as shown (a swapped pair becomes locked), or unlocks it. */
export function toggleLock(options: MatchOptions, pair: PairChoice): MatchOptions {
  const locking = !isLockedChoice(options, pair);
  const rest = withoutChoice(options, pair);
  return locking ? { ...rest, locked: [...rest.locked, choiceOf(pair)] } : rest;
}

/** Never proposes this tutor for this need again; any lock or swap on the need goes. */
export function exclude(options: MatchOptions, pair: PairChoice): MatchOptions {
  const rest = withoutChoice(options, pair);
  const key = { tutorId: pair.tutorId, tuteeId: pair.tuteeId, subject: pair.subject };
  const known = rest.excluded.some((e) => e.tutorId === key.tutorId && sameNeed(e, key));
  return known ? rest : { ...rest, excluded: [...rest.excluded, key] };
}

/** Puts the chosen tutor (in the chosen block) on this need. */
export function swapTutor(options: MatchOptions, need: Need, tutor: { tutorId: string; block: string }): MatchOptions {
  const rest = withoutChoice(options, need);
  const choice = { tutorId: tutor.tutorId, tuteeId: need.tuteeId, subject: need.subject, block: tutor.block };
  return { ...rest, swapped: [...rest.swapped, choice] };
}
