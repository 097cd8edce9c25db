// Rendering of the sidebar's sections from server results. Pure DOM building: every name, subject and
// reason goes in as text (see dom.ts); the controller in sidebar.ts owns state and server calls.
import type { MatchOptions } from '../sheets/matching-service';
import { isLockedChoice, isSwappedChoice, type Need } from './choices';
import { button, h, plural } from './dom';
import type { ServerResult } from './server-client';

export type Overview = ServerResult<'getOverview'>;
export type Preview = ServerResult<'proposeMatches'>;
export type PreviewPair = Preview['pairs'][number];
export type ProblemItem = Overview['problems'][number];
export type Alternative = ServerResult<'alternatives'>[number];
export type ApplyReport = ServerResult<'applyMatches'>;

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
  );
}

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

function pairGroups(pairs: PreviewPair[], options: MatchOptions, actions: PairActions): Node[] {
  if (!pairs.length) return [h('p', { class: 'gray' }, 'No pairs could be made: see the waitlist for why.')];
  return [...groupBySubject(pairs).values()].map((group) =>
    h(
      'details',
      { class: 'subject-group', attrs: { open: '' } },
      h('summary', {}, h('span', { class: 'subject-name' }, group[0].subject), ' ', h('span', { class: 'count' }, plural(group.length, 'pair'))),
      h('ul', { class: 'pair-list' }, ...group.map((pair) => pairCard(pair, options, actions))),
    ),
  );
}

function waitlistPart(waitlist: Preview['waitlist']): Node[] {
  const title = h('h3', {}, `Waitlist (${waitlist.length})`);
  if (!waitlist.length) return [title, h('p', { class: 'ok' }, 'Every need is placed.')];
  const items = waitlist.map((entry) =>
    h('li', {}, h('span', { class: 'name' }, entry.name), ` · ${entry.subject}`, h('span', { class: 'reason' }, entry.reason)),
  );
  return [title, h('ul', { class: 'plain-list waitlist' }, ...items)];
}

function endingPart(ending: Preview['ending']): Node[] {
  if (!ending.length) return [];
  const items = ending.map((pair) =>
    h('li', {}, h('span', { class: 'name' }, `${pair.tutorName} → ${pair.tuteeName}`), ` · ${pair.subject} (${pair.pairId})`),
  );
  return [h('h3', {}, `Pairs that would end (${ending.length})`), h('ul', { class: 'plain-list ending' }, ...items)];
}

function choicesText(options: MatchOptions): string {
  const parts = [
    options.locked.length ? `${options.locked.length} locked` : '',
    options.swapped.length ? `${options.swapped.length} swapped` : '',
    options.excluded.length ? `${options.excluded.length} excluded` : '',
  ].filter(Boolean);
  return parts.length ? `Your choices: ${parts.join(', ')}.` : '';
}

export function previewSection(preview: Preview, options: MatchOptions, actions: PairActions): Node[] {
  const choices = choicesText(options);
  return [
    h('h2', { id: 'preview-title', attrs: { tabindex: '-1' } }, 'Proposed pairs'),
    totalsList(preview.totals),
    ...(choices ? [h('p', { class: 'gray choices' }, choices)] : []),
    ...pairGroups(preview.pairs, options, actions),
    ...waitlistPart(preview.waitlist),
    ...endingPart(preview.ending),
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

export function reportSection(report: ApplyReport, undo: () => void): Node[] {
  return [
    h('h2', { id: 'report-title', attrs: { tabindex: '-1' } }, 'Applied'),
    h(
      'p',
      {},
      `Wrote ${plural(report.pairsWritten, 'pair')} to the Pairs tab (${report.newPairs} new), ` +
        `${plural(report.waitlisted, 'need')} to the Waitlist` +
        (report.ended ? `, and ended ${plural(report.ended, 'pair')}.` : '.'),
    ),
    h('p', { class: 'gray' }, `The previous Pairs and Waitlist are kept as version ${report.version}.`),
    button('Undo', undo, { class: 'secondary', id: 'undo' }),
  ];
}

export function undoneSection(restored: string[]): Node[] {
  return [
    h('h2', { id: 'report-title', attrs: { tabindex: '-1' } }, 'Undone'),
    h('p', {}, restored.length ? `Restored ${restored.join(' and ')} as they were before applying.` : 'There was nothing to undo.'),
  ];
}
