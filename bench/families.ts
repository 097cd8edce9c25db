// The program families the exact comparison runs on: random rosters (the property tests' generator),
// the sample generator, and the sample generator with tight block capacities. A (family, seed) gives
// the same program every time; sizes cycle through 50–300 students.
import type { MatchInput } from '../src/core/matching';
import { sampleProgram } from '../src/core/sample-program';
import { randomProgram } from '../test/support/random-program';

export type Family = 'random' | 'sample' | 'tight';
export const FAMILIES: Family[] = ['random', 'sample', 'tight'];
export const FAMILY_NAMES: Record<Family, string> = {
  random: 'random rosters',
  sample: 'the sample generator',
  tight: 'tight block capacities',
};

const SIZES = [50, 100, 150, 200, 250, 300];

export function familySize(seed: number): number {
  return SIZES[seed % SIZES.length];
}

export function familyProgram(family: Family, seed: number, students = familySize(seed)): MatchInput {
  if (family === 'random') return randomProgram(seed, { students });
  const input: MatchInput = { ...sampleProgram(students, seed), pairs: [] };
  if (family === 'tight') input.blocks = tightBlocks(input, seed);
  return input;
}

/**
 * Every other block holds about one pair per 25 students (at least 3), a few more on some seeds:
 * far fewer than the pairs that would meet there, so block Capacity binds.
 */
function tightBlocks(input: MatchInput, seed: number): MatchInput['blocks'] {
  const room = Math.max(3, Math.round(input.students.length / 25)) + (seed % 4);
  return input.blocks.map((block, i) => ({ ...block, capacity: i % 2 === 0 ? room : block.capacity }));
}
