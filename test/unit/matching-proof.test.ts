// What the matcher says about its answer: "optimal" only with a proof, otherwise the proven gap.
import { optimalityLabel, type MatchProof } from '../../src/core/matching';
import { proofOf } from '../../src/core/matching/proof';

const proof = (fields: Partial<MatchProof>): MatchProof => ({ optimal: false, morePlaceable: 0, scoreGapPercent: 0, ...fields });

describe('optimalityLabel', () => {
  it('says "optimal" only when proven', () => {
    expect(optimalityLabel(proof({ optimal: true }))).toBe('optimal');
    expect(optimalityLabel(proof({ optimal: false, scoreGapPercent: 0.1 }))).not.toMatch(/optimal/);
    expect(optimalityLabel(proof({ optimal: false, morePlaceable: 2 }))).not.toMatch(/optimal/);
  });

  it('puts placements first: how many more needs could be placed at most', () => {
    expect(optimalityLabel(proof({ morePlaceable: 1 }))).toBe('at most 1 more need could be placed');
    expect(optimalityLabel(proof({ morePlaceable: 12, scoreGapPercent: 3 }))).toBe('at most 12 more needs could be placed');
  });

  it('with the count proven best: how far below the best possible score at most', () => {
    expect(optimalityLabel(proof({ scoreGapPercent: 0.4 }))).toBe('within 0.4 % of the best possible score');
    expect(optimalityLabel(proof({ scoreGapPercent: 12.3 }))).toBe('within 12 % of the best possible score');
  });

  it('never shows a zero gap without a proof', () => {
    expect(optimalityLabel(proof({ scoreGapPercent: 0 }))).toBe('within 0.1 % of the best possible score');
  });
});

describe('proofOf', () => {
  it('is optimal when the bounds meet the answer (scores are whole points: a bound less than one above meets it)', () => {
    expect(proofOf(10, 500, 10, 500)).toEqual({ optimal: true, morePlaceable: 0, scoreGapPercent: 0 });
    expect(proofOf(10, 500, 10, 500.97)).toEqual({ optimal: true, morePlaceable: 0, scoreGapPercent: 0 });
  });

  it('reports the placements gap first, and no score gap while it is open', () => {
    expect(proofOf(10, 500, 13, 900)).toEqual({ optimal: false, morePlaceable: 3, scoreGapPercent: 0 });
  });

  it('rounds the score gap up, relative to the best possible score', () => {
    // Bound 505: at most 5 points short of at most 505, 0.99 % rounded up to 1 %.
    expect(proofOf(10, 500, 10, 505.5)).toEqual({ optimal: false, morePlaceable: 0, scoreGapPercent: 1 });
    expect(proofOf(10, 1000, 10, 1001)).toEqual({ optimal: false, morePlaceable: 0, scoreGapPercent: 0.1 });
  });
});
