// Moving a teacher's formula with its row. The add-on rewrites output tabs in one batch, so a row may
// land elsewhere (sessions are sorted by date, a new pair is inserted); its formulas must then read
// their new row, as if the teacher had copied and pasted the cell: relative references move by the
// same number of rows and columns, `$`-anchored parts stay, references to other tabs move too (as in
// a paste), and text inside "quotes" is left alone.
import { columnLetter, columnNumber } from './columns';

/** Characters that may not touch a reference: `LOG10(` is a function, `my_range1` a name, `1E5` a number. */
const BEFORE = /[A-Za-z0-9_.$]/;
const AFTER = /[A-Za-z0-9_(]/;
/** Whole columns (`A:C`), whole rows (`2:5`) and cells (`$B2`); tried in this order at each position. */
const REFERENCES: RegExp[] = [
  /(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})/y,
  /(\$?)(\d+):(\$?)(\d+)/y,
  /(\$?)([A-Za-z]{1,3})(\$?)(\d+)/y,
];
const LAST_COLUMN = 18278; // ZZZ

/** `formula` (A1 notation, with its `=`) as it reads when its cell moves by `rows` and `columns`. */
export function moveFormula(formula: string, rows: number, columns: number): string {
  if (rows === 0 && columns === 0) return formula;
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const quote = formula[i];
    if (quote === '"' || quote === "'") {
      const end = closingQuote(formula, i);
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    const reference = BEFORE.test(formula[i - 1] ?? '') ? null : matchReference(formula, i);
    if (reference) {
      out += moveReference(reference.match, rows, columns);
      i += reference.match[0].length;
    } else {
      out += formula[i++];
    }
  }
  return out;
}

/** Index just past the quoted text starting at `start` (a doubled quote is an escaped one). */
function closingQuote(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === quote && text[i + 1] === quote) i += 2;
    else if (text[i] === quote) return i + 1;
    else i++;
  }
  return text.length;
}

function matchReference(text: string, at: number): { match: RegExpExecArray } | null {
  for (const pattern of REFERENCES) {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (match && !AFTER.test(text[at + match[0].length] ?? '')) return { match };
  }
  return null;
}

function moveReference(match: RegExpExecArray, rows: number, columns: number): string {
  const [, fixedA, a, fixedB, b] = match;
  const isRow = (part: string) => /^\d+$/.test(part);
  const move = (fixed: string, part: string): string | null => {
    if (fixed) return part;
    if (isRow(part)) {
      const row = Number(part) + rows;
      return row >= 1 ? String(row) : null;
    }
    const column = columnNumber(part) + columns;
    return column >= 1 && column <= LAST_COLUMN ? columnLetter(column) : null;
  };
  const first = move(fixedA, a);
  const second = move(fixedB, b);
  if (first === null || second === null) return '#REF!';
  // A cell reference is column then row with no colon; the ranges keep theirs.
  const separator = match[0].includes(':') ? ':' : '';
  return `${fixedA}${first}${separator}${fixedB}${second}`;
}

