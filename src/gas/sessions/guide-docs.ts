// Peer Tutoring → Guides: a starter Google Doc for each Guides row without a Link (the advanced Docs
// service under `drive.file`, as the family letters: see docs-api.ts), its link written into the row's blank Link cell. Each Doc made
// is remembered in the document's properties by subject and skill at once, before its text is written
// and long before the links are written back (one write of the tab at the end), so a re-run — after a
// cut at the time limit, or a link cell the teacher cleared — links the Doc made before and never makes
// a second one; a remembered Doc the teacher trashed is made again. Docs take about a second each, so
// a run stops starting new ones after 4½ minutes (under Apps Script's 6-minute limit): run it again to
// go on.
import { guideDocLines, guideDocName } from '../../core/sessions/guide-doc';
import { guidesWithoutLink, writeGuideLinks } from '../../sheets/sessions/guide-docs';
import type { TableStore } from '../../sheets/store/table-store';
import { docIsThere, docUrl, writeBlocks, type DocsApi } from '../docs/docs-api';
type Properties = Pick<GoogleAppsScript.Properties.Properties, 'getProperties' | 'setProperty'>;

export interface GuideDocServices {
  docsApi: DocsApi;
  properties: Properties;
  store: TableStore;
  clock(): number;
  programName: string;
}

export interface GuideDocsReport {
  /** Docs made in this run. */
  made: number;
  /** Link cells filled in this run (new Docs and Docs made before). */
  linked: number;
  /** Guides still without a Doc when the run stopped. */
  remaining: number;
}

const DOC = 'ptHub.guideDoc.';
export const GUIDE_BATCH_MS = 4.5 * 60 * 1000;

export function makeGuideDocs(services: GuideDocServices, budgetMs = GUIDE_BATCH_MS): GuideDocsReport {
  const started = services.clock();
  const { docsApi, properties } = services;
  const remembered = properties.getProperties();
  const links = new Map<string, string>();
  const report: GuideDocsReport = { made: 0, linked: 0, remaining: 0 };
  const todo = guidesWithoutLink(services.store);
  for (const [i, { key, guide }] of todo.entries()) {
    const known = remembered[propertyOf(key)];
    if (known && docIsThere(docsApi, known)) {
      links.set(key, docUrl(known));
      continue;
    }
    if (services.clock() - started >= budgetMs) {
      report.remaining = todo.slice(i).filter((item) => !remembered[propertyOf(item.key)]).length;
      break;
    }
    // Remembered as soon as the Doc exists, before its text is written: a cut run never makes a second one.
    const id = docsApi.docs.Documents.create({ title: guideDocName(services.programName, guide) }).documentId!;
    properties.setProperty(propertyOf(key), id);
    writeDocText(docsApi, id, guide);
    links.set(key, docUrl(id));
    report.made++;
  }
  report.linked = writeGuideLinks(services.store, links);
  return report;
}

/** The property remembering a guide's Doc (its subject and skill, encoded: property keys are plain text). */
function propertyOf(key: string): string {
  return DOC + encodeURIComponent(key);
}

const STYLES = { TITLE: 'TITLE', HEADING2: 'HEADING_2', NORMAL: 'NORMAL_TEXT', LIST: 'NORMAL_TEXT' } as const;

/** The guide's lines into its new Doc (insertText takes them literally: a guide's text is never markup). */
function writeDocText(docsApi: DocsApi, id: string, guide: Parameters<typeof guideDocLines>[0]): void {
  writeBlocks(docsApi, id, guideDocLines(guide).map((line) => ({ text: line.text, style: STYLES[line.style], list: line.style === 'LIST' })));
}
