// The People tab: bring the roster in from a school export (CSV, with the columns it found shown
// before anything is written) or from Google Classroom (pick courses, preview, import).
import { button, byId, docLink, h, plural, replaceChildren } from './dom';
import { callServer, type ServerResult } from './server-client';

type ImportReport = ServerResult<'previewRosterCsv'>;
type Course = NonNullable<ServerResult<'classroomCourses'>>[number];

export interface PeopleFeedback {
  busy<T>(progress: string, task: () => Promise<T>, retry?: () => void): Promise<T | undefined>;
  showStatus(text: string, busy: boolean): void;
}

/** What an import did (or would do): counts, then each change and each skipped row with why. */
function reportView(report: ImportReport, done: boolean): Node[] {
  const verb = done ? '' : 'would be ';
  return [
    h('p', { id: 'import-outcome', attrs: { tabindex: '-1' } }, `${plural(report.added.length, 'student')} ${verb}added, ${report.updated.length} ${verb}updated, ${report.unchanged} already up to date, ${report.skipped.length} skipped.`),
    h(
      'ul',
      { class: 'plain-list import-lines' },
      ...report.updated.map((u) => h('li', { class: 'updated' }, `Students row ${u.rowNumber} (${u.source}): ${u.changes.join('; ')}`)),
      ...report.skipped.map((s) => h('li', { class: 'skipped' }, `Skipped ${s.source}: ${s.reason}`)),
    ),
    ...(done && report.added.length ? [h('p', { class: 'gray' }, 'New students start with Consent Pending, Trained No and Active Yes: fill in their Role, subjects and Availability.')] : []),
  ];
}

function mappingView(report: ImportReport): HTMLElement {
  return h(
    'table',
    { class: 'mapping', attrs: { 'aria-label': 'Columns found in the file' } },
    h('thead', {}, h('tr', {}, h('th', {}, 'Field'), h('th', {}, 'Column in the file'))),
    h('tbody', {}, ...report.mapping.map((m) => h('tr', {}, h('td', {}, m.field), h('td', { class: m.header ? '' : 'gray' }, m.header ?? 'not found')))),
  );
}

export function setUpPeople(feedback: PeopleFeedback): void {
  const section = () => byId('roster-import');
  const input = byId<HTMLInputElement>('roster-file');
  let csvText = '';

  async function preview(): Promise<void> {
    const file = input.files?.[0];
    if (!file) return;
    csvText = await file.text();
    const report = await feedback.busy('Reading the file…', () => callServer('previewRosterCsv', csvText));
    if (!report) return;
    const problems = report.problems.map((p) => h('li', {}, p));
    const importButton = button('Import students', () => void apply(), { class: 'action', id: 'roster-import-button' });
    replaceChildren(
      section(),
      mappingView(report),
      ...(problems.length ? [h('p', { class: 'error-text' }, 'This file cannot be imported:'), h('ul', {}, ...problems)] : [...reportView(report, false), importButton]),
    );
    section().hidden = false;
  }

  async function apply(): Promise<void> {
    const report = await feedback.busy('Importing students…', () => callServer('importRosterCsv', csvText));
    if (!report) return;
    replaceChildren(section(), ...reportView(report, true));
    feedback.showStatus(report.written ? 'Students tab updated.' : 'Nothing to change: the roster already matches the file.', false);
    byId('import-outcome').focus();
  }

  async function classroom(): Promise<void> {
    const courses = await feedback.busy('Reading your Google Classroom courses…', () => callServer('classroomCourses'));
    if (courses === undefined) return;
    const place = byId('classroom-import');
    place.hidden = false;
    if (courses === null) {
      replaceChildren(place, h('p', { class: 'gray' }, 'Google Classroom is only available in Google Sheets. Locally, import a CSV export.'));
      return;
    }
    if (courses.length === 0) {
      replaceChildren(place, h('p', { class: 'gray' }, 'You teach no active Google Classroom course.'));
      return;
    }
    const boxes = courses.map((course: Course) => {
      const box = h('input', { type: 'checkbox', attrs: { 'data-course-id': course.id } });
      return { course, box, label: h('label', { class: 'check' }, box, ` ${course.name}${course.section ? ` · ${course.section}` : ''}`) };
    });
    const chosen = () => boxes.filter((b) => b.box.checked).map((b) => b.course.id);
    const result = h('div', {});
    const run = async (apply: boolean) => {
      if (!chosen().length) return feedback.showStatus('Pick at least one course.', false);
      const report = await feedback.busy(apply ? 'Importing students…' : 'Reading the courses\u2019 students…', () => callServer('importFromClassroom', chosen(), apply));
      if (report) replaceChildren(result, ...reportView(report, apply));
    };
    replaceChildren(place, ...boxes.map((b) => b.label), button('Preview', () => void run(false), { class: 'action' }), button('Import', () => void run(true), { class: 'action' }), result);
  }

  async function consent(make: boolean): Promise<void> {
    const status = make
      ? await feedback.busy('Making the consent form…', () => callServer('createConsentForm'))
      : await feedback.busy('Reading consent…', () => callServer('consentStatus'));
    if (!status) return;
    const place = byId('consent-list');
    const pending = status.pending;
    replaceChildren(
      place,
      h('p', { id: 'consent-summary' }, pending.length ? `${plural(pending.length, 'active student')} without guardian consent:` : 'Every active student has guardian consent.'),
      status.formUrl ? h('p', { class: 'gray' }, 'Each student\u2019s link is in the Students tab, column \u201cConsent form\u201d.') : null,
      h(
        'ul',
        { class: 'plain-list consent-pending' },
        ...pending.map((p) =>
          h(
            'li',
            { attrs: { 'data-student-id': p.studentId } },
            `${p.name} (${p.studentId}): ${p.consent}${p.guardianEmail ? '' : ' \u00b7 no guardian email'}`,
            p.guardianEmail && p.link ? button('Email the link', () => void emailConsent([p.studentId]), { class: 'link' }) : null,
          ),
        ),
      ),
    );
    place.hidden = false;
  }

  async function substitutes(): Promise<void> {
    const needs = await feedback.busy('Looking for substitutes…', () => callServer('substituteNeeds'));
    if (!needs) return;
    const place = byId('substitute-list');
    place.hidden = false;
    if (!needs.length) {
      replaceChildren(place, h('p', { id: 'substitute-summary' }, 'No upcoming session is missing its tutor.'));
      return;
    }
    replaceChildren(
      place,
      h('p', { id: 'substitute-summary' }, `${plural(needs.length, 'session')} without a tutor:`),
      h(
        'ul',
        { class: 'plain-list substitutes' },
        ...needs.map((need) =>
          h(
            'li',
            { attrs: { 'data-session-id': need.sessionId } },
            h('span', { class: 'reason' }, need.message),
            need.best ? button(`Assign ${need.best.name}`, () => void assign(need.sessionId, need.best!.tutorId), { class: 'link' }) : null,
          ),
        ),
      ),
    );
  }

  async function assign(sessionId: string, tutorId: string): Promise<void> {
    const result = await feedback.busy('Assigning the substitute…', () => callServer('assignSubstitute', sessionId, tutorId));
    if (!result) return;
    feedback.showStatus(result.message, false);
    await substitutes();
  }

  async function mentors(): Promise<void> {
    const rows = await feedback.busy('Finding mentors…', () => callServer('mentors'));
    if (!rows) return;
    const place = byId('mentor-list');
    place.hidden = false;
    replaceChildren(
      place,
      h('p', { id: 'mentor-summary' }, rows.length ? `${plural(rows.length, 'new tutor')}:` : 'No new tutor is waiting for a mentor.'),
      h('ul', { class: 'plain-list mentors' }, ...rows.map((r) => h('li', {}, r.mentorId ? `${r.newTutor} ← ${r.mentor} (${r.subject}, ${r.block})` : `${r.newTutor}: no mentor yet (${r.why})`))),
    );
  }

  /** A tutor's certificate as a Google Doc; locally, the command that writes the printable page. */
  async function certificate(): Promise<void> {
    const studentId = byId<HTMLInputElement>('certificate-student').value.trim();
    const place = byId('certificate-result');
    if (!studentId) {
      feedback.showStatus('Type the tutor\u2019s Student ID first.', false);
      return;
    }
    const made = await feedback.busy('Writing the certificate\u2026', () => callServer('certificateDoc', studentId));
    if (made === undefined) return;
    place.hidden = false;
    if (!made) {
      replaceChildren(place, h('p', { class: 'gray' }, `Here certificates are printable pages: peer-tutoring certificate <workbook> --student ${studentId} --out certificate.html`));
      return;
    }
    replaceChildren(
      place,
      h('p', { id: 'certificate-link' }, docLink(`Open ${made.name}'s certificate`, made.url), ' \u00b7 ', docLink(made.templateCreated ? 'the new template (edit it)' : 'the template', made.templateUrl)),
      ...made.problems.map((problem) => h('p', { class: 'gray' }, problem)),
    );
  }

  /** Emails each pending student's guardian once; "Email again" for one student re-sends only theirs. */
  async function emailConsent(again: string[]): Promise<void> {
    const report = await feedback.busy('Emailing guardians\u2026', () => callServer('emailConsentLinks', again));
    if (!report) return;
    const place = byId('consent-list');
    place.hidden = false;
    const who = (list: { studentId: string; name: string }[]) => list.map((s) => `${s.name} (${s.studentId})`).join(', ');
    replaceChildren(
      place,
      h('p', { id: 'consent-email-summary' }, `${plural(report.sent.length, 'guardian')} emailed (${report.where}); ${report.alreadySent} emailed before.`),
      report.leftForQuota ? h('p', { class: 'error-text' }, `${plural(report.leftForQuota, 'email')} left: the daily email quota is spent. Email again tomorrow.`) : null,
      report.noGuardianEmail.length ? h('p', { class: 'gray' }, `No guardian email on the roster: ${who(report.noGuardianEmail)}.`) : null,
      report.noLink.length ? h('p', { class: 'gray' }, `No consent link yet (make the consent form first): ${who(report.noLink)}.`) : null,
      h('ul', { class: 'plain-list consent-emailed' }, ...report.sent.map((s) => h('li', {}, `${s.name} (${s.studentId})`, ' ', button('Email again', () => void emailConsent([s.studentId]), { class: 'link' })))),
    );
  }

  byId('consent-email-button').addEventListener('click', () => void emailConsent([]));
  byId('certificate-button').addEventListener('click', () => void certificate());
  byId('mentor-button').addEventListener('click', () => void mentors());
  byId('substitute-button').addEventListener('click', () => void substitutes());
  byId('consent-button').addEventListener('click', () => void consent(false));
  byId('consent-form-button').addEventListener('click', () => void consent(true));
  input.addEventListener('change', () => void preview());
  byId('classroom-button').addEventListener('click', () => void classroom());
}
