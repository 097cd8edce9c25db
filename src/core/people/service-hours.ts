// Service hours: what a tutor can show for volunteer or honor-society hours. Counted from Held sessions
// of the term where the tutor was not marked absent (the session's block length), plus the teacher's
// adjustment, which counts only with a reason (the reason is the record of why).
import type { LocalDate, Pair, WallTime } from '../model';

export interface HeldSession {
  pairId: string;
  date: LocalDate;
  start: WallTime;
  end: WallTime;
  status: string;
  tutorPresent: boolean | null;
  /** The Student ID of a substitute who tutored instead ('' when none): the hours are theirs. */
  substitute?: string;
}

export interface Adjustment {
  hours: number;
  reason: string;
}

export interface ServiceHours {
  studentId: string;
  sessions: number;
  hours: number;
  adjustment: number | null;
  reason: string;
  total: number;
  /** An adjustment without a reason: not counted until one is given. */
  unexplained: boolean;
}

const minutesOf = (time: WallTime) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
/** Hours to two decimals, so 45 minutes is 0.75 and sums do not drift. */
const round = (hours: number) => Math.round(hours * 100) / 100;

export function serviceHoursOf(
  sessions: readonly HeldSession[],
  pairs: readonly Pick<Pair, 'pairId' | 'tutorId'>[],
  term: { start: LocalDate | null; end: LocalDate | null },
  adjustments: ReadonlyMap<string, Adjustment>,
): ServiceHours[] {
  const tutorOf = new Map(pairs.map((pair) => [pair.pairId, pair.tutorId]));
  const tally = new Map<string, { sessions: number; minutes: number }>();
  for (const session of sessions) {
    // Tutor present describes the pair's own tutor: with a substitute, the session is the substitute's.
    if (session.status !== 'Held' || (session.tutorPresent === false && !session.substitute)) continue;
    if ((term.start && session.date < term.start) || (term.end && session.date > term.end)) continue;
    const tutor = session.substitute || tutorOf.get(session.pairId);
    if (!tutor) continue;
    const entry = tally.get(tutor) ?? { sessions: 0, minutes: 0 };
    entry.sessions += 1;
    entry.minutes += Math.max(0, minutesOf(session.end) - minutesOf(session.start));
    tally.set(tutor, entry);
  }
  const ids = [...new Set([...tally.keys(), ...adjustments.keys()])].sort();
  return ids.map((studentId) => {
    const { sessions: count, minutes } = tally.get(studentId) ?? { sessions: 0, minutes: 0 };
    const hours = round(minutes / 60);
    const adjustment = adjustments.get(studentId) ?? null;
    const counted = adjustment && adjustment.reason.trim() !== '' ? adjustment.hours : 0;
    return {
      studentId,
      sessions: count,
      hours,
      adjustment: adjustment ? adjustment.hours : null,
      reason: adjustment?.reason ?? '',
      total: round(hours + counted),
      unexplained: adjustment !== null && adjustment.reason.trim() === '' && adjustment.hours !== 0,
    };
  });
}
