// Family progress letters as Google Docs, from a template the teacher edits. The first run makes the
// template (a Doc in the teacher's Drive with placeholders such as {{Student}} and {{Sessions}}) and
// remembers its ID in the document's properties; the teacher may rewrite it freely. Each letter is a
// new Doc: the template's paragraphs and list items copied in order (their styles kept), each
// placeholder replaced by the student's text taken literally (deleteText and insertText: nothing a
// student wrote is read as a pattern). A template moved to the trash is made again.
//
// Only DocumentApp is used (scope `documents`), no DriveApp: a Doc a script creates lands in the
// teacher's My Drive, and copying the template element by element needs no Drive scope at all.
// Letters for every tutee take about a Doc a second or more, so a batch stops after 4½ minutes (under
// Apps Script's 6-minute limit) and remembers where it stopped: running it again the same day goes on
// from the next tutee, and no tutee gets two letters from one day's batch.
import { LETTER_PLACEHOLDERS, letterFields } from '../../core/progress/letter';
import type { LocalDate } from '../../core/model';
import { familyLetterMaker } from '../../sheets/progress/refresh';
import type { TableStore } from '../../sheets/store/table-store';

type DocumentApp = Pick<GoogleAppsScript.Document.DocumentApp, 'create' | 'openById' | 'ElementType' | 'ParagraphHeading'>;
type Properties = Pick<GoogleAppsScript.Properties.Properties, 'getProperty' | 'setProperty'>;
type Block = GoogleAppsScript.Document.Paragraph | GoogleAppsScript.Document.ListItem;

export interface LetterServices {
  documentApp: DocumentApp;
  properties: Properties;
  store: TableStore;
  clock(): number;
  programName: string;
}

export interface LetterDoc {
  studentId: string;
  name: string;
  url: string;
}

export interface LettersReport {
  template: { url: string; created: boolean };
  letters: LetterDoc[];
  /** Tutees still without today's letter when the batch stopped. */
  remaining: number;
  /** What in the template could not be used, said once per run. */
  problems: string[];
}

/**
 * A kind of Doc made from a teacher-editable template (family letters; service certificates reuse it):
 * where its template's ID is kept, the template made on first use, and the placeholders it knows.
 */
export interface DocTemplate {
  property: string;
  /** The template Doc's name after the program's, e.g. "family letter template". */
  title: string;
  defaults: [string, 'TITLE' | 'NORMAL' | 'LIST'][];
  placeholders: readonly string[];
  /** What the Docs are, for the template's problems ("letters"). */
  what: string;
}

export type TemplateServices = Pick<LetterServices, 'documentApp' | 'properties' | 'programName'>;

const TEMPLATE = 'ptHub.letterTemplate';
const CURSOR = 'ptHub.letterBatch';
export const LETTER_BATCH_MS = 4.5 * 60 * 1000;

const DEFAULT_TEMPLATE: [string, 'TITLE' | 'NORMAL' | 'LIST'][] = [
  ['{{Program}}: how {{Student}} is doing', 'TITLE'],
  ['{{Date}}', 'NORMAL'],
  ['Dear family of {{Student}},', 'NORMAL'],
  ['{{Sessions}}', 'NORMAL'],
  ['Skills mastered: {{Mastered}}', 'LIST'],
  ['Skills being practised: {{Practising}}', 'LIST'],
  ['From the tutor: {{From the tutor}}', 'NORMAL'],
  ['Goals: {{Goals}}', 'NORMAL'],
  ['{{Teacher note}}', 'NORMAL'],
];

const LETTER_TEMPLATE: DocTemplate = { property: TEMPLATE, title: 'family letter template', defaults: DEFAULT_TEMPLATE, placeholders: LETTER_PLACEHOLDERS, what: 'letters' };

interface TemplatePart {
  element: Block;
  list: boolean;
  /** Placeholders found in its text, last first (so earlier offsets stay valid while replacing). */
  slots: { start: number; end: number; field: string }[];
}

/** One Doc named `name` from the template of `template`, its placeholders filled with `fields` (taken literally). */
export function docFromTemplate(services: TemplateServices, template: DocTemplate, name: string, fields: Record<string, string>): { url: string; template: { url: string; created: boolean }; problems: string[] } {
  const { parts, report } = openTemplate(services, template);
  return { url: writeDoc(services, parts, name, fields), template: report.template, problems: report.problems };
}

/** One student's letter. */
export function letterDoc(services: LetterServices, studentId: string, today: LocalDate): { report: LettersReport; letter: LetterDoc | null } {
  const { parts, report } = openTemplate(services, LETTER_TEMPLATE);
  const maker = familyLetterMaker(services.store, today);
  const letter = maker.letterOf(studentId);
  if (!letter) return { report, letter: null };
  const made = writeLetter(services, parts, studentId, letter, today);
  report.letters.push(made);
  return { report, letter: made };
}

/** Letters for every tutee, as many as fit in one run; the next run the same day goes on. */
export function allLetterDocs(services: LetterServices, today: LocalDate): LettersReport {
  const started = services.clock();
  const { parts, report } = openTemplate(services, LETTER_TEMPLATE);
  const maker = familyLetterMaker(services.store, today);
  const cursor = readCursor(services.properties, today);
  const todo = maker.tutees.filter((id) => id > cursor);
  for (const [i, studentId] of todo.entries()) {
    if (services.clock() - started > LETTER_BATCH_MS) {
      report.remaining = todo.length - i;
      break;
    }
    const letter = maker.letterOf(studentId);
    if (letter) report.letters.push(writeLetter(services, parts, studentId, letter, today));
    // Remembered after each letter: a run cut by the time limit never makes the same letter twice.
    services.properties.setProperty(CURSOR, JSON.stringify({ day: today, after: studentId }));
  }
  return report;
}

function readCursor(properties: Properties, today: LocalDate): string {
  try {
    const saved = JSON.parse(properties.getProperty(CURSOR) ?? 'null') as { day: string; after: string } | null;
    return saved && saved.day === today ? saved.after : '';
  } catch {
    return '';
  }
}

function openTemplate(services: TemplateServices, template: DocTemplate): { parts: TemplatePart[]; report: LettersReport } {
  const { documentApp, properties } = services;
  let created = false;
  let doc: GoogleAppsScript.Document.Document | null = null;
  const id = properties.getProperty(template.property);
  if (id) {
    try {
      doc = documentApp.openById(id);
    } catch {
      doc = null; // deleted or trashed by the teacher: made again below
    }
  }
  if (!doc) {
    doc = makeTemplate(services, template);
    created = true;
  }
  const problems: string[] = [];
  const body = doc.getBody();
  const parts: TemplatePart[] = [];
  const count = body.getNumChildren();
  for (let i = 0; i < count; i++) {
    const child = body.getChild(i);
    const type = child.getType();
    const list = type === documentApp.ElementType.LIST_ITEM;
    if (type !== documentApp.ElementType.PARAGRAPH && !list) {
      problems.push(`The template's element ${i + 1} (${String(type)}) is left out: ${template.what} take paragraphs and list items.`);
      continue;
    }
    const element = (list ? child.asListItem() : child.asParagraph()) as Block;
    parts.push({ element, list, slots: slotsOf(element.getText(), problems, template.placeholders) });
  }
  return { parts, report: { template: { url: doc.getUrl(), created }, letters: [], remaining: 0, problems } };
}

function slotsOf(text: string, problems: string[], placeholders: readonly string[]): TemplatePart['slots'] {
  const slots: TemplatePart['slots'] = [];
  for (const match of text.matchAll(/\{\{([^{}]*)\}\}/g)) {
    const field = placeholders.find((name) => name.toLowerCase() === match[1].trim().toLowerCase());
    if (!field) {
      problems.push(`The template's {{${match[1]}}} is not a placeholder (they are ${placeholders.map((n) => `{{${n}}}`).join(', ')}): left as typed.`);
      continue;
    }
    slots.push({ start: match.index!, end: match.index! + match[0].length - 1, field });
  }
  return slots.reverse();
}

function makeTemplate(services: TemplateServices, template: DocTemplate): GoogleAppsScript.Document.Document {
  const { documentApp, properties } = services;
  const doc = documentApp.create(`${services.programName}: ${template.title}`);
  const body = doc.getBody();
  for (const [text, style] of template.defaults) {
    const block = style === 'LIST' ? body.appendListItem(text) : body.appendParagraph(text);
    if (style === 'TITLE') block.setHeading(documentApp.ParagraphHeading.TITLE);
  }
  properties.setProperty(template.property, doc.getId());
  return doc;
}

function writeLetter(services: LetterServices, parts: TemplatePart[], studentId: string, letter: NonNullable<ReturnType<ReturnType<typeof familyLetterMaker>['letterOf']>>, today: LocalDate): LetterDoc {
  const name = `${letter.programName}: letter for ${letter.studentName} (${today})`;
  return { studentId, name: letter.studentName, url: writeDoc(services, parts, name, letterFields(letter)) };
}

/** A new Doc named `name`: the template's parts copied in order, each placeholder replaced by its field. */
function writeDoc(services: TemplateServices, parts: TemplatePart[], name: string, fields: Record<string, string>): string {
  const doc = services.documentApp.create(name);
  const body = doc.getBody();
  for (const part of parts) {
    const copy = part.element.copy();
    const block = part.list ? body.appendListItem(copy as GoogleAppsScript.Document.ListItem) : body.appendParagraph(copy as GoogleAppsScript.Document.Paragraph);
    if (part.slots.length === 0) continue;
    const text = block.editAsText();
    for (const slot of part.slots) {
      text.deleteText(slot.start, slot.end);
      if (fields[slot.field]) text.insertText(slot.start, fields[slot.field]);
    }
  }
  const url = doc.getUrl();
  doc.saveAndClose();
  return url;
}
