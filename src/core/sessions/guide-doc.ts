// The starter Doc of a tutor guide: the row's own text under a heading per part, and a prompt where
// the teacher has not written that part yet, so the Doc is a place to grow the guide. Pure: the
// Document adapter turns each line into a paragraph (text taken literally) or a list item.
import type { Guide } from './agenda';

export type GuideDocStyle = 'TITLE' | 'HEADING2' | 'NORMAL' | 'LIST';

export interface GuideDocLine {
  text: string;
  style: GuideDocStyle;
}

const PARTS: { title: string; field: keyof Guide; prompt: string }[] = [
  { title: 'Target concept', field: 'targetConcept', prompt: 'What should the tutee understand by the end? Say it in one or two sentences a tutor can repeat.' },
  { title: 'Common misconceptions', field: 'misconceptions', prompt: 'What do tutees usually get wrong here, and how can the tutor notice it?' },
  { title: 'Worked example', field: 'workedExample', prompt: 'One example worked step by step, with what the tutor says at each step.' },
  { title: 'Probing questions', field: 'probingQuestions', prompt: 'Questions that make the tutee explain their thinking instead of giving the answer.' },
];

/** The Doc's name. */
export function guideDocName(programName: string, guide: Pick<Guide, 'subject' | 'skill'>): string {
  return `${programName}: tutor guide — ${guide.subject}, ${guide.skill}`;
}

/** The Doc's lines, in order. */
export function guideDocLines(guide: Guide): GuideDocLine[] {
  const lines: GuideDocLine[] = [{ text: `${guide.subject}: ${guide.skill}`, style: 'TITLE' }];
  for (const part of PARTS) {
    lines.push({ text: part.title, style: 'HEADING2' });
    const written = String(guide[part.field]).trim();
    lines.push({ text: written || part.prompt, style: 'NORMAL' });
  }
  lines.push({ text: 'During the session', style: 'HEADING2' });
  for (const step of ['Check in: how did the last session go?', 'Review the skills due for review.', 'Guided practice, then independent practice.', 'Exit ticket, then each of you fills in the reflection.']) {
    lines.push({ text: step, style: 'LIST' });
  }
  return lines;
}
