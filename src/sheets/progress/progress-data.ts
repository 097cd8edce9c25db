// The logs the progress rules read, from the tabs: students and pairs, sessions with attendance,
// reflections, exit tickets and the waitlist. Rows that cannot be read are left out (Check roster and
// the filing report them); the dashboard never stops on them.
import type { ProgressData, ReflectionLog, TicketLog, WaitingNeed } from '../../core/progress/records';
import type { LocalDate } from '../../core/model';
import { localDateOf } from '../../core/time';
import { cellText, parseDate } from '../store/cells';
import { readPairs } from '../matching/pairs-tab';
import { readProgram, type Program } from '../program/roster';
import { EXIT_TICKETS_TAB, REFLECTIONS_TAB, WAITLIST_TAB } from '../program/schema';
import { readSessions, type SessionRow } from '../scheduling/sessions-tab';
import { readTable, type TableRow } from '../store/table';
import type { TableStore } from '../store/table-store';

export function readProgressData(store: TableStore, today: LocalDate): { data: ProgressData; program: Program; sessionRows: SessionRow[] } {
  const { program } = readProgram(store);
  const timeZone = program.settings.timezone || store.timeZone;
  const rows = (name: string, spec: Parameters<typeof readTable>[1]) => (store.tabNames().includes(name) ? readTable(store, spec).rows : []);
  const instant = (row: TableRow) => {
    const cell = row.get('Submitted');
    const date = cell instanceof Date ? cell : new Date(cellText(cell));
    return Number.isNaN(date.getTime()) ? null : date;
  };
  const reflections: ReflectionLog[] = rows(REFLECTIONS_TAB.name, REFLECTIONS_TAB).flatMap((row) => {
    const submitted = instant(row);
    const role = cellText(row.get('Role'));
    if (!submitted || (role !== 'Tutor' && role !== 'Tutee')) return [];
    const scale = (header: string) => (cellText(row.get(header)) === '' ? null : Number(row.get(header)));
    const yes = (header: string) => cellText(row.get(header)).toLowerCase() === 'yes';
    return [{
      responseId: cellText(row.get('Response ID')),
      submitted,
      date: localDateOf(submitted, timeZone),
      sessionId: cellText(row.get('Session ID')),
      pairId: cellText(row.get('Pair ID')),
      studentId: cellText(row.get('Student ID')),
      role,
      mood: scale('Mood'),
      confidence: scale('Confidence'),
      talkToTeacher: yes('Talk to a teacher'),
      handled: yes('Handled'),
      whatWorked: cellText(row.get('What worked')),
      nextStep: cellText(row.get('Next step')),
      goal: cellText(row.get('Goal for next week')),
      worried: yes('Something worried me'),
      onlyAnswers: yes('Only wanted answers'),
      newTutor: yes('Wants a different tutor'),
    }];
  });
  const tickets: TicketLog[] = rows(EXIT_TICKETS_TAB.name, EXIT_TICKETS_TAB).flatMap((row) => {
    const submitted = instant(row);
    const score = Number(row.get('Score'));
    if (!submitted || !Number.isFinite(score)) return [];
    return [{
      studentId: cellText(row.get('Student ID')),
      pairId: cellText(row.get('Pair ID')),
      subject: cellText(row.get('Subject')),
      skill: cellText(row.get('Skill')),
      date: localDateOf(submitted, timeZone),
      submitted,
      score,
    }];
  });
  const waitlist: WaitingNeed[] = rows(WAITLIST_TAB.name, WAITLIST_TAB).flatMap((row) => {
    const since = parseDate(row.get('Since'), store.timeZone);
    return since.ok ? [{ studentId: cellText(row.get('Student ID')), subject: cellText(row.get('Subject')), reason: cellText(row.get('Reason')), since: since.value }] : [];
  });
  const sessionRows = readSessions(store).rows;
  const data: ProgressData = {
    today,
    termStart: program.settings.termStart,
    students: program.students,
    pairs: readPairs(store).pairs,
    sessions: sessionRows,
    reflections,
    tickets,
    waitlist,
  };
  return { data, program, sessionRows };
}
