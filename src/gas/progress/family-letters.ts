// Family progress letters as Google Docs, from a template the teacher edits. The first run makes the
// template (a Doc in the teacher's Drive with placeholders such as {{Student}} and {{Sessions}}) and
// remembers its ID in the document's properties; the teacher may rewrite it freely. Each letter is a
// new Doc: the template's paragraphs and list items copied in order (their styles kept), each
// placeholder replaced by the student's text taken literally (spliced in as plain text and inserted
// with insertText: nothing a student wrote is read as a pattern). A template moved to the trash is made again.
//
// The Docs are made through the advanced Docs service (see docs-api.ts), so the add-on needs only the
// `drive.file` scope: it reaches the template and letters it made, never the teacher's other Docs.
// Letters for every tutee take about a Doc a second or more, so a batch stops after 4½ minutes (under
// Apps Script's 6-minute limit) and remembers where it stopped: running it again the same day goes on
// from the next tutee, and no tutee gets two letters from one day's batch.
import { LETTER_PLACEHOLDERS, letterFields } from '../../core/progress/letter';
import type { LocalDate } from '../../core/model';
import { familyLetterMaker } from '../../sheets/progress/refresh';
import type { TableStore } from '../../sheets/store/table-store';
import { docUrl, readDoc, writeNewDoc, type DocBlock, type DocsApi } from '../docs/docs-api';

type Properties = Pick<GoogleAppsScript.Properties.Properties, 'getProperty' | 'setProperty'>;

export interface LetterServices {
  docsApi: DocsApi;
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

export type TemplateServices = Pick<LetterServices, 'docsApi' | 'properties' | 'programName'>;

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
  block: DocBlock;
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
  const { docsApi, properties } = services;
  let created = false;
  let id = properties.getProperty(template.property);
  // Deleted or trashed by the teacher: made again.
  let doc = id ? readDoc(docsApi, id) : null;
  if (!id || !doc) {
    id = makeTemplate(services, template);
    doc = { blocks: template.defaults.map(([text, style]) => blockOf(text, style)), skipped: [] };
    created = true;
  }
  const problems = doc.skipped.map(({ position, kind }) => `The template's element ${position} (${kind}) is left out: ${template.what} take paragraphs and list items.`);
  const parts = doc.blocks.map((block) => ({ block, slots: slotsOf(block.text, problems, template.placeholders) }));
  return { parts, report: { template: { url: docUrl(id), created }, letters: [], remaining: 0, problems } };
}

function blockOf(text: string, style: 'TITLE' | 'NORMAL' | 'LIST'): DocBlock {
  return { text, style: style === 'TITLE' ? 'TITLE' : 'NORMAL_TEXT', list: style === 'LIST' };
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

/** The template with its default text; its ID, remembered at once. */
function makeTemplate(services: TemplateServices, template: DocTemplate): string {
  const blocks = template.defaults.map(([text, style]) => blockOf(text, style));
  const id = writeNewDoc(services.docsApi, `${services.programName}: ${template.title}`, blocks);
  services.properties.setProperty(template.property, id);
  return id;
}

function writeLetter(services: LetterServices, parts: TemplatePart[], studentId: string, letter: NonNullable<ReturnType<ReturnType<typeof familyLetterMaker>['letterOf']>>, today: LocalDate): LetterDoc {
  const name = `${letter.programName}: letter for ${letter.studentName} (${today})`;
  return { studentId, name: letter.studentName, url: writeDoc(services, parts, name, letterFields(letter)) };
}

/** A new Doc named `name`: the template's parts in order, each placeholder replaced by its field. */
function writeDoc(services: TemplateServices, parts: TemplatePart[], name: string, fields: Record<string, string>): string {
  const blocks = parts.map(({ block, slots }) => {
    let text = block.text;
    // Slots come last first, so earlier offsets stay valid; the field is spliced in as plain text.
    for (const slot of slots) text = text.slice(0, slot.start) + (fields[slot.field] ?? '') + text.slice(slot.end + 1);
    return { ...block, text };
  });
  return docUrl(writeNewDoc(services.docsApi, name, blocks));
}
