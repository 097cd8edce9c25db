// What is in a workbook file before exceljs reads it: the bytes with a stamp that tells whether the
// file changed on disk since, and, for a file exceljs cannot read or would not save whole, what it
// holds in words a teacher can act on (never the library's own error).
import { promises as fs, type Stats } from 'fs';
import { Readable } from 'stream';
import zlib from 'zlib';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { errorCode } from './errors';

/** Identifies one version of a file: a save replaces the file (new inode) and changes size or time. */
export type FileStamp = string;

export function stampOf(stats: Stats): FileStamp {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}`;
}

/** The stamp of the file now on disk (following symlinks); null when there is none. */
export async function currentStamp(file: string): Promise<FileStamp | null> {
  try {
    return stampOf(await fs.stat(file));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

/** Reads the bytes and the stamp of the same version of the file (one open file, so no save can slip between). */
export async function readWithStamp(file: string): Promise<{ bytes: Buffer; stamp: FileStamp }> {
  const handle = await fs.open(file, 'r');
  try {
    const stamp = stampOf(await handle.stat());
    return { bytes: await handle.readFile(), stamp };
  } finally {
    await handle.close();
  }
}

const ZIP_SIGNATURE = Buffer.from('PK\u0003\u0004', 'latin1');
/** Compound File Binary: old .xls files, and .xlsx files encrypted with a password. */
const CFB_SIGNATURE = Buffer.from('d0cf11e0a1b11ae1', 'hex');
/** The stream that holds an encrypted workbook inside a Compound File (its name is UTF-16). */
const ENCRYPTED_STREAM = Buffer.from('EncryptedPackage', 'utf16le');

/**
 * The files of a zip archive by name, in the archive's order. A deflated file is inflated each time it
 * is asked for, and not kept: a school year of sessions is 24 MB of XML, wanted once, as text.
 */
export class ZipParts {
  private readonly parts = new Map<string, { data: Buffer | LazyChunks; deflated: boolean }>();

  names(): string[] {
    return [...this.parts.keys()];
  }

  bytes(name: string): Buffer | undefined {
    const part = this.parts.get(name);
    if (!part) return undefined;
    if (typeof part.data === 'function') return Buffer.concat([...part.data()]);
    return part.deflated ? zlib.inflateRawSync(part.data) : part.data;
  }

  /** The part as text (UTF-8); undefined when there is no such part. */
  text(name: string): string | undefined {
    return this.bytes(name)?.toString('utf8');
  }

  /**
   * A part's bytes, whole or made chunk by chunk when the archive is written (so a large part is
   * never in memory at once).
   */
  set(name: string, data: Buffer | LazyChunks, deflated = false): void {
    this.parts.set(name, { data, deflated });
  }

  /** The part's bytes as a stream, uncompressed. */
  stream(name: string): Readable {
    const data = this.parts.get(name)?.data;
    return Readable.from(typeof data === 'function' ? data() : [this.bytes(name) ?? Buffer.alloc(0)]);
  }
}

/** Makes a part's bytes in chunks, each when it is wanted. */
export type LazyChunks = () => Iterable<Buffer>;

/**
 * The files of the zip archive the bytes hold; null when they are not a readable zip. yauzl finds
 * them and Node's zlib inflates them (ZipParts): a school year of sessions (29 MB unzipped) took
 * JSZip 0.24 s, this 0.08 s.
 */
export async function readZip(bytes: Buffer): Promise<ZipParts | null> {
  if (!bytes.subarray(0, 4).equals(ZIP_SIGNATURE)) return null;
  try {
    return await new Promise<ZipParts>((resolve, reject) => {
      yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, archive) => {
        if (error) return reject(error);
        const parts = new ZipParts();
        archive.on('error', reject);
        archive.on('end', () => resolve(parts));
        archive.on('entry', (entry: yauzl.Entry) => {
          if (entry.fileName.endsWith('/')) return archive.readEntry();
          if (entry.isEncrypted() || (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED)) return reject(new Error('unreadable zip entry'));
          // The bytes as stored: a deflated part is inflated when it is read.
          archive.openReadStream(entry, { decompress: entry.isCompressed() ? false : null }, (streamError, stream) => {
            if (streamError) return reject(streamError);
            const chunks: Buffer[] = [];
            stream.on('data', (chunk: Buffer) => chunks.push(chunk));
            stream.on('error', reject);
            stream.on('end', () => {
              parts.set(entry.fileName, Buffer.concat(chunks), entry.isCompressed());
              archive.readEntry();
            });
          });
        });
        archive.readEntry();
      });
    });
  } catch {
    return null;
  }
}

const STORED = 0;
const DEFLATED = 8;

/**
 * The parts zipped with Node's zlib (yazl): at the fastest deflate level for the file written
 * (exceljs and JSZip deflate in JavaScript: for a school year of sessions, 29 MB unzipped, that took
 * 1.0 s, yazl 0.28 s; level 1 makes the file about a quarter larger than the default, which no
 * spreadsheet program minds), or stored as they are (`stored`) for a zip read back at once.
 */
export async function zipped(parts: ZipParts, { stored = false } = {}): Promise<Buffer> {
  const output = new yazl.ZipFile();
  // A part whose chunks fail to be made fails the whole archive (yazl does not listen for it).
  const failed = new Promise<never>((_, reject) => {
    for (const name of parts.names()) {
      const stream = parts.stream(name).on('error', reject);
      output.addReadStream(stream, name, stored ? { compress: false } : { compressionLevel: 1 });
    }
  });
  failed.catch(() => undefined); // raced below; never left unhandled
  output.end();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of output.outputStream) chunks.push(chunk as Buffer);
  })();
  await Promise.race([collected, failed]);
  return Buffer.concat(chunks);
}

/** Why the bytes cannot be an .xlsx workbook, with what to do; null when they may be one. */
export function notAWorkbookReason(file: string, bytes: Buffer, entries: string[] | null): string | null {
  if (entries?.includes('xl/workbook.xml')) return null;
  if (entries) return `${file} is a zip archive but not an Excel workbook: export the program from your spreadsheet program as an Excel Workbook (.xlsx)`;
  if (bytes.subarray(0, 4).equals(ZIP_SIGNATURE)) {
    return `${file} is damaged (its zip archive cannot be read): open it in your spreadsheet program, save it again as an Excel Workbook (.xlsx), then run again`;
  }
  if (bytes.length === 0) return `${file} is empty (0 bytes): it is not a workbook; create one with: peer-tutoring init ${file}`;
  if (bytes.subarray(0, 8).equals(CFB_SIGNATURE)) {
    if (bytes.includes(ENCRYPTED_STREAM)) {
      return `${file} is protected with a password, which peer-tutoring cannot open: open it in your spreadsheet program, remove the password (Excel: File → Info → Protect Workbook → Encrypt with Password) and save it, then run again`;
    }
    return `${file} is an older Excel 97-2003 workbook (.xls) with an .xlsx name: open it in your spreadsheet program and save it as an Excel Workbook (.xlsx), then run again`;
  }
  return `${file} is not an .xlsx workbook (an .xlsx file is a zip archive; this one is not): if it is a CSV or another format, open it in your spreadsheet program and save it as an Excel Workbook (.xlsx)`;
}

interface Feature {
  /** Names the feature in a sentence: "a chart". */
  what: string;
  /** Zip entries that hold it. */
  parts: RegExp;
  /** How the teacher gets a workbook peer-tutoring can use. */
  fix: string;
}

const CHART: Feature = { what: 'a chart', parts: /^xl\/(charts|chartsheets)\//, fix: 'move the chart to another workbook (or delete it)' };
const PIVOT: Feature = { what: 'a pivot table', parts: /^xl\/(pivotTables|pivotCache)\//, fix: 'move the pivot table to another workbook (or delete it)' };
const THREADED_COMMENTS: Feature = { what: 'threaded comments', parts: /^xl\/threadedComments\//, fix: 'delete the comments (notes are fine)' };
const SLICER: Feature = { what: 'a slicer or timeline', parts: /^xl\/(slicers|slicerCaches|timelines|timelineCaches)\//, fix: 'delete the slicers and timelines' };
const MACROS: Feature = { what: 'macros', parts: /^xl\/vbaProject\.bin$/, fix: 'save it as an Excel Workbook (.xlsx) without macros' };
const COMMENTS: Feature = { what: 'cell comments (notes)', parts: /^xl\/comments[^/]*\.xml$/, fix: 'delete the comments (or copy them into a column of their own)' };
const TABLE: Feature = { what: 'a table (a formatted range)', parts: /^xl\/tables\//, fix: 'convert the table to a normal range (Excel: Table Design → Convert to Range)' };
/** A drawing part holds pictures, shapes or charts (then the chart is what is named). */
const DRAWING: Feature = { what: 'a drawing or picture', parts: /^xl\/drawings\/drawing[^/]*\.xml$/, fix: 'move the drawings and pictures to another workbook (or delete them)' };

/** What exceljs reads but does not write back: saving such a workbook would silently drop them. */
const LOST_ON_SAVE = [CHART, PIVOT, THREADED_COMMENTS, SLICER, MACROS];
/** Parts that other programs write in forms exceljs fails on (exceljs issue 2591 and others). */
const HARD_TO_READ = [CHART, COMMENTS, TABLE, PIVOT, DRAWING, THREADED_COMMENTS, SLICER];

function featuresIn(names: string[], features: Feature[]): Feature[] {
  const found = features.filter((feature) => names.some((name) => feature.parts.test(name)));
  return found.includes(CHART) ? found.filter((feature) => feature !== DRAWING) : found;
}

function listed(features: Feature[], key: 'what' | 'fix'): string {
  const items = features.map((feature) => feature[key]);
  if (key === 'fix') return items.join('; ');
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Why exceljs could not read a workbook's zip: the features that other programs write in forms it fails on. */
export function unreadableReason(file: string, entries: string[]): string {
  const found = featuresIn(entries, HARD_TO_READ);
  if (found.length === 0) {
    return `${file} could not be read as a workbook (it may be damaged, or written in a form peer-tutoring does not know): open it in your spreadsheet program and save it again as an Excel Workbook (.xlsx), then run again`;
  }
  return `${file} has ${listed(found, 'what')} written by another program in a form peer-tutoring cannot read: in your spreadsheet program, ${listed(found, 'fix')}, save, and run again`;
}

/** What saving would drop from the workbook (see LOST_ON_SAVE); null when nothing. */
export function lostOnSave(entries: string[]): { what: string; fix: string } | null {
  const found = featuresIn(entries, LOST_ON_SAVE);
  return found.length ? { what: listed(found, 'what'), fix: listed(found, 'fix') } : null;
}
