// Substitutes: when a tutor is marked absent for an upcoming session (Tutor present = No before it
// happens) or the pair is Paused while sessions remain, the matcher proposes a substitute for each such
// session: a trained tutor free in that very block, able in the subject, not at capacity (the tutee's
// availability is narrowed to the session's block; the absent tutor is never proposed). The choice is
// logged on the session (Substitute column), and the substitute's hours count on Service hours.
import { feasibleTutorsFinder, type MatchResult, type ProposedPair } from '../../core/matching';
import type { LocalDate, Pair, Student } from '../../core/model';
import { instantOf } from '../../core/time';
import type { CalendarPort } from '../scheduling/calendar-port';
import { cellText } from '../store/cells';
import { readSettings } from '../program/settings';
import { readPairs } from '../matching/pairs-tab';
import { readProgram, type Program } from '../program/roster';
import { SESSIONS_TAB, headerKey } from '../program/schema';
import { readSessions, type SessionRow } from '../scheduling/sessions-tab';
import { indexHeaders, writeGrid } from '../store/table';
import { valueOf, type TableStore } from '../store/table-store';

export interface SubstituteNeed {
  sessionId: string;
  pairId: string;
  date: LocalDate;
  block: string;
  subject: string;
  tuteeName: string;
  absentTutorName: string;
  why: 'tutor absent' | 'pair paused';
  /** The matcher's best substitute, or null when no one is free (then `message` says so). */
  best: { tutorId: string; name: string; why: string } | null;
  message: string;
}

/** Pairs that meet (their sessions stay on the tab), as the matcher counts them. */
const MEETING: readonly Pair['status'][] = ['Active', 'Trial', 'Request new tutor', 'Paused'];

function meetingPairs(pairs: readonly Pair[]): MatchResult {
  const running = pairs.filter((pair) => MEETING.includes(pair.status));
  return {
    pairs: running.map((pair): ProposedPair => ({ ...pair, locked: false, existingPairId: pair.pairId })),
    waitlist: [],
    // Only the pairs matter to feasibleTutors; these totals describe no matching.
    totals: { needs: 0, placed: running.length, tutorsUsed: 0, averageLoad: 0, totalScore: 0, proof: { optimal: false, morePlaceable: 0, scoreGapPercent: 0 } },
  };
}

/** The matcher's substitutes for one session, best first. */
function substitutesFor(program: Program, pairs: readonly Pair[], pair: Pair, block: string, busy: ReadonlySet<string>) {
  const students: Student[] = program.students.map((s) => (s.id === pair.tuteeId ? { ...s, availability: s.availability.filter((b) => b === block) } : s));
  const find = feasibleTutorsFinder({ students, blocks: program.blocks, settings: program.settings, pairs: [...pairs] });
  return find(pair.tuteeId, pair.subject, meetingPairs(pairs))
    .filter((option) => option.block === block && !busy.has(option.tutorId))
    .sort((a, b) => b.score - a.score);
}

function needsOf(sessions: readonly SessionRow[], pairs: readonly Pair[], today: LocalDate): { session: SessionRow; pair: Pair; why: SubstituteNeed['why'] }[] {
  const byId = new Map(pairs.map((pair) => [pair.pairId, pair]));
  return sessions.flatMap((session): { session: SessionRow; pair: Pair; why: SubstituteNeed['why'] }[] => {
    const pair = byId.get(session.pairId);
    if (!pair || session.date < today || session.status !== 'Scheduled' || session.substitute) return [];
    if (session.tutorPresent === false) return [{ session, pair, why: 'tutor absent' as const }];
    if (pair.status === 'Paused') return [{ session, pair, why: 'pair paused' as const }];
    return [];
  });
}

/** Tutors already taken on a date and block (their own sessions, or substituting), as `date|block|id`. */
function busyTutors(sessions: readonly SessionRow[], pairs: readonly Pair[]): Set<string> {
  const tutorOf = new Map(pairs.map((pair) => [pair.pairId, pair.tutorId]));
  const busy = new Set<string>();
  for (const s of sessions) {
    if (s.substitute) busy.add(`${s.date}|${s.block}|${s.substitute}`);
    const tutor = tutorOf.get(s.pairId);
    if (tutor && s.tutorPresent !== false) busy.add(`${s.date}|${s.block}|${tutor}`);
  }
  return busy;
}

export function substituteNeeds(store: TableStore, today: LocalDate): SubstituteNeed[] {
  return substituteNeedsIn(readProgram(store).program, readPairs(store).pairs, readSessions(store).rows, today);
}

/** The same, from tabs a caller already read (Refresh dashboard reads them once for everything). */
export function substituteNeedsIn(program: Program, pairs: Pair[], rows: SessionRow[], today: LocalDate): SubstituteNeed[] {
  const names = new Map(program.students.map((s) => [s.id, s.name]));
  const busy = busyTutors(rows, pairs);
  return needsOf(rows, pairs, today).map(({ session, pair, why }) => {
    const taken = new Set([...busy].filter((key) => key.startsWith(`${session.date}|${session.block}|`)).map((key) => key.split('|')[2]));
    const [best] = substitutesFor(program, pairs, pair, session.block, taken);
    const message = best
      ? `${names.get(best.tutorId) ?? best.tutorId} can take ${names.get(pair.tuteeId) ?? pair.tuteeId}'s ${pair.subject} session on ${session.date} (${session.block})`
      : `No trained ${pair.subject} tutor is free in ${session.block} on ${session.date} with room for another tutee: move or cancel the session, or ask a tutor to stay`;
    return {
      sessionId: session.sessionId,
      pairId: pair.pairId,
      date: session.date,
      block: session.block,
      subject: pair.subject,
      tuteeName: names.get(pair.tuteeId) ?? pair.tuteeId,
      absentTutorName: names.get(pair.tutorId) ?? pair.tutorId,
      why,
      best: best ? { tutorId: best.tutorId, name: names.get(best.tutorId) ?? best.tutorId, why: best.why } : null,
      message,
    };
  });
}

/**
 * Logs `tutorId` as the session's substitute (the Substitute column, added when missing; one write).
 * Only a tutor the matcher still proposes for that session is accepted; returns why not otherwise.
 */
export function assignSubstitute(store: TableStore, sessionId: string, tutorId: string, today: LocalDate): { assigned: boolean; message: string } {
  const need = substituteNeeds(store, today).find((n) => n.sessionId === sessionId);
  if (!need) return { assigned: false, message: `Session ${sessionId} needs no substitute (it is past, has one, or its tutor is not marked absent)` };
  const { program } = readProgram(store);
  const { pairs } = readPairs(store);
  const pair = pairs.find((p) => p.pairId === need.pairId)!;
  const { rows } = readSessions(store);
  const taken = busyTutors(rows, pairs);
  const free = new Set([...taken].filter((k) => k.startsWith(`${need.date}|${need.block}|`)).map((k) => k.split('|')[2]));
  if (!substitutesFor(program, pairs, pair, need.block, free).some((o) => o.tutorId === tutorId)) {
    return { assigned: false, message: `${tutorId} cannot substitute on ${need.date} (${need.block}): not free, not able in ${need.subject}, or at capacity` };
  }
  const grid = (store.readTab(SESSIONS_TAB.name) ?? []).map((row) => [...row]);
  const index = indexHeaders(grid[0]);
  if (!index.has(headerKey('Substitute'))) {
    grid[0].push('Substitute');
    index.set(headerKey('Substitute'), grid[0].length - 1);
  }
  const idAt = index.get(headerKey('Session ID'))!;
  const subAt = index.get(headerKey('Substitute'))!;
  const row = grid.find((cells, r) => r > 0 && cellText(valueOf(cells[idAt] ?? '')) === sessionId)!;
  while (row.length < grid[0].length) row.push('');
  row[subAt] = tutorId;
  writeGrid(store, SESSIONS_TAB.name, grid);
  return { assigned: true, message: `${need.best?.tutorId === tutorId ? need.best.name : tutorId} substitutes on ${need.date} (${need.block})` };
}

/**
 * Puts a logged substitute into Calendar: that one meeting of the pair's series gets the substitute as
 * guest and loses the absent tutor. Says what happened, for the teacher ('' where there is no calendar).
 */
export function substituteInCalendar(store: TableStore, calendar: CalendarPort | undefined, sessionId: string, tutorId: string): string {
  if (!calendar?.substituteGuest) return '';
  const session = readSessions(store).rows.find((row) => row.sessionId === sessionId);
  // Only the substitute logged on the session (assigned now, or before by a run whose Calendar write failed).
  if (!session?.substitute || session.substitute !== tutorId) return '';
  if (!session.calendarEventId) return 'The session is not in Calendar yet (Schedule sessions first): add the substitute to the meeting then.';
  const { program } = readProgram(store);
  const pair = readPairs(store).pairs.find((p) => p.pairId === session.pairId);
  const email = (id: string | undefined) => program.students.find((s) => s.id === id)?.email.trim() ?? '';
  const add = email(session.substitute);
  if (!add) return `${session.substitute} has no email on the roster: the Calendar meeting was not changed.`;
  const timeZone = readSettings(store).settings.timezone || store.timeZone;
  const result = calendar.substituteGuest({ eventId: session.calendarEventId, start: instantOf(session.date, session.start, timeZone), add, remove: email(pair?.tutorId) });
  if (result === 'not found') return `The meeting of ${session.date} is not in the program calendar (deleted by hand?): the substitute was logged only.`;
  return `Calendar: the meeting of ${session.date} has the substitute as guest${result === 'unchanged' ? ' (already)' : ''}.`;
}
