// The advanced Docs service (Docs API v1) and the advanced Drive service (Drive API v3), for the calls the
// add-on makes, as the APIs document them:
// - Docs.Documents.create({ title }) makes an empty Doc in the runner's My Drive (its body: a section break
//   at index 0, then one empty paragraph "\n" from 1 to 2) and returns the Document (documentId, title, body).
// - Docs.Documents.get(id) returns the Document: body.content is a list of structural elements, each with
//   startIndex/endIndex (UTF-16 units; every paragraph ends with "\n"); a paragraph has elements[].textRun
//   .content, paragraphStyle.namedStyleType and, in a list, a bullet. A trashed Doc can still be read by its
//   ID (the Docs API has no notion of the trash); a deleted one, or one the account cannot open, fails.
// - Docs.Documents.batchUpdate({ requests }, id) applies the requests in order, atomically: if one is not
//   valid nothing is applied. Only insertText (text taken literally, at an index inside a paragraph),
//   updateParagraphStyle (namedStyleType) and createParagraphBullets are modelled; others fail here.
// - Drive.Files.get(id, { fields }) returns the file's metadata (id, name, trashed) to an account that can
//   open it, else fails with "File not found".
// Every call is counted as `Docs.Documents.create`, `Drive.Files.get`… Error messages are approximate.
import type { FakeAccounts } from './accounts';
import type { CallCounter } from './calls';

interface FakeParagraph {
  text: string;
  style: string;
  bullet: boolean;
}

export interface StoredDoc {
  id: string;
  name: string;
  owner: string;
  trashed: boolean;
  paragraphs: FakeParagraph[];
  /** A table the teacher put in (structural elements the add-on does not use): their positions. */
  tables: number[];
}

type Range = { startIndex: number; endIndex: number };
type Request = {
  insertText?: { location: { index: number }; text: string };
  updateParagraphStyle?: { range: Range; paragraphStyle: { namedStyleType?: string }; fields: string };
  createParagraphBullets?: { range: Range; bulletPreset: string };
};

const NAMED_STYLES = ['NORMAL_TEXT', 'TITLE', 'SUBTITLE', 'HEADING_1', 'HEADING_2', 'HEADING_3', 'HEADING_4', 'HEADING_5', 'HEADING_6'];

function apiError(message: string): Error {
  return new Error(`API call to docs.documents failed with error: ${message}`);
}

/** Each paragraph's start and end index (a section break takes index 0). */
function spans(paragraphs: FakeParagraph[]): Range[] {
  let at = 1;
  return paragraphs.map((p) => {
    const span = { startIndex: at, endIndex: at + p.text.length + 1 };
    at = span.endIndex;
    return span;
  });
}

function overlapping(paragraphs: FakeParagraph[], range: Range): FakeParagraph[] {
  const all = spans(paragraphs);
  if (!(range.startIndex >= 1 && range.endIndex > range.startIndex && range.endIndex <= all[all.length - 1].endIndex)) throw apiError('Invalid requests: the range is outside the document.');
  return paragraphs.filter((_, i) => all[i].startIndex < range.endIndex && all[i].endIndex > range.startIndex);
}

function apply(paragraphs: FakeParagraph[], request: Request): void {
  if (request.insertText) {
    const { location, text } = request.insertText;
    const all = spans(paragraphs);
    const at = all.findIndex((span) => location.index >= span.startIndex && location.index < span.endIndex);
    if (at < 0) throw apiError('Invalid requests[].insertText: Index must be less than the end index of the referenced segment.');
    const p = paragraphs[at];
    const offset = location.index - all[at].startIndex;
    // A "\n" in the text splits the paragraph; the new paragraphs keep its style.
    const pieces = String(text).split('\n');
    pieces[0] = p.text.slice(0, offset) + pieces[0];
    pieces[pieces.length - 1] += p.text.slice(offset);
    paragraphs.splice(at, 1, ...pieces.map((piece) => ({ ...p, text: piece })));
  } else if (request.updateParagraphStyle) {
    const { range, paragraphStyle, fields } = request.updateParagraphStyle;
    if (fields !== 'namedStyleType' || !NAMED_STYLES.includes(String(paragraphStyle.namedStyleType))) throw apiError('Invalid requests[].updateParagraphStyle.');
    for (const p of overlapping(paragraphs, range)) p.style = paragraphStyle.namedStyleType!;
  } else if (request.createParagraphBullets) {
    for (const p of overlapping(paragraphs, request.createParagraphBullets.range)) p.bullet = true;
  } else {
    throw new Error(`Request not modelled by the fake: ${Object.keys(request).join(', ')}`);
  }
}

export class FakeDocsApi {
  /** Every Doc made or seeded, by ID (test access). */
  readonly docs = new Map<string, StoredDoc>();
  private nextId = 0;

  constructor(
    private readonly calls: CallCounter,
    private readonly accounts: FakeAccounts,
  ) {}

  create(resource: { title?: string }): { documentId: string; title: string } {
    this.calls.record('Docs.Documents.create');
    const stored: StoredDoc = { id: `doc-${++this.nextId}`, name: String(resource.title ?? 'Untitled document'), owner: this.accounts.current, trashed: false, paragraphs: [{ text: '', style: 'NORMAL_TEXT', bullet: false }], tables: [] };
    this.docs.set(stored.id, stored);
    return this.documentOf(stored);
  }

  get(documentId: string): ReturnType<FakeDocsApi['documentOf']> {
    this.calls.record('Docs.Documents.get');
    return this.documentOf(this.open(documentId));
  }

  batchUpdate(resource: { requests: Request[] }, documentId: string): { documentId: string; replies: object[] } {
    this.calls.record('Docs.Documents.batchUpdate');
    const stored = this.open(documentId);
    // Atomic: applied to a copy, kept only when every request is valid.
    const paragraphs = stored.paragraphs.map((p) => ({ ...p }));
    for (const request of resource.requests) apply(paragraphs, request);
    stored.paragraphs = paragraphs;
    return { documentId, replies: resource.requests.map(() => ({})) };
  }

  driveGet(fileId: string, optionalArgs: { fields?: string } = {}): { id: string; name: string; trashed: boolean } {
    this.calls.record('Drive.Files.get');
    const stored = this.docs.get(fileId);
    if (!stored || stored.owner !== this.accounts.current) throw new Error(`API call to drive.files.get failed with error: File not found: ${fileId}.`);
    void optionalArgs;
    return { id: stored.id, name: stored.name, trashed: stored.trashed };
  }

  private open(documentId: string): StoredDoc {
    const stored = this.docs.get(documentId);
    if (!stored || stored.owner !== this.accounts.current) throw apiError('Requested entity was not found.');
    return stored;
  }

  private documentOf(stored: StoredDoc) {
    const all = spans(stored.paragraphs);
    const content: object[] = [{ startIndex: 0, endIndex: 1, sectionBreak: {} }];
    stored.paragraphs.forEach((p, i) => {
      if (stored.tables.includes(i)) content.push({ startIndex: all[i].startIndex, endIndex: all[i].startIndex, table: { rows: 1, columns: 1, tableRows: [] } });
      content.push({
        ...all[i],
        paragraph: {
          elements: [{ ...all[i], textRun: { content: `${p.text}\n`, textStyle: {} } }],
          paragraphStyle: { namedStyleType: p.style },
          ...(p.bullet ? { bullet: { listId: 'kix.list' } } : {}),
        },
      });
    });
    return { documentId: stored.id, title: stored.name, body: { content } };
  }

  // --- test helpers (not counted) ---

  /** The text of each paragraph of a Doc, as a teacher would read it. */
  textOf(id: string): string[] {
    return this.docs.get(id)!.paragraphs.map((p) => p.text);
  }

  /** Each paragraph's named style, with "• " before a list item's. */
  stylesOf(id: string): string[] {
    return this.docs.get(id)!.paragraphs.map((p) => `${p.bullet ? '• ' : ''}${p.style}`);
  }

  /** A teacher edits a Doc: its paragraphs replaced by these (a `- ` prefix makes a list item). */
  editByHand(id: string, paragraphs: string[]): void {
    this.docs.get(id)!.paragraphs = paragraphs.map((text) => ({ text: text.replace(/^- /, ''), style: 'NORMAL_TEXT', bullet: text.startsWith('- ') }));
  }

  /** A teacher puts a table in before paragraph `at`. */
  addTable(id: string, at: number): void {
    this.docs.get(id)!.tables.push(at);
  }

  /** A teacher moves a Doc to the trash. */
  trash(id: string): void {
    this.docs.get(id)!.trashed = true;
  }
}

export function createDocsFake(calls: CallCounter, accounts: FakeAccounts): { Docs: GoogleAppsScript.Docs; Drive: GoogleAppsScript.Drive; fake: FakeDocsApi } {
  const fake = new FakeDocsApi(calls, accounts);
  // Calls go through `fake` at call time, so a test may wrap one of its methods.
  const Docs = { Documents: { create: (r: { title?: string }) => fake.create(r), get: (id: string) => fake.get(id), batchUpdate: (r: { requests: Request[] }, id: string) => fake.batchUpdate(r, id) } };
  const Drive = { Files: { get: (id: string, args?: { fields?: string }) => fake.driveGet(id, args) } };
  return { Docs: Docs as unknown as GoogleAppsScript.Docs, Drive: Drive as unknown as GoogleAppsScript.Drive, fake };
}
