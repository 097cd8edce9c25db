// Google Docs through the advanced Docs service (Docs API v1) and the advanced Drive service (Drive API
// v3), never DocumentApp: DocumentApp needs the `documents` scope (every Doc the teacher has), while
// Docs.Documents.create/get/batchUpdate and Drive.Files.get work under `drive.file`, which reaches only
// the files this add-on created — its templates, letters, certificates and guides.
//
// A Doc is written as paragraphs: one batchUpdate inserts all the text at once (taken literally: nothing
// in it is a pattern or markup), then gives each paragraph its named style and bullets.

/** A paragraph: its text, its named style (NORMAL_TEXT, TITLE, HEADING_1…), and whether it is a list item. */
export interface DocBlock {
  text: string;
  style: string;
  list: boolean;
}

interface DocContent {
  startIndex?: number;
  paragraph?: { elements?: { textRun?: { content?: string } }[]; paragraphStyle?: { namedStyleType?: string }; bullet?: object };
  sectionBreak?: object;
  table?: object;
  tableOfContents?: object;
}

/** The advanced services' calls this add-on uses. */
export interface DocsApi {
  docs: {
    Documents: {
      create(resource: { title: string }): { documentId?: string };
      get(documentId: string): { body?: { content?: DocContent[] } };
      batchUpdate(resource: { requests: object[] }, documentId: string): unknown;
    };
  };
  drive: { Files: { get(fileId: string, optionalArgs: { fields: string }): { trashed?: boolean } } };
}

export function docUrl(id: string): string {
  return `https://docs.google.com/open?id=${id}`;
}

/** A new Doc named `name` holding `blocks`; its ID. */
export function writeNewDoc(api: DocsApi, name: string, blocks: DocBlock[]): string {
  const id = api.docs.Documents.create({ title: name }).documentId!;
  writeBlocks(api, id, blocks);
  return id;
}

/** `blocks` into the new, empty Doc `id`, in one batchUpdate. */
export function writeBlocks(api: DocsApi, id: string, blocks: DocBlock[]): void {
  if (blocks.length === 0) return;
  // A paragraph's own line breaks become vertical tabs (line breaks inside it), so it stays one paragraph.
  const texts = blocks.map((block) => block.text.replace(/\r\n|\r|\n/g, '\u000b'));
  const requests: object[] = [{ insertText: { location: { index: 1 }, text: texts.join('\n') } }];
  let at = 1;
  blocks.forEach((block, i) => {
    const range = { startIndex: at, endIndex: at + texts[i].length + 1 };
    at = range.endIndex;
    if (block.style !== 'NORMAL_TEXT') requests.push({ updateParagraphStyle: { range, paragraphStyle: { namedStyleType: block.style }, fields: 'namedStyleType' } });
    if (block.list) requests.push({ createParagraphBullets: { range, bulletPreset: 'BULLET_DISC_CIRCLE_SQUARE' } });
  });
  api.docs.Documents.batchUpdate({ requests }, id);
}

/**
 * The Doc's paragraphs, or null when it was deleted, moved to the trash (the Docs API still opens a trashed
 * Doc, so Drive is asked) or cannot be opened. `skipped` lists what is not a paragraph (tables…), 1-based.
 */
export function readDoc(api: DocsApi, id: string): { blocks: DocBlock[]; skipped: { position: number; kind: string }[] } | null {
  try {
    if (api.drive.Files.get(id, { fields: 'trashed' }).trashed) return null;
    const content = api.docs.Documents.get(id).body?.content ?? [];
    const blocks: DocBlock[] = [];
    const skipped: { position: number; kind: string }[] = [];
    content
      .filter((element) => !element.sectionBreak)
      .forEach((element, i) => {
        const paragraph = element.paragraph;
        if (!paragraph) {
          skipped.push({ position: i + 1, kind: Object.keys(element).find((key) => !/Index$/.test(key)) ?? 'element' });
          return;
        }
        const text = (paragraph.elements ?? []).map((part) => part.textRun?.content ?? '').join('').replace(/\n$/, '');
        blocks.push({ text, style: paragraph.paragraphStyle?.namedStyleType ?? 'NORMAL_TEXT', list: Boolean(paragraph.bullet) });
      });
    return { blocks, skipped };
  } catch {
    return null; // deleted, or this account cannot open it
  }
}

/** Whether the Doc is still there (not deleted nor in the trash). */
export function docIsThere(api: DocsApi, id: string): boolean {
  try {
    return !api.drive.Files.get(id, { fields: 'trashed' }).trashed;
  } catch {
    return false;
  }
}
