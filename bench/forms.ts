// Benchmark section: Google Forms on the Apps Script fakes, through the built bundle. Spreadsheet calls
// to file one response with 100 or 100,000 rows already logged; FormApp calls for the links of 10 or
// 10,000 sessions; a burst of 60 submissions with the document lock often taken. (Mastery for 2,000
// students × 40 exit tickets has its own section.)
import { performance } from 'perf_hooks';
import { createForms, formsWorld, NOW, reflectionAnswers, rowsOf, sessionId, submit, type FormsWorld } from '../test/support/forms-world';
import { entryPoint } from '../test/support/load-bundle';

const SPREADSHEET = /^(SpreadsheetApp|Spreadsheet|Sheet|Range)\./;
const FORMS = /^(FormApp|Form|Item|TextItem|ParagraphTextItem|ScaleItem|MultipleChoiceItem|PageBreakItem|Choice|FormResponse|ItemResponse)\./;

function count(w: FormsWorld, pattern: RegExp): number {
  return w.fakes.calls.log().filter((name) => pattern.test(name)).length;
}

/** Spreadsheet calls of one submission filed by its trigger, with `logged` reflections already in the log. */
function callsPerResponse(logged: number): number {
  const w = formsWorld(2);
  createForms(w);
  const header = w.fakes.spreadsheet.getSheetByName('Reflections')!.getRange(1, 1, 1, 16).getValues()[0];
  const day = new Date(NOW.getTime() - 86_400_000);
  const rows = Array.from({ length: logged }, (_, i) => [`'R-old-${i}`, day, sessionId(1), 'P-0001', 'T-1', 'Tutor', 3, 3, 'Yes', 'Yes', 'fractions', '', '', '', 'No', '']);
  w.fakes.sheet('Reflections').seed([header, ...rows]);
  submit(w, 'Reflection', reflectionAnswers(1, 'Tutor'), NOW); // the first append may grow a full sheet, once
  w.fakes.calls.reset();
  submit(w, 'Reflection', reflectionAnswers(2, 'Tutor'), NOW);
  return count(w, SPREADSHEET);
}

function linkCalls(sessions: number): { forms: number; spreadsheet: number; linked: number; again: number; againWrites: number } {
  const pairs = Math.min(sessions, 250);
  const w = formsWorld(pairs, sessions / pairs - 1);
  w.fakes.calls.reset();
  createForms(w);
  const linked = rowsOf(w, 'Sessions').filter((row) => String(row['Tutor reflection']).includes('entry.')).length;
  const first = { forms: count(w, FORMS), spreadsheet: count(w, SPREADSHEET), linked };
  w.fakes.calls.reset();
  createForms(w);
  const writes = w.fakes.calls.log().filter((name) => FORMS.test(name) && /\.(create|add|set|delete|move|remove)/.test(name)).length;
  return { ...first, again: count(w, FORMS), againWrites: writes };
}

function burst(): { rows: number; unique: number; perResponse: number; leftForLater: number; seconds: number } {
  const w = formsWorld(30);
  createForms(w);
  const lock = w.fakes.locks.document;
  w.fakes.calls.reset();
  const started = performance.now();
  let leftForLater = 0;
  for (let i = 0; i < 60; i++) {
    if (i % 20 === 5 || i === 50) lock.holdElsewhere();
    if (i % 20 === 12 && i < 50) lock.releaseElsewhere();
    if (lock.heldElsewhere) leftForLater++;
    const event = submit(w, 'Reflection', reflectionAnswers(Math.floor(i / 2) + 1, i % 2 ? 'Tutee' : 'Tutor'), new Date(NOW.getTime() + Math.floor(i / 4) * 1000));
    if (i % 7 === 0) entryPoint(w.bundle, 'fileSubmittedResponse')(event);
  }
  lock.releaseElsewhere();
  w.script.fireDue((handler) => entryPoint(w.bundle, handler)());
  const ids = rowsOf(w, 'Reflections').map((row) => row['Response ID']);
  return { rows: ids.length, unique: new Set(ids).size, perResponse: count(w, SPREADSHEET) / 60, leftForLater, seconds: (performance.now() - started) / 1000 };
}

export async function benchForms(): Promise<void> {
  console.log('\n## Google Forms (built bundle on the Apps Script fakes)\n');
  console.log('| reflections already logged | Spreadsheet calls to file one response |');
  console.log('|---:|---:|');
  for (const logged of [100, 100_000]) console.log(`| ${logged.toLocaleString('en-US')} | ${callsPerResponse(logged)} |`);

  console.log('\n| sessions | FormApp calls (Create forms, both forms, links) | Spreadsheet calls | sessions linked | FormApp calls again, nothing changed (writes) |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const sessions of [10, 10_000]) {
    const result = linkCalls(sessions);
    console.log(`| ${sessions.toLocaleString('en-US')} | ${result.forms} | ${result.spreadsheet} | ${result.linked.toLocaleString('en-US')} | ${result.again} (${result.againWrites}) |`);
  }

  const b = burst();
  console.log(`\nBurst of 60 submissions (some delivered twice), the document lock held elsewhere for ${b.leftForLater} of them, then one hourly run:`);
  console.log(`${b.rows} Reflections rows, ${b.unique} distinct Response IDs; ${b.perResponse.toFixed(1)} Spreadsheet calls per response (${b.seconds.toFixed(1)} s on the fakes)`);
}
