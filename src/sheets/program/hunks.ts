// The smallest set of row hunks that turns one version of a tab into another: what a version of the
// Undo history stores (history.ts). Rows compare by a number first (equal rows, equal numbers) and
// then exactly; the diff is Myers's O(ND) algorithm (Myers 1986, "An O(ND) difference algorithm and
// its variations"), bounded: past `maxEdits` row insertions and deletions it gives up and one hunk
// replaces everything between the rows both share at the start and at the end. (The npm `diff`
// package has the same bound but brings timers, which Apps Script does not have.)

/** At row index `at` of the tab as it is, `drop` rows give way to `rows`. */
export interface Hunk<Row> {
  at: number;
  drop: number;
  rows: Row[];
}

/**
 * How rows compare: `hash` gives equal rows equal numbers (unequal rows may share one), `equal` says
 * exactly. A number per row, not a text: a school year's 57,000 rows as text were 50 MB to make.
 */
export interface RowComparison<Row> {
  hash(row: Row): number;
  equal(a: Row, b: Row): boolean;
}

/** The hunks, in row order, that turn `from` into `to`. */
export function hunksBetween<Row>(from: Row[], to: Row[], compare: RowComparison<Row>, maxEdits: number): Hunk<Row>[] {
  // The rows both share at the start and at the end, compared as they are reached: a tab filled or
  // emptied (a first schedule's 57,000 rows after a header) compares only a few.
  let start = 0;
  while (start < from.length && start < to.length && compare.equal(from[start], to[start])) start++;
  let endA = from.length;
  let endB = to.length;
  while (endA > start && endB > start && compare.equal(from[endA - 1], to[endB - 1])) {
    endA--;
    endB--;
  }
  if (start === endA && start === endB) return [];
  const whole: Hunk<Row> = { at: start, drop: endA - start, rows: to.slice(start, endB) };
  if (start === endA || start === endB) return [whole];
  const a = from.slice(start, endA);
  const b = to.slice(start, endB);
  const hashesA = Int32Array.from(a, (row) => compare.hash(row));
  const hashesB = Int32Array.from(b, (row) => compare.hash(row));
  const same = (x: number, y: number) => hashesA[x] === hashesB[y] && compare.equal(a[x], b[y]);
  const edits = shortestEdits(a.length, b.length, same, maxEdits);
  if (!edits) return [whole];
  const hunks: Hunk<Row>[] = [];
  for (const edit of edits) {
    const at = start + edit.x;
    let hunk = hunks[hunks.length - 1];
    if (!hunk || hunk.at + hunk.drop !== at) hunks.push((hunk = { at, drop: 0, rows: [] }));
    if (edit.kind === 'delete') hunk.drop++;
    else hunk.rows.push(to[start + edit.y]);
  }
  return hunks;
}

/**
 * One edit of the shortest script, in order: delete a[x], or insert b[y] before a[x]. A delete at x
 * followed by inserts at x + 1 replaces the row; hunks are merged by position.
 */
interface Edit {
  kind: 'delete' | 'insert';
  x: number;
  y: number;
}

/** The shortest edit script from a (n rows) to b (m rows), or null when it takes more than `maxEdits` edits. */
function shortestEdits(n: number, m: number, same: (x: number, y: number) => boolean, maxEdits: number): Edit[] | null {
  const limit = Math.min(maxEdits, n + m);
  const offset = limit + 1;
  // v[offset + k]: the furthest x reached on diagonal k (y = x − k); trace[d]: v before step d.
  const v = new Int32Array(2 * limit + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= limit; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]);
      let x = down ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && same(x, y)) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, d, n, m);
    }
  }
  return null;
}

/** Walks the trace back from (n, m) to (0, 0), collecting each step's edit. */
function backtrack(trace: Int32Array[], depth: number, n: number, m: number): Edit[] {
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = depth; d > 0; d--) {
    // trace[d] holds diagonals −d−1 … d+1 of v as it was before step d.
    const before = trace[d];
    const at = (k: number) => before[k + d + 1];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    // Back along the snake of equal rows, then the one edit of step d.
    while (x > previousX && y > previousY && x - (down ? 0 : 1) > previousX) {
      x--;
      y--;
    }
    if (down) edits.push({ kind: 'insert', x: previousX, y: previousY });
    else edits.push({ kind: 'delete', x: previousX, y: previousY });
    x = previousX;
    y = previousY;
  }
  return edits.reverse();
}
