// Benchmark section: how much a teacher's single choice moves the rest of the proposal. On the 300- and
// 2,000-student samples: pairs changed (tutor or block) by locking 10 pairs as proposed (target 0), by one
// swap (target: the pairs that clash with the swapped-in tutor), by one student leaving (target: that
// student's pairs plus repairs that place more), and the time of each re-run.
import { feasibleTutors, matchStudents, type MatchInput, type MatchResult, type ShownPair } from '../src/core/matching';
import { subjectKey, type Pair } from '../src/core/model';
import { sampleProgram } from '../src/core/sample-program';

const SIZES = [300, 2000];
const SEEDS = [2027, 7, 11];

const needOf = (pair: { tuteeId: string; subject: string }) => `${pair.tuteeId}|${subjectKey(pair.subject)}`;

function shownOf(result: MatchResult): ShownPair[] {
  return result.pairs.map(({ tutorId, tuteeId, subject, block }) => ({ tutorId, tuteeId, subject, block }));
}

/** Needs whose tutor or block differ between two answers (placed in one only counts too), `except` left out. */
function changed(before: MatchResult, after: MatchResult, except: Set<string> = new Set()): number {
  const place = (result: MatchResult) => new Map(result.pairs.map((pair) => [needOf(pair), `${pair.tutorId}|${pair.block}`]));
  const a = place(before);
  const b = place(after);
  let count = 0;
  for (const need of new Set([...a.keys(), ...b.keys()])) if (!except.has(need) && a.get(need) !== b.get(need)) count++;
  return count;
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function lock(pair: ShownPair, i: number): Pair {
  return { ...pair, pairId: `L-${i}`, status: 'Proposed', locked: true, score: 0, why: '', startDate: null, endDate: null };
}

function timed(run: () => MatchResult): { result: MatchResult; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: Math.round(performance.now() - start) };
}

export async function benchStability(): Promise<void> {
  console.log('\n## Stability: pairs another run moves after one teacher choice (sample programs)\n');
  console.log('A pair moves only when the new answer places more needs, or scores more than the stability it gives up (Weight: Stability).\n');
  console.log('| students | seed | pairs | lock 10 as proposed: changed: what it gained (ms) | one swap: changed, of which clash with it (ms) | one student leaves: changed beyond their own, placed Δ (ms) |');
  console.log('|---:|---:|---:|---|---|---|');
  for (const students of SIZES) {
    for (const seed of SEEDS) {
      const program = sampleProgram(students, seed);
      const input: MatchInput = { ...program, pairs: [] };
      const first = matchStudents(input);
      const shown = shownOf(first);
      const step = Math.max(1, Math.floor(shown.length / 10));
      const locks = shown.filter((_, i) => i % step === 0).slice(0, 10).map(lock);
      const locked = timed(() => matchStudents({ ...input, pairs: locks, shown }));
      const lockGain = `${signed(locked.result.totals.placed - first.totals.placed)} placed, ${signed(locked.result.totals.totalScore - first.totals.totalScore)} score`;

      const swapCell = swapResult(input, first, shown);
      const leaver = first.pairs[Math.floor(first.pairs.length / 2)].tutorId;
      const own = new Set(first.pairs.filter((pair) => pair.tutorId === leaver || pair.tuteeId === leaver).map(needOf));
      const left = timed(() =>
        matchStudents({ ...input, students: input.students.map((s) => (s.id === leaver ? { ...s, active: false } : s)), shown }),
      );
      const leftCell = `${changed(first, left.result, own)} beyond ${own.size}, ${left.result.totals.placed - first.totals.placed} (${left.ms})`;
      console.log(`| ${students} | ${seed} | ${first.pairs.length} | ${changed(first, locked.result)}: ${lockGain} (${locked.ms}) | ${swapCell} | ${leftCell} |`);
    }
  }
}

/** Swaps the first pair that has an alternative tutor and counts what else moved. */
function swapResult(input: MatchInput, first: MatchResult, shown: ShownPair[]): string {
  for (const pair of first.pairs) {
    const option = feasibleTutors(input, pair.tuteeId, pair.subject, first)[0];
    if (!option) continue;
    const swapped = { ...pair, tutorId: option.tutorId, block: option.block };
    const run = timed(() => matchStudents({ ...input, pairs: [lock(swapped, 0)], shown }));
    const clash = first.pairs.filter((p) => p !== pair && p.block === option.block && [p.tutorId, p.tuteeId].some((id) => id === option.tutorId || id === pair.tuteeId));
    const others = changed(first, run.result, new Set([needOf(pair)]));
    return `${others}, ${clash.length} (${run.ms})`;
  }
  return 'no alternative';
}
