import fc from 'fast-check';
import type { Pair, Session } from '../../src/core/model';
import {
  generateSessions,
  hasRecordedAttendance,
  planSlots,
  reconcileSessions,
  type SessionRecord,
} from '../../src/core/scheduling';
import { addDays } from '../../src/core/time';
import { block, pair, settings, student } from './scheduling-fixtures';

const TODAY = '2026-03-11'; // a Wednesday
const blocks = [block('Mon-A', 'Mon'), block('Wed-A', 'Wed'), block('Thu-B', 'Thu', '12:00', '12:45')];
const students = ['S-1', 'S-2', 'S-3', 'S-4'].map((id) => student(id, ['Mon-A', 'Wed-A', 'Thu-B']));
const term = settings({ termStart: '2026-02-02', termEnd: '2026-04-24' });

function schedule(pairs: Pair[], program = term): Session[] {
  return generateSessions(pairs, planSlots({ pairs, blocks, students, sessionsPerWeek: 1 }).slots, program);
}

/** The Sessions tab after a first scheduling, with attendance taken for everything up to today. */
function tabAfterFirstRun(pairs: Pair[]): SessionRecord[] {
  return schedule(pairs).map((s) => {
    const past = s.date <= TODAY;
    return { ...s, status: past ? 'Held' : 'Scheduled', tutorPresent: past ? true : null, tuteePresent: past ? s.date !== '2026-02-09' : null, notes: past ? `notes ${s.date}` : '' };
  });
}

const snapshot = (rows: readonly SessionRecord[]) => rows.map((row) => JSON.stringify(row));

describe('reconcileSessions scenarios', () => {
  const original = [pair('P-1', 'S-1', 'S-2', 'Mon-A'), pair('P-2', 'S-3', 'S-4', 'Wed-A')];

  it('changes nothing when nothing changed', () => {
    const tab = tabAfterFirstRun(original);
    const result = reconcileSessions(tab, schedule(original), TODAY);
    expect(result).toMatchObject({ added: [], removed: [], moved: [], kept: tab.length, warnings: [] });
    expect(snapshot(result.sessions)).toEqual(snapshot(tab));
  });

  it('moves only future sessions when a block changes; today stays history', () => {
    const tab = tabAfterFirstRun(original);
    const before = snapshot(tab.filter((s) => s.date <= TODAY));
    const moved = [original[0], { ...original[1], block: 'Thu-B' }];
    const result = reconcileSessions(tab, schedule(moved), TODAY);
    expect(snapshot(result.sessions.filter((s) => s.date <= TODAY))).toEqual(before);
    expect(before.some((row) => row.includes('P-2-20260311'))).toBe(true); // today's Wed session kept
    const p2Future = result.sessions.filter((s) => s.pairId === 'P-2' && s.date > TODAY);
    expect(p2Future.map((s) => `${s.date} ${s.block} ${s.start}`)).toEqual([
      '2026-03-12 Thu-B 12:00', '2026-03-19 Thu-B 12:00', '2026-03-26 Thu-B 12:00', '2026-04-02 Thu-B 12:00',
      '2026-04-09 Thu-B 12:00', '2026-04-16 Thu-B 12:00', '2026-04-23 Thu-B 12:00',
    ]);
    expect(result.removed).toHaveLength(6); // Wed 18 Mar … 22 Apr
    expect(result.added).toHaveLength(7);
    expect(result.sessions.filter((s) => s.pairId === 'P-1')).toEqual(tab.filter((s) => s.pairId === 'P-1'));
  });

  it('updates future sessions in place when the block keeps its day but changes times', () => {
    const tab = tabAfterFirstRun(original);
    tab.find((s) => s.sessionId === 'P-1-20260323')!.status = 'Cancelled';
    const later = schedule(original).map((s) => (s.pairId === 'P-1' ? { ...s, start: '15:30', end: '16:30' } : s));
    const result = reconcileSessions(tab, later, TODAY);
    expect(result.moved).toEqual(['P-1-20260316', 'P-1-20260323', 'P-1-20260330', 'P-1-20260406', 'P-1-20260413', 'P-1-20260420']);
    expect(result.sessions.find((s) => s.sessionId === 'P-1-20260323')).toMatchObject({ start: '15:30', status: 'Cancelled' });
    expect(result.sessions.find((s) => s.sessionId === 'P-1-20260309')).toMatchObject({ start: '15:00', status: 'Held' });
  });

  it('removes the future sessions of an ended pair but keeps a future one with notes, flagged', () => {
    const tab = tabAfterFirstRun(original);
    tab.find((s) => s.sessionId === 'P-1-20260330')!.notes = 'bring the worksheet';
    const ended = [{ ...original[0], status: 'Ended' as const, endDate: TODAY }, original[1]];
    const result = reconcileSessions(tab, schedule(ended), TODAY);
    expect(result.removed).toEqual(['P-1-20260316', 'P-1-20260323', 'P-1-20260406', 'P-1-20260413', 'P-1-20260420']);
    expect(result.warnings).toEqual([
      { code: 'kept-with-attendance', sessionId: 'P-1-20260330', message: expect.stringContaining('has attendance or notes recorded') },
    ]);
    expect(result.sessions.filter((s) => s.pairId === 'P-1').map((s) => s.date)).toEqual([
      '2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02', '2026-03-09', '2026-03-30',
    ]);
  });

  it('follows a moved term end only in the future', () => {
    const tab = tabAfterFirstRun(original);
    const shorter = reconcileSessions(tab, schedule(original, { ...term, termEnd: '2026-03-20' }), TODAY);
    expect(shorter.removed.length).toBe(tab.filter((s) => s.date > '2026-03-20').length);
    const longer = reconcileSessions(tab, schedule(original, { ...term, termEnd: '2026-05-08' }), TODAY);
    expect(longer.added).toEqual(['P-1-20260427', 'P-2-20260429', 'P-1-20260504', 'P-2-20260506']);
    // Even a term that ended before today does not touch history.
    const over = reconcileSessions(tab, schedule(original, { ...term, termEnd: '2026-02-20' }), TODAY);
    expect(snapshot(over.sessions)).toEqual(snapshot(tab.filter((s) => s.date <= TODAY)));
  });

  it('warns, with the Session ID, about a future session marked Held, and keeps it', () => {
    const tab = tabAfterFirstRun(original);
    tab.find((s) => s.sessionId === 'P-2-20260318')!.status = 'Held';
    const result = reconcileSessions(tab, schedule(original), TODAY);
    expect(result.warnings).toEqual([
      { code: 'future-held', sessionId: 'P-2-20260318', message: 'a future session cannot be Held (2026-03-18 is after today, 2026-03-11); set it back to Scheduled or to Cancelled' },
    ]);
    expect(result.sessions.find((s) => s.sessionId === 'P-2-20260318')?.status).toBe('Held');
  });

  it('adds no session dated today or earlier, even for a new pair', () => {
    const pairs = [...original, pair('P-3', 'S-1', 'S-4', 'Wed-A')];
    const result = reconcileSessions(tabAfterFirstRun(original), schedule(pairs), TODAY);
    expect(result.added.every((id) => id.startsWith('P-3-') && id > 'P-3-20260311')).toBe(true);
    expect(result.added).toHaveLength(6);
  });
});

// ---- property: history is immutable, IDs stay unique ----

const PAIRS = ['P-1', 'P-2', 'P-3'];
const BLOCKS = [['Mon-A', '15:00', '16:00'], ['Wed-A', '15:00', '16:00'], ['Thu-B', '12:00', '12:45']] as const;

const slotArb = fc.record({
  pairId: fc.constantFrom(...PAIRS),
  offset: fc.integer({ min: -40, max: 40 }),
  block: fc.constantFrom(...BLOCKS),
});

function sessionOf(slot: { pairId: string; offset: number; block: readonly [string, string, string] }): Session {
  const date = addDays(TODAY, slot.offset);
  return {
    sessionId: `${slot.pairId}-${date.replace(/-/g, '')}`, pairId: slot.pairId, date,
    start: slot.block[1], end: slot.block[2], block: slot.block[0], status: 'Scheduled', calendarEventId: '',
  };
}

const existingArb = fc.uniqueArray(
  fc.record({
    slot: slotArb,
    status: fc.constantFrom('Scheduled', 'Held', 'Missed', 'Cancelled' as const),
    tutorPresent: fc.constantFrom(null, true, false),
    tuteePresent: fc.constantFrom(null, true, false),
    notes: fc.constantFrom('', '', 'late', ' '),
    calendarEventId: fc.constantFrom('', 'evt-1'),
  }).map(({ slot, ...rest }): SessionRecord => ({ ...sessionOf(slot), ...rest })),
  { selector: (row) => row.sessionId, maxLength: 40 },
);
const generatedArb = fc.uniqueArray(slotArb.map(sessionOf), { selector: (s) => s.sessionId, maxLength: 40 });

describe('reconcileSessions property', () => {
  it('never changes or loses a past session or recorded attendance, and keeps Session IDs unique', () => {
    fc.assert(
      fc.property(existingArb, generatedArb, (existing, generated) => {
        const before = new Map(existing.map((row) => [row.sessionId, JSON.stringify(row)]));
        const result = reconcileSessions(existing, generated, TODAY);
        const after = new Map(result.sessions.map((row) => [row.sessionId, row]));
        expect(after.size).toBe(result.sessions.length);
        for (const row of existing) {
          if (row.date <= TODAY || hasRecordedAttendance(row)) expect(JSON.stringify(after.get(row.sessionId))).toBe(before.get(row.sessionId));
        }
        for (const row of result.sessions) {
          if (row.date <= TODAY) expect(before.has(row.sessionId)).toBe(true);
        }
        for (const session of generated) {
          if (session.date > TODAY) expect(after.get(session.sessionId)).toMatchObject({ date: session.date, pairId: session.pairId });
        }
        const wantedIds = new Set(generated.map((s) => s.sessionId));
        for (const row of result.sessions) {
          if (row.date > TODAY && !wantedIds.has(row.sessionId)) expect(hasRecordedAttendance(row)).toBe(true);
        }
        // Re-running with the same schedule changes nothing further.
        const again = reconcileSessions(result.sessions, generated, TODAY);
        expect(again.added.length + again.removed.length + again.moved.length).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
