// Prefilled form links, built without Google. A form's prefilled URL names each question by an entry ID
// (`entry.1234567=value`) that FormApp does not expose (it is not the item's ID), so the adapter asks
// Forms for ONE prefilled URL per form with recognisable placeholder answers, and every session's
// link is then built here from the entry IDs found in it: the Forms calls stay the same for 10 or
// 10,000 sessions. Apps Script has no URL or URLSearchParams, so the query is read and written by hand.
import type { Pair } from '../model';
import { CONSENT, EXIT_TICKET, HELP_REQUEST, REFLECTION, type FormKind, type ReflectionRole } from './questions';

/** A form's prefilled-link recipe: the form's address and the entry ID of each prefilled question, by title. */
export interface LinkTemplate {
  form: FormKind;
  base: string;
  entries: Record<string, string>;
}

/** Placeholder answers of the one prefilled URL asked of Forms (the role is a real choice: Forms checks it). */
export const PLACEHOLDERS: Record<FormKind, Record<string, string>> = {
  Reflection: { [REFLECTION.session]: 'PTHUB-SESSION', [REFLECTION.studentId]: 'PTHUB-STUDENT', [REFLECTION.role]: 'Tutor' },
  'Exit ticket': { [EXIT_TICKET.session]: 'PTHUB-SESSION', [EXIT_TICKET.studentId]: 'PTHUB-STUDENT' },
  'Help request': { [HELP_REQUEST.studentId]: 'PTHUB-STUDENT' },
  Consent: { [CONSENT.studentId]: 'PTHUB-STUDENT' },
};

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * The template of a form from one prefilled URL whose answers were `PLACEHOLDERS[form]`. Throws when a
 * placeholder is missing from the URL (the question is not on the form).
 */
export function templateFromPrefilledUrl(form: FormKind, url: string): LinkTemplate {
  const [base, query = ''] = url.split('?', 2);
  const byValue = new Map(Object.entries(PLACEHOLDERS[form]).map(([title, value]) => [value, title] as [string, string]));
  const entries: Record<string, string> = {};
  for (const pair of query.split('&')) {
    const [name, value = ''] = pair.split('=', 2);
    const match = /^entry\.(\d+)$/.exec(name);
    const title = match ? byValue.get(decode(value)) : undefined;
    if (match && title) entries[title] = match[1];
  }
  const missing = Object.keys(PLACEHOLDERS[form]).filter((title) => !entries[title]);
  if (missing.length) throw new Error(`The ${form} form has no question ${missing.map((title) => `"${title}"`).join(', ')} to prefill.`);
  return { form, base, entries };
}

/** The link that opens the form with `answers` (by question title) filled in. */
export function prefilledLink(template: LinkTemplate, answers: Record<string, string>): string {
  const fields = Object.entries(answers)
    .filter(([title]) => template.entries[title])
    .map(([title, value]) => `entry.${template.entries[title]}=${encodeURIComponent(value)}`);
  return `${template.base}?usp=pp_url${fields.map((field) => `&${field}`).join('')}`;
}

export interface FormTemplates {
  reflection: LinkTemplate | null;
  exitTicket: LinkTemplate | null;
}

/** A session's three links: each student's reflection (their ID and role prefilled) and the tutee's exit ticket. */
export interface SessionLinks {
  tutorReflection: string;
  tuteeReflection: string;
  exitTicket: string;
}

export function reflectionLink(template: LinkTemplate, session: string, studentId: string, role: ReflectionRole): string {
  return prefilledLink(template, { [REFLECTION.session]: session, [REFLECTION.studentId]: studentId, [REFLECTION.role]: role });
}

export function exitTicketLink(template: LinkTemplate, session: string, studentId: string): string {
  return prefilledLink(template, { [EXIT_TICKET.session]: session, [EXIT_TICKET.studentId]: studentId });
}

/**
 * The links of one session of `pair` (blank where a form does not exist yet). `session` is a Session ID,
 * or a Pair ID in the Calendar series (see filing: a Pair ID is read as the pair's session of that day).
 */
export function sessionLinks(templates: FormTemplates, pair: Pick<Pair, 'tutorId' | 'tuteeId'>, session: string): SessionLinks {
  const { reflection, exitTicket } = templates;
  return {
    tutorReflection: reflection ? reflectionLink(reflection, session, pair.tutorId, 'Tutor') : '',
    tuteeReflection: reflection ? reflectionLink(reflection, session, pair.tuteeId, 'Tutee') : '',
    exitTicket: exitTicket ? exitTicketLink(exitTicket, session, pair.tuteeId) : '',
  };
}

/** The lines a pair's Calendar series carries: its links with the pair in place of the session. */
export function seriesLinkLines(templates: FormTemplates, pair: Pick<Pair, 'pairId' | 'tutorId' | 'tuteeId'>): string[] {
  const links = sessionLinks(templates, pair, pair.pairId);
  const lines = [
    links.tutorReflection && `Tutor's reflection after each session: ${links.tutorReflection}`,
    links.tuteeReflection && `Tutee's reflection after each session: ${links.tuteeReflection}`,
    links.exitTicket && `Tutee's exit ticket: ${links.exitTicket}`,
  ].filter(Boolean);
  return lines.length ? ['', ...lines, 'Send them on the day of the session: the form finds the session from the day it is sent.'] : [];
}
