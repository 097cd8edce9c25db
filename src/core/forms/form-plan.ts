// What the two Google Forms should hold, as plain data: the Reflection form from the contract's
// questions, the Exit ticket quiz from the teacher's Exit ticket questions (one section per skill,
// reached from the Skill question). The Apps Script adapter makes a form match its plan; the plan's
// fingerprints tell it what changed, so a re-run with nothing changed writes nothing.
import { fingerprintOf } from '../scheduling/fingerprint';
import { CONSENT, EXIT_TICKET, HELP_REQUEST, HELP_WHEN, REFLECTION, REFLECTION_QUESTIONS, ROLES, type ExitTicketQuestion, type FormKind, type QuestionKind } from './questions';

/** A choice of a multiple-choice question: its key (quiz) or the section it leads to (by item key). */
export interface ChoicePlan {
  value: string;
  correct?: boolean;
  goTo?: string;
}

interface ItemBase {
  /** Identifies the item across runs: its kind and title (question titles are unique by contract). */
  key: string;
  title: string;
  helpText: string;
  /** Digest of everything the item shows: a changed fingerprint means the item is rewritten. */
  fingerprint: string;
}

export type ItemPlan =
  | (ItemBase & { kind: 'text' | 'paragraph'; required: boolean })
  | (ItemBase & { kind: 'scale'; required: boolean; lowLabel: string; highLabel: string })
  | (ItemBase & { kind: 'choice'; required: boolean; choices: ChoicePlan[]; points: number })
  /** A section. `afterPrevious`: what happens when the respondent finishes the section before it. */
  | (ItemBase & { kind: 'page'; afterPrevious: 'continue' | 'submit' });

export type ItemKind = ItemPlan['kind'];

export interface FormPlan {
  form: FormKind;
  title: string;
  description: string;
  quiz: boolean;
  confirmation: string;
  items: ItemPlan[];
  /** Digest of the whole plan: equal to the stored one means the form needs no change at all. */
  fingerprint: string;
}

/** Lowest and highest points of the 1–5 scales. */
export const SCALE_BOUNDS = { low: 1, high: 5 } as const;

const SCALE_LABELS: Record<string, [string, string]> = {
  [REFLECTION.mood]: ['Not good', 'Great'],
  [REFLECTION.confidence]: ['Not at all', 'Very confident'],
};

export function itemKey(kind: ItemKind, title: string): string {
  return `${kind}:${title}`;
}

type Unfingerprinted<T> = T extends unknown ? Omit<T, 'fingerprint' | 'key'> : never;

function item(plan: Unfingerprinted<ItemPlan>): ItemPlan {
  return { ...plan, key: itemKey(plan.kind, plan.title), fingerprint: fingerprintOf(plan) } as ItemPlan;
}

function finish(plan: Omit<FormPlan, 'fingerprint'>): FormPlan {
  return { ...plan, fingerprint: fingerprintOf(plan) };
}

function reflectionItem(title: string, kind: QuestionKind, required: boolean): ItemPlan {
  const helpText = title === REFLECTION.session || title === REFLECTION.studentId ? 'Filled in by your link: leave it as it is.' : '';
  switch (kind) {
    case 'short':
      return item({ kind: 'text', title, helpText, required });
    case 'paragraph':
      return item({ kind: 'paragraph', title, helpText, required });
    case 'scale': {
      const [lowLabel, highLabel] = SCALE_LABELS[title] ?? ['Low', 'High'];
      return item({ kind: 'scale', title, helpText, required, lowLabel, highLabel });
    }
    case 'yes-no':
      return item({ kind: 'choice', title, helpText, required, choices: [{ value: 'Yes' }, { value: 'No' }], points: 0 });
    case 'role':
      return item({ kind: 'choice', title, helpText: 'Filled in by your link.', required, choices: ROLES.map((value) => ({ value })), points: 0 });
  }
}

/** The Reflection form: the contract's questions, in the contract's order. */
export function reflectionFormPlan(programName: string): FormPlan {
  return finish({
    form: 'Reflection',
    title: `${programName}: Reflection`,
    description: 'A few questions after each tutoring session. Only your teachers see your answers.',
    quiz: false,
    confirmation: 'Thank you! Your reflection was sent to your teacher.',
    items: REFLECTION_QUESTIONS.map((question) => reflectionItem(question.title, question.kind, question.required)),
  });
}

/**
 * The Help request form: who, the subject (the program's tutored subjects), what, when (today or this
 * week) and whether online is fine. A tutee's link can carry their Student ID.
 */
export function helpRequestFormPlan(programName: string, subjects: readonly string[]): FormPlan {
  const choice = (title: string, values: readonly string[], required: boolean, helpText = '') =>
    item({ kind: 'choice', title, helpText, required, choices: values.map((value) => ({ value })), points: 0 });
  return finish({
    form: 'Help request',
    title: `${programName}: Help request`,
    description: 'Ask for an extra tutoring session. A tutor who is free is found for you, and you both get an email.',
    quiz: false,
    confirmation: 'Thank you! You will get an email with your session, or your teacher will be in touch.',
    items: [
      item({ kind: 'text', title: HELP_REQUEST.studentId, helpText: 'Your student ID.', required: true }),
      subjects.length ? choice(HELP_REQUEST.subject, subjects, true) : item({ kind: 'text', title: HELP_REQUEST.subject, helpText: '', required: true }),
      item({ kind: 'text', title: HELP_REQUEST.skill, helpText: 'For example: adding fractions.', required: false }),
      choice(HELP_REQUEST.when, HELP_WHEN, true),
      choice(HELP_REQUEST.online, ['Yes', 'No'], true),
    ],
  });
}

/** The skills of the questions tab in the order they first appear, each with its questions (skills compared case-insensitively, as filing does). */
export function skillsOf(questions: readonly ExitTicketQuestion[]): { skill: string; subject: string; questions: ExitTicketQuestion[] }[] {
  const skills = new Map<string, { skill: string; subject: string; questions: ExitTicketQuestion[] }>();
  for (const question of questions) {
    const key = question.skill.trim().toLowerCase();
    const entry = skills.get(key) ?? { skill: question.skill.trim(), subject: question.subject.trim(), questions: [] };
    entry.questions.push(question);
    skills.set(key, entry);
  }
  return [...skills.values()];
}

/**
 * The Exit ticket quiz: Session, Student ID and Skill on the first page; the Skill answer leads to that
 * skill's section, whose questions are scored against the key (points per question); finishing a
 * section submits the quiz.
 */
export function exitTicketFormPlan(programName: string, questions: readonly ExitTicketQuestion[]): FormPlan {
  const skills = skillsOf(questions);
  const pageKey = (skill: string) => itemKey('page', skill);
  const items: ItemPlan[] = [
    item({ kind: 'text', title: EXIT_TICKET.session, helpText: 'Filled in by your link: leave it as it is.', required: true }),
    item({ kind: 'text', title: EXIT_TICKET.studentId, helpText: 'Filled in by your link: leave it as it is.', required: true }),
    item({
      kind: 'choice',
      title: EXIT_TICKET.skill,
      helpText: 'The skill you worked on today.',
      required: true,
      choices: skills.map(({ skill }) => ({ value: skill, goTo: pageKey(skill) })),
      points: 0,
    }),
  ];
  skills.forEach(({ skill, subject, questions: ofSkill }, index) => {
    items.push(item({ kind: 'page', title: skill, helpText: subject, afterPrevious: index === 0 ? 'continue' : 'submit' }));
    for (const question of ofSkill) {
      const answer = question.answer.trim().toLowerCase();
      items.push(
        item({
          kind: 'choice',
          title: question.question,
          helpText: '',
          required: true,
          choices: question.choices.map((value) => ({ value, correct: value.trim().toLowerCase() === answer })),
          points: question.points,
        }),
      );
    }
  });
  return finish({
    form: 'Exit ticket',
    title: `${programName}: Exit ticket`,
    description: 'Pick the skill you worked on today and answer its questions.',
    quiz: true,
    confirmation: 'Thank you! Your exit ticket was sent to your teacher.',
    items,
  });
}

/**
 * The guardian consent form: the Student ID (prefilled by the student's link), who answers, and Yes/No.
 * A guardian may answer again later (to withdraw): the latest answer counts.
 */
export function consentFormPlan(programName: string): FormPlan {
  return finish({
    form: 'Consent',
    title: `${programName}: guardian consent`,
    description:
      `Your child has been invited to ${programName}, where students help each other learn in short, supervised sessions. ` +
      'Please tell us whether your child may take part. You can change your answer at any time by sending this form again.',
    quiz: false,
    confirmation: 'Thank you: your answer was sent to the school.',
    items: [
      item({ kind: 'text', title: CONSENT.studentId, helpText: 'Filled in by your link: leave it as it is.', required: true }),
      item({ kind: 'text', title: CONSENT.guardian, helpText: '', required: true }),
      item({ kind: 'choice', title: CONSENT.answer, helpText: '', required: true, choices: [{ value: 'Yes' }, { value: 'No' }], points: 0 }),
    ],
  });
}

/** What the adapter finds of a form it made: each item it recorded, by key, with the fingerprint it wrote. */
export interface StoredItem {
  key: string;
  id: number;
  fingerprint: string;
}

export interface FormChanges {
  create: ItemPlan[];
  update: { plan: ItemPlan; id: number }[];
  /** Items the add-on made that the plan no longer has. A teacher's own items are never deleted. */
  remove: number[];
  /** Items kept as they are. */
  keep: { plan: ItemPlan; id: number }[];
}

/**
 * What to change in a form so it matches `plan`: an item recorded but gone from the form (deleted by
 * hand) is created again; an item whose fingerprint changed is rewritten; the rest is kept. An item
 * leading to a section that is created again is rewritten too (its choices point at the old one).
 */
export function formChanges(plan: FormPlan, stored: readonly StoredItem[], liveIds: ReadonlySet<number>): FormChanges {
  const byKey = new Map(stored.filter((entry) => liveIds.has(entry.id)).map((entry) => [entry.key, entry] as [string, StoredItem]));
  const create = plan.items.filter((planned) => !byKey.has(planned.key));
  const created = new Set(create.map((planned) => planned.key));
  const update: FormChanges['update'] = [];
  const keep: FormChanges['keep'] = [];
  for (const planned of plan.items) {
    const entry = byKey.get(planned.key);
    if (!entry) continue;
    const leadsToNew = planned.kind === 'choice' && planned.choices.some((choice) => choice.goTo && created.has(choice.goTo));
    (entry.fingerprint !== planned.fingerprint || leadsToNew ? update : keep).push({ plan: planned, id: entry.id });
  }
  const wanted = new Set(plan.items.map((planned) => planned.key));
  const remove = [...byKey.values()].filter((entry) => !wanted.has(entry.key)).map((entry) => entry.id);
  return { create, update, remove, keep };
}

/**
 * The moveItem calls that put `wanted` (item IDs, in plan order) first, in that order, from the form's
 * `current` order (other items follow, in their order). Each move is `{ id, to }` applied in turn.
 */
export function itemMoves(current: readonly number[], wanted: readonly number[]): { id: number; to: number }[] {
  const order = [...current];
  const moves: { id: number; to: number }[] = [];
  wanted.forEach((id, to) => {
    const from = order.indexOf(id);
    if (from < 0 || from === to) return;
    order.splice(from, 1);
    order.splice(to, 0, id);
    moves.push({ id, to });
  });
  return moves;
}
