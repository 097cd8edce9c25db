// The building blocks of the exact matcher against independent references: the network simplex
// (warm re-solves included) against successive shortest paths, and the indexed greedy against the
// plain scan of every tutor (bench/greedy.ts).
import fc from 'fast-check';
import { MinCostFlow } from '../../src/core/matching/min-cost-flow';
import { NetworkSimplex } from '../../src/core/matching/network-simplex';
import { buildProgram } from '../../src/core/matching/program';
import { fillGreedily, objective } from '../../src/core/matching/repair';
import { TutorIndex } from '../../src/core/matching/tutor-index';
import { seededRandom, sampleProgram } from '../../src/core/sample-program';
import { greedyMatch } from '../../bench/greedy';
import { randomProgram } from '../support/random-program';

const seeds = fc.integer({ min: 1, max: 2 ** 31 - 1 });

/** An assignment-shaped network: needs (with a costly "unplaced" arc) → middles → tops → sink. */
function randomNetwork(seed: number) {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const needs = 1 + int(30);
  const middles = 1 + int(20);
  const tops = 1 + int(8);
  const arcs: [number, number, number, number][] = [];
  for (let i = 0; i < needs; i++) {
    arcs.push([0, 2 + i, 1, 0], [2 + i, 1, 1, 100]);
    for (let j = 0; j < middles; j++) if (random() < 0.3) arcs.push([2 + i, 2 + needs + j, 1, int(100)]);
  }
  for (let j = 0; j < middles; j++) arcs.push([2 + needs + j, 2 + needs + middles + int(tops), 1 + int(2), 0]);
  for (let k = 0; k < tops; k++) for (let slot = 0; slot < 3; slot++) arcs.push([2 + needs + middles + k, 1, 1, slot * int(20)]);
  return { nodes: 2 + needs + middles + tops, needs, arcs, random };
}

function simplexOf(nodes: number, needs: number, arcs: [number, number, number, number][], costs: number[]) {
  const simplex = new NetworkSimplex(nodes, arcs.length, 1000);
  simplex.setSupply(0, needs);
  simplex.setSupply(1, -needs);
  const ids = arcs.map((arc, i) => simplex.addArc(arc[0], arc[1], arc[2], costs[i]));
  return { simplex, ids };
}

describe('network simplex', () => {
  it('finds the same minimum cost as successive shortest paths, also re-solving after cost changes', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { nodes, needs, arcs, random } = randomNetwork(seed);
        const reference = new MinCostFlow(nodes, arcs.length);
        for (const arc of arcs) reference.addArc(...arc);
        const { simplex, ids } = simplexOf(nodes, needs, arcs, arcs.map((arc) => arc[3]));
        expect(simplex.solve()).toBe(true);
        expect(simplex.totalCost()).toBe(reference.solve(0, 1).cost);
        let costs = arcs.map((arc) => arc[3]);
        for (let round = 0; round < 4; round++) {
          costs = costs.map((cost, i) => (arcs[i][3] > 0 && random() < 0.3 ? Math.floor(random() * 100) - 20 : cost));
          ids.forEach((id, i) => simplex.setCost(id, costs[i]));
          simplex.solve();
          const fresh = simplexOf(nodes, needs, arcs, costs).simplex;
          fresh.solve();
          expect(simplex.totalCost()).toBe(fresh.totalCost());
          expect(simplex.artificialFlow()).toBe(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('greedy first fit through the tutor index', () => {
  it('picks exactly what scanning every tutor picks', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 2, max: 60 }), fc.boolean(), (seed, students, sample) => {
        const input = sample ? { ...sampleProgram(students, seed), pairs: [] } : randomProgram(seed, { students });
        const program = buildProgram(input);
        const indexed = fillGreedily(program, [], new TutorIndex(program));
        expect(indexed).toEqual(fillGreedily(program, []));
        expect({ placed: indexed.length, totalScore: objective(program, indexed) }).toEqual(greedyMatch(input));
        // Filling around pairs already placed (their blocks are taken, some blocks full).
        const half = indexed.filter((_, i) => i % 2 === 1);
        expect(fillGreedily(program, half, new TutorIndex(program))).toEqual(fillGreedily(program, half));
      }),
      { numRuns: 150 },
    );
  });

  it('picks the same on larger rosters, whatever the load-spread weight (tutors of a group with different loads)', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 100, max: 400 }), fc.constantFrom(0, 1, 15, 200), (seed, students, loadSpread) => {
        const sample = { ...sampleProgram(students, seed), pairs: [] };
        const input = { ...sample, settings: { ...sample.settings, weights: { ...sample.settings.weights, loadSpread } } };
        const program = buildProgram(input);
        expect(fillGreedily(program, [], new TutorIndex(program))).toEqual(fillGreedily(program, []));
        const some = fillGreedily(program, []).filter((_, i) => i % 3 === 0);
        expect(fillGreedily(program, some, new TutorIndex(program))).toEqual(fillGreedily(program, some));
      }),
      { numRuns: 40 },
    );
  });
});
