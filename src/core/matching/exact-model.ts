// The whole matching as one integer program, for an exact solver to finish what the own search could
// not prove (match.ts). One binary column per (open need, tutor, shared block) that keeps the hard
// rules beside the locked pairs — no candidate pruning, so a proof covers the whole roster — and one
// column per tutor slot for the load-spreading cost. Rows: a need gets at most one tutor, a student
// meets in at most one pair per block (as tutee or tutor), a block holds at most its room, and each
// tutor's new pairs fill their slots. The objective is lexicographic through a weight on each
// placement larger than any difference in total score: the most needs placed first, then the best
// total, stability included (the arcs' bonuses), as the own search ranks answers (repair.ts).
import { blockFits, isOpenTutor, lockedUsage, openNeeds, type Assignment } from './candidates';
import type { Bounds } from './exact';
import { arcBonus, pairScore, slotCost, type Program } from './program';

/** A maximisation in column form (compressed sparse columns), as solvers take it. */
export interface IntegerProgram {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colUpper: Float64Array;
  rowUpper: Float64Array;
  /** Rows that are equalities (their lower bound is their upper bound); the others are ≤ only. */
  rowEqual: Uint8Array;
  /** Column c's entries are indices/values[starts[c] .. starts[c + 1]). */
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  /** 1: the column is binary; 0: continuous in [0, colUpper]. */
  integral: Uint8Array;
}

export interface ExactModel {
  program: IntegerProgram;
  /** Column c < arcs.length places arcs[c]. */
  arcs: Assignment[];
  /** Objective weight of one placed need. */
  placementWeight: number;
  /** The tutors' slot columns: slot column i belongs to slotTutor[i], its k-th new tutee. */
  slotTutor: Int32Array;
}

/** What an exact solver reports (see {@link MipSolver}). */
export interface MipOutcome {
  /** 'optimal': proven; 'stopped': a work or time limit ended it; 'failed': no usable answer. */
  status: 'optimal' | 'stopped' | 'failed';
  /** The best solution found, one value per column (absent when none). */
  values?: Float64Array;
  /** A proven upper bound on the objective (Infinity when none). */
  bound: number;
}

/**
 * How much an exact solve may do. Deterministic: `lpIterations` (simplex iterations in all) is the work
 * limit; `seconds` only guards against a run far longer than expected, and a solve it stops must be
 * reported as 'failed' (a timed answer is not reproducible).
 */
export interface SolveLimits {
  lpIterations: number;
  seconds: number;
}

/**
 * The port to an exact integer-programming solver: HiGHS in Node (src/local/highs.ts), or in the
 * sidebar's browser through a relay (exact-relay.ts).
 */
export interface MipSolver {
  /** Maximises `model`, starting from the feasible solution `start`, within `limits`. */
  solve(model: IntegerProgram, start: Float64Array, limits: SolveLimits): MipOutcome;
}

/**
 * Names one solve: two 32-bit FNV-1a style hashes over every number that defines it (model, start and
 * limits). The solver is deterministic, so equal keys mean equal outcomes; a collision is out of reach
 * in practice.
 */
export function solveKey(model: IntegerProgram, start: ArrayLike<number>, limits: SolveLimits): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  const add = (value: number) => {
    view.setFloat64(0, value);
    for (const byte of bytes) {
      a = Math.imul(a ^ byte, 0x01000193);
      b = Math.imul(b ^ byte, 0x5bd1e995) ^ (b >>> 15);
    }
  };
  const parts: ArrayLike<number>[] = [model.colCost, model.colUpper, model.rowUpper, model.rowEqual, model.starts, model.indices, model.values, model.integral, start];
  for (const part of parts) {
    add(part.length);
    for (let i = 0; i < part.length; i++) add(part[i]);
  }
  add(limits.lpIterations);
  add(limits.seconds);
  return `${(a >>> 0).toString(16)}:${(b >>> 0).toString(16)}`;
}

/** The model of `program`; null when it would have more than `maxColumns` columns. */
export function exactModel(program: Program): ExactModel;
export function exactModel(program: Program, maxColumns: number): ExactModel | null;
export function exactModel(program: Program, maxColumns = Infinity): ExactModel | null {
  const arcs = eligibleArcs(program, maxColumns);
  if (!arcs) return null;
  let spread = 1;
  for (const arc of arcs) spread = Math.max(spread, Math.abs(arc.score));
  let maxSlot = 0;
  for (const capacity of program.tutorCapacity) maxSlot = Math.max(maxSlot, slotCost(program, capacity));
  // Any matching's total score lies within ±needs·(spread + maxSlot): less than half a placement.
  const placementWeight = 1 + 2 * (program.needs.length + 1) * (spread + maxSlot);
  const rows = new RowNumbers();
  const entries: number[][] = arcs.map((arc) => {
    const tutee = program.needs[arc.need].student;
    const own = [rows.of(`n${arc.need}`, 1), rows.of(`t${arc.tutor}`, 0, true), rows.of(`s${tutee}:${arc.block}`, 1), rows.of(`s${arc.tutor}:${arc.block}`, 1)];
    const room = program.blockRoom[arc.block];
    if (Number.isFinite(room)) own.push(rows.of(`b${arc.block}`, room));
    return own;
  });
  const slotTutor: number[] = [];
  const slotCosts: number[] = [];
  for (const tutor of new Set(arcs.map((arc) => arc.tutor))) {
    for (let k = program.lockedLoad[tutor] + 1; k <= program.tutorCapacity[tutor]; k++) {
      slotTutor.push(tutor);
      slotCosts.push(slotCost(program, k));
    }
  }
  const numCols = arcs.length + slotTutor.length;
  if (numCols > maxColumns) return null;
  const starts = new Int32Array(numCols + 1);
  const indices: number[] = [];
  const values: number[] = [];
  const colCost = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(1);
  const integral = new Uint8Array(numCols);
  arcs.forEach((arc, c) => {
    colCost[c] = placementWeight + arc.score;
    integral[c] = 1;
    for (const row of entries[c]) {
      indices.push(row);
      values.push(1);
    }
    starts[c + 1] = indices.length;
  });
  slotTutor.forEach((tutor, i) => {
    const c = arcs.length + i;
    // `0 - cost`, not `-cost`: a free slot costs 0, not -0, which would not survive JSON (exact-relay.ts).
    colCost[c] = 0 - slotCosts[i];
    indices.push(rows.of(`t${tutor}`, 0, true));
    values.push(-1);
    starts[c + 1] = indices.length;
  });
  return {
    program: {
      numCols,
      numRows: rows.count,
      colCost,
      colUpper,
      rowUpper: Float64Array.from(rows.upper),
      rowEqual: Uint8Array.from(rows.equal),
      starts,
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
      integral,
    },
    arcs,
    placementWeight,
    slotTutor: Int32Array.from(slotTutor),
  };
}

/** Row numbers by name, each with its right-hand side. */
class RowNumbers {
  private readonly numbers = new Map<string, number>();
  readonly upper: number[] = [];
  readonly equal: number[] = [];

  get count(): number {
    return this.upper.length;
  }

  of(name: string, upper: number, equal = false): number {
    let row = this.numbers.get(name);
    if (row === undefined) {
      row = this.upper.length;
      this.numbers.set(name, row);
      this.upper.push(upper);
      this.equal.push(equal ? 1 : 0);
    }
    return row;
  }
}

/**
 * Every (open need, tutor, block) that keeps the hard rules beside the locked pairs, with its value;
 * null as soon as there are more than `limit` (a large roster is not listed in full for nothing).
 */
export function eligibleArcs(program: Program): Assignment[];
export function eligibleArcs(program: Program, limit: number): Assignment[] | null;
export function eligibleArcs(program: Program, limit = Infinity): Assignment[] | null {
  const usage = lockedUsage(program);
  const arcs: Assignment[] = [];
  for (const n of openNeeds(program)) {
    const need = program.needs[n];
    for (const t of program.tutorsBySubject.get(need.key) ?? []) {
      if (!isOpenTutor(program, usage, t, need)) continue;
      const base = pairScore(program, t, need);
      for (const b of program.blocksOf[need.student]) {
        if (blockFits(program, usage, t, need.student, b)) arcs.push({ need: n, tutor: t, block: b, score: base + arcBonus(program, t, need, b) });
      }
      if (arcs.length > limit) return null;
    }
  }
  return arcs;
}

/** `assignments` as the model's column values (every assignment must be one of its arcs). */
export function columnValues(model: ExactModel, assignments: Assignment[]): Float64Array {
  const values = new Float64Array(model.program.numCols);
  const column = new Map(model.arcs.map((arc, c) => [arcKey(arc), c] as [string, number]));
  const newLoad = new Map<number, number>();
  for (const a of assignments) {
    const c = column.get(arcKey(a));
    if (c === undefined) throw new Error('An assignment is not an arc of the exact model.');
    values[c] = 1;
    newLoad.set(a.tutor, (newLoad.get(a.tutor) ?? 0) + 1);
  }
  // Each tutor's first slots fill (their costs never fall with the load).
  let previous = -1;
  let filled = 0;
  model.slotTutor.forEach((tutor, i) => {
    filled = tutor === previous ? filled + 1 : 1;
    previous = tutor;
    if (filled <= (newLoad.get(tutor) ?? 0)) values[model.arcs.length + i] = 1;
  });
  return values;
}

const arcKey = (a: { need: number; tutor: number; block: number }) => `${a.need}:${a.tutor}:${a.block}`;

/**
 * Whether `values` keeps every row of the model once each binary column is rounded: a solver's
 * answer is checked before it is used, so a numerical slip could never break a hard rule.
 */
export function keepsEveryRow(model: ExactModel, values: Float64Array): boolean {
  const { program } = model;
  if (values.length !== program.numCols) return false;
  const activity = new Float64Array(program.numRows);
  for (let c = 0; c < program.numCols; c++) {
    const value = program.integral[c] ? Math.round(values[c]) : values[c];
    if (value < -1e-6 || value > program.colUpper[c] + 1e-6) return false;
    for (let e = program.starts[c]; e < program.starts[c + 1]; e++) activity[program.indices[e]] += program.values[e] * value;
  }
  // Slot columns are continuous: a tutor's equality row may be off by rounding, never by a whole pair.
  return activity.every((value, row) => (program.rowEqual[row] ? Math.abs(value - program.rowUpper[row]) < 1e-6 : value <= program.rowUpper[row] + 1e-6));
}

/** The placements a solution's column values choose. */
export function chosenArcs(model: ExactModel, values: Float64Array): Assignment[] {
  return model.arcs.filter((_, c) => values[c] > 0.5);
}

/**
 * What a proven bound on the model's objective says in the matcher's terms, given that no matching
 * places more than `placedBound` needs: no matching places more than `placed`, and none placing
 * `placed` scores above `objective`. Every matching's score lies strictly within half a placement
 * weight of zero, so `bound` ≥ weight·placed + score gives both.
 */
export function boundsFrom(model: ExactModel, bound: number, placedBound: number): Bounds {
  if (!Number.isFinite(bound)) return { placed: placedBound, objective: Infinity };
  const weight = model.placementWeight;
  const placed = Math.max(0, Math.min(placedBound, Math.floor((bound + weight / 2) / weight)));
  return { placed, objective: bound - weight * placed };
}
