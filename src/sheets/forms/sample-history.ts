// Fills a sample workbook with weeks of history up to today, through the program's own code: the term
// is replayed from `startDay` (match, start every pair, schedule), then the responses students would
// have sent after each past session are filed as the form-submit trigger files them.
import { sampleQuestions, sampleResponses, type PastSession } from '../../core/forms/sample-history';
import type { LocalDate, Pair } from '../../core/model';
import { applyMatches, NO_CHOICES } from '../matching/service';
import { changePairs } from '../matching/pair-actions';
import { readPairs } from '../matching/pairs-tab';
import { readProgram } from '../program/roster';
import { scheduleSessions } from '../scheduling/service';
import { EXIT_TICKET_QUESTIONS_TAB } from '../program/schema';
import { readSessions } from '../scheduling/sessions-tab';
import { writeTable } from '../store/table';
import type { TableStore } from '../store/table-store';
import { fileResponses, type FilingReport } from './filing-service';

export interface HistoryReport {
  pastSessions: number;
  filing: FilingReport;
}

export function addSampleHistory(store: TableStore, seed: number, startDay: LocalDate, today: LocalDate, now: Date): HistoryReport {
  applyMatches(store, { options: NO_CHOICES, confirmEnding: true }, startDay, now);
  changePairs(store, 'start', 'all', startDay, now);
  scheduleSessions(store, startDay, now);
  const { pairs } = readPairs(store);
  const subjects = [...new Set(pairs.map((pair) => pair.subject))].sort();
  const questions = sampleQuestions(subjects);
  writeTable(
    store,
    EXIT_TICKET_QUESTIONS_TAB,
    questions.map((q) => ({ Subject: q.subject, Skill: q.skill, Question: q.question, Choices: q.choices.join('; '), Answer: q.answer, Points: q.points })),
  );
  const byId = new Map(pairs.map((pair) => [pair.pairId, pair] as [string, Pair]));
  const past: PastSession[] = readSessions(store)
    .rows.filter((row) => row.date < today && byId.has(row.pairId))
    .map((row) => {
      const pair = byId.get(row.pairId)!;
      return { sessionId: row.sessionId, pairId: pair.pairId, tutorId: pair.tutorId, tuteeId: pair.tuteeId, subject: pair.subject, date: row.date, end: row.end };
    });
  const timeZone = readProgram(store).program.settings.timezone || store.timeZone;
  const filing = fileResponses(store, sampleResponses(past, questions, seed, timeZone), now);
  return { pastSessions: past.length, filing };
}
