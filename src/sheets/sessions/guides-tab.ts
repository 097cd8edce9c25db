// The teacher's `Guides` tab: notes for tutoring each skill. A row that cannot serve any agenda (a
// skill no running pair works on) is kept and reported, never dropped.
import type { Guide } from '../../core/sessions/agenda';
import { subjectKey } from '../../core/model';
import { cellText } from '../store/cells';
import type { Problem } from '../program/problems';
import { RowReader } from '../store/row-reader';
import { GUIDES_TAB } from '../program/schema';
import { readTable } from '../store/table';
import type { TableStore } from '../store/table-store';

export interface GuidesReading {
  guides: Guide[];
  /** Rows that cannot be read, located. */
  problems: Problem[];
  /** Where each guide is (by subject and skill), to locate a message about it. */
  places: Map<string, { row: number; subjectColumn: number; skillColumn: number }>;
}

const skillKey = (subject: string, skill: string) => `${subjectKey(subject)}\u0000${subjectKey(skill)}`;

/** Reads Guides; a missing tab means no guides yet. */
export function readGuides(store: TableStore): GuidesReading {
  const places: GuidesReading['places'] = new Map();
  if (!store.tabNames().includes(GUIDES_TAB.name)) return { guides: [], problems: [], places };
  const table = readTable(store, GUIDES_TAB);
  if (table.problems.length) return { guides: [], problems: table.problems, places };
  const guides: Guide[] = [];
  const problems: Problem[] = [];
  const firstRow = new Map<string, number>();
  for (const row of table.rows) {
    const reader = new RowReader(GUIDES_TAB.name, row);
    const guide: Guide = {
      subject: reader.required('Subject', 'is empty: name the subject the guide is for'),
      skill: reader.required('Skill', 'is empty: name the skill the guide is for'),
      targetConcept: reader.text('Target concept'),
      misconceptions: reader.text('Common misconceptions'),
      workedExample: reader.text('Worked example'),
      probingQuestions: reader.text('Probing questions'),
      link: cellText(reader.cell('Link')),
    };
    const key = skillKey(guide.subject, guide.skill);
    const earlier = firstRow.get(key);
    if (reader.problems.length === 0 && earlier !== undefined) {
      reader.report('Skill', `${guide.subject} "${guide.skill}" already has a guide on row ${earlier}: agendas use that one; merge the two rows`);
    }
    problems.push(...reader.problems);
    if (reader.problems.length === 0) {
      firstRow.set(key, row.rowNumber);
      places.set(key, { row: row.rowNumber, subjectColumn: row.columnOf('Subject'), skillColumn: row.columnOf('Skill') });
      guides.push(guide);
    }
  }
  return { guides, problems, places };
}

/**
 * Guides whose skill no agenda can show: no running pair has the subject, or the subject has no such
 * skill on the Exit ticket questions tab. Kept as they are; the message says what would use them.
 * `skills` holds `guideSkillKey(subject, skill)` of every known skill.
 */
export function unusedGuides(reading: GuidesReading, subjects: ReadonlySet<string>, skills: ReadonlySet<string>): Problem[] {
  return reading.guides.flatMap((guide) => {
    const place = reading.places.get(skillKey(guide.subject, guide.skill));
    const row = place?.row ?? 0;
    if (!subjects.has(subjectKey(guide.subject))) {
      const message = `no running pair works on ${guide.subject} yet: the guide is kept and shows in agendas once a pair does`;
      return [{ tab: GUIDES_TAB.name, row, column: 'Subject', columnIndex: place?.subjectColumn ?? 0, message }];
    }
    if (!skills.has(skillKey(guide.subject, guide.skill))) {
      const message = `"${guide.skill}" is not a ${guide.subject} skill on the Exit ticket questions tab, so no agenda shows this guide: write the skill as it is there`;
      return [{ tab: GUIDES_TAB.name, row, column: 'Skill', columnIndex: place?.skillColumn ?? 0, message }];
    }
    return [];
  });
}

export { skillKey as guideSkillKey };
