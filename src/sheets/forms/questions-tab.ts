// The teacher's `Exit ticket questions` tab: each skill's questions, choices, key and points, with a
// located problem for every row that cannot make a fair question.
import type { ExitTicketQuestion } from '../../core/forms/questions';
import { cellText, parseInteger, quote } from '../store/cells';
import type { Problem } from '../program/problems';
import { RowReader } from '../store/row-reader';
import { EXIT_TICKET_QUESTIONS_TAB } from '../program/schema';
import { readTable } from '../store/table';
import type { TableStore } from '../store/table-store';

export interface QuestionsReading {
  questions: ExitTicketQuestion[];
  problems: Problem[];
}

/** Reads the questions; a missing tab means no exit-ticket questions yet. Rows with problems are left out. */
export function readExitTicketQuestions(store: TableStore): QuestionsReading {
  if (!store.tabNames().includes(EXIT_TICKET_QUESTIONS_TAB.name)) return { questions: [], problems: [] };
  const table = readTable(store, EXIT_TICKET_QUESTIONS_TAB);
  if (table.problems.length) return { questions: [], problems: table.problems };
  const questions: ExitTicketQuestion[] = [];
  const problems: Problem[] = [];
  const firstRow = new Map<string, number>();
  for (const row of table.rows) {
    const reader = new RowReader(EXIT_TICKET_QUESTIONS_TAB.name, row);
    const question: ExitTicketQuestion = {
      subject: reader.required('Subject'),
      skill: reader.required('Skill'),
      question: reader.required('Question'),
      // `;` only: a choice may hold a comma ("1,000").
      choices: cellText(reader.cell('Choices')).split(';').map((choice) => choice.trim()).filter(Boolean),
      answer: cellText(reader.cell('Answer')),
      points: reader.parseOptional('Points', (cell) => parseInteger(cell, 1, 100), 1),
    };
    if (question.choices.length < 2) reader.report('Choices', `${quote(reader.cell('Choices'))} should list at least two answers separated by ;`);
    else if (!question.choices.some((choice) => choice.toLowerCase() === question.answer.toLowerCase())) {
      reader.report('Answer', `${quote(reader.cell('Answer'))} is not one of the choices`);
    }
    const key = question.question.toLowerCase();
    const earlier = firstRow.get(key);
    if (key && earlier !== undefined) reader.report('Question', `the same question as row ${earlier}: each question text must be unique (it is the form question's title)`);
    else if (key) firstRow.set(key, row.rowNumber);
    problems.push(...reader.problems);
    if (!reader.problems.length) questions.push(question);
  }
  return { questions, problems };
}
