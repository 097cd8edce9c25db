// Workbook files as other programs write them, built by editing a real workbook's zip: the forms that
// exceljs fails on (exceljs issue 2591 and friends), a chart it reads but would not save, a
// password-protected (encrypted) file and an old .xls, so every message about them is tested offline.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const DRAWING = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const DRAWINGML = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const CHART = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';

async function zipOf(bytes: Uint8Array): Promise<JSZip> {
  return JSZip.loadAsync(bytes);
}

async function bytesOf(zip: JSZip): Promise<Buffer> {
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** A drawing anchoring one chart; `prefix` '' writes the default namespace, as some programs do. */
function chartDrawing(prefix: string): string {
  const p = prefix ? `${prefix}:` : '';
  const ns = prefix ? `xmlns:${prefix}="${DRAWING}"` : `xmlns="${DRAWING}"`;
  const point = (tag: string, col: number, row: number) =>
    `<${p}${tag}><${p}col>${col}</${p}col><${p}colOff>0</${p}colOff><${p}row>${row}</${p}row><${p}rowOff>0</${p}rowOff></${p}${tag}>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${p}wsDr ${ns} xmlns:a="${DRAWINGML}"><${p}twoCellAnchor>` +
    point('from', 20, 1) +
    point('to', 26, 15) +
    `<${p}graphicFrame macro=""><${p}nvGraphicFramePr><${p}cNvPr id="2" name="Chart 1"/><${p}cNvGraphicFramePr/></${p}nvGraphicFramePr>` +
    `<${p}xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></${p}xfrm><a:graphic><a:graphicData uri="${CHART}">` +
    `<c:chart xmlns:c="${CHART}" xmlns:r="${RELATIONSHIPS}" r:id="rId1"/></a:graphicData></a:graphic></${p}graphicFrame>` +
    `<${p}clientData/></${p}twoCellAnchor></${p}wsDr>`
  );
}

function relationships(id: string, type: string, target: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_RELATIONSHIPS}"><Relationship Id="${id}" Type="${RELATIONSHIPS}/${type}" Target="${target}"/></Relationships>`;
}

/** Adds a chart on the first tab; `readable` false writes its drawing the way exceljs cannot read. */
export async function withChart(workbook: Uint8Array, readable: boolean): Promise<Buffer> {
  const zip = await zipOf(workbook);
  zip.file('xl/drawings/drawing1.xml', chartDrawing(readable ? 'xdr' : ''));
  zip.file('xl/drawings/_rels/drawing1.xml.rels', relationships('rId1', 'chart', '../charts/chart1.xml'));
  zip.file('xl/charts/chart1.xml', `<?xml version="1.0" encoding="UTF-8"?><c:chartSpace xmlns:c="${CHART}"><c:chart/></c:chartSpace>`);
  let sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  if (!/xmlns:r=/.test(sheet)) sheet = sheet.replace('<worksheet ', `<worksheet xmlns:r="${RELATIONSHIPS}" `);
  zip.file('xl/worksheets/sheet1.xml', sheet.replace('</worksheet>', '<drawing r:id="rIdChart1"/></worksheet>'));
  const rels = zip.file('xl/worksheets/_rels/sheet1.xml.rels');
  const existing = rels ? await rels.async('string') : relationships('rIdNone', 'none', 'none').replace(/<Relationship [^>]*\/>/, '');
  zip.file(
    'xl/worksheets/_rels/sheet1.xml.rels',
    existing.replace('</Relationships>', `<Relationship Id="rIdChart1" Type="${RELATIONSHIPS}/drawing" Target="../drawings/drawing1.xml"/></Relationships>`),
  );
  return bytesOf(zip);
}

/** Rewrites a part with every element in an `x:` prefix, as some programs write SpreadsheetML. */
function prefixed(xml: string): string {
  return xml.replace(/xmlns="([^"]+)"/, 'xmlns:x="$1"').replace(/<(\/?)(?![?!]|x:)([A-Za-z]+)/g, '<$1x:$2');
}

/** A workbook whose first tab has a cell comment (note) written by another program. */
export async function withForeignComment(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Students');
  sheet.addRow(['Student ID', 'Name']);
  sheet.addRow(['S-1', 'Ana']);
  sheet.getCell('B2').note = 'call home';
  const zip = await zipOf(new Uint8Array(await workbook.xlsx.writeBuffer()));
  zip.file('xl/comments1.xml', prefixed(await zip.file('xl/comments1.xml')!.async('string')));
  return bytesOf(zip);
}

/** A workbook with a table (a formatted range) written by another program. */
export async function withForeignTable(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Students');
  sheet.addTable({ name: 'Roster', ref: 'A1', headerRow: true, columns: [{ name: 'Student ID' }, { name: 'Name' }], rows: [['S-1', 'Ana']] });
  const zip = await zipOf(new Uint8Array(await workbook.xlsx.writeBuffer()));
  zip.file('xl/tables/table1.xml', prefixed(await zip.file('xl/tables/table1.xml')!.async('string')));
  return bytesOf(zip);
}

/** A workbook whose workbook part is written in the prefixed form (exceljs issue 962). */
export async function withForeignWorkbookPart(workbook: Uint8Array): Promise<Buffer> {
  const zip = await zipOf(workbook);
  zip.file('xl/workbook.xml', prefixed(await zip.file('xl/workbook.xml')!.async('string')).replace(/xmlns:x="[^"]+"/, `xmlns:x="${MAIN}"`));
  return bytesOf(zip);
}

/** A Compound File header and one directory sector naming `streams` (UTF-16), enough to be recognised. */
function compoundFile(streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3
  header.writeUInt16LE(0xfffe, 28); // little-endian
  header.writeUInt16LE(9, 30); // 512-byte sectors
  const directory = Buffer.alloc(512);
  ['Root Entry', ...streams].forEach((name, i) => {
    const entry = directory.subarray(i * 128, (i + 1) * 128);
    entry.write(name, 0, 'utf16le');
    entry.writeUInt16LE((name.length + 1) * 2, 64);
    entry[66] = i === 0 ? 5 : 2; // root storage, then streams
  });
  return Buffer.concat([header, directory]);
}

/** What Excel writes for a workbook protected with a password to open (an encrypted package). */
export function encryptedWorkbook(): Buffer {
  return compoundFile(['EncryptionInfo', 'EncryptedPackage']);
}

/** An Excel 97-2003 workbook. */
export function legacyXls(): Buffer {
  return compoundFile(['Workbook']);
}

/** A zip archive that is not a workbook. */
export async function plainZip(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('notes.txt', 'not a workbook');
  return bytesOf(zip);
}
