// Score polishing that keeps every placement and every block: with each placed need's block fixed,
// which tutor meets it is a min-cost flow (need in its block → a tutor free in that block → the
// tutor's slots, at their rising cost), solved exactly. Block Capacity and each tutee's blocks hold
// as before, since no pair changes block; a tutor meets at most once per block, never in a block
// where they are tutored themselves or hold a locked pair, and never above Max tutees.
import type { Assignment } from './candidates';
import { MinCostFlow } from './min-cost-flow';
import { slotCost, type Program } from './program';
import { arcValue, objective } from './repair';

/**
 * The best tutors for `assignments` with their needs and blocks kept. `tutorsOf(n)` lists the
 * tutors need n may have (each passes the hard rules); the current tutor is always tried too, so the
 * answer never scores below `assignments`.
 */
export function retutor(program: Program, assignments: Assignment[], tutorsOf: (n: number) => readonly number[]): Assignment[] {
  if (assignments.length < 2) return assignments;
  const nb = program.blockCount;
  // Where each student is tutored: a tutor cannot meet there.
  const tutored = new Uint8Array(program.students.length * nb);
  for (const a of assignments) tutored[program.needs[a.need].student * nb + a.block] = 1;
  const free = (t: number, b: number) => program.available[t * nb + b] === 1 && !tutored[t * nb + b] && !program.lockedBlockUse[t * nb + b];

  const options = assignments.map((a) => {
    const tutors = new Set<number>([a.tutor]);
    for (const t of tutorsOf(a.need)) if (t !== program.needs[a.need].student && free(t, a.block)) tutors.add(t);
    return [...tutors].map((t) => ({ tutor: t, value: arcValue(program, t, a.need, a.block) }));
  });
  let top = 0;
  for (const list of options) for (const option of list) top = Math.max(top, option.value);

  // Nodes: 0 source, 1 sink, then one per assignment, one per (tutor, block) used, one per tutor.
  const tutorBlockNode = new Map<number, number>();
  const tutorNode = new Map<number, number>();
  let nodes = 2 + assignments.length;
  for (const [i, list] of options.entries()) {
    for (const { tutor } of list) {
      const key = tutor * nb + assignments[i].block;
      if (!tutorBlockNode.has(key)) tutorBlockNode.set(key, nodes++);
      if (!tutorNode.has(tutor)) tutorNode.set(tutor, nodes++);
    }
  }
  const flow = new MinCostFlow(nodes, assignments.length * 8);
  const choice: { arc: number; tutor: number }[][] = options.map(() => []);
  for (const [i, list] of options.entries()) {
    flow.addArc(0, 2 + i, 1, 0);
    for (const { tutor, value } of list) {
      // Costs must be non-negative: every need is met once either way, so `top` shifts all alike.
      const arc = flow.addArc(2 + i, tutorBlockNode.get(tutor * nb + assignments[i].block)!, 1, top - value);
      choice[i].push({ arc, tutor });
    }
  }
  for (const [key, node] of tutorBlockNode) flow.addArc(node, tutorNode.get(Math.floor(key / nb))!, 1, 0);
  for (const [tutor, node] of tutorNode) {
    for (let k = program.lockedLoad[tutor] + 1; k <= program.tutorCapacity[tutor]; k++) flow.addArc(node, 1, 1, slotCost(program, k));
  }
  const solved = flow.solve(0, 1);
  // The current tutors are one way to meet every need: anything less is a bug, and changes nothing.
  if (solved.flow < assignments.length) return assignments;
  const result = assignments.map((a, i) => {
    const tutor = choice[i].find((c) => flow.flowOn(c.arc) > 0)!.tutor;
    return tutor === a.tutor ? a : { need: a.need, tutor, block: a.block, score: arcValue(program, tutor, a.need, a.block) };
  });
  return objective(program, result) > objective(program, assignments) ? result : assignments;
}
