// Lagrangian prices for the two rules the flow cannot express. Instead of banning pairs out of an
// over-full block (or out of a block where a student meets twice), the block — or the student's
// block — gets a price added to the cost of every arc through it, and the flow is solved again.
// Prices rise where the rule is broken and fall where there is room (a subgradient step), so the
// flow learns to route the needs with cheap alternatives elsewhere and to leave the scarce blocks
// to the needs that have nowhere else to go. The flow stays a maximum flow whatever the prices
// (costs only choose among maximum flows), so every priced solve still bounds placements from above.
import type { Usage } from './candidates';
import type { Program } from './program';

export class Prices {
  /** Per block. */
  readonly block: Float64Array;
  /** Student × block (a student meets in at most one pair per block), only where positive. */
  readonly studentBlock = new Map<number, number>();

  constructor(private readonly program: Program) {
    this.block = new Float64Array(program.blockCount);
  }

  /** Extra cost of a pair of tutee s and tutor t in block b. */
  of(s: number, t: number, b: number): number {
    const nb = this.program.blockCount;
    return this.block[b] + (this.studentBlock.get(s * nb + b) ?? 0) + (this.studentBlock.get(t * nb + b) ?? 0);
  }

  /**
   * One subgradient step of size `step` from the use of the flow's pairs plus the fixed commitments.
   * Returns the number of broken rules (0: the flow's pairs are feasible).
   */
  update(use: Usage, step: number): number {
    const { program } = this;
    let broken = 0;
    for (let b = 0; b < program.blockCount; b++) {
      const room = program.blockRoom[b];
      if (!Number.isFinite(room)) continue;
      const excess = use.blockPairs[b] - room;
      if (excess > 0) broken++;
      this.block[b] = Math.max(0, this.block[b] + Math.round(step * excess));
    }
    // Student-block prices live only where a clash happened; they decay where it went away.
    for (const [key, price] of this.studentBlock) {
      const next = price + Math.round(step * (use.studentBlock[key] - 1));
      if (next > 0) this.studentBlock.set(key, next);
      else this.studentBlock.delete(key);
    }
    for (let key = 0; key < use.studentBlock.length; key++) {
      if (use.studentBlock[key] <= 1) continue;
      broken++;
      if (!this.studentBlock.has(key)) this.studentBlock.set(key, Math.round(step * (use.studentBlock[key] - 1)));
    }
    return broken;
  }
}
