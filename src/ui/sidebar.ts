// The "Match students" sidebar: overview and roster problems, a matching preview the teacher adjusts
// (lock, exclude, swap), then Apply with Undo. State lives here; views.ts renders it. The Sessions
// tab (schedule.ts) shares the status line, the alert and the busy guard.
import type { MatchOptions } from '../sheets/matching-service';
import { emptyOptions, exclude, isLockedChoice, swapTutor, toggleLock } from './choices';
import { button, byId, h, replaceChildren } from './dom';
import { setUpSchedule } from './schedule';
import { callServer, errorMessage } from './server-client';
import { setUpTabs } from './tabs';
import {
  alternativesPanel,
  needKey,
  previewSection,
  problemsSection,
  reportSection,
  summaryLines,
  undoneSection,
  type Alternative,
  type Overview,
  type Preview,
  type PreviewPair,
  type ProblemItem,
} from './views';

interface State {
  overview: Overview | null;
  options: MatchOptions;
  preview: Preview | null;
}

const state: State = { overview: null, options: emptyOptions(), preview: null };

const ui = {
  app: () => byId('app'),
  controls: () => byId<HTMLFieldSetElement>('controls'),
  status: () => byId('status'),
  error: () => byId('error'),
  problems: () => byId('problems'),
  preview: () => byId('preview'),
  report: () => byId('report'),
  find: () => byId<HTMLButtonElement>('find'),
  apply: () => byId<HTMLButtonElement>('apply'),
};

// --- status, progress and errors -------------------------------------------------------------

/** Progress is shown; results are only announced (the sections show them), so they are visually hidden. */
function showStatus(text: string, busy: boolean): void {
  ui.status().classList.toggle('visually-hidden', !busy);
  replaceChildren(ui.status(), busy ? h('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }) : null, text);
}

function clearError(): void {
  ui.error().hidden = true;
  replaceChildren(ui.error());
}

function showError(message: string, retry?: () => void): void {
  replaceChildren(
    ui.error(),
    h('p', { class: 'error-title' }, 'Something went wrong'),
    h('p', { class: 'error-message' }, message),
    retry ? button('Try again', retry, { class: 'secondary small' }) : null,
  );
  ui.error().hidden = false;
}

/** Runs a server task with a progress message; controls are disabled meanwhile so nothing overlaps. */
async function busy<T>(progress: string, task: () => Promise<T>, retry?: () => void): Promise<T | undefined> {
  clearError();
  showStatus(progress, true);
  ui.app().setAttribute('aria-busy', 'true');
  ui.controls().disabled = true;
  try {
    const result = await task();
    showStatus('', false);
    return result;
  } catch (error) {
    showStatus('', false);
    showError(errorMessage(error), retry);
    return undefined;
  } finally {
    ui.controls().disabled = false;
    ui.app().setAttribute('aria-busy', 'false');
  }
}

function studentsText(): string {
  const active = state.overview?.summary.active;
  return active === undefined ? 'students' : `${active} ${active === 1 ? 'student' : 'students'}`;
}

// --- overview and roster problems -------------------------------------------------------------

function selectProblemCell(problem: ProblemItem): void {
  callServer('selectCell', problem.tab, Math.max(problem.row, 1), Math.max(problem.columnIndex, 1)).catch((error: unknown) =>
    showError(errorMessage(error)),
  );
}

function renderProblems(problems: ProblemItem[]): void {
  replaceChildren(ui.problems(), ...problemsSection(problems, selectProblemCell, () => void recheckRoster()));
  ui.problems().hidden = false;
}

function renderOverview(overview: Overview): void {
  replaceChildren(byId('program-name'), overview.programName);
  replaceChildren(byId('summary'), ...summaryLines(overview));
  renderProblems(overview.problems);
}

async function loadOverview(): Promise<void> {
  const overview = await busy('Reading the roster…', () => callServer('getOverview'), () => void loadOverview());
  if (!overview) {
    replaceChildren(byId('summary'), h('li', {}, 'The roster could not be read.'));
    return;
  }
  state.overview = overview;
  renderOverview(overview);
}

async function recheckRoster(): Promise<void> {
  const problems = await busy('Checking the roster…', () => callServer('checkRoster'));
  if (problems) {
    renderProblems(problems);
    showStatus(problems.length ? `${problems.length} problems marked in the sheet.` : 'No roster problems found.', false);
  }
}

// --- matching preview ---------------------------------------------------------------------------

const pairActions = {
  lock(pair: PreviewPair) {
    state.options = toggleLock(state.options, pair);
    renderPreview();
    focusNeed(pair, 'lock');
  },
  exclude(pair: PreviewPair) {
    void rerun(exclude(state.options, pair), pair);
  },
  swap(pair: PreviewPair) {
    void showAlternatives(pair);
  },
};

function renderPreview(): void {
  if (!state.preview) return;
  replaceChildren(ui.preview(), ...previewSection(state.preview, state.options, pairActions));
  ui.preview().hidden = false;
  ui.apply().hidden = false;
  ui.find().textContent = 'Match again';
  ui.find().className = 'secondary';
}

function cardOf(need: PreviewPair): HTMLElement | null {
  const key = needKey(need);
  return Array.from(ui.preview().querySelectorAll<HTMLElement>('li.pair')).find((card) => card.dataset.need === key) ?? null;
}

/** Puts keyboard focus back on the same need after a re-render (or the preview heading if it is gone). */
function focusNeed(need: PreviewPair, action?: string): void {
  const card = cardOf(need);
  const target = card && action ? card.querySelector<HTMLElement>(`[data-action="${action}"]:not([disabled])`) : card;
  (target ?? byId('preview-title')).focus();
}

/**
 * The server marks a pair locked both when the Pairs tab locks it and when the teacher's choice does.
 * Only the first is fixed here; the second the teacher may unlock, so `locked` keeps just the first.
 */
function withSheetLocks(preview: Preview, options: MatchOptions): Preview {
  return { ...preview, pairs: preview.pairs.map((pair) => ({ ...pair, locked: pair.locked && !isLockedChoice(options, pair) })) };
}

async function match(options: MatchOptions): Promise<boolean> {
  const preview = await busy(`Matching ${studentsText()}…`, () => callServer('proposeMatches', options));
  if (!preview) return false;
  state.options = options;
  state.preview = withSheetLocks(preview, options);
  renderProblems(preview.problems);
  renderPreview();
  const { placed, needs } = preview.totals;
  showStatus(`${placed} of ${needs} needs placed.`, false);
  return true;
}

async function findMatches(): Promise<void> {
  if (await match(state.options)) byId('preview-title').focus();
}

async function rerun(options: MatchOptions, need: PreviewPair): Promise<void> {
  if (await match(options)) focusNeed(need);
}

async function showAlternatives(pair: PreviewPair): Promise<void> {
  const card = cardOf(pair);
  const panel = card?.querySelector<HTMLElement>('.alternatives');
  const toggle = card?.querySelector<HTMLElement>('[data-action="swap"]');
  if (!card || !panel || !toggle) return;
  const alternatives = await busy('Finding other tutors…', () =>
    callServer('alternatives', state.options, { tuteeId: pair.tuteeId, subject: pair.subject }),
  );
  if (!alternatives) return;
  const close = () => {
    panel.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
    toggle.focus();
  };
  const choose = (alternative: Alternative) => void rerun(swapTutor(state.options, pair, alternative), pair);
  replaceChildren(panel, ...alternativesPanel(pair, alternatives, choose, close));
  panel.onkeydown = (event) => {
    if (event.key === 'Escape') close();
  };
  panel.hidden = false;
  toggle.setAttribute('aria-expanded', 'true');
  panel.querySelector<HTMLElement>('.alternatives-title')?.focus();
}

// --- apply and undo -----------------------------------------------------------------------------

async function applyMatches(): Promise<void> {
  const report = await busy('Writing pairs to the sheet…', () => callServer('applyMatches', state.options));
  if (!report) return;
  schedule.invalidate();
  state.options = emptyOptions();
  state.preview = null;
  ui.preview().hidden = true;
  ui.apply().hidden = true;
  ui.find().textContent = 'Find matches';
  ui.find().className = 'action';
  replaceChildren(ui.report(), ...reportSection(report, () => void undoApply()));
  ui.report().hidden = false;
  showStatus('Pairs and Waitlist written.', false);
  byId('report-title').focus();
}

async function undoApply(): Promise<void> {
  const result = await busy('Restoring the previous pairs…', () => callServer('undoApply'));
  if (!result) return;
  schedule.invalidate();
  replaceChildren(ui.report(), ...undoneSection(result.restored));
  showStatus('Undone.', false);
  byId('report-title').focus();
}

/** Undo restores the latest saved version: once sessions are written, that is Sessions, not Pairs. */
function withdrawMatchingUndo(): void {
  const undo = document.getElementById('undo');
  if (!undo) return;
  undo.replaceWith(h('p', { class: 'gray' }, 'Undo is no longer offered here: sessions were scheduled since.'));
}

const schedule = setUpSchedule({ busy, showStatus }, withdrawMatchingUndo);

function start(): void {
  setUpTabs(byId('tabs'));
  ui.find().addEventListener('click', () => void findMatches());
  ui.apply().addEventListener('click', () => void applyMatches());
  void loadOverview();
}

start();
