// Re-choosing tutors with every placement and block kept (retutor.ts) against an exhaustive search
// of every tutor choice, on random programs: the same best objective, the same needs in the same
// blocks, and no hard rule broken (checked by the contract's oracle, not by the matcher's rules).
import fc from 'fast-check';
import type { Assignment } from '../../src/core/matching/candidates';
import { buildProgram, isEligible, type Program } from '../../src/core/matching/program';
import { arcValue, fillGreedily, objective } from '../../src/core/matching/repair';
import { retutor } from '../../src/core/matching/retutor';
import { assignmentViolations } from '../support/matching-oracle';
import { randomProgram } from '../support/random-program';

const eligibleTutors = (program: Program) => (n: number) =>
  (program.tutorsBySubject.get(program.needs[n].key) ?? []).filter((t) => isEligible(program, t, program.needs[n]));

/** Every tutor choice for the fixed (need, block)s that keeps the rules, best objective first. */
function bestByEnumeration(program: Program, fixed: Assignment[], tutorsOf: (n: number) => number[]): number {
  const nb = program.blockCount;
  const busy = Uint8Array.from(program.lockedBlockUse);
  for (const a of fixed) busy[program.needs[a.need].student * nb + a.block] = 1;
  const load = Int32Array.from(program.lockedLoad);
  const chosen: Assignment[] = [];
  let best = -Infinity;
  const visit = (i: number) => {
    if (i === fixed.length) {
      best = Math.max(best, objective(program, chosen));
      return;
    }
    const { need, block } = fixed[i];
    for (const t of tutorsOf(need)) {
      const cell = t * nb + block;
      if (!program.available[cell] || busy[cell] || load[t] >= program.tutorCapacity[t]) continue;
      busy[cell] = 1;
      load[t]++;
      chosen.push({ need, tutor: t, block, score: arcValue(program, t, need, block) });
      visit(i + 1);
      chosen.pop();
      load[t]--;
      busy[cell] = 0;
    }
  };
  visit(0);
  return best;
}

const needBlocks = (assignments: Assignment[]) => assignments.map((a) => `${a.need}@${a.block}`).sort();

describe('retutor: the best tutors for the placed needs in their blocks', () => {
  it('finds the exhaustive optimum on small programs and keeps every placement, block and rule', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 6, max: 16 }), (seed, students) => {
        const program = buildProgram(randomProgram(seed, { students }));
        const tutorsOf = eligibleTutors(program);
        const start = fillGreedily(program, []).slice(0, 6);
        const result = retutor(program, start, tutorsOf);
        expect(needBlocks(result)).toEqual(needBlocks(start));
        expect(assignmentViolations(program, result)).toEqual([]);
        expect(objective(program, result)).toBeGreaterThanOrEqual(objective(program, start));
        if (start.length) expect(objective(program, result)).toBe(bestByEnumeration(program, start, tutorsOf));
      }),
      { numRuns: 150 },
    );
  });

  it('swaps two tutors when each fits the other tutee better', () => {
    const input = randomProgram(7, { students: 4, blocks: 1 });
    const base = { grade: 8, languages: ['English'], learningPreference: '' as const, active: true, consent: 'Yes' as const, trained: true, doNotPairWith: [], availability: [input.blocks[0].name], maxTutees: 1 };
    input.blocks = [input.blocks[0], { ...input.blocks[0], name: 'Tue-A', day: 'Tue' }];
    const blocks = input.blocks.map((b) => b.name);
    input.students = [
      { ...input.students[0], ...base, id: 'T1', role: 'Tutor', grade: 9, canTutor: [{ subject: 'Math', level: 4 }], needsHelpWith: [], availability: blocks },
      { ...input.students[1], ...base, id: 'T2', role: 'Tutor', grade: 12, canTutor: [{ subject: 'Math', level: 4 }], needsHelpWith: [], availability: blocks },
      { ...input.students[2], ...base, id: 'U1', role: 'Tutee', grade: 8, canTutor: [], needsHelpWith: [{ subject: 'Math', level: 2 }], availability: [blocks[0]] },
      { ...input.students[3], ...base, id: 'U2', role: 'Tutee', grade: 11, canTutor: [], needsHelpWith: [{ subject: 'Math', level: 2 }], availability: [blocks[1]] },
    ];
    input.pairs = [];
    const program = buildProgram(input);
    const id = (s: string) => program.studentIndex.get(s)!;
    const needOf = (s: string) => program.needs.findIndex((need) => need.student === id(s));
    // T2 (grade 12) with U1 (grade 8) and T1 (grade 9) with U2 (grade 11): both grade gaps poor.
    const poor = [
      { need: needOf('U1'), tutor: id('T2'), block: 0, score: arcValue(program, id('T2'), needOf('U1'), 0) },
      { need: needOf('U2'), tutor: id('T1'), block: 1, score: arcValue(program, id('T1'), needOf('U2'), 1) },
    ];
    const result = retutor(program, poor, eligibleTutors(program));
    expect(result.map((a) => program.students[a.tutor].id)).toEqual(['T1', 'T2']);
    expect(objective(program, result)).toBeGreaterThan(objective(program, poor));
  });
});
