import { generateSessions, planSlots, sessionInstants, type PairSlots } from '../../src/core/scheduling';
import { block, pair, settings, student } from './scheduling-fixtures';

const monday = block('Mon-A', 'Mon');
const sunday = block('Sun-A', 'Sun');

function sessionsIn(timezone: string, termStart: string, termEnd: string, slotBlock = monday) {
  const pairs = [pair('P-1', 'S-1', 'S-2', slotBlock.name)];
  const slots: PairSlots[] = [{ pairId: 'P-1', blocks: [slotBlock] }];
  const program = settings({ timezone, termStart, termEnd });
  return generateSessions(pairs, slots, program).map((session) => ({
    date: session.date,
    start: session.start,
    end: session.end,
    utcStart: sessionInstants(session, timezone).start.toISOString(),
    utcEnd: sessionInstants(session, timezone).end.toISOString(),
  }));
}

describe('generateSessions across daylight-saving changes', () => {
  it('keeps a 15:00 block at 15:00 through the spring-forward week of America/New_York', () => {
    expect(sessionsIn('America/New_York', '2026-03-02', '2026-03-16')).toEqual([
      { date: '2026-03-02', start: '15:00', end: '16:00', utcStart: '2026-03-02T20:00:00.000Z', utcEnd: '2026-03-02T21:00:00.000Z' },
      { date: '2026-03-09', start: '15:00', end: '16:00', utcStart: '2026-03-09T19:00:00.000Z', utcEnd: '2026-03-09T20:00:00.000Z' },
      { date: '2026-03-16', start: '15:00', end: '16:00', utcStart: '2026-03-16T19:00:00.000Z', utcEnd: '2026-03-16T20:00:00.000Z' },
    ]);
  });

  it('keeps 15:00 on the very day clocks change (a Sunday block, New York, both changes)', () => {
    expect(sessionsIn('America/New_York', '2026-03-01', '2026-03-08', sunday).map((s) => s.utcStart)).toEqual([
      '2026-03-01T20:00:00.000Z',
      '2026-03-08T19:00:00.000Z',
    ]);
    expect(sessionsIn('America/New_York', '2026-10-25', '2026-11-01', sunday).map((s) => s.utcStart)).toEqual([
      '2026-10-25T19:00:00.000Z',
      '2026-11-01T20:00:00.000Z',
    ]);
  });

  it('keeps 15:00 through the fall-back week of America/New_York', () => {
    const sessions = sessionsIn('America/New_York', '2026-10-26', '2026-11-02');
    expect(sessions.map((s) => [s.date, s.start, s.utcStart])).toEqual([
      ['2026-10-26', '15:00', '2026-10-26T19:00:00.000Z'],
      ['2026-11-02', '15:00', '2026-11-02T20:00:00.000Z'],
    ]);
  });

  it('keeps 15:00 through the spring-forward and fall-back weeks of Europe/Berlin', () => {
    expect(sessionsIn('Europe/Berlin', '2026-03-23', '2026-03-30').map((s) => [s.start, s.utcStart])).toEqual([
      ['15:00', '2026-03-23T14:00:00.000Z'],
      ['15:00', '2026-03-30T13:00:00.000Z'],
    ]);
    expect(sessionsIn('Europe/Berlin', '2026-10-19', '2026-10-26').map((s) => [s.start, s.utcStart])).toEqual([
      ['15:00', '2026-10-19T13:00:00.000Z'],
      ['15:00', '2026-10-26T14:00:00.000Z'],
    ]);
  });

  it('keeps the same UTC instant all year in Asia/Kolkata, which has no daylight saving', () => {
    const sessions = sessionsIn('Asia/Kolkata', '2026-01-05', '2026-12-28');
    expect(sessions).toHaveLength(52);
    expect(new Set(sessions.map((s) => s.utcStart.slice(11)))).toEqual(new Set(['09:30:00.000Z']));
    expect(new Set(sessions.map((s) => s.start))).toEqual(new Set(['15:00']));
  });
});

describe('generateSessions dates', () => {
  const program = settings({
    termStart: '2026-01-05',
    termEnd: '2026-02-27',
    noSchoolDates: [{ from: '2026-01-19', to: '2026-01-19' }, { from: '2026-02-09', to: '2026-02-20' }],
  });

  it('skips No-school dates and ranges and names sessions <Pair ID>-<yyyymmdd>', () => {
    const sessions = generateSessions([pair('P-7', 'S-1', 'S-2', 'Mon-A')], [{ pairId: 'P-7', blocks: [monday] }], program);
    expect(sessions.map((s) => s.sessionId)).toEqual([
      'P-7-20260105', 'P-7-20260112', 'P-7-20260126', 'P-7-20260202', 'P-7-20260223',
    ]);
    expect(sessions.every((s) => s.status === 'Scheduled' && s.block === 'Mon-A' && s.calendarEventId === '')).toBe(true);
  });

  it('runs from the later of term and pair start to the earlier of term and pair end', () => {
    const late = pair('P-8', 'S-1', 'S-2', 'Mon-A', { startDate: '2026-01-20', endDate: '2026-02-03' });
    const sessions = generateSessions([late], [{ pairId: 'P-8', blocks: [monday] }], program);
    expect(sessions.map((s) => s.date)).toEqual(['2026-01-26', '2026-02-02']);
  });

  it('gives no sessions to a pair that ends before the term, or without a term', () => {
    const early = pair('P-9', 'S-1', 'S-2', 'Mon-A', { endDate: '2025-12-01' });
    expect(generateSessions([early], [{ pairId: 'P-9', blocks: [monday] }], program)).toEqual([]);
    const noTerm = settings({ termStart: null });
    expect(generateSessions([early], [{ pairId: 'P-9', blocks: [monday] }], noTerm)).toEqual([]);
  });

  it('schedules only Active and Trial pairs (via planSlots)', () => {
    const pairs = (['Active', 'Trial', 'Paused', 'Proposed', 'Ended'] as const).map((status, i) =>
      pair(`P-${i}`, `T-${i}`, `U-${i}`, 'Mon-A', { status }),
    );
    const students = pairs.flatMap((p) => [student(p.tutorId, ['Mon-A']), student(p.tuteeId, ['Mon-A'])]);
    const { slots } = planSlots({ pairs, blocks: [monday], students, sessionsPerWeek: 1 });
    const ids = new Set(generateSessions(pairs, slots, program).map((s) => s.pairId));
    expect(ids).toEqual(new Set(['P-0', 'P-1']));
  });
});
