// The Progress tab: refresh Mastery, Alerts and the Dashboard, then show the program's figures and the
// open alerts, with a search that narrows them to one student.
import { byId, h, plural, replaceChildren } from './dom';
import { callServer, type ServerResult } from './server-client';

type ProgressView = ServerResult<'refreshDashboard'>;
type AlertView = ProgressView['alerts'][number];

export interface ProgressFeedback {
  busy<T>(progress: string, task: () => Promise<T>, retry?: () => void): Promise<T | undefined>;
  showStatus(text: string, busy: boolean): void;
}

function figures(view: ProgressView): HTMLElement {
  const t = view.totals;
  const item = (label: string, value: string) => h('div', { class: 'total' }, h('dt', {}, label), h('dd', {}, value));
  return h(
    'dl',
    { class: 'totals' },
    item('Held', String(t.sessionsHeld)),
    item('Attendance', t.attendancePercent === null ? '–' : `${t.attendancePercent}%`),
    item('Mastered', String(t.skillsMastered)),
  );
}

function alertItem(alert: AlertView): HTMLElement {
  return h(
    'li',
    { class: 'alert-item', attrs: { 'data-kind': alert.kind, 'data-student-id': alert.studentId } },
    h('span', { class: 'badge' }, alert.kind),
    ' ',
    h('span', { class: 'name' }, alert.name),
    h('span', { class: 'reason' }, alert.detail),
    h('span', { class: 'action-text' }, `Suggested: ${alert.action}`),
  );
}

function render(view: ProgressView, filter: string): Node[] {
  const text = filter.trim().toLowerCase();
  const shown = view.alerts.filter((alert) => !text || alert.name.toLowerCase().includes(text) || alert.studentId.toLowerCase().includes(text));
  const t = view.totals;
  const dosage = view.dosage.medianHeldPerWeek === null ? 'too few weeks to say yet' : `${view.dosage.medianHeldPerWeek} a week (planned ${view.dosage.planned}; ${plural(view.dosage.tutees, 'tutee')})`;
  return [
    h('h2', { id: 'progress-report-title', attrs: { tabindex: '-1' } }, 'This term'),
    figures(view),
    h('p', { class: 'gray' }, `${plural(t.pairs, 'pair')} meeting · ${t.hoursTutored} hours tutored · sessions held per tutee: ${dosage}.`),
    h('p', { class: 'gray' }, t.averageGain === null ? 'No exit-ticket gains yet.' : `Average exit-ticket gain: ${t.averageGain} points (${plural(t.gainStudents, 'student-skill')}).`),
    h('h3', {}, `Open alerts (${view.alerts.length})`),
    h('p', { class: 'gray' }, 'Mark an alert Done in the Alerts tab once dealt with.'),
    ...(shown.length ? [h('ul', { class: 'plain-list alerts' }, ...shown.map(alertItem))] : [h('p', { class: 'ok' }, text ? 'No alert for this student.' : 'No open alerts.')]),
  ];
}

export function setUpProgress(feedback: ProgressFeedback): void {
  const section = () => byId('progress');
  let view: ProgressView | null = null;
  let filter = '';
  const search = h('input', { type: 'search', id: 'alert-search', attrs: { placeholder: 'Find a student', 'aria-label': 'Find a student in the alerts' } });
  search.addEventListener('input', () => {
    filter = search.value;
    show();
  });

  function show(): void {
    if (!view) return;
    replaceChildren(section(), search, ...render(view, filter));
    section().hidden = false;
  }

  async function refresh(): Promise<void> {
    const result = await feedback.busy('Refreshing the dashboard…', () => callServer('refreshDashboard'), () => void refresh());
    if (!result) return;
    view = result;
    show();
    feedback.showStatus(`${plural(result.alerts.length, 'open alert')}.`, false);
    byId('progress-report-title').focus();
  }

  byId('progress-refresh').addEventListener('click', () => void refresh());
}
