// Columns as the spreadsheet labels them: `A`, `B`, … `Z`, `AA`, … (1-based numbers).

/** `A`, `B`, … `AA`: a column as the spreadsheet labels it (1-based). */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The column a label names, 1-based: `A` → 1, `AB` → 28 (letters only, either case). */
export function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}
