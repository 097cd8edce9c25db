// Recognition, computed fairly: the pair with the biggest gains (normalised by where the tutee started,
// with a minimum of sessions, so a lucky single ticket does not win) and the tutor of the week (every
// planned session of the week held, then the tutees' confidence).
import { addDays } from '../time';
import type { ProgressData } from './records';

export interface PairGain {
  pairId: string;
  tutorId: string;
  tuteeId: string;
  subject: string;
  /** Share of the possible improvement achieved, percent: (last − first) ÷ (100 − first). */
  normalisedGain: number;
  sessions: number;
}

export interface TutorOfTheWeek {
  tutorId: string;
  sessions: number;
  /** Mean confidence their tutees reported this week (1–5), null when none did. */
  tuteeConfidence: number | null;
}

export interface Recognition {
  biggestGains: PairGain | null;
  tutorOfTheWeek: TutorOfTheWeek | null;
}

/** Fewer held sessions than this and a pair's gain says too little to be compared. */
export const MIN_SESSIONS_FOR_GAINS = 3;

export function recognitionOf(data: ProgressData): Recognition {
  return { biggestGains: biggestGains(data), tutorOfTheWeek: tutorOfTheWeek(data) };
}

function biggestGains(data: ProgressData): PairGain | null {
  const [best] = pairGainsOf(data);
  return best && best.normalisedGain > 0 ? best : null;
}

/**
 * Every pair with enough sessions and two exit tickets or more, biggest normalised gain first (ties:
 * more sessions, then Pair ID): the Dashboard's gains table and chart, and the recognition.
 */
export function pairGainsOf(data: ProgressData): PairGain[] {
  const heldBy = countBy(data.sessions.filter((s) => s.status === 'Held' && s.date < data.today).map((s) => s.pairId));
  const ticketsBy = new Map<string, ProgressData['tickets']>();
  for (const ticket of data.tickets) {
    const list = ticketsBy.get(ticket.pairId);
    if (list) list.push(ticket);
    else ticketsBy.set(ticket.pairId, [ticket]);
  }
  const gains: PairGain[] = [];
  for (const pair of data.pairs) {
    const sessions = heldBy.get(pair.pairId) ?? 0;
    const tickets = [...(ticketsBy.get(pair.pairId) ?? [])].sort((a, b) => a.submitted.getTime() - b.submitted.getTime());
    if (sessions < MIN_SESSIONS_FOR_GAINS || tickets.length < 2) continue;
    const first = tickets[0].score;
    const last = tickets[tickets.length - 1].score;
    if (first >= 100) continue;
    const normalisedGain = Math.round(((last - first) / (100 - first)) * 100);
    gains.push({ pairId: pair.pairId, tutorId: pair.tutorId, tuteeId: pair.tuteeId, subject: pair.subject, normalisedGain, sessions });
  }
  return gains.sort((a, b) => b.normalisedGain - a.normalisedGain || b.sessions - a.sessions || (a.pairId < b.pairId ? -1 : a.pairId > b.pairId ? 1 : 0));
}

function countBy(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

function tutorOfTheWeek(data: ProgressData): TutorOfTheWeek | null {
  const since = addDays(data.today, -7);
  const pairById = new Map(data.pairs.map((pair) => [pair.pairId, pair]));
  const week = data.sessions.filter((s) => s.date >= since && s.date < data.today && s.status !== 'Cancelled');
  const byTutor = new Map<string, { planned: number; held: number; pairs: Set<string> }>();
  for (const session of week) {
    const tutorId = pairById.get(session.pairId)?.tutorId;
    if (!tutorId) continue;
    const entry = byTutor.get(tutorId) ?? { planned: 0, held: 0, pairs: new Set<string>() };
    entry.planned++;
    if (session.status === 'Held') entry.held++;
    entry.pairs.add(session.pairId);
    byTutor.set(tutorId, entry);
  }
  const confidenceByPair = new Map<string, number[]>();
  for (const r of data.reflections) {
    if (r.role !== 'Tutee' || r.date < since || r.confidence === null) continue;
    const list = confidenceByPair.get(r.pairId);
    if (list) list.push(r.confidence);
    else confidenceByPair.set(r.pairId, [r.confidence]);
  }
  let best: TutorOfTheWeek | null = null;
  for (const [tutorId, entry] of byTutor) {
    if (entry.held < 2 || entry.held < entry.planned) continue;
    const confidences = [...entry.pairs].flatMap((pairId) => confidenceByPair.get(pairId) ?? []);
    const tuteeConfidence = confidences.length ? Math.round((confidences.reduce((a, b) => a + b, 0) / confidences.length) * 10) / 10 : null;
    const score = (t: TutorOfTheWeek) => [t.tuteeConfidence ?? 0, t.sessions];
    const candidate = { tutorId, sessions: entry.held, tuteeConfidence };
    if (!best) best = candidate;
    else {
      const [a1, a2] = score(candidate);
      const [b1, b2] = score(best);
      if (a1 > b1 || (a1 === b1 && (a2 > b2 || (a2 === b2 && tutorId < best.tutorId)))) best = candidate;
    }
  }
  return best;
}
