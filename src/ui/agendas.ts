// The Sessions tab's tutor view: find a tutor, see their upcoming sessions, each with its agenda
// (skill, reviews due, the guide, the routine with minutes). Built with text nodes only; a guide's
// link becomes a link only when it is an https address.
import { byId, h, plural, replaceChildren } from './dom';
import { callServer, type ServerResult } from './server-client';
import { listFoundStudents, type FoundStudent } from './student-search';

type TutorView = ServerResult<'tutorAgendas'>;
type SessionView = TutorView['sessions'][number];

export interface AgendaFeedback {
  busy<T>(progress: string, task: () => Promise<T>, retry?: () => void): Promise<T | undefined>;
  showStatus(text: string, busy: boolean): void;
}

function linkOrText(text: string, label: string): Node {
  if (!/^https:\/\/[^\s]+$/i.test(text)) return document.createTextNode(text);
  const link = h('a', { attrs: { href: text, target: '_blank', rel: 'noopener noreferrer' } }, label);
  return link;
}

function sessionItem(session: SessionView): HTMLElement {
  const { agenda } = session;
  const guide = agenda.guide;
  const where = session.location ? ` · ${session.location}` : '';
  return h(
    'li',
    { class: 'agenda-item', attrs: { 'data-session-id': session.sessionId } },
    h('h3', {}, `${session.date} ${session.start}–${session.end}${where}`),
    h('p', { class: 'gray' }, `${session.subject} with ${session.tutee}`),
    session.meetLink ? h('p', {}, linkOrText(session.meetLink, 'Join on Google Meet')) : null,
    h('p', { class: 'agenda-skill' }, agenda.skill ? `Skill: ${agenda.skill} (${agenda.skillState.toLowerCase()})` : 'Skill: none open — review and extend'),
    h('p', { class: 'agenda-reviews' }, `Review: ${agenda.reviews.length ? agenda.reviews.join('; ') : 'nothing due'}`),
    agenda.goal ? h('p', { class: 'agenda-goal' }, `Tutee's goal: ${agenda.goal}`) : null,
    guide
      ? h(
          'dl',
          { class: 'agenda-guide' },
          ...([
            ['Target concept', guide.targetConcept],
            ['Watch for', guide.misconceptions],
            ['Worked example', guide.workedExample],
            ['Ask', guide.probingQuestions],
          ] as const).flatMap(([label, text]) => (text ? [h('dt', {}, label), h('dd', {}, text)] : [])),
          ...(guide.link ? [h('dt', {}, 'Guide'), h('dd', {}, linkOrText(guide.link, 'Open the guide'))] : []),
        )
      : null,
    h('ol', { class: 'agenda-routine', attrs: { 'aria-label': `Routine, ${agenda.minutes} minutes` } }, ...agenda.routine.map((step) => h('li', {}, `${step.name} · ${step.minutes} min`))),
  );
}

function render(view: TutorView): Node[] {
  return [
    h('h3', { id: 'agenda-title', attrs: { tabindex: '-1' } }, `${view.name}: ${plural(view.sessions.length, 'upcoming session')}`),
    view.sessions.length ? h('ul', { class: 'plain-list agendas' }, ...view.sessions.map(sessionItem)) : h('p', { class: 'gray' }, 'No upcoming sessions in the next four weeks.'),
    ...(view.problems.length ? [h('ul', { class: 'plain-list gray agenda-problems' }, ...view.problems.map((text) => h('li', {}, text)))] : []),
  ];
}

export function setUpAgendas(feedback: AgendaFeedback): void {
  const section = byId('agendas');
  const search = h('input', { type: 'search', id: 'agenda-search', attrs: { placeholder: 'Find a tutor', 'aria-label': 'Find a tutor' } });
  const found = h('div', { id: 'agenda-results' });
  const shown = h('div', { id: 'agenda-view' });
  listFoundStudents(search, found, (student) => void open(student));

  async function open(student: FoundStudent): Promise<void> {
    const view = await feedback.busy(`Reading ${student.name}'s agenda…`, () => callServer('tutorAgendas', student.studentId));
    if (!view) return;
    replaceChildren(found);
    replaceChildren(shown, ...render(view));
    feedback.showStatus(`${plural(view.sessions.length, 'upcoming session')} for ${view.name}.`, false);
    byId('agenda-title').focus();
  }

  replaceChildren(
    section,
    h('h2', { id: 'agendas-heading' }, "Tutor's agenda"),
    h('p', { class: 'gray' }, 'Each upcoming session: the skill, reviews due, the guide and the routine.'),
    search,
    found,
    shown,
  );
}
