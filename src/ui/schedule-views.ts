// Rendering of the Sessions tab's preview and report from server results. Pure DOM building, text only
// (see dom.ts); the controller in schedule.ts owns state and server calls.
import { h, plural } from './dom';
import type { ServerResult } from './server-client';

export type SchedulePreview = ServerResult<'previewSchedule'>;
export type ScheduleOutcome = ServerResult<'scheduleSessions'>;
export type CalendarReport = NonNullable<ServerResult<'calendarSyncStatus'>>;

/** What the local host offers instead of Calendar (it has no CalendarApp). */
export const LOCAL_CALENDAR_COMMAND = 'peer-tutoring schedule <workbook.xlsx> --ics sessions.ics';

function totals(items: [label: string, value: number][]): HTMLElement {
  return h(
    'dl',
    { class: 'totals' },
    ...items.map(([label, value]) => h('div', { class: 'total' }, h('dt', {}, label), h('dd', {}, String(value)))),
  );
}

function messageList(title: string, className: string, messages: readonly string[]): Node[] {
  if (!messages.length) return [];
  return [h('h3', {}, `${title} (${messages.length})`), h('ul', { class: `plain-list ${className}` }, ...messages.map((text) => h('li', {}, text)))];
}

/** Warnings (located at their Sessions row or roster cell) and pairs short of weekly sessions. */
function problemsPart(result: { warnings: readonly string[]; shortfalls: readonly string[] }): Node[] {
  return [...messageList('Warnings', 'schedule-warnings', result.warnings), ...messageList('Shortfalls', 'schedule-shortfalls', result.shortfalls)];
}

function changesText(change: { added: number; removed: number; moved: number }): string {
  if (!change.added && !change.removed && !change.moved) return 'The Sessions tab is already up to date.';
  return `Sessions tab: ${change.added} to add, ${change.moved} to move, ${change.removed} to remove.`;
}

function pairRow(pair: SchedulePreview['pairs'][number]): HTMLElement {
  return h(
    'tr',
    { attrs: { 'data-pair-id': pair.pairId } },
    h(
      'th',
      { attrs: { scope: 'row' } },
      h('span', { class: 'pair-names' }, pair.names),
      h('span', { class: 'pair-id' }, `${pair.pairId} · ${pair.subject}`),
      h('span', { class: 'pair-blocks' }, pair.blocks.join(', ')),
    ),
    h('td', { class: 'num sessions' }, String(pair.sessions)),
    h('td', { class: 'num events' }, String(pair.events)),
  );
}

function pairTable(pairs: SchedulePreview['pairs']): Node {
  if (!pairs.length) {
    return h('p', { class: 'gray' }, 'No Active or Trial pairs yet: start the pairs waiting above (or set their Status on the Pairs tab), then preview again.');
  }
  return h(
    'table',
    { class: 'schedule-pairs' },
    h('caption', { class: 'visually-hidden' }, 'Sessions and calendar event series per pair'),
    h(
      'thead',
      {},
      h('tr', {}, h('th', { attrs: { scope: 'col' } }, 'Pair'), h('th', { class: 'num', attrs: { scope: 'col' } }, 'Sessions'), h('th', { class: 'num', attrs: { scope: 'col', title: 'Calendar event series: one per weekly slot' } }, 'Events')),
    ),
    h('tbody', {}, ...pairs.map(pairRow)),
  );
}

export function schedulePreviewSection(preview: SchedulePreview): Node[] {
  return [
    h('h2', { id: 'schedule-preview-title', attrs: { tabindex: '-1' } }, 'Schedule preview'),
    totals([
      ['Pairs', preview.pairs.length],
      ['Sessions', preview.sessions],
      ['Event series', preview.events],
    ]),
    // With no pairs there is nothing to be up to date with: the table says what to do instead.
    ...(preview.pairs.length || preview.removed ? [h('p', { class: 'schedule-changes' }, changesText(preview))] : []),
    h('p', { class: 'gray' }, 'Calendar: one recurring event per pair and weekly slot, without no-school days.'),
    // Before the table, which can run to hundreds of rows: a warning at its end would go unseen.
    ...problemsPart(preview),
    h('h3', { class: 'visually-hidden' }, 'Per pair'),
    pairTable(preview.pairs),
  ];
}

/** The Calendar part of a report: totals, what is left, or what to do where there is no Calendar. */
export function calendarPart(calendar: CalendarReport | null): Node[] {
  const title = h('h3', {}, 'Calendar');
  if (!calendar) {
    return [
      title,
      h('p', { class: 'calendar-local' }, 'Calendar sync runs in Google Sheets. Locally, export the sessions as an iCalendar file with'),
      h('code', { class: 'command' }, LOCAL_CALENDAR_COMMAND),
    ];
  }
  // Another teacher's calendar, not shared with this account: say whom to ask, claim no progress.
  if (calendar.blocked) return [title, h('p', { class: 'calendar-blocked' }, calendar.blocked)];
  const left = calendar.done
    ? h('p', { class: 'ok calendar-done' }, `Calendar is up to date (${plural(calendar.unchanged, 'series', 'series')} unchanged).`)
    : h(
        'p',
        { class: 'calendar-remaining' },
        h('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }),
        // Add-ons may only come back hourly (Google's limit); the open sidebar and the button go on at once.
        h('span', {}, `${plural(calendar.remaining, 'Calendar change')} left: continues within the hour, or now when you press Continue or open the sidebar.`),
      );
  const continueButton = calendar.done ? [] : [h('button', { class: 'secondary', attrs: { type: 'button', id: 'calendar-continue' } }, 'Continue now')];
  return [
    title,
    totals([
      ['Created', calendar.created],
      ['Updated', calendar.updated],
      ['Ended', calendar.ended],
      ['Recreated', calendar.recreated],
    ]),
    left,
    ...continueButton,
    ...messageList('Calendar notices', 'calendar-notices', calendar.notices),
  ];
}

export function scheduleReportSection(outcome: ScheduleOutcome): Node[] {
  const { sessions } = outcome;
  return [
    h('h2', { id: 'schedule-report-title', attrs: { tabindex: '-1' } }, sessions.written ? 'Sessions created' : 'Sessions up to date'),
    totals([
      ['Added', sessions.added],
      ['Removed', sessions.removed],
      ['Moved', sessions.moved],
      ['Kept', sessions.kept],
    ]),
    h(
      'p',
      { class: 'gray' },
      `The Sessions tab has ${plural(sessions.sessions, 'session')}. ` +
        (sessions.version === null ? 'Nothing changed, so nothing was written.' : `The previous Sessions are kept as version ${sessions.version}.`),
    ),
    h('div', { id: 'calendar-report' }, ...calendarPart(outcome.calendar)),
    ...problemsPart(sessions),
  ];
}
