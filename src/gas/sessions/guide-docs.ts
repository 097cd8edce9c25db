// Peer Tutoring → Guides: a starter Google Doc for each Guides row without a Link (DocumentApp, scope
// `documents`, as the family letters), its link written into the row's blank Link cell. Each Doc made
// is remembered in the document's properties by subject and skill at once, before its text is written
// and long before the links are written back (one write of the tab at the end), so a re-run — after a
// cut at the time limit, or a link cell the teacher cleared — links the Doc made before and never makes
// a second one; a remembered Doc the teacher trashed is made again. Docs take about a second each, so
// a run stops starting new ones after 4½ minutes (under Apps Script's 6-minute limit): run it again to
// go on.
import { guideDocLines, guideDocName } from '../../core/sessions/guide-doc';
import { guidesWithoutLink, writeGuideLinks } from '../../sheets/sessions/guide-docs';
import type { TableStore } from '../../sheets/table-store';

type DocumentApp = Pick<GoogleAppsScript.Document.DocumentApp, 'create' | 'openById' | 'ParagraphHeading'>;
type Properties = Pick<GoogleAppsScript.Properties.Properties, 'getProperties' | 'setProperty'>;

export interface GuideDocServices {
  documentApp: DocumentApp;
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
  const { documentApp, properties } = services;
  const remembered = properties.getProperties();
  const links = new Map<string, string>();
  const report: GuideDocsReport = { made: 0, linked: 0, remaining: 0 };
  const todo = guidesWithoutLink(services.store);
  for (const [i, { key, guide }] of todo.entries()) {
    const known = remembered[propertyOf(key)];
    const doc = known ? openIfThere(documentApp, known) : null;
    if (doc) {
      links.set(key, doc.getUrl());
      continue;
    }
    if (services.clock() - started >= budgetMs) {
      report.remaining = todo.slice(i).filter((item) => !remembered[propertyOf(item.key)]).length;
      break;
    }
    const made = documentApp.create(guideDocName(services.programName, guide));
    properties.setProperty(propertyOf(key), made.getId());
    const body = made.getBody();
    for (const line of guideDocLines(guide)) {
      // appendParagraph/appendListItem take the text literally: a guide's text is never markup.
      if (line.style === 'LIST') body.appendListItem(line.text);
      else body.appendParagraph(line.text).setHeading(documentApp.ParagraphHeading[line.style]);
    }
    made.saveAndClose();
    links.set(key, made.getUrl());
    report.made++;
  }
  report.linked = writeGuideLinks(services.store, links);
  return report;
}

/** The property remembering a guide's Doc (its subject and skill, encoded: property keys are plain text). */
function propertyOf(key: string): string {
  return DOC + encodeURIComponent(key);
}

/** The Doc, or null when it was deleted or trashed (or this account cannot open it). */
function openIfThere(documentApp: DocumentApp, id: string): GoogleAppsScript.Document.Document | null {
  try {
    return documentApp.openById(id);
  } catch {
    return null;
  }
}
