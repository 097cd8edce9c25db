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
//   - placements: each placed need is worth 1 (slot costs ignored) — bounds how many can be placed;
//   - score: each placed need is worth its score, minus slot costs, among flows that place at least
//     P* needs (the unplaced needs leave through a hub whose capacity is the number that may stay
//     unplaced), so the bound holds for every matching that places P* needs.
// Values are scaled by SCALE and prices kept in whole scaled units, so the network runs on integers.
// A branch-and-bound (exact.ts) bans arcs: a banned arc costs more than any flow can earn, so a
// solution that still uses one (or the artificial arcs) means the node has no feasible flow.
import { NetworkSimplex } from './network-simplex';
import { slotCost, type Program } from './program';

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
  readonly arcRows: Int32Array;
  /** Largest price worth setting: more than any arc can earn. */
  readonly priceCap: number;
  private readonly network: NetworkSimplex;
  private readonly arcIds: Int32Array;
  private readonly needNode: Map<number, number>;
  private readonly slotArcs: { arc: number; k: number }[] = [];
  private readonly sink: number;
  private readonly banCost: number;
  /** Per arc: 1 when a branch forbids it. */
  readonly banned: Uint8Array;
  /** Per need: 1 when a branch forbids leaving it unplaced. */
  readonly mustPlace: Uint8Array;
  private readonly skipArc = new Map<number, number>();
  private rowArcs: number[][] | null = null;
  private readonly firstBlockRow: number;
  /** Per one-pair-per-block row: its student. */
  readonly rowStudent: Int32Array;

  /**
   * `objective` is fixed per relaxation; for 'score', `required` (P*) needs must be placed.
   */
  constructor(
    private readonly program: Program,
    readonly arcs: ArcList,
    readonly objective: Objective,
    readonly required = 0,
    /** Blocks each need could meet in over every eligible combination (default: over `arcs`). */
    needBlocks: Map<number, Set<number>> = blocksByNeed(arcs),
  ) {
    const nb = program.blockCount;
    const count = arcs.need.length;
    const rows = buildRows(program, arcs);
    this.rowCount = rows.rhs.length;
    this.rhs = rows.rhs;
    this.arcRows = rows.arcRows;
    this.firstBlockRow = rows.firstBlockRow;
    this.rowStudent = rows.rowStudent;
    let maxValue = 1;
    for (const v of arcs.value) maxValue = Math.max(maxValue, Math.abs(v));
    const maxSlot = slotCost(program, Math.max(1, ...Array.from(program.tutorCapacity)));
    this.priceCap = SCALE * (4 * (maxValue + maxSlot) + 4);
    this.banned = new Uint8Array(count);
    this.mustPlace = new Uint8Array(program.needs.length);
    // Nodes: sink, hub of the unplaced, then needs, (tutor, block)s and tutors as the arcs reach them.
    this.sink = 0;
    const hub = 1;
    this.needNode = new Map();
    const tutorBlockNode = new Map<number, number>();
    const tutorNode = new Map<number, number>();
    let nodes = 2;
    for (let a = 0; a < count; a++) {
      if (!this.needNode.has(arcs.need[a])) this.needNode.set(arcs.need[a], nodes++);
      const key = arcs.tutor[a] * nb + arcs.block[a];
      if (!tutorBlockNode.has(key)) tutorBlockNode.set(key, nodes++);
      if (!tutorNode.has(arcs.tutor[a])) tutorNode.set(arcs.tutor[a], nodes++);
    }
    // More than every flow can earn: a flow through a banned arc is worse than any flow avoiding them.
    const earnMost = this.needNode.size * (this.priceCap + SCALE * (maxValue + maxSlot) + 1);
    this.banCost = 2 * earnMost + 1;
    this.network = new NetworkSimplex(nodes, count + this.needNode.size + tutorBlockNode.size * 2, this.banCost + 3 * this.priceCap);
    const caps = hallCaps(program, [...this.needNode.keys()], needBlocks);
    const capNode = new Map<number, number>();
    let forcedSkips = 0;
    for (const cap of caps) {
      const node = nodes++;
      for (const n of cap.needs) capNode.set(n, node);
      forcedSkips += cap.needs.length - cap.most;
    }
    this.network = new NetworkSimplex(nodes, count + this.needNode.size + tutorBlockNode.size * 2 + caps.length, this.banCost + 3 * this.priceCap);
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
    this.arcIds = new Int32Array(count);
    for (let a = 0; a < count; a++) {
      this.arcIds[a] = this.network.addArc(this.needNode.get(arcs.need[a])!, tutorBlockNode.get(arcs.tutor[a] * nb + arcs.block[a])!, 1, 0);
    }
    for (const [key, node] of tutorBlockNode) this.network.addArc(node, tutorNode.get(Math.floor(key / nb))!, 1, 0);
    for (const [t, node] of tutorNode) {
      for (let k = program.lockedLoad[t] + 1; k <= program.tutorCapacity[t]; k++) {
        this.slotArcs.push({ arc: this.network.addArc(node, this.sink, 1, 0), k });
      }
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

  /** Solves the relaxation under prices `lambda` (one per row, scaled), from the previous solve's basis. */
  solve(lambda: Float64Array): RelaxedSolution {
    if (this.network.pivots === 0) this.setSlotCosts();
    const { arcs, arcRows } = this;
    for (let a = 0; a < arcs.need.length; a++) this.network.setCost(this.arcIds[a], this.arcCost(a, lambda));
    for (const [n, arc] of this.skipArc) this.network.setCost(arc, this.mustPlace[n] ? this.banCost : 0);
    this.network.solve();
    const chosen: number[] = [];
    const excess = new Float64Array(this.rowCount);
    for (let r = 0; r < this.rowCount; r++) excess[r] = -this.rhs[r];
    let infeasible = this.network.artificialFlow() > 0;
    for (const [n, arc] of this.skipArc) if (this.mustPlace[n] && this.network.flowOn(arc) > 0) infeasible = true;
    for (let a = 0; a < arcs.need.length; a++) {
      if (this.network.flowOn(this.arcIds[a]) === 0) continue;
      if (this.banned[a]) infeasible = true;
      chosen.push(a);
      for (let j = a * ROWS_PER_ARC; j < (a + 1) * ROWS_PER_ARC; j++) if (arcRows[j] >= 0) excess[arcRows[j]]++;
    }
    let bound = -this.network.totalCost();
    for (let r = 0; r < this.rowCount; r++) bound += lambda[r] * this.rhs[r];
    return { chosen, bound, excess, placed: chosen.length, infeasible };
  }

  /** Scaled cost of arc a: minus what it earns, plus the prices of the rows it uses (or the ban). */
  arcCost(a: number, lambda: Float64Array): number {
    if (this.banned[a]) return this.banCost;
    let cost = this.objective === 'placements' ? -SCALE : -SCALE * this.arcs.value[a];
    for (let j = a * ROWS_PER_ARC; j < (a + 1) * ROWS_PER_ARC; j++) {
      const r = this.arcRows[j];
      if (r >= 0) cost += lambda[r];
    }
    return cost;
  }

  /**
   * The bound's correction for combinations left out of the network: need n's best left-out value
   * `outside[n]` (unscaled score, -Infinity: none) would pay only beyond the need's potential, so
   * adding that excess to the bound keeps it valid for every eligible combination.
   */
  outsideCorrection(outside: Float64Array): number {
    let correction = 0;
    const sinkPotential = this.network.potentialOf(this.sink);
    for (const [n, node] of this.needNode) {
      if (outside[n] === -Infinity) continue;
      const best = this.objective === 'placements' ? SCALE : SCALE * outside[n];
      // A need's marginal value in the flow: reduced costs are cost + π(from) − π(to) and costs are
      // minus values, so π(need) − π(sink) is what the need earns at the margin.
      const marginal = this.network.potentialOf(node) - sinkPotential;
      correction += Math.max(0, best - marginal);
    }
    return correction;
  }

  /** The arcs that use row r (built on first use). */
  arcsOfRow(r: number): number[] {
    if (!this.rowArcs) {
      this.rowArcs = Array.from({ length: this.rowCount }, () => [] as number[]);
      for (let j = 0; j < this.arcRows.length; j++) if (this.arcRows[j] >= 0) this.rowArcs[this.arcRows[j]].push(Math.floor(j / ROWS_PER_ARC));
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

  private setSlotCosts() {
    for (const { arc, k } of this.slotArcs) this.network.setCost(arc, this.objective === 'placements' ? 0 : SCALE * slotCost(this.program, k));
  }
}

function blocksByNeed(arcs: ArcList): Map<number, Set<number>> {
  const map = new Map<number, Set<number>>();
  for (let a = 0; a < arcs.need.length; a++) {
    const set = map.get(arcs.need[a]);
    if (set) set.add(arcs.block[a]);
    else map.set(arcs.need[a], new Set([arcs.block[a]]));
  }
  return map;
}

/**
 * Students with needs that cannot all meet in distinct blocks (Hall's condition fails): at most
 * `most` of them can be placed, the size of a largest matching of their needs to their usable blocks.
 */
function hallCaps(program: Program, needs: number[], needBlocks: Map<number, Set<number>>): { needs: number[]; most: number }[] {
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

/** The priced rows: student-blocks where two of a student's roles could meet, and blocks that could overflow. */
function buildRows(program: Program, arcs: ArcList): { rhs: Float64Array; arcRows: Int32Array; firstBlockRow: number; rowStudent: Int32Array } {
  const nb = program.blockCount;
  const count = arcs.need.length;
  // Roles per student-block: each need of the student as tutee (need index), and tutoring (-1).
  const roles = new Map<number, Set<number>>();
  const addRole = (key: number, role: number) => {
    const set = roles.get(key);
    if (set) set.add(role);
    else roles.set(key, new Set([role]));
  };
  const needsInBlock = new Map<number, Set<number>>();
  for (let a = 0; a < count; a++) {
    const s = program.needs[arcs.need[a]].student;
    addRole(s * nb + arcs.block[a], arcs.need[a]);
    addRole(arcs.tutor[a] * nb + arcs.block[a], -1);
    const set = needsInBlock.get(arcs.block[a]);
    if (set) set.add(arcs.need[a]);
    else needsInBlock.set(arcs.block[a], new Set([arcs.need[a]]));
  }
  const rowOf = new Map<number, number>();
  const rhs: number[] = [];
  const students: number[] = [];
  for (const [key, set] of [...roles].sort((x, y) => x[0] - y[0])) {
    if (set.size < 2) continue;
    rowOf.set(key, rhs.length);
    rhs.push(1);
    students.push(Math.floor(key / nb));
  }
  const firstBlockRow = rhs.length;
  const blockRow = new Int32Array(nb).fill(-1);
  for (let b = 0; b < nb; b++) {
    const room = program.blockRoom[b];
    if (Number.isFinite(room) && (needsInBlock.get(b)?.size ?? 0) > room) {
      blockRow[b] = rhs.length;
      rhs.push(room);
    }
  }
  const arcRows = new Int32Array(count * ROWS_PER_ARC);
  for (let a = 0; a < count; a++) {
    const s = program.needs[arcs.need[a]].student;
    arcRows[a * ROWS_PER_ARC] = rowOf.get(s * nb + arcs.block[a]) ?? -1;
    arcRows[a * ROWS_PER_ARC + 1] = rowOf.get(arcs.tutor[a] * nb + arcs.block[a]) ?? -1;
    arcRows[a * ROWS_PER_ARC + 2] = blockRow[arcs.block[a]];
  }
  return { rhs: Float64Array.from(rhs), arcRows, firstBlockRow, rowStudent: Int32Array.from(students) };
}
