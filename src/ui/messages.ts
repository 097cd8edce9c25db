// The Sessions tab's messages to pairs: one pair, a subject's pairs or all tutors; a template to start
// from; a preview listing who gets it and who is skipped (and why) within the day's email quota; then
// Send. Everything shown is built with text nodes.
import { button, byId, h, plural, replaceChildren } from './dom';
import { callServer, type ServerResult } from './server-client';

type Choices = ServerResult<'messageChoices'>;
type Preview = ServerResult<'previewMessage'>;
type Request = Parameters<typeof callServer<'sendMessage'>>[1];

export interface MessageFeedback {
  busy<T>(progress: string, task: () => Promise<T>, retry?: () => void): Promise<T | undefined>;
  showStatus(text: string, busy: boolean): void;
}

function labelled(label: string, control: HTMLElement): HTMLElement {
  return h('label', { class: 'field' }, h('span', {}, label), control);
}

function option(value: string, text: string): HTMLOptionElement {
  const element = h('option', {}, text);
  element.value = value;
  return element;
}

function previewView(preview: Preview, sent: number | null): (Node | null)[] {
  return [
    h('h3', { id: 'message-preview-title', attrs: { tabindex: '-1' } }, sent === null ? `To ${plural(preview.recipients.length, 'student')} (${preview.audience})` : `Sent to ${plural(sent, 'student')}`),
    preview.problem ? h('p', { class: 'notice attention', attrs: { role: 'alert' } }, preview.problem) : null,
    h('ul', { class: 'plain-list message-recipients' }, ...preview.recipients.map((r) => h('li', {}, `${r.name} · ${r.email}`))),
    preview.skipped.length ? h('p', { class: 'gray' }, `Skipped (${preview.skipped.length}):`) : null,
    preview.skipped.length ? h('ul', { class: 'plain-list message-skipped' }, ...preview.skipped.map((s) => h('li', {}, `${s.name}: ${s.reason}`))) : null,
    h('p', { class: 'gray' }, `${plural(preview.quota, 'email')} left today. Mail goes through ${preview.where}.`),
    preview.sample ? h('pre', { class: 'message-sample' }, preview.sample) : null,
  ];
}

export function setUpMessages(feedback: MessageFeedback): void {
  const section = byId('messages');
  const kind = h('select', { id: 'message-kind' }, option('pair', 'One pair'), option('subject', "A subject's pairs"), option('tutors', 'All tutors'));
  const target = h('select', { id: 'message-target' });
  const template = h('select', { id: 'message-template' });
  const subject = h('input', { id: 'message-subject', type: 'text' });
  const body = h('textarea', { id: 'message-body', attrs: { rows: '4' } });
  const result = h('div', { id: 'message-result' });
  const send = button('Send message', () => void doSend(), { id: 'message-send', class: 'action', disabled: true });
  const form = h(
    'div',
    { id: 'message-form', hidden: true },
    labelled('To', kind),
    labelled('Which', target),
    labelled('Template', template),
    labelled('Subject', subject),
    labelled('Message', body),
    h('div', { class: 'footer-buttons' }, button('Preview message', () => void doPreview(), { id: 'message-preview', class: 'secondary' }), send),
    result,
  );
  let choices: Choices | null = null;

  function fillTargets(): void {
    if (!choices) return;
    const items = kind.value === 'pair' ? choices.pairs.map((p) => option(p.pairId, p.label)) : kind.value === 'subject' ? choices.subjects.map((s) => option(s, s)) : [];
    replaceChildren(target, ...items);
    target.disabled = kind.value === 'tutors';
  }

  function request(): Request {
    const audience = kind.value === 'pair' ? { kind: 'pair' as const, pairId: target.value } : kind.value === 'subject' ? { kind: 'subject' as const, subject: target.value } : { kind: 'tutors' as const };
    return { audience, subject: subject.value, body: body.value };
  }

  async function open(): Promise<void> {
    const loaded = await feedback.busy('Reading the pairs…', () => callServer('messageChoices'));
    if (!loaded) return;
    choices = loaded;
    replaceChildren(template, option('', 'Write your own'), ...loaded.templates.map((t, i) => option(String(i), t.name)));
    fillTargets();
    form.hidden = false;
    opener.hidden = true;
    kind.focus();
  }

  async function doPreview(): Promise<void> {
    const preview = await feedback.busy('Preparing the preview…', () => callServer('previewMessage', request()));
    if (!preview) return;
    replaceChildren(result, ...previewView(preview, null));
    send.disabled = preview.problem !== null;
    byId('message-preview-title').focus();
  }

  async function doSend(): Promise<void> {
    const report = await feedback.busy('Sending…', () => callServer('sendMessage', request()));
    if (!report) return;
    replaceChildren(result, ...previewView(report, report.problem ? null : report.sent));
    send.disabled = true;
    feedback.showStatus(report.problem ?? `Sent to ${plural(report.sent, 'student')}; logged on the Messages tab.`, false);
  }

  kind.addEventListener('change', () => {
    fillTargets();
    send.disabled = true;
  });
  for (const control of [target, subject, body]) control.addEventListener('input', () => (send.disabled = true));
  template.addEventListener('change', () => {
    const chosen = choices?.templates[Number(template.value)];
    if (template.value !== '' && chosen) {
      subject.value = chosen.subject;
      body.value = chosen.body;
    }
    send.disabled = true;
  });
  const opener = button('Write a message', () => void open(), { id: 'message-open', class: 'secondary' });
  replaceChildren(
    section,
    h('h2', { id: 'messages-heading' }, 'Message to pairs'),
    h('p', { class: 'gray' }, 'An email to one pair, a subject’s pairs or all tutors, from your account. Students without an email or consent are skipped.'),
    opener,
    form,
  );
}
