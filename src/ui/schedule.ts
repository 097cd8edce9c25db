// The Sessions tab: preview the schedule (sessions and calendar event series per pair), then create
// the sessions and sync Calendar. A Calendar sync cut by Apps Script's limits is left as pending work,
// which the document's hourly trigger continues; while the sidebar is open it continues it itself, in
// short runs (and at once when the teacher presses Continue now).
import { byId, replaceChildren } from './dom';
import { callServer } from './server-client';
import { startPart, trialPart } from './views';
import { calendarPart, schedulePreviewSection, scheduleReportSection, type CalendarReport } from './schedule-views';

/** Progress and errors are shared with the matching tab (one status line, one alert). */
export interface Feedback {
  busy<T>(progress: string, task: () => Promise<T>, retry?: () => void): Promise<T | undefined>;
  showStatus(text: string, busy: boolean): void;
}

/** Pause between the sidebar's short continuation runs, leaving the document lock to the teacher's own actions. */
export const CALENDAR_POLL_MS = 30000;

const ui = {
  preview: () => byId('schedule-preview'),
  report: () => byId('schedule-report'),
  previewButton: () => byId<HTMLButtonElement>('schedule-preview-button'),
  create: () => byId<HTMLButtonElement>('schedule-create'),
  sendInvitations: () => byId<HTMLInputElement>('send-invitations'),
  pending: () => byId('schedule-pending'),
};

export function setUpSchedule(feedback: Feedback): { invalidate(): void } {
  let pollTimer: number | undefined;

  function stopPolling(): void {
    window.clearTimeout(pollTimer);
    pollTimer = undefined;
  }

  /** Runs a share of the pending Calendar work after `delay`, shows where it stands, and goes on until done. */
  function pollCalendar(delay = CALENDAR_POLL_MS): void {
    window.clearTimeout(pollTimer);
    pollTimer = window.setTimeout(async () => {
      let status: CalendarReport | null;
      try {
        status = await callServer('continuePendingWork');
      } catch {
        return pollCalendar(); // busy or failed: no news, try again later
      }
      const part = document.getElementById('calendar-report');
      if (part && status) replaceChildren(part, ...calendarPart(status));
      else if (status && !status.done) feedback.showStatus(leftText(status), true);
      if (!status || status.done) {
        if (status) feedback.showStatus('Calendar sync finished.', false);
        pollTimer = undefined;
      } else pollCalendar();
    }, delay);
  }

  /** Opening the sidebar continues work a run left over (the hourly trigger would otherwise get to it). */
  async function continueLeftOverWork(): Promise<void> {
    const status = await callServer('calendarSyncStatus').catch(() => null);
    if (!status || status.done || pollTimer !== undefined) return;
    feedback.showStatus(leftText(status), true);
    pollCalendar(0);
  }

  function leftText(status: CalendarReport): string {
    return `${status.remaining} Calendar changes left: continuing now.`;
  }

  /** A preview is only good until the next write: the Create button needs a fresh one. */
  function invalidate(): void {
    ui.preview().hidden = true;
    ui.create().hidden = true;
    ui.previewButton().textContent = 'Preview schedule';
    ui.previewButton().className = 'action';
  }

  /** Pairs that wait for the teacher get no sessions: say so here, and let the teacher start them. */
  async function showPending(): Promise<void> {
    const pending = await callServer('pairsAwaitingStart');
    const act = (action: 'start' | 'confirm' | 'end', pairIds: string[] | 'all') => void changePairs(action, pairIds);
    const parts = [...startPart(pending.proposed, pending.startsAs, (ids) => act('start', ids)), ...trialPart(pending.trial, act)];
    replaceChildren(ui.pending(), ...parts);
    ui.pending().hidden = parts.length === 0;
  }

  async function changePairs(action: 'start' | 'confirm' | 'end', pairIds: string[] | 'all'): Promise<void> {
    const result = await feedback.busy('Updating pairs…', () => callServer('changePairs', action, pairIds));
    if (!result) return;
    const verb = action === 'start' ? 'Started' : action === 'confirm' ? 'Confirmed' : 'Ended';
    feedback.showStatus(`${verb} ${result.changed.length} pair${result.changed.length === 1 ? '' : 's'}.`, false);
    await preview();
  }

  async function preview(): Promise<void> {
    const result = await feedback.busy('Planning sessions…', async () => {
      await showPending();
      return callServer('previewSchedule');
    }, () => void preview());
    if (!result) return;
    replaceChildren(ui.preview(), ...schedulePreviewSection(result));
    ui.preview().hidden = false;
    ui.report().hidden = true;
    ui.create().hidden = result.pairs.length === 0;
    ui.previewButton().textContent = 'Preview again';
    ui.previewButton().className = 'secondary';
    feedback.showStatus(`${result.sessions} sessions in ${result.events} calendar event series.`, false);
    byId('schedule-preview-title').focus();
  }

  async function create(): Promise<void> {
    stopPolling();
    const sendInvitations = ui.sendInvitations().checked;
    const outcome = await feedback.busy('Creating sessions…', () => callServer('scheduleSessions', { sendInvitations }));
    if (!outcome) return;
    invalidate();
    replaceChildren(ui.report(), ...scheduleReportSection(outcome));
    ui.report().hidden = false;
    if (outcome.calendar && !outcome.calendar.done) pollCalendar();
    feedback.showStatus(outcome.sessions.written ? 'Sessions written.' : 'Sessions already up to date.', false);
    byId('schedule-report-title').focus();
  }

  ui.previewButton().addEventListener('click', () => void preview());
  ui.create().addEventListener('click', () => void create());
  // Continue now (in the report, re-rendered as the sync goes on).
  ui.report().addEventListener('click', (event) => {
    if ((event.target as HTMLElement).closest('#calendar-continue')) pollCalendar(0);
  });
  void continueLeftOverWork();
  return { invalidate };
}
