// The same assignment as an exact MIP for glpk.js: one binary per (need, tutor, block) that passes
// the hard rules (no pruning), one per tutor slot for the convex load cost, and the rows the flow
// cannot express (a student in one pair per block, block capacity). Lexicographic objective through
// a weight on each placement larger than any score difference.
import { blockFits, isOpenTutor, lockedUsage, openNeeds } from '../src/core/matching/candidates';
import { continuingBlock, pairScore, SAME_BLOCK_BONUS, slotCost, type Program } from '../src/core/matching/program';

// Shapes of glpk.js's JSON interface (its `glpk.js/node` entry is not visible to this tsconfig's resolution).
type Terms = { name: string; coef: number }[];
type Bounds = { type: number; lb: number; ub: number };
export interface LP {
  name: string;
  objective: { direction: number; name: string; vars: Terms };
  subjectTo: { name: string; vars: Terms; bnds: Bounds }[];
  bounds?: ({ name: string } & Bounds)[];
  binaries?: string[];
}

export interface MipVariable {
  need: number;
  tutor: number;
  block: number;
  score: number;
}

export interface GlpkConstants {
  GLP_MAX: number;
  GLP_UP: number;
  GLP_FX: number;
  GLP_DB: number;
}

export function buildMip(program: Program, glpk: GlpkConstants): { lp: LP; variables: MipVariable[]; placementWeight: number } {
  const usage = lockedUsage(program);
  const nb = program.blockCount;
  const variables: MipVariable[] = [];
  for (const n of openNeeds(program)) {
    const need = program.needs[n];
    for (const t of program.tutorsBySubject.get(need.key) ?? []) {
      if (!isOpenTutor(program, usage, t, need)) continue;
      const base = pairScore(program, t, need);
      for (const b of program.blocksOf[need.student]) {
        if (!blockFits(program, usage, t, need.student, b)) continue;
        variables.push({ need: n, tutor: t, block: b, score: base + (continuingBlock(program, t, need) === b ? SAME_BLOCK_BONUS : 0) });
      }
    }
  }
  let spread = 1;
  for (const v of variables) spread = Math.max(spread, Math.abs(v.score));
  const maxSlot = slotCost(program, Math.max(1, ...Array.from(program.tutorCapacity)));
  const placementWeight = 1 + (program.needs.length + 1) * (2 * spread + maxSlot);
  const objective: Terms = [];
  const rows = new Map<string, Terms>();
  const row = (name: string) => rows.get(name) ?? rows.set(name, []).get(name)!;
  variables.forEach((v, i) => {
    const name = `x${i}`;
    objective.push({ name, coef: placementWeight + v.score });
    row(`need${v.need}`).push({ name, coef: 1 });
    row(`load${v.tutor}`).push({ name, coef: 1 });
    row(`sb${program.needs[v.need].student * nb + v.block}`).push({ name, coef: 1 });
    row(`sb${v.tutor * nb + v.block}`).push({ name, coef: 1 });
    row(`block${v.block}`).push({ name, coef: 1 });
  });
  const slots: string[] = [];
  for (const t of new Set(variables.map((v) => v.tutor))) {
    for (let k = program.lockedLoad[t] + 1; k <= program.tutorCapacity[t]; k++) {
      const name = `y${t}_${k}`;
      slots.push(name);
      objective.push({ name, coef: -slotCost(program, k) });
      row(`load${t}`).push({ name, coef: -1 });
    }
  }
  const subjectTo = [...rows].map(([name, vars]) => {
    if (name.startsWith('load')) return { name, vars, bnds: { type: glpk.GLP_FX, lb: 0, ub: 0 } };
    const ub = name.startsWith('block') ? Math.min(1e9, program.blockRoom[Number(name.slice(5))]) : 1;
    return { name, vars, bnds: { type: glpk.GLP_UP, lb: 0, ub } };
  });
  const lp: LP = {
    name: 'match',
    objective: { direction: glpk.GLP_MAX, name: 'objective', vars: objective },
    subjectTo,
    bounds: slots.map((name) => ({ name, type: glpk.GLP_DB, lb: 0, ub: 1 })),
    binaries: variables.map((_, i) => `x${i}`),
  };
  return { lp, variables, placementWeight };
}
