// The matcher: optimal tutor–tutee pairs with reasons, and a waitlist with the binding reason.
export { matchStudents, feasibleTutors, feasibleTutorsFinder, matchWithStats, type MatchOptions } from './match';
export type { MatchInput, MatchResult, MatchTotals, PairKey, ProposedPair, ShownPair, TutorOption, WaitlistItem } from './types';
export { optimalityLabel, type MatchProof } from './proof';
export type { IntegerProgram, MipOutcome, MipSolver } from './exact-model';
