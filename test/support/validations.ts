// The data validations a sheet's XML sets, cell by cell: which formula each cell is under, and how
// many cells the ranges cover in all (more than the cells when ranges overlap, which Excel reports as
// a problem with the file). Columns A to Z only, which is all the tests use.
export function validatedCells(sheetXml: string): { cells: Map<string, string>; covered: number } {
  const cells = new Map<string, string>();
  let covered = 0;
  for (const [, sqref, formula] of sheetXml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"[^>]*>\s*<formula1>([^<]*)</g)) {
    for (const range of sqref.split(' ')) {
      const [from, to = from] = range.split(':');
      for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) {
        for (let r = Number(from.slice(1)); r <= Number(to.slice(1)); r++) {
          cells.set(`${String.fromCharCode(c)}${r}`, decoded(formula));
          covered++;
        }
      }
    }
  }
  return { cells, covered };
}

const ENTITIES: Record<string, string> = { quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' };
const decoded = (xml: string) => xml.replace(/&(quot|apos|lt|gt|amp);/g, (_, name: string) => ENTITIES[name]);
