// The "Match students" sidebar: overview and roster problems, a matching preview the teacher adjusts
// (lock, exclude, swap), then Apply with Undo. State lives here; views.ts renders it. The Sessions
// tab (schedule.ts) shares the status line, the alert and the busy guard.
import type { MatchOptions } from '../sheets/matching/service';
import { emptyOptions, exclude, isLockedChoice, swapTutor, toggleLock } from './choices';
import { button, byId, h, replaceChildren } from './dom';
import { setUpProgress } from './progress';
import { setUpAgendas } from './agendas';
import { setUpMessages } from './messages';
import { setUpPeople } from './people';
import { setUpSchedule } from './schedule';
import { callServer, errorMessage } from './server-client';
import { solveInBrowser } from './exact-solver';
import type { ExactAnswer, ExactTask } from '../core/matching/exact-relay';
import { setUpTabs } from './tabs';
import {
  alternativesPanel,
  emptyFilter,
  needKey,
  previewSection,
  problemsSection,
  reportSection,
  summaryLines,
  milestonesSection,
  talkSection,
  undoneSection,
  type Alternative,
  type ApplyReport,
  type Overview,
  type PairFilter,
  type Preview,
  type PreviewPair,
  type ProblemItem,
  type Milestone,
  type TalkRequest,
} from './views';

interface State {
  overview: Overview | null;
  /** The teacher's choices, and the pairs on screen that the next run stays close to. */
  options: MatchOptions;
  preview: Preview | null;
  /** The exact answers the preview was made with (Google Sheets: solved in this browser), for Apply and swaps. */
  exactAnswers: ExactAnswer[];
  /** Narrows the long list of pairs on screen (never what Apply writes). */
  filter: PairFilter;
}

const state: State = { overview: null, options: emptyOptions(), preview: null, exactAnswers: [], filter: emptyFilter() };

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

async function loadTalkRequests(): Promise<void> {
  const section = byId('talk');
  let requests: TalkRequest[];
  // In Google Sheets, opening the sidebar first files the form responses waiting, so a request sent a
  // minute ago shows now; it also says what the teacher should know (emails not sent for lack of quota).
  const forms = await callServer('formsStatus').catch(() => null);
  const notices = forms?.notices ?? [];
  try {
    requests = await callServer('talkRequests');
  } catch {
    return; // the overview shows what went wrong reading the workbook
  }
  replaceChildren(section, ...talkSection(requests, (request) => void markHandled(request), notices));
  section.hidden = requests.length === 0 && notices.length === 0;
}

async function markHandled(request: TalkRequest): Promise<void> {
  // The list is read again inside the busy spell, so the sidebar settles with it up to date.
  const done = await busy('Marking it handled…', async () => {
    const marked = await callServer('markTalkHandled', request.responseId);
    await loadTalkRequests();
    return marked;
  });
  if (done === undefined) return;
  showStatus(`${request.studentName}'s request is marked handled.`, false);
}

async function loadMilestones(): Promise<void> {
  const section = byId('milestones');
  let milestones: Milestone[];
  try {
    milestones = await callServer('masteryMilestones');
  } catch {
    return; // the overview shows what went wrong reading the workbook
  }
  replaceChildren(section, ...milestonesSection(milestones, (milestone, endPair) => void confirmMilestone(milestone, endPair)));
  section.hidden = milestones.length === 0;
}

async function confirmMilestone(milestone: Milestone, endPair: boolean): Promise<void> {
  const done = await busy('Updating the roster…', async () => {
    const confirmed = await callServer('confirmMilestone', milestone.pairId, endPair);
    await loadMilestones();
    return confirmed;
  });
  if (done === undefined) return;
  schedule.invalidate();
  showStatus(endPair ? `Pair ${milestone.pairId} ended: match again to give the tutor another tutee.` : `${milestone.tuteeName}'s ${milestone.subject} level raised.`, false);
}

async function loadOverview(): Promise<void> {
  const overview = await busy('Reading the roster…', () => callServer('getOverview'), () => void loadOverview());
  if (!overview) {
    replaceChildren(byId('summary'), h('li', {}, 'The roster could not be read.'));
    return;
  }
  state.overview = overview;
  renderOverview(overview);
  void loadTalkRequests();
  void loadMilestones();
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
  // Every choice re-runs the preview, so what is on screen is always what Apply writes.
  lock(pair: PreviewPair) {
    void rerun(toggleLock(state.options, pair), pair, 'lock');
  },
  exclude(pair: PreviewPair) {
    void rerun(exclude(state.options, pair), pair);
  },
  swap(pair: PreviewPair) {
    void showAlternatives(pair);
  },
};

const filterActions = {
  change(filter: PairFilter) {
    const active = document.activeElement?.id;
    state.filter = filter;
    renderPreview();
    if (active) document.getElementById(active)?.focus();
  },
};

function renderPreview(): void {
  if (!state.preview) return;
  replaceChildren(ui.preview(), ...previewSection(state.preview, state.options, pairActions, state.filter, filterActions));
  ui.preview().hidden = false;
  ui.apply().hidden = false;
  ui.apply().disabled = state.preview.problems.length > 0;
  ui.apply().title = state.preview.problems.length ? 'Fix the problems listed first' : 'Write these pairs to the Pairs tab';
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

/** The pairs on screen: a re-run stays close to them (the first run stays close to the Pairs tab). */
function shownPairs(): MatchOptions['shown'] {
  return state.preview?.pairs.map(({ tutorId, tuteeId, subject, block }) => ({ tutorId, tuteeId, subject, block }));
}

function showPreview(preview: Preview, options: MatchOptions): void {
  state.options = options;
  state.preview = withSheetLocks(preview, options);
  renderProblems(preview.problems);
  renderPreview();
}

/** A short exact solve, and a long one only when the short one proves nothing (core/matching/match.ts). */
const EXACT_ROUNDS = 2;

async function match(choices: MatchOptions): Promise<boolean> {
  const options = { ...choices, shown: shownPairs() };
  const first = await busy(`Matching ${studentsText()}…`, () => callServer('proposeMatches', options, []));
  if (!first) return false;
  let latest = { preview: first as Preview, task: first.exactTask, answers: [] as ExactAnswer[] };
  for (let round = 0; latest.task && round < EXACT_ROUNDS; round++) {
    const next = await finishInBrowser(options, latest.task, latest.answers);
    if (!next) break;
    latest = next;
  }
  state.exactAnswers = latest.answers;
  showPreview(latest.preview, options);
  const { placed, needs } = latest.preview.totals;
  showStatus(`${placed} of ${needs} needs placed.${latest.preview.changed ? ` ${latest.preview.changed} changed.` : ''}`, false);
  return true;
}

/**
 * The exact solve the server asked for, run in this browser, then the matching again with every
 * answer so far; null when it could not run (the preview before then stands, with its honest bound).
 */
async function finishInBrowser(options: MatchOptions, task: ExactTask, answers: ExactAnswer[]) {
  const answer = await busy('Checking whether a better matching exists (up to a minute)…', async () => {
    await nextFrame();
    return solveInBrowser(task);
  });
  if (!answer) return null;
  const withAnswer = [...answers, answer];
  const preview = await busy(`Matching ${studentsText()} with the best answer…`, () => callServer('proposeMatches', options, withAnswer));
  return preview ? { preview: preview as Preview, task: preview.exactTask, answers: withAnswer } : null;
}

/** Lets the browser paint the status line first (where no worker can run, the solve holds the page). */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 50));
}

async function findMatches(): Promise<void> {
  state.filter = emptyFilter();
  if (await match(state.options)) byId('preview-title').focus();
}

async function rerun(options: MatchOptions, need: PreviewPair, action?: string): Promise<void> {
  if (await match(options)) focusNeed(need, action);
}

async function showAlternatives(pair: PreviewPair): Promise<void> {
  const card = cardOf(pair);
  const panel = card?.querySelector<HTMLElement>('.alternatives');
  const toggle = card?.querySelector<HTMLElement>('[data-action="swap"]');
  if (!card || !panel || !toggle) return;
  const alternatives = await busy('Finding other tutors…', () =>
    callServer('alternatives', state.options, { tuteeId: pair.tuteeId, subject: pair.subject }, state.exactAnswers),
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

// --- apply, start and undo ---------------------------------------------------------------------

/**
 * Writes exactly the preview on screen. The server refuses (and sends the fresh preview) when the sheet
 * changed since, and asks first when started pairs would end.
 */
async function applyMatches(confirmEnding = false): Promise<void> {
  const preview = state.preview;
  if (!preview) return;
  const request = { options: state.options, fingerprint: preview.fingerprint, confirmEnding, exactAnswers: state.exactAnswers };
  const outcome = await busy('Writing pairs to the sheet…', () => callServer('applyMatches', request));
  if (!outcome) return;
  if (!outcome.applied) {
    showPreview(outcome.preview, state.options);
    if (outcome.why === 'confirm') askToConfirmEnding(outcome.message);
    else showError(outcome.message);
    return;
  }
  showApplied(outcome.report);
}

function askToConfirmEnding(message: string): void {
  const box = document.getElementById('ending');
  const confirm = button('End them and apply', () => void applyMatches(true), { class: 'action small', id: 'confirm-ending' });
  const question = h('div', { class: 'confirm', role: 'alertdialog', attrs: { 'aria-labelledby': 'confirm-text' } }, h('p', { id: 'confirm-text' }, message), confirm);
  (box ?? ui.preview()).prepend(question);
  box?.scrollIntoView();
  confirm.focus();
}

function showApplied(report: ApplyReport): void {
  schedule.invalidate();
  state.options = emptyOptions();
  state.preview = null;
  ui.preview().hidden = true;
  ui.apply().hidden = true;
  ui.find().textContent = 'Find matches';
  ui.find().className = 'action';
  replaceChildren(ui.report(), ...reportSection(report, { undo: () => void undoChange(report.version), start: (ids) => void startPairs(ids) }));
  ui.report().hidden = false;
  showStatus('Pairs and Waitlist written.', false);
  byId('report-title').focus();
}

async function startPairs(pairIds: string[] | 'all'): Promise<void> {
  const result = await busy('Starting pairs…', () => callServer('changePairs', 'start', pairIds));
  if (!result) return;
  schedule.invalidate();
  const pending = document.querySelectorAll('#report li.pending');
  for (const item of Array.from(pending)) {
    if (result.changed.some((c) => c.pairId === (item as HTMLElement).dataset.pairId)) item.remove();
  }
  const text = result.changed.length
    ? `Started ${result.changed.length} pair${result.changed.length === 1 ? '' : 's'} as ${result.changed[0].status}. Their sessions are in the Sessions tab: preview them there.`
    : 'No Proposed pairs left to start.';
  ui.report().append(h('p', { class: 'ok', id: 'started' }, text));
  if (pairIds === 'all' || !document.querySelector('#report li.pending')) document.getElementById('start-all')?.remove();
  showStatus(text, false);
}

async function undoChange(version: number): Promise<void> {
  const result = await busy('Undoing…', () => callServer('undoChange', version));
  if (!result) return;
  schedule.invalidate();
  replaceChildren(ui.report(), ...undoneSection(result));
  showStatus('refused' in result ? 'Nothing was undone.' : 'Undone.', false);
  byId('report-title').focus();
}

const schedule = setUpSchedule({ busy, showStatus });
setUpProgress({ busy, showStatus });
setUpAgendas({ busy, showStatus });
setUpMessages({ busy, showStatus });
setUpPeople({ busy, showStatus });

function start(): void {
  setUpTabs(byId('tabs'));
  ui.find().addEventListener('click', () => void findMatches());
  ui.apply().addEventListener('click', () => void applyMatches());
  void loadOverview();
}

start();
