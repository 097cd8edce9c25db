// Greedy baseline: each tutee need in turn (by student ID) takes the best tutor and block still free,
// under exactly the matcher's hard rules and scores, so only the optimisation differs.
import { addUse, lockedUsage, openNeeds, type Assignment } from '../src/core/matching/candidates';
import { buildProgram } from '../src/core/matching/program';
import { bestInsertion } from '../src/core/matching/repair';
import { slotCost, type Program } from '../src/core/matching/program';
import type { MatchInput } from '../src/core/matching';

export interface BaselineResult {
  placed: number;
  totalScore: number;
}

export function greedyMatch(input: MatchInput): BaselineResult {
  const program = buildProgram(input);
  const usage = lockedUsage(program);
  const chosen: Assignment[] = [];
  for (const n of openNeeds(program)) {
    const best = bestInsertion(program, usage, n);
    if (!best) continue;
    chosen.push(best);
    addUse(program, usage, best);
  }
  return { placed: chosen.length, totalScore: objective(program, chosen) };
}

/** Sum of pair scores minus each tutor's slot costs (locked pairs excluded: they are the same for all). */
export function objective(program: Program, assignments: Assignment[]): number {
  const load = Int32Array.from(program.lockedLoad);
  let total = 0;
  for (const a of assignments) total += a.score - slotCost(program, ++load[a.tutor]);
  return total;
}
