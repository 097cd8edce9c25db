// A tutee who has mastered every skill of the subject a pair works on has reached a milestone: the
// sidebar proposes raising their level in `Needs help with` (to advanced: the need is met) and keeping
// or ending the pair. The teacher confirms; an ended pair's tutor goes back to the matcher.
import type { Level, LocalDate, Student } from '../../core/model';
import { subjectKey } from '../../core/model';
import { cellText } from '../store/cells';
import { changePairs } from '../matching/pair-actions';
import { readPairs } from '../matching/pairs-tab';
import { ProgramDataError } from '../program/problems';
import { readProgram } from '../program/roster';
import { MASTERY_TAB, STUDENTS_TAB } from '../program/schema';
import { readTable, writeTable, type RecordValues } from '../store/table';
import type { TableStore } from '../store/table-store';
import { readExitTicketQuestions } from './questions-tab';

export interface Milestone {
  pairId: string;
  tuteeId: string;
  tuteeName: string;
  tutorName: string;
  subject: string;
  skills: number;
  level: Level;
  /** The level to raise to; 4 (advanced) means the tutee no longer needs help in the subject. */
  nextLevel: Level;
  /** False when raising would leave the tutee with no need at all: the roster is then the teacher's to change. */
  canRaise: boolean;
  /** False when the tutor's level would no longer be above the raised one: the pair cannot go on. */
  canKeepPair: boolean;
}

/** Running pairs whose tutee has mastered every skill of the pair's subject on the questions tab. */
export function masteryMilestones(store: TableStore): Milestone[] {
  if (!store.tabNames().includes(MASTERY_TAB.name)) return [];
  const { program } = readProgram(store);
  const students = new Map(program.students.map((student) => [student.id, student] as [string, Student]));
  const mastered = new Set(
    readTable(store, MASTERY_TAB)
      .rows.filter((row) => cellText(row.get('State')) === 'Mastered')
      .map((row) => `${cellText(row.get('Student ID'))}\u0000${cellText(row.get('Skill')).toLowerCase()}`),
  );
  const { questions } = readExitTicketQuestions(store);
  const milestones: Milestone[] = [];
  for (const pair of readPairs(store).pairs) {
    if (pair.status !== 'Active' && pair.status !== 'Trial') continue;
    const tutee = students.get(pair.tuteeId);
    const need = tutee?.needsHelpWith.find((item) => subjectKey(item.subject) === subjectKey(pair.subject));
    if (!tutee || !need) continue;
    const skills = [...new Set(questions.filter((q) => subjectKey(q.subject) === subjectKey(pair.subject)).map((q) => q.skill.toLowerCase()))];
    if (!skills.length || !skills.every((skill) => mastered.has(`${tutee.id}\u0000${skill}`))) continue;
    const nextLevel = Math.min(4, need.level + 1) as Level;
    const tutorLevel = students.get(pair.tutorId)?.canTutor.find((item) => subjectKey(item.subject) === subjectKey(pair.subject))?.level ?? 0;
    const canRaise = nextLevel < 4 || tutee.needsHelpWith.length > 1;
    milestones.push({
      pairId: pair.pairId,
      tuteeId: tutee.id,
      tuteeName: tutee.name,
      tutorName: students.get(pair.tutorId)?.name ?? pair.tutorId,
      subject: pair.subject,
      skills: skills.length,
      level: need.level,
      nextLevel,
      canRaise,
      canKeepPair: !canRaise || (nextLevel < 4 && tutorLevel > nextLevel),
    });
  }
  return milestones;
}

/**
 * The teacher's answer to a milestone: the tutee's level in the subject is raised (at advanced, the
 * subject leaves Needs help with), and the pair ends when `endPair` (its tutor is then free for others).
 */
export function confirmMilestone(store: TableStore, pairId: string, endPair: boolean, today: LocalDate, now: Date): Milestone | null {
  const milestone = masteryMilestones(store).find((item) => item.pairId === pairId);
  if (!milestone) return null;
  if (!endPair && !milestone.canKeepPair) throw new Error(`Pair ${pairId} cannot go on at the raised level: end it instead.`);
  if (!milestone.canRaise) {
    if (endPair) changePairs(store, 'end', [pairId], today, now);
    return milestone;
  }
  const { problems } = readProgram(store);
  // The roster is rewritten by Student ID: only while every ID is sound.
  if (problems.some((problem) => problem.tab === STUDENTS_TAB.name)) throw new ProgramDataError(problems.filter((problem) => problem.tab === STUDENTS_TAB.name));
  const table = readTable(store, STUDENTS_TAB);
  const records = table.rows.map((row): RecordValues => {
    const id = cellText(row.get('Student ID'));
    if (id !== milestone.tuteeId) return { 'Student ID': id };
    return { 'Student ID': id, 'Needs help with': raisedNeeds(cellText(row.get('Needs help with')), milestone) };
  });
  writeTable(store, STUDENTS_TAB, records);
  if (endPair) changePairs(store, 'end', [pairId], today, now);
  return milestone;
}

/** `Math 2; Science 1` with Math raised to 3 — or gone, at 4. Other items stay as the teacher wrote them. */
function raisedNeeds(text: string, milestone: Milestone): string {
  const items = text.split(/[;,]/).map((item) => item.trim()).filter(Boolean);
  return items
    .flatMap((item) => {
      const match = /^(.*?)\s*(\d)$/.exec(item);
      if (!match || subjectKey(match[1]) !== subjectKey(milestone.subject)) return [item];
      return milestone.nextLevel >= 4 ? [] : [`${match[1]} ${milestone.nextLevel}`];
    })
    .join('; ');
}
