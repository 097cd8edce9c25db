// Primal network simplex for minimum-cost flow (after LEMON's NetworkSimplex: spanning-tree basis kept
// with parent / thread / subtree-size lists, strongly feasible trees against cycling). Integer data
// only, so every comparison is exact. Unlike successive shortest paths it re-optimises from its
// current basis when arc costs change: the Lagrangian loop (exact.ts) changes some prices and
// re-solves in a fraction of the pivots of a fresh solve.
// Pricing is block search (LEMON's default): it scans blocks of about √m arcs and enters the most
// violating arc of the first block that has one. (A candidate list fed by cost changes and moved
// subtrees was tried: it needed three times the pivots per re-solve, measured in bench/matching.ts.)
//
// The problem: each node has a supply (positive) or demand (negative), supplies sum to zero; each arc
// has a capacity and a cost. An artificial root joins every node through expensive arcs, so the first
// basis is feasible; a solution that still uses them means the data had no feasible flow. Arcs may be
// added after a solve (they join the basis' non-tree arcs at zero flow), so a caller can price out
// arcs it left out and add only those that would pay.

const UPPER = -1;
const TREE = 0;
const LOWER = 1;
const UP = 1;
const DOWN = -1;

export class NetworkSimplex {
  readonly nodeCount: number;
  /** Real arcs; internally arc `e` lives at index nodeCount + e, after the artificial arcs (one per node). */
  private arcCount = 0;
  private source: Int32Array;
  private target: Int32Array;
  private capacity: Int32Array;
  private cost: Float64Array;
  private flow: Int32Array;
  private state: Int8Array;
  private readonly supply: Int32Array;
  // Spanning tree (nodeCount + 1 entries: the last is the artificial root).
  private readonly parent: Int32Array;
  private readonly pred: Int32Array;
  private readonly predDir: Int8Array;
  private readonly thread: Int32Array;
  private readonly revThread: Int32Array;
  private readonly succNum: Int32Array;
  private readonly lastSucc: Int32Array;
  private readonly potential: Float64Array;
  private readonly dirtyRevs: Int32Array;
  private started = false;
  private nextArc = 0;
  /** Pivots made so far: the deterministic measure of work the callers budget with. */
  pivots = 0;

  /**
   * `costBound`: the largest |cost| any arc will ever have, also after {@link setCost} (it prices the
   * artificial arcs out of every optimum; by default the largest cost at the first solve).
   */
  constructor(nodeCount: number, arcHint = 16, private costBound = 0) {
    this.nodeCount = nodeCount;
    this.supply = new Int32Array(nodeCount);
    const size = Math.max(4, arcHint + nodeCount);
    this.source = new Int32Array(size);
    this.target = new Int32Array(size);
    this.capacity = new Int32Array(size);
    this.cost = new Float64Array(size);
    this.flow = new Int32Array(size);
    this.state = new Int8Array(size);
    const n = nodeCount + 1;
    this.parent = new Int32Array(n);
    this.pred = new Int32Array(n);
    this.predDir = new Int8Array(n);
    this.thread = new Int32Array(n);
    this.revThread = new Int32Array(n);
    this.succNum = new Int32Array(n);
    this.lastSucc = new Int32Array(n);
    this.potential = new Float64Array(n);
    this.dirtyRevs = new Int32Array(n);
  }

  setSupply(node: number, amount: number) {
    if (this.started) throw new Error('supplies are fixed once solved');
    this.supply[node] = amount;
  }

  /** Adds an arc at zero flow and returns its id; allowed between solves too. */
  addArc(from: number, to: number, capacity: number, cost: number): number {
    if (!Number.isInteger(cost)) throw new Error(`arc cost must be an integer: ${cost}`);
    if (this.started && Math.abs(cost) > this.costBound) throw new Error(`arc cost ${cost} beyond the bound ${this.costBound}`);
    const i = this.nodeCount + this.arcCount;
    if (i >= this.source.length) this.grow();
    this.source[i] = from;
    this.target[i] = to;
    this.capacity[i] = capacity;
    this.cost[i] = cost;
    this.flow[i] = 0;
    this.state[i] = LOWER;
    return this.arcCount++;
  }

  get arcs(): number {
    return this.arcCount;
  }

  costOf(arc: number): number {
    return this.cost[this.nodeCount + arc];
  }

  /** Changes an arc's cost; the next {@link solve} re-optimises from the current basis. */
  setCost(arc: number, cost: number) {
    if (!Number.isInteger(cost)) throw new Error(`arc cost must be an integer: ${cost}`);
    if (this.started && Math.abs(cost) > this.costBound) throw new Error(`arc cost ${cost} beyond the bound ${this.costBound}`);
    this.cost[this.nodeCount + arc] = cost;
  }

  flowOn(arc: number): number {
    return this.flow[this.nodeCount + arc];
  }

  /** A node's potential (valid after a solve): the reduced cost of arc (u, v) is cost + π(u) − π(v). */
  potentialOf(node: number): number {
    return this.potential[node];
  }

  /** Cost minus the potential difference: what one more unit on the arc would cost (0 on tree arcs). */
  reducedCost(arc: number): number {
    const i = this.nodeCount + arc;
    return this.cost[i] + this.potential[this.source[i]] - this.potential[this.target[i]];
  }

  /**
   * Solves to optimality from the current basis (the first call builds the artificial one). Stops
   * early, with a feasible but possibly suboptimal flow, after `pivotLimit` pivots; returns whether
   * the flow is optimal.
   */
  solve(pivotLimit = Infinity): boolean {
    if (!this.started) this.start();
    else this.refreshPotentials();
    const limit = this.pivots + pivotLimit;
    while (this.pivots < limit) {
      const entering = this.findEnteringArc();
      if (entering < 0) return true;
      this.pivot(entering);
      this.pivots++;
    }
    return this.findEnteringArc() < 0;
  }

  /** Total cost of the current flow on the real arcs. */
  totalCost(): number {
    let total = 0;
    for (let i = this.nodeCount, end = this.nodeCount + this.arcCount; i < end; i++) total += this.flow[i] * this.cost[i];
    return total;
  }

  /** Flow still routed through the artificial root (0 when the problem is feasible). */
  artificialFlow(): number {
    let total = 0;
    for (let u = 0; u < this.nodeCount; u++) total += this.flow[u];
    return total;
  }

  private grow() {
    const size = this.source.length * 2;
    const widen = <T extends Int32Array | Int8Array | Float64Array>(old: T, next: T): T => {
      next.set(old);
      return next;
    };
    this.source = widen(this.source, new Int32Array(size));
    this.target = widen(this.target, new Int32Array(size));
    this.capacity = widen(this.capacity, new Int32Array(size));
    this.flow = widen(this.flow, new Int32Array(size));
    this.cost = widen(this.cost, new Float64Array(size));
    this.state = widen(this.state, new Int8Array(size));
  }

  private start() {
    this.started = true;
    const n = this.nodeCount;
    const root = n;
    for (let i = n, end = n + this.arcCount; i < end; i++) this.costBound = Math.max(this.costBound, Math.abs(this.cost[i]));
    // Dearer than any path of real arcs, so the artificial arcs carry flow only when nothing else can.
    const artificialCost = (this.costBound + 1) * (n + 1);
    this.parent[root] = -1;
    this.pred[root] = -1;
    this.thread[root] = 0;
    this.revThread[0] = root;
    this.succNum[root] = n + 1;
    this.lastSucc[root] = root - 1;
    this.potential[root] = 0;
    for (let u = 0; u < n; u++) {
      const e = u;
      this.parent[u] = root;
      this.pred[u] = e;
      this.thread[u] = u + 1;
      this.revThread[u + 1] = u;
      this.succNum[u] = 1;
      this.lastSucc[u] = u;
      this.capacity[e] = 0x7fffffff;
      this.state[e] = TREE;
      if (this.supply[u] >= 0) {
        this.predDir[u] = UP;
        this.potential[u] = 0;
        this.source[e] = u;
        this.target[e] = root;
        this.flow[e] = this.supply[u];
        this.cost[e] = 0;
      } else {
        this.predDir[u] = DOWN;
        this.potential[u] = artificialCost;
        this.source[e] = root;
        this.target[e] = u;
        this.flow[e] = -this.supply[u];
        this.cost[e] = artificialCost;
      }
    }
  }

  /** Potentials from the tree after costs changed: each node's arc to its parent has reduced cost 0. */
  private refreshPotentials() {
    const root = this.nodeCount;
    this.potential[root] = 0;
    for (let u = this.thread[root]; u !== root; u = this.thread[u]) {
      this.potential[u] = this.potential[this.parent[u]] - this.predDir[u] * this.cost[this.pred[u]];
    }
  }

  /**
   * Block search over the real arcs: the most violating arc of the first block that has one, or -1.
   * Blocks are counted from where the last search stopped, wrapping round; a last, shorter block that
   * ends the round leaves that place unchanged.
   */
  private findEnteringArc(): number {
    const { state, cost, potential, source, target } = this;
    const m = this.arcCount;
    const offset = this.nodeCount;
    const blockSize = Math.max(10, Math.ceil(Math.sqrt(m)));
    let best = -1;
    let min = 0;
    if (this.nextArc >= m) this.nextArc = 0;
    let e = this.nextArc;
    for (let scanned = 0; scanned < m; ) {
      const size = Math.min(blockSize, m - scanned);
      // The block's arcs as at most two runs of indexes (it may wrap past the last arc).
      for (let left = size; left > 0; ) {
        const stop = Math.min(m, e + left);
        for (let i = offset + e, end = offset + stop; i < end; i++) {
          const c = state[i] * (cost[i] + potential[source[i]] - potential[target[i]]);
          if (c < min) {
            min = c;
            best = i;
          }
        }
        left -= stop - e;
        e = stop === m ? 0 : stop;
      }
      scanned += size;
      if (size === blockSize && best >= 0) {
        this.nextArc = e;
        return best;
      }
    }
    return best;
  }

  private pivot(entering: number) {
    const { parent, succNum, source, target } = this;
    let u = source[entering];
    let v = target[entering];
    while (u !== v) {
      if (succNum[u] < succNum[v]) u = parent[u];
      else v = parent[v];
    }
    const join = u;
    // Leaving arc: the first blocking arc of the cycle in its direction (strongly feasible tree).
    const first = this.state[entering] === LOWER ? source[entering] : target[entering];
    const second = this.state[entering] === LOWER ? target[entering] : source[entering];
    let delta = this.capacity[entering];
    let result = 0;
    let uOut = -1;
    for (let w = first; w !== join; w = parent[w]) {
      const e = this.pred[w];
      const d = this.predDir[w] === DOWN ? this.capacity[e] - this.flow[e] : this.flow[e];
      if (d < delta) {
        delta = d;
        uOut = w;
        result = 1;
      }
    }
    for (let w = second; w !== join; w = parent[w]) {
      const e = this.pred[w];
      const d = this.predDir[w] === UP ? this.capacity[e] - this.flow[e] : this.flow[e];
      if (d <= delta) {
        delta = d;
        uOut = w;
        result = 2;
      }
    }
    const uIn = result === 1 ? first : second;
    const vIn = result === 1 ? second : first;
    if (delta > 0) {
      const value = this.state[entering] * delta;
      this.flow[entering] += value;
      for (let w = source[entering]; w !== join; w = parent[w]) this.flow[this.pred[w]] -= this.predDir[w] * value;
      for (let w = target[entering]; w !== join; w = parent[w]) this.flow[this.pred[w]] += this.predDir[w] * value;
    }
    if (result === 0) {
      // The entering arc itself limits the cycle: it moves to its other bound and the tree stays.
      this.state[entering] = -this.state[entering] as -1 | 1;
      return;
    }
    this.state[entering] = TREE;
    const leaving = this.pred[uOut];
    this.state[leaving] = this.flow[leaving] === 0 ? LOWER : UPPER;
    this.updateTree(entering, join, uIn, vIn, uOut);
    const sigma = this.potential[vIn] - this.potential[uIn] - this.predDir[uIn] * this.cost[entering];
    const end = this.thread[this.lastSucc[uIn]];
    for (let w = uIn; w !== end; w = this.thread[w]) this.potential[w] += sigma;
  }

  /** Re-hangs the subtree cut off by the leaving arc under the entering arc (LEMON's updateTreeStructure). */
  private updateTree(inArc: number, join: number, uIn: number, vIn: number, uOut: number) {
    const { parent, thread, revThread, succNum, lastSucc, pred, predDir } = this;
    const oldRevThread = revThread[uOut];
    const oldSuccNum = succNum[uOut];
    const oldLastSucc = lastSucc[uOut];
    const vOut = parent[uOut];
    if (uIn === uOut) {
      parent[uIn] = vIn;
      pred[uIn] = inArc;
      predDir[uIn] = uIn === this.source[inArc] ? UP : DOWN;
      if (thread[vIn] !== uOut) {
        let after = thread[oldLastSucc];
        thread[oldRevThread] = after;
        revThread[after] = oldRevThread;
        after = thread[vIn];
        thread[vIn] = uOut;
        revThread[uOut] = vIn;
        thread[oldLastSucc] = after;
        revThread[after] = oldLastSucc;
      }
    } else {
      const threadContinue = oldRevThread === vIn ? thread[oldLastSucc] : thread[vIn];
      let stem = uIn;
      let parStem = vIn;
      let last = lastSucc[uIn];
      let after = thread[last];
      thread[vIn] = uIn;
      let dirty = 0;
      this.dirtyRevs[dirty++] = vIn;
      while (stem !== uOut) {
        const nextStem = parent[stem];
        thread[last] = nextStem;
        this.dirtyRevs[dirty++] = last;
        const before = revThread[stem];
        thread[before] = after;
        revThread[after] = before;
        parent[stem] = parStem;
        parStem = stem;
        stem = nextStem;
        last = lastSucc[stem] === lastSucc[parStem] ? revThread[parStem] : lastSucc[stem];
        after = thread[last];
      }
      parent[uOut] = parStem;
      thread[last] = threadContinue;
      revThread[threadContinue] = last;
      lastSucc[uOut] = last;
      if (oldRevThread !== vIn) {
        thread[oldRevThread] = after;
        revThread[after] = oldRevThread;
      }
      for (let i = 0; i < dirty; i++) {
        const w = this.dirtyRevs[i];
        revThread[thread[w]] = w;
      }
      let sc = 0;
      const ls = lastSucc[uOut];
      for (let w = uOut, p = parent[w]; w !== uIn; w = p, p = parent[w]) {
        pred[w] = pred[p];
        predDir[w] = -predDir[p] as -1 | 1;
        sc += succNum[w] - succNum[p];
        succNum[w] = sc;
        lastSucc[p] = ls;
      }
      pred[uIn] = inArc;
      predDir[uIn] = uIn === this.source[inArc] ? UP : DOWN;
      succNum[uIn] = oldSuccNum;
    }
    const upLimitOut = lastSucc[join] === vIn ? join : -1;
    const lastSuccOut = lastSucc[uOut];
    for (let w = vIn; w !== -1 && lastSucc[w] === vIn; w = parent[w]) lastSucc[w] = lastSuccOut;
    if (join !== oldRevThread && vIn !== oldRevThread) {
      for (let w = vOut; w !== upLimitOut && lastSucc[w] === oldLastSucc; w = parent[w]) lastSucc[w] = oldRevThread;
    } else if (lastSuccOut !== oldLastSucc) {
      for (let w = vOut; w !== upLimitOut && lastSucc[w] === oldLastSucc; w = parent[w]) lastSucc[w] = lastSuccOut;
    }
    for (let w = vIn; w !== join; w = parent[w]) succNum[w] += oldSuccNum;
    for (let w = vOut; w !== join; w = parent[w]) succNum[w] -= oldSuccNum;
  }
}
