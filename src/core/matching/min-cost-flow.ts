// Minimum-cost maximum flow by successive shortest paths with potentials (primal–dual):
// each phase runs Dijkstra on reduced costs (binary heap, stopped once the sink is settled),
// then sends flow along every shortest path it can find with a depth-first search restricted
// to tight arcs (reduced cost 0), like a Dinic phase. Integer, non-negative arc costs.
// Storage is flat typed arrays; arcs come in pairs (e, e ^ 1) = (forward, reverse).

export class MinCostFlow {
  private readonly nodeCount: number;
  private arcCount = 0;
  private from: Int32Array;
  private to: Int32Array;
  private capacity: Int32Array;
  private cost: Float64Array;

  constructor(nodeCount: number, arcHint = 16) {
    this.nodeCount = nodeCount;
    const size = Math.max(2, arcHint * 2);
    this.from = new Int32Array(size);
    this.to = new Int32Array(size);
    this.capacity = new Int32Array(size);
    this.cost = new Float64Array(size);
  }

  /** Adds an arc and returns its id (for {@link flowOn}). */
  addArc(from: number, to: number, capacity: number, cost: number): number {
    if (cost < 0 || !Number.isInteger(cost)) throw new Error(`arc cost must be a non-negative integer: ${cost}`);
    if (this.arcCount + 2 > this.from.length) this.grow();
    const e = this.arcCount;
    this.setArc(e, from, to, capacity, cost);
    this.setArc(e + 1, to, from, 0, -cost);
    this.arcCount += 2;
    return e;
  }

  flowOn(arc: number): number {
    return this.capacity[arc ^ 1];
  }

  get arcs(): number {
    return this.arcCount / 2;
  }

  /** Sends as much flow as possible from source to sink at the least cost. */
  solve(source: number, sink: number): { flow: number; cost: number; phases: number } {
    const graph = this.compressedAdjacency();
    const potential = new Float64Array(this.nodeCount);
    const search = new ShortestPaths(this.nodeCount, this.arcCount);
    let flow = 0;
    let totalCost = 0;
    let phases = 0;
    while (search.run(graph, this.to, this.capacity, this.cost, potential, source, sink)) {
      phases++;
      search.updatePotentials(potential);
      const sent = this.augmentTightPaths(graph, potential, source, sink);
      flow += sent.flow;
      totalCost += sent.cost;
    }
    return { flow, cost: totalCost, phases };
  }

  private setArc(e: number, from: number, to: number, capacity: number, cost: number) {
    this.from[e] = from;
    this.to[e] = to;
    this.capacity[e] = capacity;
    this.cost[e] = cost;
  }

  private grow() {
    const size = this.from.length * 2;
    const copy = <T extends Int32Array | Float64Array>(old: T, next: T) => {
      next.set(old);
      return next;
    };
    this.from = copy(this.from, new Int32Array(size));
    this.to = copy(this.to, new Int32Array(size));
    this.capacity = copy(this.capacity, new Int32Array(size));
    this.cost = copy(this.cost, new Float64Array(size));
  }

  /** CSR: the arcs leaving node v are order[start[v] .. start[v + 1]). */
  private compressedAdjacency(): Adjacency {
    const start = new Int32Array(this.nodeCount + 1);
    for (let e = 0; e < this.arcCount; e++) start[this.from[e] + 1]++;
    for (let v = 0; v < this.nodeCount; v++) start[v + 1] += start[v];
    const fill = start.slice(0, this.nodeCount);
    const order = new Int32Array(this.arcCount);
    for (let e = 0; e < this.arcCount; e++) order[fill[this.from[e]]++] = e;
    return { start, order };
  }

  /** Blocking flow on the tight arcs: every path found is a shortest augmenting path. */
  private augmentTightPaths(graph: Adjacency, potential: Float64Array, source: number, sink: number) {
    const { start, order } = graph;
    const { to, capacity, cost } = this;
    const next = start.slice(0, this.nodeCount);
    const dead = new Uint8Array(this.nodeCount);
    const onPath = new Uint8Array(this.nodeCount);
    const pathArcs = new Int32Array(this.nodeCount);
    let depth = 0;
    let node = source;
    let flow = 0;
    let totalCost = 0;
    onPath[source] = 1;
    for (;;) {
      if (node === sink) {
        let bottleneck = Infinity;
        for (let i = 0; i < depth; i++) bottleneck = Math.min(bottleneck, capacity[pathArcs[i]]);
        for (let i = 0; i < depth; i++) {
          const e = pathArcs[i];
          capacity[e] -= bottleneck;
          capacity[e ^ 1] += bottleneck;
          totalCost += bottleneck * cost[e];
          onPath[to[e]] = 0;
        }
        onPath[source] = 1;
        flow += bottleneck;
        depth = 0;
        node = source;
        continue;
      }
      let advanced = false;
      const end = start[node + 1];
      for (; next[node] < end; next[node]++) {
        const e = order[next[node]];
        const v = to[e];
        if (capacity[e] <= 0 || dead[v] || onPath[v]) continue;
        if (cost[e] + potential[node] - potential[v] !== 0) continue;
        pathArcs[depth++] = e;
        onPath[v] = 1;
        node = v;
        advanced = true;
        break;
      }
      if (advanced) continue;
      dead[node] = 1;
      onPath[node] = 0;
      if (depth === 0) break;
      const back = pathArcs[--depth];
      node = this.from[back];
      next[node]++;
    }
    return { flow, cost: totalCost };
  }
}

interface Adjacency {
  start: Int32Array;
  order: Int32Array;
}

/** Dijkstra on reduced costs with a lazy binary heap; reused across phases to avoid allocation. */
class ShortestPaths {
  readonly distance: Float64Array;
  private readonly settled: Uint8Array;
  private readonly heapNode: Int32Array;
  private readonly heapKey: Float64Array;
  private heapSize = 0;
  private sinkDistance = 0;

  constructor(nodeCount: number, arcCount: number) {
    this.distance = new Float64Array(nodeCount);
    this.settled = new Uint8Array(nodeCount);
    this.heapNode = new Int32Array(arcCount + nodeCount + 1);
    this.heapKey = new Float64Array(arcCount + nodeCount + 1);
  }

  run(graph: Adjacency, to: Int32Array, capacity: Int32Array, cost: Float64Array, potential: Float64Array, source: number, sink: number): boolean {
    const { distance, settled } = this;
    distance.fill(Infinity);
    settled.fill(0);
    this.heapSize = 0;
    distance[source] = 0;
    this.push(source, 0);
    while (this.heapSize > 0) {
      const key = this.heapKey[0];
      const u = this.pop();
      if (settled[u] || key > distance[u]) continue;
      settled[u] = 1;
      if (u === sink) break;
      for (let i = graph.start[u]; i < graph.start[u + 1]; i++) {
        const e = graph.order[i];
        if (capacity[e] <= 0) continue;
        const v = to[e];
        const candidate = key + cost[e] + potential[u] - potential[v];
        if (candidate < distance[v]) {
          distance[v] = candidate;
          this.push(v, candidate);
        }
      }
    }
    this.sinkDistance = distance[sink];
    return settled[sink] === 1;
  }

  /** p(v) += min(d(v), d(sink)) keeps every residual reduced cost non-negative. */
  updatePotentials(potential: Float64Array) {
    const limit = this.sinkDistance;
    for (let v = 0; v < potential.length; v++) {
      const d = this.distance[v];
      potential[v] += d < limit ? d : limit;
    }
  }

  private push(node: number, key: number) {
    const { heapNode, heapKey } = this;
    let i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heapKey[parent] <= key) break;
      heapNode[i] = heapNode[parent];
      heapKey[i] = heapKey[parent];
      i = parent;
    }
    heapNode[i] = node;
    heapKey[i] = key;
  }

  private pop(): number {
    const { heapNode, heapKey } = this;
    const top = heapNode[0];
    const size = --this.heapSize;
    const lastNode = heapNode[size];
    const lastKey = heapKey[size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && heapKey[child + 1] < heapKey[child]) child++;
      if (heapKey[child] >= lastKey) break;
      heapNode[i] = heapNode[child];
      heapKey[i] = heapKey[child];
      i = child;
    }
    heapNode[i] = lastNode;
    heapKey[i] = lastKey;
    return top;
  }
}
