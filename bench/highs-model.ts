// The whole assignment as an exact integer program for HiGHS (WebAssembly, `highs` on npm), written
// from the contract rather than from the solver: one binary per (need, tutor, shared block) that passes
// the hard rules — no candidate pruning — one continuous column per tutor slot for the convex
// load-spreading cost, and one row per rule: a need gets at most one tutor, a tutor at most Max tutees,
// a student meets in at most one pair per block (as tutee or tutor), a block holds at most Capacity.
// The objective is lexicographic through a weight on each placement larger than any difference in
// total score, so the optimum places the most needs first and has the best total second.
//
// Hard rules and pair scores come from program.ts (the only definition of a score), and the eligible
// arcs from the product's own list (exact-model.ts); the rows and objective here are written apart
// from the product's model. Results are checked against test/support/matching-oracle.ts, which
// re-reads the hard rules from the contract.
import { eligibleArcs } from '../src/core/matching/exact-model';
import { slotCost, type Program } from '../src/core/matching/program';

export interface MipVariable {
  need: number;
  tutor: number;
  block: number;
  /** Pair score plus the arc's bonuses (same block, stability): what the matcher optimises. */
  score: number;
}

export interface ExactModel {
  text: string;
  variables: MipVariable[];
  /** Objective weight of one placed need, larger than any possible difference in total score. */
  placementWeight: number;
}

/** The CPLEX-LP text of the model; `relaxed` drops integrality (the LP bound). */
export function buildExactModel(program: Program, relaxed = false): ExactModel {
  const variables = eligibleArcs(program);
  const nb = program.blockCount;
  let spread = 1;
  for (const v of variables) spread = Math.max(spread, Math.abs(v.score));
  const maxSlot = slotCost(program, Math.max(1, ...Array.from(program.tutorCapacity)));
  const placementWeight = 1 + (program.needs.length + 1) * (2 * spread + maxSlot);
  const objective: string[] = [];
  const rows = new Map<string, string[]>();
  const row = (name: string) => rows.get(name) ?? rows.set(name, []).get(name)!;
  variables.forEach((v, i) => {
    objective.push(`+ ${placementWeight + v.score} x${i}`);
    row(`need${v.need}`).push(`+ x${i}`);
    row(`load${v.tutor}`).push(`+ x${i}`);
    row(`sb${program.needs[v.need].student * nb + v.block}`).push(`+ x${i}`);
    row(`sb${v.tutor * nb + v.block}`).push(`+ x${i}`);
    if (Number.isFinite(program.blockRoom[v.block])) row(`block${v.block}`).push(`+ x${i}`);
  });
  const slots: string[] = [];
  for (const t of new Set(variables.map((v) => v.tutor))) {
    for (let k = program.lockedLoad[t] + 1; k <= program.tutorCapacity[t]; k++) {
      const name = `y${t}_${k}`;
      slots.push(name);
      objective.push(`- ${slotCost(program, k)} ${name}`);
      row(`load${t}`).push(`- ${name}`);
    }
  }
  const lines = ['Maximize', ` obj: ${wrap(objective.length ? objective : ['0 x_none'])}`, 'Subject To'];
  for (const [name, terms] of rows) {
    if (name.startsWith('load')) lines.push(` ${name}: ${wrap(terms)} = 0`);
    else if (name.startsWith('block')) lines.push(` ${name}: ${wrap(terms)} <= ${program.blockRoom[Number(name.slice(5))]}`);
    else if (terms.length > 1) lines.push(` ${name}: ${wrap(terms)} <= 1`);
  }
  lines.push('Bounds', ...slots.map((name) => ` 0 <= ${name} <= 1`));
  if (variables.length === 0) lines.push(' x_none = 0');
  // Relaxed: every x in [0, 1] (the LP bound); exact: binaries.
  if (relaxed) lines.push(...variables.map((_, i) => ` 0 <= x${i} <= 1`));
  else lines.push('Binary', ...chunks(variables.map((_, i) => `x${i}`)));
  lines.push('End');
  const text = lines.join('\n');
  return { text, variables, placementWeight };
}

/** LP files read best with bounded line lengths: ten terms a line. */
function wrap(terms: string[]): string {
  return chunks(terms).join('\n   ');
}

function chunks(items: string[], size = 10): string[] {
  const out: string[] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size).join(' '));
  return out;
}
