// What the sidebar's Messages section lets the teacher pick: a template, one running pair, a subject.
import { MESSAGE_TEMPLATES, type MessageTemplate } from '../../core/sessions/messages';
import { subjectKey } from '../../core/model';
import { readPairs } from '../matching/pairs-tab';
import { readProgram } from '../program/roster';
import type { TableStore } from '../store/table-store';

export interface MessageChoices {
  templates: MessageTemplate[];
  pairs: { pairId: string; label: string }[];
  subjects: string[];
}

export function messageChoices(store: TableStore): MessageChoices {
  const names = new Map(readProgram(store).program.students.map((s) => [s.id, s.name] as [string, string]));
  const running = readPairs(store).pairs.filter((pair) => pair.status === 'Active' || pair.status === 'Trial');
  const subjects = new Map<string, string>();
  for (const pair of running) if (!subjects.has(subjectKey(pair.subject))) subjects.set(subjectKey(pair.subject), pair.subject.trim());
  return {
    templates: [...MESSAGE_TEMPLATES],
    pairs: running.map((pair) => ({ pairId: pair.pairId, label: `${names.get(pair.tutorId) ?? pair.tutorId} → ${names.get(pair.tuteeId) ?? pair.tuteeId} (${pair.subject})` })),
    subjects: [...subjects.values()].sort(),
  };
}
