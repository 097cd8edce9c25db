// DocumentApp, for the subset the family letters use, as the Document service documents it:
// - DocumentApp.create(name) makes a Doc in the runner's Drive (its body holds one empty paragraph, as
//   a new Google Doc does); openById(id) opens one the account can open, else fails.
// - Body children are Paragraphs and ListItems; `copy()` gives a detached deep copy, and appending an
//   element that is already in a document fails ("Element must be detached.").
// - Text is edited with editAsText(): deleteText(start, endInclusive) and insertText(offset, text) take
//   the text literally; offsets outside the text fail.
// - saveAndClose() flushes the pending changes; editing a closed Document fails.
// Every call is counted as `DocumentApp.method`, `Document.method`, `Body.method`, `Paragraph.method`…
// The exact error messages are not all documented: those marked "approximate" are ours.
import type { FakeAccounts } from './accounts';
import { CallCounter, Counted } from './calls';
import { fakeEnum } from './enums';
import { asGas } from './spreadsheet';

export const ParagraphHeading = fakeEnum<typeof GoogleAppsScript.Document.ParagraphHeading>(['NORMAL', 'HEADING1', 'HEADING2', 'HEADING3', 'HEADING4', 'HEADING5', 'HEADING6', 'TITLE', 'SUBTITLE']);
export const ElementType = fakeEnum<typeof GoogleAppsScript.Document.ElementType>(['PARAGRAPH', 'LIST_ITEM', 'TABLE', 'TEXT', 'BODY_SECTION']);

interface StoredDoc {
  id: string;
  name: string;
  owner: string;
  trashed: boolean;
  children: FakeBlock[];
}

/** A Text view of a paragraph's or list item's text. */
export class FakeText extends Counted {
  constructor(calls: CallCounter, private readonly block: FakeBlock) {
    super(calls, 'Text');
  }

  getText(): string {
    this.track('getText');
    return this.block.text;
  }

  deleteText(startOffset: number, endOffsetInclusive: number): FakeText {
    this.track('deleteText');
    this.block.checkOpen();
    if (startOffset < 0 || endOffsetInclusive >= this.block.text.length || startOffset > endOffsetInclusive) throw new Error('Index out of bounds.'); // approximate
    this.block.text = this.block.text.slice(0, startOffset) + this.block.text.slice(endOffsetInclusive + 1);
    return this;
  }

  insertText(offset: number, text: string): FakeText {
    this.track('insertText');
    this.block.checkOpen();
    if (offset < 0 || offset > this.block.text.length) throw new Error('Index out of bounds.'); // approximate
    this.block.text = this.block.text.slice(0, offset) + String(text) + this.block.text.slice(offset);
    return this;
  }
}

/** A Paragraph or a ListItem. */
export class FakeBlock extends Counted {
  /** The open document it was appended through (for the closed check). */
  doc: FakeDocument | null = null;
  /** In a document; false when detached (a copy not appended yet). */
  attached = false;

  constructor(
    calls: CallCounter,
    readonly kind: 'PARAGRAPH' | 'LIST_ITEM',
    public text: string,
    public heading: keyof typeof ParagraphHeading = 'NORMAL',
  ) {
    super(calls, kind === 'PARAGRAPH' ? 'Paragraph' : 'ListItem');
  }

  checkOpen(): void {
    this.doc?.checkOpen();
  }

  getType(): unknown {
    this.track('getType');
    return ElementType[this.kind];
  }

  getText(): string {
    this.track('getText');
    return this.text;
  }

  getHeading(): unknown {
    this.track('getHeading');
    return ParagraphHeading[this.heading];
  }

  setHeading(heading: { name(): string }): FakeBlock {
    this.track('setHeading');
    this.checkOpen();
    this.heading = heading.name() as keyof typeof ParagraphHeading;
    return this;
  }

  asParagraph(): FakeBlock {
    this.track('asParagraph');
    if (this.kind !== 'PARAGRAPH') throw new Error('Cannot cast a list item to a paragraph.'); // approximate
    return this;
  }

  asListItem(): FakeBlock {
    this.track('asListItem');
    if (this.kind !== 'LIST_ITEM') throw new Error('Cannot cast a paragraph to a list item.'); // approximate
    return this;
  }

  copy(): FakeBlock {
    this.track('copy');
    return new FakeBlock(this.calls, this.kind, this.text, this.heading);
  }

  editAsText(): FakeText {
    this.track('editAsText');
    return new FakeText(this.calls, this);
  }
}

export class FakeBody extends Counted {
  constructor(calls: CallCounter, private readonly doc: FakeDocument) {
    super(calls, 'Body');
  }

  getNumChildren(): number {
    this.track('getNumChildren');
    return this.doc.stored.children.length;
  }

  getChild(childIndex: number): FakeBlock {
    this.track('getChild');
    const child = this.doc.stored.children[childIndex];
    if (!child) throw new Error('Child index (' + childIndex + ') must be less than the number of child elements (' + this.doc.stored.children.length + ').'); // approximate
    return child;
  }

  getText(): string {
    this.track('getText');
    return this.doc.stored.children.map((child) => child.text).join('\n');
  }

  appendParagraph(paragraph: string | FakeBlock): FakeBlock {
    this.track('appendParagraph');
    return this.append(paragraph, 'PARAGRAPH');
  }

  appendListItem(listItem: string | FakeBlock): FakeBlock {
    this.track('appendListItem');
    return this.append(listItem, 'LIST_ITEM');
  }

  private append(element: string | FakeBlock, kind: FakeBlock['kind']): FakeBlock {
    this.doc.checkOpen();
    const block = typeof element === 'string' ? new FakeBlock(this.calls, kind, element) : element;
    if (block.kind !== kind) throw new Error(`Cannot append a ${block.kind} as a ${kind}.`); // approximate
    if (block.attached) throw new Error('Element must be detached.');
    block.attached = true;
    block.doc = this.doc;
    this.doc.stored.children.push(block);
    return block;
  }
}

export class FakeDocument extends Counted {
  private closed = false;

  constructor(calls: CallCounter, readonly stored: StoredDoc) {
    super(calls, 'Document');
  }

  checkOpen(): void {
    if (this.closed) throw new Error('Document is closed, its contents cannot be updated.'); // approximate
  }

  getId(): string {
    this.track('getId');
    return this.stored.id;
  }

  getName(): string {
    this.track('getName');
    return this.stored.name;
  }

  getUrl(): string {
    this.track('getUrl');
    return `https://docs.google.com/open?id=${this.stored.id}`;
  }

  getBody(): FakeBody {
    this.track('getBody');
    return new FakeBody(this.calls, this);
  }

  saveAndClose(): void {
    this.track('saveAndClose');
    this.closed = true;
  }
}

export class FakeDocumentApp extends Counted {
  readonly ParagraphHeading = ParagraphHeading;
  readonly ElementType = ElementType;
  /** Every Doc made or seeded, by ID (test access). */
  readonly docs = new Map<string, StoredDoc>();
  private nextId = 0;

  constructor(calls: CallCounter, private readonly accounts: FakeAccounts) {
    super(calls, 'DocumentApp');
  }

  create(name: string): FakeDocument {
    this.track('create');
    const stored: StoredDoc = { id: `doc-${++this.nextId}`, name: String(name), owner: this.accounts.current, trashed: false, children: [] };
    this.docs.set(stored.id, stored);
    const doc = new FakeDocument(this.calls, stored);
    // A new Google Doc holds one empty paragraph.
    const first = new FakeBlock(this.calls, 'PARAGRAPH', '');
    first.doc = doc;
    first.attached = true;
    stored.children.push(first);
    return doc;
  }

  openById(id: string): FakeDocument {
    this.track('openById');
    const stored = this.docs.get(id);
    if (!stored || stored.trashed || stored.owner !== this.accounts.current) throw new Error(`No item with the given ID could be found, or you do not have permission to access it.`);
    return new FakeDocument(this.calls, stored);
  }

  // --- test helpers (not counted) ---

  /** The text of each paragraph of a Doc, as a teacher would read it. */
  textOf(id: string): string[] {
    return this.docs.get(id)!.children.map((child) => child.text);
  }

  /** A teacher edits a Doc: its paragraphs replaced by these (a `- ` prefix makes a list item). */
  editByHand(id: string, paragraphs: string[]): void {
    const stored = this.docs.get(id)!;
    stored.children = paragraphs.map((text) => {
      const block = new FakeBlock(this.calls, text.startsWith('- ') ? 'LIST_ITEM' : 'PARAGRAPH', text.replace(/^- /, ''));
      block.attached = true;
      return block;
    });
  }

  /** A teacher moves a Doc to the trash. */
  trash(id: string): void {
    this.docs.get(id)!.trashed = true;
  }
}

export function createDocumentFake(calls: CallCounter, accounts: FakeAccounts): { DocumentApp: GoogleAppsScript.Document.DocumentApp; fake: FakeDocumentApp } {
  const fake = new FakeDocumentApp(calls, accounts);
  return { DocumentApp: asGas<GoogleAppsScript.Document.DocumentApp>(fake), fake };
}
