// Rendering of the sidebar's sections from server results. Pure DOM building: every name, subject and
// reason goes in as text (see dom.ts); the controller in sidebar.ts owns state and server calls.
import { optimalityLabel } from '../core/matching/proof';
import type { MatchOptions } from '../sheets/matching/service';
import { isLockedChoice, isSwappedChoice, type Need } from './choices';
import { button, h, plural } from './dom';
import type { ServerResult } from './server-client';

export type Overview = ServerResult<'getOverview'>;
/** A preview as shown (the exact task it may carry is the controller's business, see exact-solver.ts). */
export type Preview = Omit<ServerResult<'proposeMatches'>, 'exactTask'>;
export type PreviewPair = Preview['pairs'][number];
export type ProblemItem = Overview['problems'][number];
export type Alternative = ServerResult<'alternatives'>[number];
export type ApplyOutcome = ServerResult<'applyMatches'>;
export type ApplyReport = Extract<ApplyOutcome, { applied: true }>['report'];
export type AwaitingStart = ServerResult<'pairsAwaitingStart'>;
export type PendingPair = AwaitingStart['proposed'][number];

/** The program at a glance: one short line per topic, and what needs the teacher's attention. */
export function summaryLines(overview: Overview): Node[] {
  const s = overview.summary;
  const attention = [
    s.missingConsent ? `${plural(s.missingConsent, 'student')} without guardian consent` : '',
    s.untrainedTutors ? `${plural(s.untrainedTutors, 'tutor')} not yet trained` : '',
  ].filter(Boolean);
  return [
    h('li', {}, `${plural(s.students, 'student')} · ${s.active} active`),
    h('li', {}, `${plural(s.tutors, 'tutor')} · ${plural(s.tutees, 'tutee')} · ${s.both} both`),
    h('li', {}, `${plural(s.needs, 'need')} in ${plural(s.subjects.length, 'subject')} · ${plural(s.blocks, 'block')}`),
    ...attention.map((text) => h('li', { class: 'attention' }, text)),
  ];
}

/** Roster problems, each a button that selects the cell concerned. */
export function problemsSection(problems: ProblemItem[], select: (problem: ProblemItem) => void, recheck: () => void): Node[] {
  const title = h('h2', { id: 'problems-title' }, problems.length ? `${plural(problems.length, 'roster problem')}` : 'Roster');
  if (!problems.length) return [title, h('p', { class: 'ok' }, 'No roster problems found.')];
  const items = problems.map((problem) =>
    h(
      'li',
      {},
      button(problem.text, () => select(problem), {
        class: 'link',
        title: problem.row > 0 ? `Go to ${problem.tab} row ${problem.row}` : `Go to the ${problem.tab} tab`,
      }),
    ),
  );
  return [
    title,
    h('p', { class: 'gray' }, 'These students are left out of matching until fixed. Select a problem to go to its cell.'),
    h('ul', { class: 'problem-list' }, ...items),
    button('Check roster again', recheck, { class: 'secondary small' }),
  ];
}

function totalsList(totals: Preview['totals']): HTMLElement {
  const load = Number.isFinite(totals.averageLoad) ? totals.averageLoad.toFixed(1) : '0';
  const item = (label: string, value: string) => h('div', { class: 'total' }, h('dt', {}, label), h('dd', {}, value));
  return h(
    'dl',
    { class: 'totals' },
    item('Needs placed', `${totals.placed} / ${totals.needs}`),
    item('Tutors used', String(totals.tutorsUsed)),
    item('Average load', load),
    // "optimal" only with the matcher's proof; otherwise how far from the best it can be at most.
    ...(totals.proof ? [h('div', { class: 'total proof' }, h('dt', {}, 'Matching'), h('dd', { title: PROOF_HINT }, optimalityLabel(totals.proof)))] : []),
  );
}

const PROOF_HINT = 'Proven by the matcher: "optimal" means no matching places more needs, or as many with a better score.';

export interface PairActions {
  lock(pair: PreviewPair): void;
  exclude(pair: PreviewPair): void;
  swap(pair: PreviewPair): void;
}

/** A key that finds a need's card again after a re-render. */
export const needKey = (need: Need) => `${need.tuteeId}\u0001${need.subject.trim().toLowerCase()}`;

/** In the controller's preview, `pair.locked` means locked in the Pairs tab (not by a choice here). */
function pairBadges(pair: PreviewPair, options: MatchOptions): Node[] {
  const badges: Node[] = [h('span', { class: 'badge' }, pair.pairId === 'new' ? 'New' : `Keeps ${pair.pairId}`)];
  if (isSwappedChoice(options, pair)) badges.push(h('span', { class: 'badge swapped' }, 'Swapped'));
  if (pair.locked) badges.push(h('span', { class: 'badge locked' }, 'Locked in sheet'));
  if (pair.change) badges.push(h('span', { class: 'badge changed' }, 'Changed'));
  return badges;
}

function pairButtons(pair: PreviewPair, options: MatchOptions, actions: PairActions): HTMLElement {
  const names = `${pair.tutorName} and ${pair.tuteeName}, ${pair.subject}`;
  const lockedInSheet = pair.locked;
  const lock = button('Lock', () => actions.lock(pair), {
    class: 'secondary small toggle',
    disabled: lockedInSheet,
    title: lockedInSheet ? 'Locked in the Pairs tab: unlock it there' : 'Keep this pair when matching again and when applying',
    attrs: { 'aria-pressed': String(pair.locked || isLockedChoice(options, pair)), 'aria-label': `Lock ${names}`, 'data-action': 'lock' },
  });
  const exclude = button('Exclude', () => actions.exclude(pair), {
    class: 'secondary small',
    disabled: lockedInSheet,
    title: 'Never pair these two in this subject; match again without them',
    attrs: { 'aria-label': `Exclude ${names}`, 'data-action': 'exclude' },
  });
  const swap = button('Swap tutor', () => actions.swap(pair), {
    class: 'secondary small',
    disabled: lockedInSheet,
    title: 'Choose another tutor for this tutee',
    attrs: { 'aria-label': `Swap tutor for ${pair.tuteeName}, ${pair.subject}`, 'data-action': 'swap', 'aria-expanded': 'false' },
  });
  return h('div', { class: 'pair-actions' }, lock, exclude, swap);
}

function pairCard(pair: PreviewPair, options: MatchOptions, actions: PairActions): HTMLElement {
  return h(
    'li',
    {
      class: 'pair',
      attrs: {
        tabindex: '-1',
        'data-need': needKey(pair),
        'data-tutor-id': pair.tutorId,
        'data-tutee-id': pair.tuteeId,
        'data-subject': pair.subject,
        'data-block': pair.block,
      },
    },
    h(
      'p',
      { class: 'pair-names' },
      h('span', { class: 'tutor' }, pair.tutorName),
      h('span', { class: 'arrow', attrs: { 'aria-hidden': 'true' } }, ' → '),
      h('span', { class: 'visually-hidden' }, ' tutors '),
      h('span', { class: 'tutee' }, pair.tuteeName),
    ),
    h('p', { class: 'pair-meta' }, `${pair.block} · score ${Math.round(pair.score)} `, ...pairBadges(pair, options)),
    pair.change ? h('p', { class: 'change' }, pair.change) : null,
    h('p', { class: 'why' }, pair.why),
    pairButtons(pair, options, actions),
    h('div', { class: 'alternatives', hidden: true }),
  );
}

function groupBySubject(pairs: PreviewPair[]): Map<string, PreviewPair[]> {
  const groups = new Map<string, PreviewPair[]>();
  for (const pair of pairs) {
    const key = pair.subject.trim().toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), pair]);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** What the teacher narrowed the long list to. */
export interface PairFilter {
  text: string;
  subject: string;
  only: 'all' | 'changed' | 'chosen';
  /** How many matching pairs are shown (the rest behind "Show more"). */
  limit: number;
}

export const PAGE_SIZE = 40;

export function emptyFilter(): PairFilter {
  return { text: '', subject: '', only: 'all', limit: PAGE_SIZE };
}

function matchesFilter(pair: PreviewPair, filter: PairFilter, options: MatchOptions): boolean {
  const text = filter.text.trim().toLowerCase();
  if (text && ![pair.tutorName, pair.tuteeName, pair.tutorId, pair.tuteeId].some((value) => value.toLowerCase().includes(text))) return false;
  if (filter.subject && pair.subject.trim().toLowerCase() !== filter.subject) return false;
  if (filter.only === 'changed') return pair.change !== '';
  if (filter.only === 'chosen') return pair.locked || isLockedChoice(options, pair) || isSwappedChoice(options, pair);
  return true;
}

export interface FilterActions {
  change(filter: PairFilter): void;
}

function filterControls(preview: Preview, filter: PairFilter, actions: FilterActions): HTMLElement {
  const search = h('input', { type: 'search', id: 'pair-search', attrs: { placeholder: 'Find a student', 'aria-label': 'Find a student by name or ID', value: filter.text } });
  search.value = filter.text;
  search.addEventListener('input', () => actions.change({ ...filter, text: search.value, limit: PAGE_SIZE }));
  const subjects = [...new Set(preview.pairs.map((pair) => pair.subject.trim().toLowerCase()))].sort();
  const subject = h(
    'select',
    { id: 'pair-subject', attrs: { 'aria-label': 'Subject' } },
    h('option', { attrs: { value: '' } }, 'All subjects'),
    ...subjects.map((key) => h('option', { attrs: { value: key } }, preview.pairs.find((p) => p.subject.trim().toLowerCase() === key)!.subject)),
  );
  subject.value = filter.subject;
  subject.addEventListener('change', () => actions.change({ ...filter, subject: subject.value, limit: PAGE_SIZE }));
  const only = h(
    'select',
    { id: 'pair-only', attrs: { 'aria-label': 'Show' } },
    h('option', { attrs: { value: 'all' } }, 'All pairs'),
    h('option', { attrs: { value: 'changed' } }, `Changed (${preview.changed})`),
    h('option', { attrs: { value: 'chosen' } }, 'Locked or swapped'),
  );
  only.value = filter.only;
  only.addEventListener('change', () => actions.change({ ...filter, only: only.value as PairFilter['only'], limit: PAGE_SIZE }));
  return h('div', { class: 'filters', role: 'search' }, search, h('div', { class: 'filter-row' }, subject, only));
}

function pairGroups(preview: Preview, options: MatchOptions, actions: PairActions, filter: PairFilter, filterActions: FilterActions): Node[] {
  if (!preview.pairs.length) return [h('p', { class: 'gray' }, 'No pairs could be made: see the waitlist for why.')];
  const matching = preview.pairs.filter((pair) => matchesFilter(pair, filter, options));
  const shown = matching.slice(0, filter.limit);
  const groups = [...groupBySubject(shown).values()].map((group) =>
    h(
      'details',
      { class: 'subject-group', attrs: { open: '' } },
      h('summary', {}, h('span', { class: 'subject-name' }, group[0].subject), ' ', h('span', { class: 'count' }, plural(group.length, 'pair'))),
      h('ul', { class: 'pair-list' }, ...group.map((pair) => pairCard(pair, options, actions))),
    ),
  );
  const count = h('p', { class: 'gray', id: 'pair-count' }, matching.length === preview.pairs.length ? `${plural(matching.length, 'pair')}` : `${matching.length} of ${plural(preview.pairs.length, 'pair')}`);
  const more =
    matching.length > shown.length
      ? button(`Show ${Math.min(PAGE_SIZE, matching.length - shown.length)} more of ${matching.length - shown.length}`, () => filterActions.change({ ...filter, limit: filter.limit + PAGE_SIZE }), {
          class: 'secondary small',
          id: 'show-more',
        })
      : null;
  return [count, ...(shown.length ? groups : [h('p', { class: 'gray' }, 'No pair matches.')]), ...(more ? [more] : [])];
}

function waitlistPart(waitlist: Preview['waitlist']): Node[] {
  if (!waitlist.length) return [h('p', { class: 'ok' }, 'Every need is placed.')];
  const items = waitlist.map((entry) =>
    h(
      'li',
      {},
      h('span', { class: 'name' }, entry.name),
      ` · ${entry.subject}`,
      entry.change ? h('span', { class: 'change' }, entry.change) : null,
      h('span', { class: 'reason' }, entry.reason),
    ),
  );
  return [
    h(
      'details',
      { class: 'waitlist-group', attrs: waitlist.length <= 10 ? { open: '' } : {} },
      h('summary', {}, h('span', { class: 'subject-name' }, `Waitlist (${waitlist.length})`)),
      h('ul', { class: 'plain-list waitlist' }, ...items),
    ),
  ];
}

function endingPart(ending: Preview['ending']): Node[] {
  if (!ending.length) return [];
  const items = ending.map((pair) =>
    h(
      'li',
      {},
      h('span', { class: 'name' }, `${pair.tutorName} tutoring ${pair.tuteeName}`),
      ` · ${pair.subject} (${pair.pairId}, ${pair.status})`,
      h('span', { class: 'reason' }, pair.reason),
    ),
  );
  return [h('div', { class: 'ending-box', id: 'ending' }, h('h3', {}, `Pairs that would end (${ending.length})`), h('ul', { class: 'plain-list ending' }, ...items))];
}

function choicesText(options: MatchOptions, preview: Preview): string {
  const parts = [
    options.locked.length ? `${options.locked.length} locked` : '',
    options.swapped.length ? `${options.swapped.length} swapped` : '',
    options.excluded.length ? `${options.excluded.length} excluded` : '',
  ].filter(Boolean);
  const kept = preview.keptExclusions ? ` ${plural(preview.keptExclusions, 'pair')} excluded earlier (Exclusions tab).` : '';
  return parts.length ? `Your choices: ${parts.join(', ')}; they are kept when you apply.${kept}` : kept.trim();
}

function problemsNotice(preview: Preview): Node[] {
  if (!preview.problems.length) return [];
  return [
    h(
      'p',
      { class: 'notice attention', id: 'apply-blocked' },
      `Apply waits until the ${plural(preview.problems.length, 'problem')} above ${preview.problems.length === 1 ? 'is' : 'are'} fixed: until then the students concerned are left out of this preview.`,
    ),
  ];
}

function changesNotice(preview: Preview): Node[] {
  if (preview.comparedWith === 'nothing') return [];
  const since = preview.comparedWith === 'preview' ? 'the previous preview' : 'the Pairs tab';
  if (!preview.changed) return [h('p', { class: 'gray', id: 'changes' }, `Nothing changed since ${since}.`)];
  return [h('p', { class: 'notice', id: 'changes' }, `${plural(preview.changed, 'need')} changed since ${since}: marked Changed, with why.`)];
}

export function previewSection(
  preview: Preview,
  options: MatchOptions,
  actions: PairActions,
  filter: PairFilter,
  filterActions: FilterActions,
): Node[] {
  const choices = choicesText(options, preview);
  return [
    h('h2', { id: 'preview-title', attrs: { tabindex: '-1' } }, 'Proposed pairs'),
    totalsList(preview.totals),
    ...problemsNotice(preview),
    ...changesNotice(preview),
    ...(choices ? [h('p', { class: 'gray choices' }, choices)] : []),
    ...endingPart(preview.ending),
    ...waitlistPart(preview.waitlist),
    h('p', { class: 'gray legend' }, 'Each pair reads tutor → tutee: the first student tutors the second.'),
    filterControls(preview, filter, filterActions),
    ...pairGroups(preview, options, actions, filter, filterActions),
  ];
}

/** The feasible tutors for one need, each with a button that chooses it. */
export function alternativesPanel(
  pair: PreviewPair,
  alternatives: Alternative[],
  choose: (alternative: Alternative) => void,
  cancel: () => void,
): Node[] {
  const others = alternatives.filter((a) => !(a.tutorId === pair.tutorId && a.block === pair.block));
  const heading = h('p', { class: 'alternatives-title', attrs: { tabindex: '-1' } }, `Other tutors for ${pair.tuteeName} in ${pair.subject}`);
  if (!others.length) {
    return [heading, h('p', { class: 'gray' }, 'No other tutor can take this tutee.'), button('Close', cancel, { class: 'secondary small' })];
  }
  const items = others.map((alternative) =>
    h(
      'li',
      { class: 'alternative', attrs: { 'data-tutor-id': alternative.tutorId, 'data-block': alternative.block } },
      h(
        'div',
        { class: 'alternative-head' },
        h('p', { class: 'pair-names' }, h('span', { class: 'tutor' }, alternative.tutorName)),
        button('Choose', () => choose(alternative), {
          class: 'action small',
          attrs: { 'aria-label': `Choose ${alternative.tutorName}, ${alternative.block}` },
        }),
      ),
      h('p', { class: 'pair-meta' }, `${alternative.block} · score ${Math.round(alternative.score)}`),
      h('p', { class: 'why' }, alternative.why),
    ),
  );
  return [heading, h('ul', { class: 'alternative-list' }, ...items), button('Cancel', cancel, { class: 'secondary small' })];
}

export interface ReportActions {
  undo(): void;
  start(pairIds: string[] | 'all'): void;
}

export function reportSection(report: ApplyReport, actions: ReportActions): Node[] {
  return [
    h('h2', { id: 'report-title', attrs: { tabindex: '-1' } }, 'Applied'),
    h(
      'p',
      {},
      `Wrote ${plural(report.pairsWritten, 'pair')} to the Pairs tab (${report.newPairs} new), ` +
        `${plural(report.waitlisted, 'need')} to the Waitlist` +
        (report.ended ? `, and ended ${plural(report.ended, 'pair')}` : '') +
        (report.excluded ? `; ${plural(report.excluded, 'exclusion')} kept in the Exclusions tab.` : '.'),
    ),
    button('Undo this apply', actions.undo, { class: 'secondary small', id: 'undo' }),
    ...startPart(report.proposed, report.startsAs, actions.start),
  ];
}

/** Proposed pairs wait for the teacher: start them all, or one by one. */
export function startPart(proposed: PendingPair[], startsAs: string, start: (pairIds: string[] | 'all') => void): Node[] {
  if (!proposed.length) return [];
  const items = proposed.map((pair) =>
    h(
      'li',
      { class: 'pending', attrs: { 'data-pair-id': pair.pairId } },
      h('span', { class: 'name' }, `${pair.tutorName} → ${pair.tuteeName}`),
      ` · ${pair.subject}, ${pair.block} (${pair.pairId}) `,
      button('Start', () => start([pair.pairId]), { class: 'secondary small', attrs: { 'aria-label': `Start ${pair.pairId}` } }),
    ),
  );
  return [
    h('h3', { id: 'start-title' }, `${plural(proposed.length, 'pair')} waiting to start`),
    h('p', { class: 'gray' }, `Started pairs become ${startsAs} and get sessions in the Sessions tab.`),
    button(`Start all ${proposed.length} as ${startsAs}`, () => start('all'), { class: 'action', id: 'start-all' }),
    h('details', { class: 'pending-group' }, h('summary', {}, 'Start one by one'), h('ul', { class: 'plain-list' }, ...items)),
  ];
}

/** Trial pairs: confirm (Active) or end (the tutee is matched again). */
export function trialPart(trial: PendingPair[], act: (action: 'confirm' | 'end', pairIds: string[]) => void): Node[] {
  if (!trial.length) return [];
  const items = trial.map((pair) =>
    h(
      'li',
      { class: 'pending', attrs: { 'data-pair-id': pair.pairId } },
      h('span', { class: 'name' }, `${pair.tutorName} → ${pair.tuteeName}`),
      ` · ${pair.subject} (${pair.pairId}) `,
      button('Confirm', () => act('confirm', [pair.pairId]), { class: 'secondary small', attrs: { 'aria-label': `Confirm ${pair.pairId}` } }),
      button('Re-match', () => act('end', [pair.pairId]), { class: 'secondary small', attrs: { 'aria-label': `End ${pair.pairId} and match again` } }),
    ),
  );
  return [
    h('h3', {}, `${plural(trial.length, 'pair')} on trial`),
    h('p', { class: 'gray' }, 'Confirm makes a pair Active. Re-match ends it: the next matching finds the tutee another tutor.'),
    h('ul', { class: 'plain-list' }, ...items),
  ];
}

export function undoneSection(result: ServerResult<'undoChange'>): Node[] {
  if ('refused' in result) {
    return [h('h2', { id: 'report-title', attrs: { tabindex: '-1' } }, 'Not undone'), h('p', { class: 'notice attention' }, result.refused)];
  }
  return [
    h('h2', { id: 'report-title', attrs: { tabindex: '-1' } }, 'Undone'),
    h('p', {}, `Restored ${result.restored.join(' and ')} as they were before "${result.label}".`),
  ];
}

export type TalkRequest = ServerResult<'talkRequests'>[number];

/** Students who asked to talk to a teacher, each until the teacher marks it handled; above them, what the forms' status says. */
export function talkSection(requests: TalkRequest[], handled: (request: TalkRequest) => void, notices: string[] = []): Node[] {
  const items = requests.map((request) =>
    h(
      'li',
      { class: 'talk-request', attrs: { 'data-response-id': request.responseId } },
      request.concern ? h('span', { class: 'badge urgent' }, 'Urgent concern') : null,
      h('span', { class: 'name' }, `${request.studentName} (${request.role.toLowerCase()})`),
      ` · ${request.submitted.slice(0, 10)} · session ${request.sessionId}`,
      request.concern && request.worry ? h('span', { class: 'reason' }, `What worried them: ${request.worry}`) : null,
      request.whatWasHard ? h('span', { class: 'reason' }, `What was hard: ${request.whatWasHard}`) : null,
      button('Handled', () => handled(request), { class: 'secondary small', attrs: { 'aria-label': `Mark ${request.studentName}'s request handled` } }),
    ),
  );
  const concerns = requests.filter((request) => request.concern).length;
  const title = concerns
    ? `${plural(concerns, 'urgent concern')}${requests.length > concerns ? `, ${plural(requests.length - concerns, 'request')} to talk` : ''}`
    : requests.length ? `${plural(requests.length, 'student asks', 'students ask')} to talk to a teacher` : 'Form responses';
  return [
    h('h2', { id: 'talk-title' }, title),
    ...notices.map((notice) => h('p', { class: 'notice attention' }, notice)),
    ...(requests.length ? [h('ul', { class: 'plain-list' }, ...items)] : []),
  ];
}

export type Milestone = ServerResult<'masteryMilestones'>[number];

const LEVEL_NAMES = ['', 'beginning', 'developing', 'proficient', 'advanced'];

/** Tutees who mastered every skill of their pair's subject: the teacher raises the level, keeps or ends the pair. */
export function milestonesSection(milestones: Milestone[], confirm: (milestone: Milestone, endPair: boolean) => void): Node[] {
  const items = milestones.map((m) => {
    const raise = m.nextLevel >= 4 ? `${m.subject} leaves their Needs help with` : `${m.subject} goes to level ${m.nextLevel} (${LEVEL_NAMES[m.nextLevel]})`;
    const buttons = m.canRaise
      ? [
          m.canKeepPair ? button('Raise, keep pair', () => confirm(m, false), { class: 'secondary small', attrs: { 'aria-label': `Raise ${m.tuteeName}'s ${m.subject} level and keep pair ${m.pairId}` } }) : null,
          button('Raise, end pair', () => confirm(m, true), { class: 'secondary small', attrs: { 'aria-label': `Raise ${m.tuteeName}'s ${m.subject} level and end pair ${m.pairId}` } }),
        ]
      : [button('End pair', () => confirm(m, true), { class: 'secondary small', attrs: { 'aria-label': `End pair ${m.pairId}` } })];
    return h(
      'li',
      { class: 'milestone', attrs: { 'data-pair-id': m.pairId } },
      h('span', { class: 'name' }, m.tuteeName),
      ` mastered all ${plural(m.skills, `${m.subject} skill`)} with ${m.tutorName}.`,
      h('span', { class: 'reason' }, m.canRaise ? `Proposed: ${raise}.` : `${m.subject} is their only need: change the roster yourself if they are done.`),
      h('div', { class: 'pair-actions' }, ...buttons),
    );
  });
  // A long list would push matching out of sight: beyond a few, it opens on demand.
  return [
    h('h2', { id: 'milestones-title' }, `${plural(milestones.length, 'subject')} mastered`),
    h('details', { attrs: milestones.length <= 3 ? { open: '' } : {} }, h('summary', {}, 'Raise levels, keep or end pairs'), h('ul', { class: 'plain-list' }, ...items)),
  ];
}
