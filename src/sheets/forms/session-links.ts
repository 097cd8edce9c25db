// Each session's prefilled form links on the Sessions tab: the tutor's and the tutee's reflection and
// the tutee's exit ticket, for sessions of Active and Trial pairs. Built from the forms' link templates
// (no Google call per session), written with scheduling or after Create forms, and only where a link
// differs from what the row holds.
import { sessionLinks, type FormTemplates, type SessionLinks } from '../../core/forms/links';
import type { Pair } from '../../core/model';
import { readPairs } from '../pairs';
import { SESSIONS_TAB } from '../schema';
import { keptSessionRecord, linkUpdates, readSessions } from '../sessions';
import { bookedOneOffs, type OneOff } from '../sessions/help-requests';
import { writeTable } from '../table';
import type { TableStore } from '../table-store';

/** The links a session should carry; null leaves the row's links as they are (a pair that is not running). */
export type SessionLinker = (session: { sessionId: string; pairId: string }) => SessionLinks | null;

export function sessionLinker(templates: FormTemplates, pairs: readonly Pair[], oneOffs: ReadonlyMap<string, OneOff> = new Map()): SessionLinker {
  const running = new Map(pairs.filter((pair) => pair.status === 'Active' || pair.status === 'Trial').map((pair) => [pair.pairId, pair] as [string, Pair]));
  return ({ sessionId, pairId }) => {
    // A one-off session (a help request) links its own two students.
    const pair = running.get(pairId) ?? oneOffs.get(sessionId);
    return pair ? sessionLinks(templates, pair, sessionId) : null;
  };
}

export interface LinksReport {
  /** Sessions whose links were written or changed. */
  linked: number;
  written: boolean;
  /** Why nothing could be written (Sessions or Pairs cannot be read), or ''. */
  problem: string;
}

/** Writes every session's links in one batched write of Sessions; nothing when every link is already right. */
export function fillSessionLinks(store: TableStore, templates: FormTemplates): LinksReport {
  const sessions = readSessions(store);
  const { pairs, problems } = readPairs(store);
  if (!sessions.exists) return { linked: 0, written: false, problem: '' };
  if (sessions.problems.length || problems.length) {
    return { linked: 0, written: false, problem: 'Sessions or Pairs has a problem (see Check roster and Schedule sessions), so no links were written.' };
  }
  const ids = sessions.rows.map((row) => row.sessionId);
  if (new Set(ids).size !== ids.length) return { linked: 0, written: false, problem: 'a Session ID is on the Sessions tab twice: run Schedule sessions first.' };
  const linkerOf = sessionLinker(templates, pairs, bookedOneOffs(store));
  let linked = 0;
  const records = sessions.rows.map((row) => {
    const updates = linkUpdates(row, linkerOf(row));
    if (Object.keys(updates).length) linked++;
    return keptSessionRecord(row, null, {}, updates);
  });
  if (linked === 0 && !sessions.lacksColumns) return { linked, written: false, problem: '' };
  writeTable(store, SESSIONS_TAB, records);
  return { linked, written: true, problem: '' };
}
