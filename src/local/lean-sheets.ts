// Long tabs (a roster, Pairs, a school year of Sessions: 57,000 rows, 24 MB of sheet XML) without
// exceljs's model of every cell, which took seconds and a gigabyte to read and write. Such a tab is
// read from its XML into plain rows; exceljs gets the rest of the workbook and the tab's frame (header
// row, notes, column widths, frozen panes, dropdowns), and on saving the rows are written back into
// the sheet exceljs wrote.
// Only a plain tab is handled so: values, formulas of its own cell, and styles. A tab with anything
// else (merged cells, links, shared formulas, rich text, notes below the header, hidden rows, heights
// set by hand, …) is left to exceljs whole, as every tab used to be.
// Styles: exceljs renumbers the workbook's styles when it saves. So the frame carries, in row 2, one
// empty cell per distinct style the rows use: after loading, their style objects are what the rows'
// style numbers meant; before saving, they are put there again, and the numbers exceljs gives them
// are the ones the written rows use.
import type ExcelJS from 'exceljs';
import type { ZipParts } from './workbook-file';
import { columnLetter, columnNumber } from '../sheets/store/columns';
import { Formula, type GridCell } from '../sheets/store/table-store';

/** Sheet XML at least this long (in bytes) is read lean: a tab of about 100 students or 200 sessions. */
export const LEAN_FROM_CHARS = 50_000;
/** A whole-tab write of at least this many rows makes the tab lean. */
export const LEAN_FROM_ROWS = 4_000;

type Style = Partial<ExcelJS.Style>;

/** A tab read lean: its rows below the header, with the style of each cell. */
export class LeanSheet {
  /** Sheet row 2 onward: values as readTab gives them. */
  rows: GridCell[][] = [];
  /**
   * Per row, each cell's index into `styles` (0, or past the end: none); no entry for a row without
   * styles. Rows with the same styles share one array (a school year's rows mostly do), so an array
   * is never changed in place: setting a style gives the row another.
   */
  styleIds: (readonly number[] | undefined)[] = [];
  /** Style objects by index; index 0 is "none". */
  readonly styles: (Style | undefined)[] = [undefined];
  private readonly idOf = new Map<Style, number>();
  private readonly styleRows = new SharedRows();

  styleId(style: Style | undefined): number {
    if (!style || isEmptyStyle(style)) return 0;
    let id = this.idOf.get(style);
    if (id === undefined) {
      id = this.styles.length;
      this.styles.push(style);
      this.idOf.set(style, id);
    }
    return id;
  }

  styleAt(row: number, column: number): Style | undefined {
    return this.styles[this.styleIds[row]?.[column] ?? 0];
  }

  setStyle(row: number, column: number, style: Style | undefined): void {
    this.setStyleId(row, column, this.styleId(style));
  }

  setStyleId(row: number, column: number, id: number): void {
    const ids = [...(this.styleIds[row] ?? [])];
    while (ids.length <= column) ids.push(0);
    ids[column] = id;
    this.setRowStyles(row, ids);
  }

  /** A row's style ids, cell by cell from column A (the array is the caller's to reuse). */
  setRowStyles(row: number, ids: readonly number[]): void {
    this.styleIds[row] = this.styleRows.shared(ids);
  }

  /** Rows the sheet has, the header included (as exceljs counts rows that hold something). */
  get rowCount(): number {
    return this.rows.length + 1;
  }
}

/**
 * Rows of numbers (style numbers or ids, cell by cell), equal ones as one array: a school year's
 * rows mostly share their styles. A row ends at its last non-zero number; a row of zeros is none.
 */
class SharedRows {
  private readonly byKey = new Map<string, readonly number[]>();
  private last: readonly number[] | undefined;

  /** The shared array equal to `values` (which stays the caller's to reuse). */
  shared(values: readonly number[]): readonly number[] | undefined {
    let width = values.length;
    while (width > 0 && !values[width - 1]) width--;
    if (width === 0) return undefined;
    // Most rows are as the row before: compared first, before any key is made.
    const last = this.last;
    if (last && last.length === width && values.every((value, i) => i >= width || value === last[i])) return last;
    const row = values.slice(0, width).map((value) => value || 0);
    const key = row.join(',');
    let shared = this.byKey.get(key);
    if (!shared) this.byKey.set(key, (shared = row));
    this.last = shared;
    return shared;
  }
}

function isEmptyStyle(style: Style): boolean {
  for (const _ in style) return false;
  return true;
}

/**
 * A tab found lean when opening: its rows, read before exceljs reads the frame, wait for the styles
 * (which cells show dates, and the style objects exceljs makes of the style numbers).
 */
export interface PendingLean {
  name: string;
  /** Sheet row 2 onward; a date cell still holds its serial day number. */
  rows: GridCell[][];
  /** Per row, each cell's style number in the file, shared as in LeanSheet; none for a row without. */
  styleNumbers: (readonly number[] | undefined)[];
  /** The distinct style numbers the rows use, in carrier order (carrier k is in column k + 1). */
  carried: number[];
  /** Each validation's ranges, by the one-cell placeholder exceljs read it under (see withPlaceholders). */
  validationRanges: Map<string, string[]>;
}

/** exceljs has range-wide data validations at run time but not in its type declarations. */
export interface WorksheetWithValidations {
  dataValidations: {
    model: Record<string, ExcelJS.DataValidation | undefined>;
    add(address: string, validation: ExcelJS.DataValidation): void;
  };
}

/** The parts a part refers to (its relationships), with their types and zip paths. */
function relationships(zip: ZipParts, part: string): { id: string; type: string; part: string }[] {
  const slash = part.lastIndexOf('/');
  const xml = zip.text(`${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`) ?? '';
  return Array.from(xml.matchAll(/<Relationship\b([^>]*)\/?>/g), (match) => {
    const { Id = '', Type = '', Target = '' } = attributesOf(match[1]);
    // Targets are relative to the referring part (or absolute, from the zip's root).
    return { id: Id, type: Type, part: decodeURIComponent(new URL(Target, `file:///${part}`).pathname.slice(1)) };
  });
}

/** Where the workbook keeps each worksheet, by tab name, and its shared strings (null: none). */
export function workbookParts(zip: ZipParts): { sheets: Map<string, string>; sharedStrings: string | null } {
  const rels = relationships(zip, 'xl/workbook.xml');
  const workbook = zip.text('xl/workbook.xml') ?? '';
  const sheets = new Map<string, string>();
  for (const match of workbook.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const attributes = attributesOf(match[1]);
    const target = rels.find((rel) => rel.id === attributes['r:id']);
    if (attributes.name !== undefined && target) sheets.set(decodeXml(attributes.name), target.part);
  }
  return { sheets, sharedStrings: rels.find((rel) => rel.type.endsWith('/sharedStrings'))?.part ?? null };
}

/**
 * Takes the rows of each large plain worksheet out of `zip`, leaving its frame and the style carriers
 * for exceljs; returns what was taken, per tab. The rows are read here, in one scan of the sheet XML
 * that also tells whether the tab is plain, so the XML (a school year of sessions: 24 MB) is let go
 * before exceljs reads the rest.
 */
export function takeLeanSheets(zip: ZipParts, minChars: number): PendingLean[] {
  const taken: PendingLean[] = [];
  let sharedStrings: string[] | null = null;
  const parts = workbookParts(zip);
  for (const [name, part] of parts.sheets) {
    const bytes = zip.bytes(part);
    if (bytes === undefined || bytes.length < minChars) continue;
    const split = splitSheetBytes(bytes);
    if (!split || !hasPlainFrame(zip, part, split)) continue;
    sharedStrings ??= readSharedStrings(zip, parts.sharedStrings);
    if (sharedStrings === null) return taken;
    const read = readPlainRows(bytes, split.bodyStart, split.bodyEnd, sharedStrings);
    if (!read) continue;
    const carriers = read.carried.map((s, k) => `<c r="${columnLetter(k + 1)}2" s="${s}"/>`).join('');
    const { xml: after, ranges } = withPlaceholders(split.after);
    zip.set(part, Buffer.from(`${split.before}${split.header}${carriers ? `<row r="2">${carriers}</row>` : ''}${after}`, 'utf8'));
    taken.push({ name, ...read, validationRanges: ranges });
  }
  if (taken.length && parts.sharedStrings) keepUsedSharedStrings(zip, parts.sheets.values(), parts.sharedStrings);
  return taken;
}

/**
 * Leaves exceljs the shared strings of the cells it holds (the other tabs, and the lean tabs' header
 * rows), renumbered: the lean rows have their text already, and exceljs reading every string of a
 * school year's workbook (2.7 MB) for a few hundred took 0.15 s. Every part is left as it is when a
 * sheet refers to a shared string in a form other than the one rewritten here.
 */
function keepUsedSharedStrings(zip: ZipParts, sheetParts: Iterable<string>, stringsPart: string): void {
  const sst = zip.text(stringsPart);
  const open = sst === undefined ? null : /<sst\b[^>]*>/.exec(sst);
  if (!sst || !open) return;
  const items = Array.from(sst.matchAll(/<si>[\s\S]*?<\/si>|<si\/>/g), (match) => match[0]);
  const numbers = new Map<number, number>();
  const rewritten = new Map<string, string>();
  for (const part of sheetParts) {
    const xml = zip.text(part);
    if (xml === undefined) continue;
    let references = 0;
    const renumbered = xml.replace(/(<c\b[^>]*\bt="s"[^>]*>\s*<v>)(\d+)(<\/v>)/g, (_, head: string, number: string, tail: string) => {
      references++;
      const old = Number(number);
      let next = numbers.get(old);
      if (next === undefined) numbers.set(old, (next = numbers.size));
      return `${head}${next}${tail}`;
    });
    if (references !== (xml.match(/\bt="s"/g) ?? []).length || [...numbers.keys()].some((old) => old >= items.length)) return;
    rewritten.set(part, renumbered);
  }
  for (const [part, xml] of rewritten) zip.set(part, Buffer.from(xml, 'utf8'));
  const kept = [...numbers.keys()].map((old) => items[old]);
  const head = open[0].replace(/\b(count|uniqueCount)="\d+"/g, `$1="${kept.length}"`);
  zip.set(stringsPart, Buffer.from(`${sst.slice(0, open.index)}${head}${kept.join('')}</sst>`, 'utf8'));
}

/**
 * exceljs reads a validation over a range as one entry per cell: a dropdown down a school year of
 * sessions is some 56,000 of them per column. So the frame's validations go to exceljs each under one
 * placeholder cell (the sheet's last cells, XFD1048576 upward), and their ranges are put back in its
 * model afterwards (finishLeanSheet), as ranges. A frame that mentions those cells is left as it is.
 */
function withPlaceholders(xml: string): { xml: string; ranges: Map<string, string[]> } {
  const ranges = new Map<string, string[]>();
  if (xml.includes('XFD')) return { xml, ranges };
  const placed = xml.replace(/(<dataValidation\b[^>]*?\bsqref=")([^"]*)"/g, (_, head: string, sqref: string) => {
    const placeholder = `XFD${1_048_576 - ranges.size}`;
    ranges.set(placeholder, sqref.trim().split(/\s+/));
    return `${head}${placeholder}"`;
  });
  return { xml: placed, ranges };
}

/**
 * Each validation exceljs read under a placeholder goes back over its ranges. A range inside another
 * range of an equal validation is dropped: earlier saves by exceljs wrote a dropdown down a column
 * twice over (K2:K56243 and K10:K56243), which Excel reports as a problem with the file.
 */
function restoreValidationRanges(sheet: ExcelJS.Worksheet, ranges: Map<string, string[]>): void {
  const { model } = (sheet as unknown as WorksheetWithValidations).dataValidations;
  const restored: { range: string; area: Area | null; validation: ExcelJS.DataValidation; text: string }[] = [];
  for (const [placeholder, sqref] of ranges) {
    const validation = model[placeholder];
    delete model[placeholder];
    if (!validation) continue;
    const text = JSON.stringify(validation);
    for (const range of sqref) restored.push({ range, area: areaOf(range), validation, text });
  }
  for (const item of restored) {
    const inside = (other: (typeof restored)[number]) => other !== item && other.text === item.text && contains(other.area, item.area) && (!contains(item.area, other.area) || other.range < item.range);
    if (!restored.some(inside)) model[item.range] = item.validation;
  }
}

interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function areaOf(range: string): Area | null {
  const match = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(range);
  if (!match) return null;
  const [left, top] = [columnNumber(match[1]), Number(match[2])];
  return { top, left, bottom: match[4] ? Number(match[4]) : top, right: match[3] ? columnNumber(match[3]) : left };
}

/** Whether area `outer` holds all of `inner` (false when either is not a plain range). */
function contains(outer: Area | null, inner: Area | null): boolean {
  return !!outer && !!inner && outer.top <= inner.top && outer.left <= inner.left && outer.bottom >= inner.bottom && outer.right >= inner.right;
}

/** After exceljs read the frame: the style objects the carriers got, then the rows with them. */
export function finishLeanSheet(pending: PendingLean, sheet: ExcelJS.Worksheet, date1904: boolean): LeanSheet {
  restoreValidationRanges(sheet, pending.validationRanges);
  const lean = new LeanSheet();
  const byNumber = new Map<number, number>();
  const carrierRow = sheet.getRow(2);
  pending.carried.forEach((s, k) => byNumber.set(s, lean.styleId(carrierRow.getCell(k + 1).style)));
  dropRowsBelowHeader(sheet);
  // Per shared row of style numbers, decided once: its style ids, and the columns that show dates.
  const styled = new Map<readonly number[], { ids: number[]; dated: number[] }>();
  const styledRow = (numbers: readonly number[]) => {
    let row = styled.get(numbers);
    if (!row) {
      const ids = numbers.map((number) => byNumber.get(number) ?? 0);
      const dated = ids.flatMap((id, c) => (isDateStyle(lean.styles[id]) ? [c] : []));
      styled.set(numbers, (row = { ids, dated }));
    }
    return row;
  };
  lean.rows = pending.rows;
  pending.styleNumbers.forEach((numbers, r) => {
    if (!numbers) return;
    const { ids, dated } = styledRow(numbers);
    lean.setRowStyles(r, ids);
    const cells = lean.rows[r];
    for (const c of dated) if (c < cells.length) cells[c] = asDate(cells[c], date1904, r + 2, c + 1);
  });
  return lean;
}

function isDateStyle(style: Style | undefined): boolean {
  return style?.numFmt !== undefined && isDateFormat(style.numFmt);
}

/** A number read from a cell that shows dates, as the Date exceljs reads (a formula's result too). */
function asDate(cell: GridCell, date1904: boolean, row: number, column: number): GridCell {
  if (typeof cell === 'number') return excelDate(cell, date1904);
  if (cell instanceof Formula && typeof cell.value === 'number') return new Formula(cell.text, excelDate(cell.value, date1904), row, column);
  return cell;
}

/**
 * The rows of a sheet's XML below its header, if the tab is plain (see hasPlainFrame): every row and
 * cell says where it is, and holds nothing exceljs would read beyond values, formulas of their own
 * cell and styles. Null when it is not. Each cell's value is as readTab gives it, but for dates
 * (a serial day number until the styles are known: finishLeanSheet). A hand-made scan, not regular
 * expressions: a school year of sessions is 800,000 cells, and a match object or three per cell made
 * 800 MB of garbage.
 */
function readPlainRows(bytes: Buffer, start: number, end: number, sharedStrings: string[]): Pick<PendingLean, 'rows' | 'styleNumbers' | 'carried'> | null {
  const rows: GridCell[][] = [];
  const styleNumbers: (readonly number[] | undefined)[] = [];
  const sharedNumbers = new SharedRows();
  const carried = new Set<number>();
  const numbers: number[] = [];
  const tag = new TagAttributes();
  /** The rows of one window of whole rows; false when they are not plain. */
  const readWindow = (body: string): boolean => {
    for (let at = nextTag(body, '<row', 0); at >= 0; ) {
      const rowTagEnd = body.indexOf('>', at);
      if (rowTagEnd < 0 || !tag.read(body, at + 4, rowTagEnd, isPlainRowAttribute) || tag.r < 0) return false;
      const r = tag.number(body, tag.r) - 2;
      if (r < 0 || r < rows.length) return false; // rows out of order, or the header again
      const cells: GridCell[] = [];
      numbers.length = 0;
      let next = rowTagEnd + 1;
      if (body.charCodeAt(rowTagEnd - 1) !== SLASH) {
        const rowEnd = body.indexOf('</row>', next);
        if (rowEnd < 0) return false;
        for (let c = nextTag(body, '<c', next); c >= 0 && c < rowEnd; ) {
          const cellTagEnd = body.indexOf('>', c);
          if (!tag.read(body, c + 2, cellTagEnd, isPlainCellAttribute) || tag.r < 0) return false;
          const closed = body.charCodeAt(cellTagEnd - 1) === SLASH;
          const cellEnd = closed ? cellTagEnd + 1 : body.indexOf('</c>', cellTagEnd) + 4;
          if (cellEnd < 4 || cellEnd > rowEnd) return false;
          const column = tag.columnNumber(body) - 1;
          if (column < cells.length) return false; // cells out of order
          const value = cellValue(tag.t < 0 ? '' : tag.text(body, tag.t), closed ? '' : body.slice(cellTagEnd + 1, cellEnd - 4), sharedStrings, r + 2, column + 1);
          if (value === NOT_PLAIN) return false;
          while (cells.length < column) cells.push('');
          cells.push(value);
          const style = tag.s < 0 ? 0 : tag.number(body, tag.s);
          while (numbers.length < column) numbers.push(0);
          numbers.push(style);
          if (style) carried.add(style);
          c = nextTag(body, '<c', cellEnd);
        }
        next = rowEnd + 6;
      }
      while (rows.length < r) rows.push([]);
      rows.push(cells);
      styleNumbers[r] = sharedNumbers.shared(numbers);
      at = nextTag(body, '<row', next);
    }
    return true;
  };
  for (const window of rowWindows(bytes, start, end)) if (!readWindow(window)) return null;
  return { rows, styleNumbers, carried: [...carried] };
}

/**
 * The rows between `start` and `end` of sheet XML, as text a window of whole rows at a time (each
 * ends with a `</row>`): a school year of sessions is never one 24 MB string.
 */
function* rowWindows(bytes: Buffer, start: number, end: number): Generator<string> {
  for (let from = start; from < end; ) {
    let to = Math.min(end, from + ROW_WINDOW_BYTES);
    if (to < end) {
      const last = bytes.lastIndexOf('</row>', to - 6);
      // A row longer than the window (a tab with very long cells) makes a window of its own.
      const next = last >= from ? last : bytes.indexOf('</row>', from);
      to = next < 0 || next + 6 > end ? end : next + 6;
    }
    yield bytes.toString('utf8', from, to);
    from = to;
  }
}

/** Small enough for V8's young generation, so each window's text is gone at the next scavenge. */
const ROW_WINDOW_BYTES = 64 * 1024;

const SLASH = 47;

/** Where the next tag named `open` (`<row`, `<c`) starts at or after `from`; -1 when none. */
function nextTag(xml: string, open: string, from: number): number {
  for (let at = xml.indexOf(open, from); at >= 0; at = xml.indexOf(open, at + 1)) {
    const after = xml.charCodeAt(at + open.length);
    if (after === SLASH || after === 62 /* > */ || isSpace(after)) return at;
  }
  return -1;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** A cell says where it is, its style and its type: anything more is not a plain cell. */
function isPlainCellAttribute(name: string): boolean {
  return name === 'r' || name === 's' || name === 't';
}

/**
 * A row says where it is, its span and its height when that height is not set by hand (a cached
 * automatic height, which the written rows leave to the spreadsheet program). It may also say what
 * is true of every row unless set: LibreOffice writes `hidden="false" customHeight="false"
 * outlineLevel="0" …` on each.
 */
function isPlainRowAttribute(name: string, value: string): boolean {
  if (name === 'r' || name === 'spans' || name === 'x14ac:dyDescent' || name === 'ht') return true;
  if (name === 'outlineLevel') return value === '0';
  return DEFAULT_ROW_FLAGS.has(name) && (value === 'false' || value === '0');
}

const DEFAULT_ROW_FLAGS = new Set(['customFormat', 'hidden', 'customHeight', 'collapsed', 'thickTop', 'thickBot']);

/**
 * Where the values of a tag's `r`, `s` and `t` attributes start (-1: absent), found by walking its
 * attributes between the tag's name and its `>` (never past it).
 */
class TagAttributes {
  r = -1;
  s = -1;
  t = -1;

  /** False when an attribute is not double-quoted, or not `plain` (called for any but r, s and t). */
  read(xml: string, from: number, to: number, plain: (name: string, value: string) => boolean): boolean {
    this.r = this.s = this.t = -1;
    for (let i = from; i < to; ) {
      const equals = xml.indexOf('=', i);
      if (equals < 0 || equals >= to) return onlySpaceOrSlash(xml, i, to);
      let open = equals + 1;
      while (isSpace(xml.charCodeAt(open))) open++;
      if (xml.charCodeAt(open) !== 34 /* " */) return false;
      const close = xml.indexOf('"', open + 1);
      if (close < 0 || close > to) return false;
      let nameEnd = equals;
      while (isSpace(xml.charCodeAt(nameEnd - 1))) nameEnd--;
      let nameStart = nameEnd;
      while (nameStart > i && !isSpace(xml.charCodeAt(nameStart - 1))) nameStart--;
      const oneLetter = nameEnd - nameStart === 1 ? xml.charCodeAt(nameStart) : 0;
      if (oneLetter === 114 /* r */) this.r = open + 1;
      else if (oneLetter === 115 /* s */) this.s = open + 1;
      else if (oneLetter === 116 /* t */) this.t = open + 1;
      else if (!plain(xml.slice(nameStart, nameEnd), xml.slice(open + 1, close))) return false;
      i = close + 1;
    }
    return true;
  }

  /** The digits of the value starting at `start`, as a number. */
  number(xml: string, start: number): number {
    let value = 0;
    for (let i = start; ; i++) {
      const digit = xml.charCodeAt(i) - 48; // NaN past the end
      if (!(digit >= 0 && digit <= 9)) return value;
      value = value * 10 + digit;
    }
  }

  /** The column number of the cell reference in `r` (`AB12` → 28). */
  columnNumber(xml: string): number {
    let column = 0;
    for (let i = this.r; ; i++) {
      const letter = xml.charCodeAt(i) - 64;
      if (!(letter >= 1 && letter <= 26)) return column;
      column = column * 26 + letter;
    }
  }

  text(xml: string, start: number): string {
    return xml.slice(start, xml.indexOf('"', start));
  }
}

/** After a tag's last attribute: nothing but spaces and the `/` of a tag that closes itself. */
function onlySpaceOrSlash(xml: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = xml.charCodeAt(i);
    if (code !== SLASH && !isSpace(code)) return false;
  }
  return true;
}

/** What readPlainRows returns for a cell exceljs would read as more than a value and a formula. */
const NOT_PLAIN = Symbol('not plain');

/**
 * The value readTab gives for a cell of type `type` ('' for none) with this inner XML (a date format's
 * number still a number); NOT_PLAIN for a shared, array or table formula, rich inline text, a date
 * typed as such, or text with `_x…_` escapes (which exceljs reads its own way).
 */
function cellValue(type: string, inner: string, sharedStrings: string[], row: number, column: number): GridCell | typeof NOT_PLAIN {
  if (type === 'd' || (inner.includes('_x') && /_x[0-9A-Fa-f]{4}_/.test(inner))) return NOT_PLAIN;
  const hasFormula = inner.includes('<f');
  if (hasFormula && /<f\b[^>]*\bt="(shared|array|dataTable)"/.test(inner)) return NOT_PLAIN;
  const formula = hasFormula ? /<f(?:\s[^>]*)?>([\s\S]*?)<\/f>/.exec(inner) : null;
  const raw = valueText(inner);
  let value: GridCell;
  if (type === 's') value = sharedStrings[Number(raw)] ?? '';
  else if (type === 'inlineStr') {
    const item = /<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '';
    if (/^\s*<r>/.test(item)) return NOT_PLAIN;
    value = textOf(item);
  } else if (type === 'str' || type === 'e') value = raw === undefined ? '' : decodeXml(raw);
  else if (type === 'b') value = raw === undefined ? '' : raw === '1';
  else value = raw === undefined ? '' : Number(raw);
  return formula ? new Formula(`=${decodeXml(formula[1])}`, value, row, column) : value;
}

/** What a cell's `<v>` holds; undefined when it has none. */
function valueText(inner: string): string | undefined {
  const open = inner.indexOf('<v>');
  if (open < 0) return undefined;
  const close = inner.indexOf('</v>', open);
  return close < 0 ? undefined : inner.slice(open + 3, close);
}

/** A serial day number as the Date exceljs reads (to the millisecond). */
function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** A number format that shows a date or time: d, m, y, h, s or b outside quoted text and [..] codes. */
export function isDateFormat(format: string): boolean {
  return /[ymdhMsb]/.test(format.replace(/\[[^\]]*\]/g, '').replace(/"[^"]*"/g, ''));
}

/**
 * True when the sheet around its rows holds nothing that belongs to cells below the header (merged
 * cells, links, tables, page breaks, notes): readPlainRows tells the rest.
 */
function hasPlainFrame(zip: ZipParts, part: string, split: { before: string; after: string }): boolean {
  const belongsToCells = /<(mergeCells|hyperlinks|tableParts|rowBreaks)\b/;
  return !belongsToCells.test(split.before) && !belongsToCells.test(split.after) && !hasNotesBelowHeader(zip, part);
}

/** Notes (comments) on a cell below row 1: they belong to cells the frame does not hold. */
function hasNotesBelowHeader(zip: ZipParts, part: string): boolean {
  for (const rel of relationships(zip, part)) {
    if (!rel.type.endsWith('/comments')) continue;
    const comments = zip.text(rel.part) ?? '';
    for (const ref of comments.matchAll(/<comment\b[^>]*\bref="[A-Z]+(\d+)"/g)) if (ref[1] !== '1') return true;
  }
  return false;
}

/** The sheet XML around its rows: before and after them, the header row, and the rows below it. */
function splitSheetData(xml: string): { before: string; header: string; body: string; after: string } | null {
  const open = /<sheetData\s*\/>|<sheetData\b[^>]*>/.exec(xml);
  if (!open) return null;
  if (open[0].endsWith('/>')) return { before: `${xml.slice(0, open.index)}<sheetData>`, header: '', body: '', after: `</sheetData>${xml.slice(open.index + open[0].length)}` };
  const start = open.index + open[0].length;
  const end = xml.indexOf('</sheetData>', start);
  if (end < 0) return null;
  const rows = xml.slice(start, end);
  const header = /^\s*<row\b[^>]*\br="1"[^>]*(?:\/>|>[\s\S]*?<\/row>)/.exec(rows);
  const headerXml = header ? header[0] : '';
  return { before: xml.slice(0, start), header: headerXml, body: rows.slice(headerXml.length), after: xml.slice(end) };
}

/**
 * splitSheetData of sheet XML as bytes: the parts around the rows below the header as text, those
 * rows as where they start and end (they are read a window at a time: readPlainRows).
 */
function splitSheetBytes(bytes: Buffer): { before: string; header: string; after: string; bodyStart: number; bodyEnd: number } | null {
  const open = bytes.indexOf('<sheetData');
  const openEnd = open < 0 ? -1 : bytes.indexOf('>', open) + 1;
  if (openEnd <= 0) return null;
  const close = bytes.indexOf('</sheetData>', openEnd);
  const rowsEnd = close < 0 ? bytes.length : close;
  // The tag, then the first row (or two, when the header closes itself): enough to find the header.
  const firstRowEnd = bytes.indexOf('</row>', openEnd);
  const headEnd = firstRowEnd >= 0 && firstRowEnd < rowsEnd ? firstRowEnd + 6 : rowsEnd;
  const split = splitSheetData(bytes.toString('utf8', 0, headEnd) + (close < 0 ? '' : '</sheetData>'));
  if (!split) return null;
  if (close < 0) return { ...split, bodyStart: 0, bodyEnd: 0 }; // <sheetData/>: no rows
  const bodyStart = Buffer.byteLength(split.before + split.header, 'utf8');
  return { before: split.before, header: split.header, after: bytes.toString('utf8', close), bodyStart, bodyEnd: close };
}

/** The shared strings as exceljs reads them (rich text as its runs' text); null when some would not be. */
function readSharedStrings(zip: ZipParts, part: string | null): string[] | null {
  const xml = (part && zip.text(part)) || '';
  if (/<rPh\b/.test(xml) || /_x[0-9A-Fa-f]{4}_/.test(xml)) return null;
  return itemsOf(xml);
}

function itemsOf(sst: string): string[] {
  return Array.from(sst.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g), (match) => textOf(match[1] ?? ''));
}

/** The text of a string item: its <t> elements in order. */
function textOf(item: string): string {
  let text = '';
  for (const match of item.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t\s*\/>/g)) text += decodeXml(match[1] ?? '');
  return text;
}

function attributesOf(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(/([\w:]+)="([^"]*)"/g)) attributes[match[1]] = match[2];
  return attributes;
}

function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, code: string) => {
    if (code[0] === '#') return String.fromCodePoint(code[1] === 'x' ? parseInt(code.slice(2), 16) : Number(code.slice(1)));
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[code]!;
  });
}

/**
 * The workbook's shared strings as exceljs wrote them, with the lean rows' strings added: a string
 * cell refers to its entry by number (written inline instead, a school year of sessions takes 66 MB
 * of sheet XML rather than 26 MB).
 */
export class SharedStrings {
  private readonly index = new Map<string, number>();
  /** Entries the part already has (its numbers run from 0). */
  private readonly existing: number;
  private readonly added: string[] = [];
  private references = 0;

  constructor(private readonly xml: string) {
    const items = itemsOf(xml);
    items.forEach((text, number) => {
      if (!this.index.has(text)) this.index.set(text, number);
    });
    this.existing = items.length;
  }

  /** The entry number of `text`, added when new. */
  numberOf(text: string): number {
    this.references++;
    let number = this.index.get(text);
    if (number === undefined) {
      number = this.existing + this.added.length;
      this.index.set(text, number);
      this.added.push(text);
    }
    return number;
  }

  /** The part with the added entries, and its counts raised by what the lean rows use. */
  toXml(): string {
    if (this.references === 0) return this.xml;
    const raise = (head: string, name: string, by: number) => head.replace(new RegExp(`\\b${name}="(\\d+)"`), (_, n: string) => `${name}="${Number(n) + by}"`);
    const open = /<sst\b[^>]*>/.exec(this.xml)!;
    const head = raise(raise(open[0], 'count', this.references), 'uniqueCount', this.added.length);
    const close = this.xml.lastIndexOf('</sst>');
    const entries = this.added.map((text) => `<si>${textElement(text)}</si>`).join('');
    return `${this.xml.slice(0, open.index)}${head}${this.xml.slice(open.index + open[0].length, close)}${entries}</sst>`;
  }
}

function textElement(text: string): string {
  const preserve = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : '';
  return `<t${preserve}>${escapeXml(text)}</t>`;
}

/**
 * Leaves a frame its header row only. (exceljs's spliceRows mixes up or keeps rows when the rows it
 * removes reach the last one, so the row list is cut instead.)
 */
export function dropRowsBelowHeader(sheet: ExcelJS.Worksheet): void {
  const rows = (sheet as unknown as { _rows: unknown[] })._rows;
  if (rows.length > 1) rows.length = 1;
}

/** Puts one empty cell per style the rows use in row 2 of the frame (before exceljs writes it). */
export function placeCarriers(lean: LeanSheet, sheet: ExcelJS.Worksheet): void {
  const row = sheet.getRow(2);
  for (let id = 1; id < lean.styles.length; id++) row.getCell(id).style = lean.styles[id]!;
}

/**
 * The sheet XML exceljs wrote for the frame, with the lean rows in place of its carrier row, as UTF-8
 * bytes made a chunk at a time as they are wanted (the file is zipped from them, so a school year's
 * 24 MB of XML is never in memory at once); the carriers tell each style's number in the saved
 * workbook. The rows' strings join `strings` as they are written.
 */
export function* withLeanRows(frameXml: string, lean: LeanSheet, date1904: boolean, strings: SharedStrings | null): Generator<Buffer> {
  const split = splitSheetData(frameXml);
  if (!split) throw new Error('the sheet exceljs wrote has no rows');
  const numberOf = [0];
  const carrier = /^<row\b[^>]*\br="2"[^>]*(?:\/>|>([\s\S]*?)<\/row>)$/.exec(split.body);
  // Every change to a lean tab's rows goes to the lean rows: a frame row besides the carriers would be lost.
  if ((split.body.match(/<row\b/g) ?? []).length > (carrier ? 1 : 0)) throw new Error('a lean tab has rows outside its lean rows: nothing was saved');
  const carried = new Map<number, number>();
  for (const cell of carrier?.[1]?.matchAll(/<c\b([^>]*?)\/?>/g) ?? []) {
    const attributes = attributesOf(cell[1]);
    carried.set(columnNumber(/^[A-Z]+/.exec(attributes.r ?? '')?.[0] ?? ''), Number(attributes.s ?? 0));
  }
  for (let id = 1; id < lean.styles.length; id++) numberOf.push(carried.get(id) ?? 0);
  // The dimension (the used range) comes before the rows: their last column is found first.
  let lastColumn = 0;
  lean.rows.forEach((cells, i) => {
    const ids = lean.styleIds[i];
    for (let c = Math.max(cells.length, ids?.length ?? 0) - 1; c >= lastColumn; c--) {
      if ((cells[c] ?? '') !== '' || numberOf[ids?.[c] ?? 0]) lastColumn = c + 1;
    }
  });
  const headerColumns = (split.header.match(/<c\b/g) ?? []).length;
  const dimension = `A1:${columnLetter(Math.max(1, lastColumn, headerColumns))}${Math.max(1, lean.rows.length + 1)}`;
  yield Buffer.from(split.before.replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="${dimension}"/>`) + split.header, 'utf8');
  const letters: string[] = [];
  let pending = '';
  for (let i = 0; i < lean.rows.length; i++) {
    const cells = lean.rows[i];
    const ids = lean.styleIds[i];
    let xml = '';
    const width = Math.max(cells.length, ids?.length ?? 0);
    for (let c = 0; c < width; c++) {
      const cell = cellXml(`${(letters[c] ??= columnLetter(c + 1))}${i + 2}`, cells[c] ?? '', numberOf[ids?.[c] ?? 0], date1904, strings);
      if (cell) xml += cell;
    }
    if (xml) pending += `<row r="${i + 2}">${xml}</row>`;
    if (pending.length >= CHUNK_CHARS) {
      yield Buffer.from(pending, 'utf8');
      pending = '';
    }
  }
  yield Buffer.from(pending + split.after, 'utf8');
}

/** About 64 KB of XML per chunk: small enough that the strings a chunk is made of die young. */
const CHUNK_CHARS = 1 << 16;

/** One cell as exceljs would write it ('' with no style: nothing). */
function cellXml(ref: string, cell: GridCell, style: number, date1904: boolean, strings: SharedStrings | null): string {
  const s = style ? ` s="${style}"` : '';
  if (cell instanceof Formula) {
    const result = cell.value;
    const text = escapeXml(cell.text.replace(/^=/, ''));
    if (typeof result === 'string' && result !== '') return `<c r="${ref}"${s} t="str"><f>${text}</f><v>${escapeXml(result)}</v></c>`;
    if (typeof result === 'boolean') return `<c r="${ref}"${s} t="b"><f>${text}</f><v>${result ? 1 : 0}</v></c>`;
    const number = result instanceof Date ? serialOf(result, date1904) : typeof result === 'number' ? result : null;
    return `<c r="${ref}"${s}><f>${text}</f>${number === null ? '' : `<v>${number}</v>`}</c>`;
  }
  if (cell === '') return s ? `<c r="${ref}"${s}/>` : '';
  if (typeof cell === 'string') {
    return strings ? `<c r="${ref}"${s} t="s"><v>${strings.numberOf(cell)}</v></c>` : `<c r="${ref}"${s} t="inlineStr"><is>${textElement(cell)}</is></c>`;
  }
  if (typeof cell === 'boolean') return `<c r="${ref}"${s} t="b"><v>${cell ? 1 : 0}</v></c>`;
  if (cell instanceof Date) return `<c r="${ref}"${s}><v>${serialOf(cell, date1904)}</v></c>`;
  return `<c r="${ref}"${s}><v>${cell}</v></c>`;
}

function serialOf(date: Date, date1904: boolean): number {
  return 25569 + date.getTime() / 86_400_000 - (date1904 ? 1462 : 0);
}

/** XML text as exceljs writes it: markup escaped, characters XML cannot hold left out. */
function escapeXml(text: string): string {
  return text.replace(/[<>&"'\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char] ?? '');
}
