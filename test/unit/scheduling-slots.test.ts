import { generateSessions, planSlots, type SlotPlanInput } from '../../src/core/scheduling';
import { block, pair, settings, student } from './scheduling-fixtures';

const monA = block('Mon-A', 'Mon');
const monB = block('Mon-B', 'Mon', '15:30', '16:30');
const tueA = block('Tue-A', 'Tue');
const wedA = block('Wed-A', 'Wed');
const thuA = block('Thu-A', 'Thu');
const blocks = [monA, monB, tueA, wedA, thuA];

function names(plan: ReturnType<typeof planSlots>): Record<string, string[]> {
  return Object.fromEntries(plan.slots.map((s) => [s.pairId, s.blocks.map((b) => b.name)]));
}

describe('planSlots with 2 sessions a week', () => {
  it('adds a block both students share, spread away from the first day', () => {
    const input: SlotPlanInput = {
      pairs: [pair('P-1', 'S-1', 'S-2', 'Mon-A')],
      blocks,
      students: [student('S-1', ['Mon-A', 'Mon-B', 'Tue-A', 'Wed-A', 'Thu-A']), student('S-2', ['Mon-A', 'Tue-A', 'Wed-A'])],
      sessionsPerWeek: 2,
    };
    // Tue and Wed are both shared; Wed is two days from Monday, Tue only one.
    expect(names(planSlots(input))).toEqual({ 'P-1': ['Mon-A', 'Wed-A'] });
  });

  it('never picks a block that clashes with another pair of either student', () => {
    const input: SlotPlanInput = {
      pairs: [pair('P-1', 'S-1', 'S-2', 'Mon-A'), pair('P-2', 'S-2', 'S-3', 'Wed-A')],
      blocks,
      students: [student('S-1', ['Mon-A', 'Tue-A', 'Wed-A']), student('S-2', ['Mon-A', 'Mon-B', 'Tue-A', 'Wed-A']), student('S-3', ['Wed-A', 'Mon-B'])],
      sessionsPerWeek: 2,
    };
    const plan = planSlots(input);
    // S-2 meets P-2 on Wed-A, so P-1 gets Tue-A. P-2's only other shared block, Mon-B, overlaps S-2's Mon-A.
    expect(names(plan)).toEqual({ 'P-1': ['Mon-A', 'Tue-A'], 'P-2': ['Wed-A'] });
    expect(plan.shortfalls).toEqual([
      { pairId: 'P-2', wanted: 2, planned: 1, reason: 'every block both students share clashes with another of their pairs' },
    ]);
  });

  it('respects block capacity, counting pairs whose own block it is', () => {
    const wedFull = block('Wed-A', 'Wed', '15:00', '16:00', 1);
    const input: SlotPlanInput = {
      pairs: [pair('P-1', 'S-1', 'S-2', 'Mon-A'), pair('P-2', 'S-3', 'S-4', 'Wed-A')],
      blocks: [monA, wedFull],
      students: ['S-1', 'S-2', 'S-3', 'S-4'].map((id) => student(id, ['Mon-A', 'Wed-A'])),
      sessionsPerWeek: 2,
    };
    const plan = planSlots(input);
    // Wed-A holds P-2 already; Mon-A has no limit, so P-2 still gets its second session there.
    expect(names(plan)).toEqual({ 'P-1': ['Mon-A'], 'P-2': ['Wed-A', 'Mon-A'] });
    expect(plan.shortfalls.map((s) => [s.pairId, s.reason])).toEqual([
      ['P-1', 'every block both students share and have free is full'],
    ]);
  });

  it('is deterministic whatever the order of pairs, and keeps previous extra blocks', () => {
    const students = ['S-1', 'S-2', 'S-3', 'S-4'].map((id) => student(id, ['Mon-A', 'Tue-A', 'Wed-A', 'Thu-A']));
    const pairs = [pair('P-2', 'S-3', 'S-4', 'Mon-A'), pair('P-1', 'S-1', 'S-2', 'Mon-A')];
    const forward = planSlots({ pairs, blocks, students, sessionsPerWeek: 2 });
    const backward = planSlots({ pairs: [...pairs].reverse(), blocks, students, sessionsPerWeek: 2 });
    expect(names(forward)).toEqual(names(backward));
    // Thursday is farthest from Monday; the other students are free then too.
    expect(names(forward)).toEqual({ 'P-1': ['Mon-A', 'Thu-A'], 'P-2': ['Mon-A', 'Thu-A'] });
    const sticky = planSlots({ pairs, blocks, students, sessionsPerWeek: 2, previousExtras: new Map([['P-1', ['Tue-A']]]) });
    expect(names(sticky)['P-1']).toEqual(['Mon-A', 'Tue-A']);
  });

  it('reports a pair whose block is gone and plans no slot for it', () => {
    const plan = planSlots({ pairs: [pair('P-1', 'S-1', 'S-2', 'Fri-Z')], blocks, students: [], sessionsPerWeek: 1 });
    expect(plan.slots).toEqual([]);
    expect(plan.shortfalls).toEqual([{ pairId: 'P-1', wanted: 1, planned: 0, reason: 'its block "Fri-Z" is not in Blocks' }]);
  });

  it('gives each pair at most one session per date, so Session IDs stay unique', () => {
    const students = ['S-1', 'S-2'].map((id) => student(id, ['Mon-A', 'Mon-B', 'Wed-A']));
    const pairs = [pair('P-1', 'S-1', 'S-2', 'Mon-B')];
    const plan = planSlots({ pairs, blocks: [block('Mon-A', 'Mon', '12:00', '12:30'), monB, wedA], students, sessionsPerWeek: 3 });
    expect(names(plan)).toEqual({ 'P-1': ['Mon-B', 'Wed-A'] });
    const sessions = generateSessions(pairs, plan.slots, settings());
    expect(new Set(sessions.map((s) => s.sessionId)).size).toBe(sessions.length);
    expect(plan.shortfalls).toHaveLength(1);
  });
});
