// The Progress tab: refresh Mastery, Alerts and the Dashboard, then show the program's figures and the
// open alerts, with a search that narrows them to one student.
import { barChart, lineChart } from './charts';
import { button, byId, docLink, h, plural, replaceChildren } from './dom';
import { callServer, type ServerResult } from './server-client';
import { listFoundStudents, type FoundStudent } from './student-search';

type ProgressView = ServerResult<'refreshDashboard'>;
type StudentView = NonNullable<ServerResult<'studentProgress'>>;

const SVG = 'http://www.w3.org/2000/svg';

/** A small line of values (scores 0–100, or check-ins 1–5), drawn from numbers only. */
function sparkline(values: number[], max: number, label: string): Element {
  const width = 120;
  const height = 24;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `${label}: ${values.join(', ')}`);
  const step = values.length > 1 ? (width - 4) / (values.length - 1) : 0;
  const points = values.map((v, i) => `${2 + i * step},${height - 2 - (Math.max(0, Math.min(max, v)) / max) * (height - 4)}`).join(' ');
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', points);
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', '#1a73e8');
  line.setAttribute('stroke-width', '2');
  svg.appendChild(line);
  return svg;
}

/** One student's card: pairs and attendance, skills with their scores, check-ins, the tutor's notes. */
function studentCard(student: StudentView): Node[] {
  const grade = student.grade === 0 ? 'K' : String(student.grade);
  return [
    h('h3', { id: 'student-title', attrs: { tabindex: '-1' } }, `${student.name} · grade ${grade}`),
    h(
      'ul',
      { class: 'plain-list' },
      ...student.pairs.map((pair) =>
        h('li', {}, `${pair.subject}: ${pair.role === 'Tutor' ? 'tutors' : 'tutored by'} ${pair.partner} (${pair.status}) · came to ${pair.attended} of ${pair.past} sessions`),
      ),
    ),
    ...(student.skills.length
      ? [
          h('h4', {}, 'Skills'),
          h(
            'ul',
            { class: 'plain-list skills' },
            ...student.skills.map((skill) =>
              h('li', { class: 'skill' }, h('span', {}, `${skill.skill}: ${skill.state}`), ' ', skill.scores.length ? sparkline(skill.scores, 100, `${skill.skill} scores`) : null),
            ),
          ),
        ]
      : []),
    ...(student.confidences.length ? [h('p', {}, 'Confidence ', sparkline(student.confidences, 5, 'Confidence'), ' Mood ', sparkline(student.moods, 5, 'Mood'))] : []),
    ...(student.goals?.length
      ? [h('h4', {}, 'Goals'), h('ul', { class: 'plain-list goals' }, ...student.goals.map((goal) => h('li', { class: 'goal', attrs: { 'data-status': goal.status } }, `${goal.status}: ${goal.text}${goal.progress ? ` (${goal.progress})` : ''}`)))]
      : []),
    ...(student.tutorNotes.length ? [h('h4', {}, 'From the tutor'), h('ul', { class: 'plain-list' }, ...student.tutorNotes.map((note) => h('li', {}, note)))] : []),
  ];
}
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

/** The Dashboard's three charts, the dosage and impact, and the recruiting advice. */
function dashboardParts(view: ProgressView): Node[] {
  const weeks = view.weeks.map((w) => w.week.slice(5));
  return [
    h('h3', {}, 'Charts'),
    lineChart('chart-attendance', 'Attendance per week (%)', weeks, view.weeks.map((w) => w.attendancePercent), 100),
    lineChart('chart-score', 'Average exit-ticket score per week', weeks, view.weeks.map((w) => w.averageScore), 100),
    barChart('chart-gains', 'Gains per pair (% of the possible improvement)', view.pairGains.map((p) => ({ label: `${p.label} (${p.pairId})`, value: p.gain }))),
    h('h3', {}, 'Dosage and impact'),
    h('ul', { class: 'plain-list', id: 'dosage' }, ...view.impact.dosage.map((band) => h('li', {}, `${band.label}: ${plural(band.tutees, 'tutee')}`))),
    h('p', { class: 'gray' }, `${plural(view.impact.atOrAbovePlan, 'tutee')} at or above the planned ${view.dosage.planned} a week.`),
    h('p', { id: 'impact-summary' }, view.impact.summary),
    h('h3', {}, 'Supply and demand'),
    view.forecast.advice.length
      ? h('ul', { class: 'plain-list', id: 'forecast' }, ...view.forecast.advice.map((text) => h('li', {}, text)))
      : h('p', { class: 'ok', id: 'forecast' }, 'Nobody is waiting for a tutor.'),
  ];
}

function alertItem(alert: AlertView, rematch: (alert: AlertView) => void): HTMLElement {
  return h(
    'li',
    { class: 'alert-item', attrs: { 'data-kind': alert.kind, 'data-student-id': alert.studentId } },
    h('span', { class: 'badge' }, alert.kind),
    ' ',
    h('span', { class: 'name' }, alert.name),
    h('span', { class: 'reason' }, alert.detail),
    h('span', { class: 'action-text' }, `Suggested: ${alert.action}`),
    alert.rematch ? button(`Re-match with ${alert.rematch.tutorName} (${alert.rematch.block})`, () => rematch(alert), { class: 'rematch' }) : null,
  );
}

function render(view: ProgressView, filter: string, rematch: (alert: AlertView) => void): Node[] {
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
    ...(shown.length ? [h('ul', { class: 'plain-list alerts' }, ...shown.map((alert) => alertItem(alert, rematch)))] : [h('p', { class: 'ok' }, text ? 'No alert for this student.' : 'No open alerts.')]),
    ...dashboardParts(view),
  ];
}

export function setUpProgress(feedback: ProgressFeedback): void {
  const section = () => byId('progress');
  let view: ProgressView | null = null;
  let filter = '';
  const search = h('input', { type: 'search', id: 'alert-search', attrs: { placeholder: 'Find a student', 'aria-label': 'Find a student' } });
  const found = h('div', { id: 'student-results' });
  search.addEventListener('input', () => {
    filter = search.value;
    show();
  });
  listFoundStudents(search, found, (student) => void open(student));

  function show(): void {
    if (!view) return;
    replaceChildren(section(), search, found, ...render(view, filter, (alert) => void rematch(alert)));
    section().hidden = false;
  }

  async function open(student: FoundStudent): Promise<void> {
    const card = await feedback.busy(`Reading ${student.name}'s progress…`, () => callServer('studentProgress', student.studentId));
    if (!card) return;
    const letterArea = h('div', { id: 'letter-result' });
    const letterButton = button('Family letter (Google Doc)', () => void letter(student, letterArea), { class: 'link', id: 'family-letter' });
    replaceChildren(found, ...studentCard(card), letterButton, letterArea);
    byId('student-title').focus();
  }

  /** A Google Doc from the teacher's template; locally, the command that writes the printable page. */
  async function letter(student: FoundStudent, area: HTMLElement): Promise<void> {
    const made = await feedback.busy(`Writing ${student.name}'s family letter…`, () => callServer('familyLetterDoc', student.studentId));
    if (made === undefined) return;
    if (!made) {
      replaceChildren(area, h('p', { class: 'gray' }, `Here letters are printable pages: peer-tutoring report <workbook> --student ${student.studentId} --out letter.html`));
      return;
    }
    replaceChildren(
      area,
      h('p', {}, docLink(`Open ${made.name}'s letter`, made.url), ' · ', docLink(made.templateCreated ? 'the new template (edit it)' : 'the template', made.templateUrl)),
      ...made.problems.map((problem) => h('p', { class: 'gray' }, problem)),
    );
  }

  /** Applies the matcher's other tutor for the alert's pair; the dashboard comes back refreshed. */
  async function rematch(alert: AlertView): Promise<void> {
    const other = alert.rematch!;
    const result = await feedback.busy(`Re-matching ${alert.name} with ${other.tutorName}…`, () => callServer('applyRematch', alert.pairId, other.tutorId));
    if (!result) return;
    if (result.view) {
      view = result.view;
      show();
    }
    feedback.showStatus(result.message, false);
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
  // The search works before any refresh too.
  replaceChildren(section(), search, found);
  section().hidden = false;
}
