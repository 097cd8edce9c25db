// The exact finish in Google Sheets: the built bundle on the Apps Script fakes has no solver, so a
// matching its own search cannot prove comes back with an exact task; the sidebar's browser solves it
// (here: the same HiGHS in Node, as the browser test does in Chromium) and the matching runs again with
// the answer, proven optimal; Apply writes exactly that preview. Every value crosses as JSON, as
// google.script.run carries it.
import * as fs from 'fs';
import * as path from 'path';
import { createAppsScriptFakes, type AppsScriptFakes } from '../fakes/apps-script';
import { MemoryTableStore } from '../fakes/memory-store';
import { BUILD_DIR, entryPoint, loadBundle } from '../support/load-bundle';
import { sampleProgram } from '../../src/core/sample-program';
import { writeProgram } from '../../src/sheets/program/program-writer';
import { setUpProgram } from '../../src/sheets/program/setup';
import { answerFor, programOf, type ExactAnswer, type ExactTask } from '../../src/core/matching/exact-relay';
import { loadHighsSolver } from '../../src/local/highs';
import type { MipSolver } from '../../src/core/matching';

jest.setTimeout(120000);

const NO_CHOICES = { locked: [], swapped: [], excluded: [] };

interface Preview {
  exactTask: ExactTask | null;
  fingerprint: string;
  totals: { placed: number; proof: { optimal: boolean } };
  pairs: { tutorId: string; tuteeId: string; subject: string; block: string }[];
}

/** Calls a sidebar function of the bundle the way google.script.run does: arguments and result through JSON. */
function call<T>(fakes: AppsScriptFakes, name: string, ...args: unknown[]): T {
  const result = entryPoint(loadBundle(fakes), name)(...(JSON.parse(JSON.stringify(args)) as unknown[]));
  return JSON.parse(JSON.stringify(result)) as T;
}

/** The sample generator’s seed 32 at 130 students: its own search cannot prove its answer, and HiGHS finds a better one. */
function sampleFakes(): AppsScriptFakes {
  const store = new MemoryTableStore();
  writeProgram(store, sampleProgram(130, 32, '2026-09-01'));
  setUpProgram(store);
  const fakes = createAppsScriptFakes({ timeZone: 'America/New_York' });
  for (const tab of store.tabNames()) fakes.seedSheet(tab, store.readTab(tab)!);
  return fakes;
}

let highs: MipSolver;
beforeAll(async () => {
  highs = (await loadHighsSolver())!;
});

/** What the sidebar's browser does with a task (src/ui/exact-solver.ts), with the same solve. */
const solveLikeTheBrowser = (task: ExactTask): ExactAnswer => answerFor(task, highs.solve(programOf(task), Float64Array.from(task.start), task.limits))!;

describe('the exact finish relayed to the sidebar (built bundle)', () => {
  it('proves the matching with the browser’s answer, and Apply writes that proven preview', () => {
    const fakes = sampleFakes();
    const first = call<Preview>(fakes, 'proposeMatches', NO_CHOICES, []);
    expect(first.totals.proof.optimal).toBe(false);
    expect(first.exactTask).not.toBeNull();

    // As the sidebar does: each task solved in turn, the matching asked again with every answer so far.
    const answers: ExactAnswer[] = [];
    let proven = first;
    while (proven.exactTask && answers.length < 2) {
      answers.push(solveLikeTheBrowser(proven.exactTask));
      proven = call<Preview>(fakes, 'proposeMatches', NO_CHOICES, answers);
    }
    expect(proven.totals.proof.optimal).toBe(true);
    expect(proven.exactTask).toBeNull();
    expect(proven.totals.placed).toBeGreaterThanOrEqual(first.totals.placed);
    // The finish found a better matching than the own search: another proposal.
    expect(proven.fingerprint).not.toBe(first.fingerprint);

    // Apply without the answer makes the unproven matching, which is not the preview on screen.
    const refused = call<{ applied: boolean; why?: string }>(fakes, 'applyMatches', { options: NO_CHOICES, fingerprint: proven.fingerprint });
    expect(refused).toMatchObject({ applied: false, why: 'changed' });
    expect(fakes.sheet('Pairs').getLastRow()).toBe(1);

    // Apply with the answer writes exactly the proven preview.
    const applied = call<{ applied: boolean }>(fakes, 'applyMatches', { options: NO_CHOICES, fingerprint: proven.fingerprint, exactAnswers: answers });
    expect(applied.applied).toBe(true);
    const [headers, ...rows] = fakes.sheet('Pairs').getDataRange().getValues();
    const column = (name: string) => headers.indexOf(name);
    const written = rows.map((row) => `${row[column('Tutor ID')]}>${row[column('Tutee ID')]}>${row[column('Subject')]}>${row[column('Block')]}`).sort();
    expect(written).toEqual(proven.pairs.map((p) => `${p.tutorId}>${p.tuteeId}>${p.subject}>${p.block}`).sort());
  });

  it('ignores an answer that breaks the rules: the own matching stands, unproven', () => {
    const fakes = sampleFakes();
    const first = call<Preview>(fakes, 'proposeMatches', NO_CHOICES, []);
    const task = first.exactTask!;
    // Every column chosen: every need placed many times over.
    const everything: ExactAnswer = { key: task.key, status: 'optimal', columns: task.colCost.map((_, c) => c), values: task.colCost.map(() => 1), bound: 0 };
    const after = call<Preview>(fakes, 'proposeMatches', NO_CHOICES, [everything]);
    expect(after.fingerprint).toBe(first.fingerprint);
    expect(after.totals.proof.optimal).toBe(false);
  });

  it('hands the sidebar the HiGHS script of the project’s HighsSolver file', () => {
    const fakes = sampleFakes();
    const script = call<string>(fakes, 'browserSolverScript');
    expect(script).toBe(fs.readFileSync(path.join(BUILD_DIR, 'HighsSolver.html'), 'utf8'));
    expect(script).toMatch(/^<script>[\s\S]*var PeerTutoringHighs = [\s\S]*var PeerTutoringHighsWasm = "[A-Za-z0-9+/=]+";\n<\/script>\n$/);
    expect(fakes.calls.count('HtmlService.createHtmlOutputFromFile')).toBe(1);
  });
});
