// What the matcher can prove about its answer, and how the sidebar and the command line say it.
// "Optimal" is said only with a proof: the bound computed by the matcher (Lagrangian relaxation,
// see relaxation.ts) meets the answer. Otherwise the gap that remains is said, as proven.

/** What is proven about a matching (see {@link optimalityLabel}). */
export interface MatchProof {
  /** No matching places more needs, and none placing as many has a higher score. */
  optimal: boolean;
  /** At most this many more needs could be placed by any matching (0: the count is proven best). */
  morePlaceable: number;
  /**
   * With the count proven best: the score is at most this far below the best possible, in percent of
   * it (rounded up, so never understated; 0 when optimal).
   */
  scoreGapPercent: number;
}

/** The proof in a teacher's words: "optimal" only when proven. */
export function optimalityLabel(proof: MatchProof): string {
  if (proof.optimal) return 'optimal';
  if (proof.morePlaceable > 0) {
    return `at most ${proof.morePlaceable} more ${proof.morePlaceable === 1 ? 'need' : 'needs'} could be placed`;
  }
  // A gap is never shown as 0 without a proof (scoreGapPercent is rounded up; this guards hand-made ones).
  return `within ${formatPercent(Math.max(0.1, proof.scoreGapPercent))} % of the best possible score`;
}

/**
 * The proof of a matching that places `placed` open needs with objective `value`, given proven upper
 * bounds on both. Objectives are whole points, so a bound less than one point above is a proof.
 */
export function proofOf(placed: number, value: number, placedBound: number, objectiveBound: number): MatchProof {
  const morePlaceable = Math.max(0, placedBound - placed);
  if (morePlaceable > 0) return { optimal: false, morePlaceable, scoreGapPercent: 0 };
  const gap = Math.floor(objectiveBound + 1e-9) - value;
  if (gap <= 0) return { optimal: true, morePlaceable: 0, scoreGapPercent: 0 };
  const percent = (100 * gap) / Math.max(1, Math.abs(value + gap));
  // Rounded up to a tenth, and never shown as 0 while a gap remains.
  return { optimal: false, morePlaceable: 0, scoreGapPercent: Math.max(0.1, Math.ceil(percent * 10) / 10) };
}

function formatPercent(percent: number): string {
  return percent >= 10 ? percent.toFixed(0) : percent.toFixed(1);
}
