// The Guides rows that have no Link yet (each wants a starter Doc), and writing the Docs' links back:
// only into Link cells still blank when the tab is read again, in one write, so a link a teacher typed
// meanwhile wins and every other cell (formulas included) stays as it is.
import type { Guide } from '../../core/sessions/agenda';
import { cellText } from '../cells';
import { GUIDES_TAB, headerKey } from '../schema';
import { indexHeaders, writeGrid } from '../table';
import { valueOf, type Grid, type TableStore } from '../table-store';
import { guideSkillKey, readGuides } from './guides-tab';

export interface GuideWithoutLink {
  /** The guide's subject and skill, normalised: how its Doc is remembered. */
  key: string;
  guide: Guide;
}

/** Readable guides whose Link is blank, in tab order (a row with a problem is reported by readGuides' callers). */
export function guidesWithoutLink(store: TableStore): GuideWithoutLink[] {
  return readGuides(store)
    .guides.filter((guide) => guide.link.trim() === '')
    .map((guide) => ({ key: guideSkillKey(guide.subject, guide.skill), guide }));
}

/** Writes each guide's Doc link (by key) into its row's Link cell if that cell is still blank; how many were written. */
export function writeGuideLinks(store: TableStore, links: ReadonlyMap<string, string>): number {
  if (!links.size) return 0;
  const grid: Grid = (store.readTab(GUIDES_TAB.name) ?? []).map((row) => [...row]);
  const column = indexHeaders(grid[0] ?? []);
  const at = (header: string) => column.get(headerKey(header));
  const subject = at('Subject');
  const skill = at('Skill');
  const link = at('Link');
  if (subject === undefined || skill === undefined || link === undefined) return 0;
  const seen = new Set<string>();
  let written = 0;
  for (const row of grid.slice(1)) {
    const key = guideSkillKey(cellText(valueOf(row[subject] ?? '')), cellText(valueOf(row[skill] ?? '')));
    const url = links.get(key);
    // The first row of a skill is its guide (a second one is reported as a duplicate, never linked).
    if (seen.has(key)) continue;
    seen.add(key);
    if (!url || cellText(valueOf(row[link] ?? '')) !== '') continue;
    while (row.length <= link) row.push('');
    row[link] = url;
    written++;
  }
  if (written) writeGrid(store, GUIDES_TAB.name, grid);
  return written;
}
