// The matching problem with its two awkward rules priced instead of enforced (Lagrangian relaxation).
//
// What remains is a network, solved exactly by the network simplex:
//   need (supply 1) → (tutor, block) (cap 1) → tutor → sink through one arc per free tutor slot
//   (convex load-spreading cost), plus an arc need → sink for leaving the need unplaced.
// The two rules a network cannot hold are rows with a price λ ≥ 0 each:
//   - a student meets in at most one pair per block (only where two of the student's roles — needs,
//     or tutoring — could meet in the same block; a tutor's own pairs are already held by the network);
//   - a block holds at most its Capacity.
// For any prices, the best flow's value plus λ · (right-hand sides) bounds every feasible matching
// from above (weak duality), so each solve is a proof that nothing better than that exists.
//
// Two objectives, in the lexicographic order of the contract:
//   - placements: each placed need is worth one unit (slot costs ignored) — bounds how many can be
//     placed; the unit is large and each arc adds its score above the lowest as a tie-break, so among
//     flows that place as many the relaxation prefers the better pairs (which the repairs then keep)
//     while the bound on placements stays valid (it only ever over-counts, by less than a unit);
//   - score: each placed need is worth its score, minus slot costs, among flows that place at least
//     P* needs (the unplaced needs leave through a hub whose capacity is the number that may stay
//     unplaced), so the bound holds for every matching that places P* needs.
// Values are scaled by SCALE and prices kept in whole scaled units, so the network runs on integers.
// A branch-and-bound (exact.ts) bans arcs: a banned arc costs more than any flow can earn, so a
// solution that still uses one (or the artificial arcs) means the node has no feasible flow.
import { NetworkSimplex } from './network-simplex';
import type { Reach } from './candidates';
import { SAME_BLOCK_BONUS, slotCost, type Program } from './program';

/** Prices are multiples of 1/SCALE of a score point. */
export const SCALE = 1024;

/** The (need, tutor, block) combinations the relaxation may use, with each one's value (score + bonuses). */
export interface ArcList {
  need: number[];
  tutor: number[];
  block: number[];
  value: number[];
}

export type Objective = 'placements' | 'score';

export interface RelaxedSolution {
  /** Arc indexes (into the ArcList) the best flow uses. */
  chosen: number[];
  /** Upper bound, in scaled units, on the objective of every feasible matching (placing P* for 'score'). */
  bound: number;
  /** Row use minus right-hand side, per row (the subgradient); positive where a rule is broken. */
  excess: Float64Array;
  placed: number;
  /** No flow avoids the banned arcs (and places P*): nothing feasible below this node. */
  infeasible: boolean;
}

const ROWS_PER_ARC = 3;

export class Relaxation {
  readonly rowCount: number;
  readonly rhs: Float64Array;
  /** Per arc, the rows it uses (-1: none): tutee's student-block, tutor's student-block, block. */
  private arcRows: Int32Array;
  /** Largest price worth setting: more than any arc can earn. */
  readonly priceCap: number;
  /** What one unit of the objective is worth in costs: a placement, or a score point (SCALE). */
  readonly unit: number;
  /** Placement objective: the tie-break an arc adds (its value above the lowest), in cost units. */
  private readonly lowestValue: number;
  /** The arcs in the network (grows when left-out arcs are priced in, see {@link addArcs}). */
  readonly arcs: ArcList = { need: [], tutor: [], block: [], value: [] };
  private readonly network: NetworkSimplex;
  private arcIds: Int32Array;
  private readonly needNode = new Map<number, number>();
  private readonly tutorBlockNode = new Map<number, number>();
  private readonly rowOf: Map<number, number>;
  private readonly blockRow: Int32Array;
  private readonly slotArcs: { arc: number; k: number }[] = [];
  private readonly sink = 0;
  private readonly banCost: number;
  /** Per arc: 1 when a branch forbids it (change through {@link setBanned}). */
  banned: Uint8Array;
  /** Per need: 1 when a branch forbids leaving it unplaced (change through {@link setMustPlace}). */
  readonly mustPlace: Uint8Array;
  private readonly skipArc = new Map<number, number>();
  /** The same as parallel arrays, for the hot loops: need, and its arc to the hub. */
  private skipNeeds: Int32Array = new Int32Array(0);
  private skipIds: Int32Array = new Int32Array(0);
  /** Marks arcs touched in the current cost update (epoch stamps avoid clearing). */
  private touchedAt: Int32Array = new Int32Array(0);
  private epoch = 0;
  private rowArcs: number[][] | null = null;
  private readonly firstBlockRow: number;
  /** Per one-pair-per-block row: its student. */
  readonly rowStudent: Int32Array;
  /** Prices the arc costs were last set for, and arcs whose cost must be set again. */
  private applied: Float64Array;
  private dirty: number[] = [];
  private dirtySkips: number[] = [];
  private slotsSet = false;

  /**
   * `reach` says where every need and tutor could meet at all (it fixes the nodes and rows, so arcs
   * left out at first can be added later); `objective` is fixed per relaxation; for 'score',
   * `required` (P*) needs must be placed.
   */
  constructor(
    private readonly program: Program,
    initial: ArcList,
    reach: Reach,
    readonly objective: Objective,
    readonly required = 0,
  ) {
    const nb = program.blockCount;
    const rows = buildRows(program, reach);
    this.rowCount = rows.rhs.length;
    this.rhs = rows.rhs;
    this.rowOf = rows.rowOf;
    this.blockRow = rows.blockRow;
    this.firstBlockRow = rows.firstBlockRow;
    this.rowStudent = rows.rowStudent;
    this.applied = new Float64Array(this.rowCount);
    let maxValue = 1;
    let lowest = Infinity;
    for (const v of initial.value) {
      maxValue = Math.max(maxValue, Math.abs(v));
      lowest = Math.min(lowest, v);
    }
    this.lowestValue = Number.isFinite(lowest) ? lowest : 0;
    // Left-out arcs can be worth more than the kept ones only by the bonuses (see candidateArcs).
    maxValue += SAME_BLOCK_BONUS + Math.max(0, program.weights.stability) + 1;
    const maxSlot = slotCost(program, Math.max(1, ...Array.from(program.tutorCapacity)));
    const needs = reach.needBlocks.size;
    // Placements: ties add at most `needs` × (value spread) in all, a quarter of a unit.
    let placementUnit = SCALE;
    while (placementUnit < 4 * (needs + 1) * (maxValue - this.lowestValue + 1)) placementUnit *= 2;
    this.unit = objective === 'placements' ? placementUnit : SCALE;
    this.priceCap = objective === 'placements' ? 4 * placementUnit : SCALE * (4 * (maxValue + maxSlot) + 4);
    this.mustPlace = new Uint8Array(program.needs.length);
    // Nodes: sink, hub of the unplaced, needs, (tutor, block)s and tutors, then Hall caps.
    const hub = 1;
    const tutorNode = new Map<number, number>();
    let nodes = 2;
    for (const [n, blocks] of reach.needBlocks) if (blocks.length) this.needNode.set(n, nodes++);
    for (const [t, blocks] of reach.tutorBlocks) {
      if (!blocks.length) continue;
      tutorNode.set(t, nodes++);
      for (const b of blocks) this.tutorBlockNode.set(t * nb + b, nodes++);
    }
    const caps = hallCaps(program, [...this.needNode.keys()], reach.needBlocks);
    const capNode = new Map<number, number>();
    let forcedSkips = 0;
    for (const cap of caps) {
      const node = nodes++;
      for (const n of cap.needs) capNode.set(n, node);
      forcedSkips += cap.needs.length - cap.most;
    }
    // More than every flow can earn: a flow through a banned arc is worse than any flow avoiding them.
    const earnMost = this.needNode.size * (this.priceCap + this.unit * 2 + SCALE * (maxValue + maxSlot) + 1);
    this.banCost = 2 * earnMost + 1;
    this.network = new NetworkSimplex(nodes, initial.need.length + this.needNode.size + this.tutorBlockNode.size * 2 + caps.length + 1, this.banCost + 3 * this.priceCap);
    this.network.setSupply(this.sink, -this.needNode.size);
    this.network.setSupply(hub, forcedSkips);
    for (const [n, node] of this.needNode) {
      this.network.setSupply(node, 1);
      this.skipArc.set(n, this.network.addArc(node, capNode.get(n) ?? hub, 1, 0));
    }
    // A student whose needs cannot all meet in distinct blocks: the surplus must stay unplaced.
    for (const cap of caps) {
      const node = capNode.get(cap.needs[0])!;
      this.network.setSupply(node, -(cap.needs.length - cap.most));
      this.network.addArc(node, hub, cap.most, 0);
    }
    this.network.addArc(hub, this.sink, Math.max(0, this.needNode.size - required), 0);
    this.skipNeeds = Int32Array.from(this.skipArc.keys());
    this.skipIds = Int32Array.from(this.skipArc.values());
    for (const [key, node] of this.tutorBlockNode) this.network.addArc(node, tutorNode.get(Math.floor(key / nb))!, 1, 0);
    for (const [t, node] of tutorNode) {
      for (let k = program.lockedLoad[t] + 1; k <= program.tutorCapacity[t]; k++) {
        this.slotArcs.push({ arc: this.network.addArc(node, this.sink, 1, 0), k });
      }
    }
    this.arcRows = new Int32Array(0);
    this.arcIds = new Int32Array(0);
    this.banned = new Uint8Array(0);
    this.addArcs(initial);
  }

  /** Adds arcs (need, tutor, block within the reach given at construction); they start empty. */
  addArcs(more: ArcList) {
    const nb = this.program.blockCount;
    const start = this.arcs.need.length;
    const count = start + more.need.length;
    this.arcRows = grow(this.arcRows, count * ROWS_PER_ARC);
    this.arcIds = grow(this.arcIds, count);
    this.banned = grow(this.banned, count);
    this.touchedAt = grow(this.touchedAt, count);
    for (let i = 0; i < more.need.length; i++) {
      const a = start + i;
      const [n, t, b] = [more.need[i], more.tutor[i], more.block[i]];
      this.arcs.need.push(n);
      this.arcs.tutor.push(t);
      this.arcs.block.push(b);
      this.arcs.value.push(more.value[i]);
      const s = this.program.needs[n].student;
      this.arcRows[a * ROWS_PER_ARC] = this.rowOf.get(s * nb + b) ?? -1;
      this.arcRows[a * ROWS_PER_ARC + 1] = this.rowOf.get(t * nb + b) ?? -1;
      this.arcRows[a * ROWS_PER_ARC + 2] = this.blockRow[b];
      this.arcIds[a] = this.network.addArc(this.needNode.get(n)!, this.tutorBlockNode.get(t * nb + b)!, 1, this.arcCost(a, this.applied));
      if (this.rowArcs) for (let j = a * ROWS_PER_ARC; j < (a + 1) * ROWS_PER_ARC; j++) if (this.arcRows[j] >= 0) this.rowArcs[this.arcRows[j]].push(a);
    }
  }

  /** Needs the relaxation can place at all (those with at least one arc). */
  get needCount(): number {
    return this.needNode.size;
  }

  /** Network simplex pivots so far (work, deterministic). */
  get pivots(): number {
    return this.network.pivots;
  }

  setBanned(a: number, banned: boolean) {
    if (this.banned[a] === (banned ? 1 : 0)) return;
    this.banned[a] = banned ? 1 : 0;
    this.dirty.push(a);
  }

  setMustPlace(n: number, must: boolean) {
    if (this.mustPlace[n] === (must ? 1 : 0)) return;
    this.mustPlace[n] = must ? 1 : 0;
    this.dirtySkips.push(n);
  }

  /** Solves the relaxation under prices `lambda` (one per row, scaled), from the previous solve's basis. */
  solve(lambda: Float64Array): RelaxedSolution {
    this.applyCosts(lambda);
    this.network.solve();
    const { arcRows, arcIds, banned, network, mustPlace, skipNeeds, skipIds } = this;
    const count = this.arcs.need.length;
    const chosen: number[] = [];
    const excess = new Float64Array(this.rowCount);
    for (let r = 0; r < this.rowCount; r++) excess[r] = -this.rhs[r];
    let infeasible = network.artificialFlow() > 0;
    for (let i = 0; i < skipNeeds.length; i++) if (mustPlace[skipNeeds[i]] && network.flowOn(skipIds[i]) > 0) infeasible = true;
    for (let a = 0; a < count; a++) {
      if (network.flowOn(arcIds[a]) === 0) continue;
      if (banned[a]) infeasible = true;
      chosen.push(a);
      const j = a * ROWS_PER_ARC;
      if (arcRows[j] >= 0) excess[arcRows[j]]++;
      if (arcRows[j + 1] >= 0) excess[arcRows[j + 1]]++;
      if (arcRows[j + 2] >= 0) excess[arcRows[j + 2]]++;
    }
    let bound = -this.network.totalCost();
    for (let r = 0; r < this.rowCount; r++) bound += lambda[r] * this.rhs[r];
    return { chosen, bound, excess, placed: chosen.length, infeasible };
  }

  /** Sets the costs of the arcs whose prices or bans changed since the last solve. */
  private applyCosts(lambda: Float64Array) {
    if (!this.slotsSet) {
      for (const { arc, k } of this.slotArcs) this.network.setCost(arc, this.objective === 'placements' ? 0 : SCALE * slotCost(this.program, k));
      this.slotsSet = true;
    }
    const count = this.arcs.need.length;
    let changedArcs = 0;
    for (let r = 0; r < this.rowCount; r++) if (lambda[r] !== this.applied[r]) changedArcs += this.arcsOfRow(r).length;
    if (changedArcs * 2 > count) {
      // Most prices moved: recomputing every arc is cheaper than tracking which.
      for (let a = 0; a < count; a++) this.network.setCost(this.arcIds[a], this.arcCost(a, lambda));
    } else {
      const epoch = ++this.epoch;
      const update = (a: number) => {
        if (this.touchedAt[a] === epoch) return;
        this.touchedAt[a] = epoch;
        this.network.setCost(this.arcIds[a], this.arcCost(a, lambda));
      };
      for (const a of this.dirty) update(a);
      for (let r = 0; r < this.rowCount; r++) if (lambda[r] !== this.applied[r]) for (const a of this.arcsOfRow(r)) update(a);
    }
    this.applied.set(lambda);
    for (const n of this.dirtySkips) this.network.setCost(this.skipArc.get(n)!, this.mustPlace[n] ? this.banCost : 0);
    this.dirty = [];
    this.dirtySkips = [];
  }

  /** Scaled cost of arc a: minus what it earns, plus the prices of the rows it uses (or the ban). */
  arcCost(a: number, lambda: Float64Array): number {
    if (this.banned[a]) return this.banCost;
    let cost = this.objective === 'placements' ? -this.unit - Math.max(0, this.arcs.value[a] - this.lowestValue) : -SCALE * this.arcs.value[a];
    const rows = this.arcRows;
    const j = a * ROWS_PER_ARC;
    if (rows[j] >= 0) cost += lambda[rows[j]];
    if (rows[j + 1] >= 0) cost += lambda[rows[j + 1]];
    if (rows[j + 2] >= 0) cost += lambda[rows[j + 2]];
    return cost;
  }

  /** A need's marginal value in the last flow (scaled): what one more unit of it would earn at most. */
  marginal(n: number): number {
    // Reduced costs are cost + π(from) − π(to) and costs are minus values, so π(need) − π(sink) is
    // what the need earns at the margin.
    const node = this.needNode.get(n);
    return node === undefined ? 0 : this.network.potentialOf(node) - this.network.potentialOf(this.sink);
  }

  /**
   * The bound's correction for combinations left out of the network: need n's best left-out value
   * `outside[n]` (unscaled score, -Infinity: none) would pay only beyond the need's marginal value, so
   * adding that excess to the bound keeps it valid for every eligible combination.
   */
  outsideCorrection(outside: Float64Array): number {
    let correction = 0;
    for (const n of this.needNode.keys()) correction += this.outsideGain(n, outside);
    return correction;
  }

  /** What need n's left-out combinations could add to the bound (scaled, 0: nothing). */
  outsideGain(n: number, outside: Float64Array): number {
    if (outside[n] === -Infinity) return 0;
    const best = this.objective === 'placements' ? this.unit + Math.max(0, outside[n] - this.lowestValue) : SCALE * outside[n];
    return Math.max(0, best - this.marginal(n));
  }

  /** Whether arc a carries flow in the last solve. */
  isUsed(a: number): boolean {
    return this.network.flowOn(this.arcIds[a]) > 0;
  }

  /** Reduced cost of leaving need n unplaced (scaled), and whether the last flow leaves it unplaced. */
  skipState(n: number): { reducedCost: number; used: boolean } {
    const arc = this.skipArc.get(n);
    if (arc === undefined) return { reducedCost: 0, used: true };
    return { reducedCost: this.network.reducedCost(arc), used: this.network.flowOn(arc) > 0 };
  }

  /** The arcs that use row r (built on first use). */
  arcsOfRow(r: number): number[] {
    if (!this.rowArcs) {
      this.rowArcs = Array.from({ length: this.rowCount }, () => [] as number[]);
      const used = this.arcs.need.length * ROWS_PER_ARC;
      for (let j = 0; j < used; j++) if (this.arcRows[j] >= 0) this.rowArcs[this.arcRows[j]].push(Math.floor(j / ROWS_PER_ARC));
    }
    return this.rowArcs[r];
  }

  /** Whether row r is a block's Capacity (else a student's one-pair-per-block rule). */
  isBlockRow(r: number): boolean {
    return r >= this.firstBlockRow;
  }

  /** Reduced cost of arc a (scaled, ≥ 0 when the flow leaves it empty): what forcing it in would lose at least. */
  reducedCost(a: number): number {
    return this.network.reducedCost(this.arcIds[a]);
  }

}

function grow<T extends Int32Array | Uint8Array>(old: T, size: number): T {
  if (old.length >= size) return old;
  const next = new (old.constructor as new (n: number) => T)(Math.max(size, old.length * 2));
  next.set(old);
  return next;
}

/**
 * Students with needs that cannot all meet in distinct blocks (Hall's condition fails): at most
 * `most` of them can be placed, the size of a largest matching of their needs to their usable blocks.
 */
function hallCaps(program: Program, needs: number[], needBlocks: Map<number, number[]>): { needs: number[]; most: number }[] {
  const byStudent = new Map<number, number[]>();
  for (const n of needs) {
    const s = program.needs[n].student;
    const list = byStudent.get(s);
    if (list) list.push(n);
    else byStudent.set(s, [n]);
  }
  const caps: { needs: number[]; most: number }[] = [];
  for (const [, list] of [...byStudent].sort((x, y) => x[0] - y[0])) {
    if (list.length < 2) continue;
    const most = largestMatching(list.map((n) => [...(needBlocks.get(n) ?? [])]));
    if (most < list.length) caps.push({ needs: list, most });
  }
  return caps;
}

/** Size of a largest matching of items to their allowed slots (augmenting paths; items are few). */
function largestMatching(allowed: number[][]): number {
  const owner = new Map<number, number>();
  const assign = (i: number, seen: Set<number>): boolean => {
    for (const slot of allowed[i]) {
      if (seen.has(slot)) continue;
      seen.add(slot);
      const other = owner.get(slot);
      if (other === undefined || assign(other, seen)) {
        owner.set(slot, i);
        return true;
      }
    }
    return false;
  };
  let size = 0;
  for (let i = 0; i < allowed.length; i++) if (assign(i, new Set())) size++;
  return size;
}

/**
 * The priced rows: student-blocks where two of a student's roles (a need of theirs, or tutoring)
 * could meet, and blocks more needs could meet in than their Capacity holds.
 */
function buildRows(program: Program, reach: Reach) {
  const nb = program.blockCount;
  const roles = new Map<number, number>();
  const needsInBlock = new Int32Array(nb);
  for (const [n, blocks] of reach.needBlocks) {
    const s = program.needs[n].student;
    for (const b of blocks) {
      roles.set(s * nb + b, (roles.get(s * nb + b) ?? 0) + 1);
      needsInBlock[b]++;
    }
  }
  for (const [t, blocks] of reach.tutorBlocks) for (const b of blocks) roles.set(t * nb + b, (roles.get(t * nb + b) ?? 0) + 1);
  const rowOf = new Map<number, number>();
  const rhs: number[] = [];
  const students: number[] = [];
  for (const [key, count] of [...roles].sort((x, y) => x[0] - y[0])) {
    if (count < 2) continue;
    rowOf.set(key, rhs.length);
    rhs.push(1);
    students.push(Math.floor(key / nb));
  }
  const firstBlockRow = rhs.length;
  const blockRow = new Int32Array(nb).fill(-1);
  for (let b = 0; b < nb; b++) {
    const room = program.blockRoom[b];
    if (Number.isFinite(room) && needsInBlock[b] > room) {
      blockRow[b] = rhs.length;
      rhs.push(room);
    }
  }
  return { rhs: Float64Array.from(rhs), rowOf, blockRow, firstBlockRow, rowStudent: Int32Array.from(students) };
}
