// Makes a Google Form match its plan (src/core/forms/form-plan): creates it the first time (and again if
// it was deleted from Drive), then on later runs changes only what the plan's fingerprints say changed.
// With nothing changed a run opens the form and checks its destination, and writes nothing. What it
// wrote is remembered (item IDs and fingerprints) so the form is never read item by item.
import { formChanges, itemMoves, SCALE_BOUNDS, type ChoicePlan, type FormPlan, type ItemPlan, type StoredItem } from '../../core/forms/form-plan';
import { PLACEHOLDERS, templateFromPrefilledUrl, type LinkTemplate } from '../../core/forms/links';
import { fingerprintOf } from '../../core/scheduling/fingerprint';
import type { StoredForm } from './forms-state';

type Form = GoogleAppsScript.Forms.Form;
type Item = GoogleAppsScript.Forms.Item;
type PageBreakItem = GoogleAppsScript.Forms.PageBreakItem;
type MultipleChoiceItem = GoogleAppsScript.Forms.MultipleChoiceItem;

export type FormAppService = Pick<GoogleAppsScript.Forms.FormApp, 'create' | 'openById' | 'DestinationType' | 'PageNavigationType'>;

/**
 * Forms made through the API after June 30, 2026 start unpublished (Google's "API changes to Google
 * Forms"); Form.setPublished/isPublished are newer than the typings this project uses.
 */
type PublishableForm = Form & { setPublished?(enabled: boolean): Form; isPublished?(): boolean };

/** Questions whose choices lead to sections: written once every section exists. */
type Navigating = { item: MultipleChoiceItem; plan: Extract<ItemPlan, { kind: 'choice' }> }[];

export type FormOutcome = 'created' | 'recreated' | 'updated' | 'unchanged';

export interface EnsuredForm {
  stored: StoredForm;
  outcome: FormOutcome;
  /** True when this run linked the form to the spreadsheet (Sheets then adds a responses tab). */
  linked: boolean;
}

/** Brings the form in line with `plan`, sending its responses to the spreadsheet `spreadsheetId`. */
export function ensureForm(formApp: FormAppService, spreadsheetId: string, plan: FormPlan, stored: StoredForm | null): EnsuredForm {
  const existing = stored ? openForm(formApp, stored.id) : null;
  if (!existing || !stored) return createForm(formApp, spreadsheetId, plan, stored ? 'recreated' : 'created');
  const linked = ensureDestination(formApp, existing, spreadsheetId);
  if (stored.fingerprint === plan.fingerprint && stored.template) return { stored, outcome: 'unchanged', linked };
  return { stored: updateForm(formApp, existing, plan, stored), outcome: 'updated', linked };
}

/** The form, or null when it was deleted from Drive (openById then throws). */
function openForm(formApp: FormAppService, id: string): Form | null {
  try {
    return formApp.openById(id);
  } catch {
    return null;
  }
}

function settingsOf(plan: FormPlan): string {
  return fingerprintOf({ title: plan.title, description: plan.description, quiz: plan.quiz, confirmation: plan.confirmation });
}

function writeSettings(form: Form, plan: FormPlan): void {
  form.setTitle(plan.title);
  form.setDescription(plan.description);
  form.setConfirmationMessage(plan.confirmation);
  form.setIsQuiz(plan.quiz);
}

function createForm(formApp: FormAppService, spreadsheetId: string, plan: FormPlan, outcome: FormOutcome): EnsuredForm {
  const form = formApp.create(plan.title);
  // Quiz first: the responses tab then gets its Score column when linked.
  writeSettings(form, plan);
  const ids = new Map<string, number>();
  const pages = new Map<string, PageBreakItem>();
  const navigating: Navigating = [];
  for (const planned of plan.items) {
    const item = addItem(formApp, form, planned, pages, navigating, plan.quiz);
    ids.set(planned.key, item.getId());
  }
  // Choices that lead to a section need that section to exist.
  for (const { item, plan: planned } of navigating) writeChoices(item, planned, pages, plan.quiz);
  form.setDestination(formApp.DestinationType.SPREADSHEET, spreadsheetId);
  publish(form);
  const items = plan.items.map((planned) => ({ key: planned.key, id: ids.get(planned.key)!, fingerprint: planned.fingerprint }));
  const stored: StoredForm = {
    id: form.getId(),
    publishedUrl: form.getPublishedUrl(),
    fingerprint: plan.fingerprint,
    settings: settingsOf(plan),
    items,
    template: linkTemplate(form, plan, items),
  };
  return { stored, outcome, linked: true };
}

function publish(form: PublishableForm): void {
  if (typeof form.setPublished === 'function' && !(form.isPublished?.() ?? false)) form.setPublished(true);
}

/** Links the form to the spreadsheet unless it already sends its responses there. */
function ensureDestination(formApp: FormAppService, form: Form, spreadsheetId: string): boolean {
  let current: string | null = null;
  try {
    current = form.getDestinationId();
  } catch {
    current = null; // no destination: getDestinationId throws
  }
  if (current === spreadsheetId) return false;
  form.setDestination(formApp.DestinationType.SPREADSHEET, spreadsheetId);
  return true;
}

function updateForm(formApp: FormAppService, form: Form, plan: FormPlan, stored: StoredForm): StoredForm {
  if (stored.settings !== settingsOf(plan)) writeSettings(form, plan);
  const liveIds = form.getItems().map((item) => item.getId());
  const changes = formChanges(plan, stored.items, new Set(liveIds));
  for (const id of changes.remove) form.deleteItem(form.getItemById(id));
  const ids = new Map<string, number>([...changes.keep, ...changes.update].map(({ plan: planned, id }) => [planned.key, id] as [string, number]));
  const pages = new Map<string, PageBreakItem>();
  const pageOf = (key: string): PageBreakItem | undefined => {
    if (!pages.has(key) && ids.has(key)) pages.set(key, form.getItemById(ids.get(key)!).asPageBreakItem());
    return pages.get(key);
  };
  const navigating: Navigating = [];
  for (const planned of changes.create) ids.set(planned.key, addItem(formApp, form, planned, pages, navigating, plan.quiz).getId());
  for (const { plan: planned, id } of changes.update) writeItem(formApp, form.getItemById(id), planned, pages, navigating, plan.quiz);
  for (const { item, plan: planned } of navigating) {
    const targets = new Map(planned.choices.flatMap((choice) => (choice.goTo && pageOf(choice.goTo) ? [[choice.goTo, pageOf(choice.goTo)!] as [string, PageBreakItem]] : [])));
    writeChoices(item, planned, targets, plan.quiz);
  }
  const order = form.getItems().map((item) => item.getId());
  for (const move of itemMoves(order, plan.items.map((planned) => ids.get(planned.key)!))) form.moveItem(form.getItemById(move.id), move.to);
  const items = plan.items.map((planned) => ({ key: planned.key, id: ids.get(planned.key)!, fingerprint: planned.fingerprint }));
  return { ...stored, fingerprint: plan.fingerprint, settings: settingsOf(plan), items, template: linkTemplate(form, plan, items) };
}

/** Appends a new item for `planned` and writes it (a choice that leads to sections is written later). */
function addItem(formApp: FormAppService, form: Form, planned: ItemPlan, pages: Map<string, PageBreakItem>, navigating: Navigating, quiz: boolean): { getId(): number } {
  switch (planned.kind) {
    case 'text': {
      const item = form.addTextItem();
      item.setTitle(planned.title).setHelpText(planned.helpText).setRequired(planned.required);
      return item;
    }
    case 'paragraph': {
      const item = form.addParagraphTextItem();
      item.setTitle(planned.title).setHelpText(planned.helpText).setRequired(planned.required);
      return item;
    }
    case 'scale': {
      const item = form.addScaleItem();
      item.setTitle(planned.title).setHelpText(planned.helpText).setRequired(planned.required);
      item.setBounds(SCALE_BOUNDS.low, SCALE_BOUNDS.high).setLabels(planned.lowLabel, planned.highLabel);
      return item;
    }
    case 'choice': {
      const item = form.addMultipleChoiceItem();
      writeQuestion(item, planned, pages, navigating, quiz);
      return item;
    }
    case 'page': {
      const item = form.addPageBreakItem();
      writePage(formApp, item, planned);
      pages.set(planned.key, item);
      return item;
    }
  }
}

/** Rewrites an existing item in place (its ID, and so its responses column, stay). */
function writeItem(formApp: FormAppService, item: Item, planned: ItemPlan, pages: Map<string, PageBreakItem>, navigating: Navigating, quiz: boolean): void {
  switch (planned.kind) {
    case 'text':
      item.asTextItem().setTitle(planned.title).setHelpText(planned.helpText).setRequired(planned.required);
      return;
    case 'paragraph':
      item.asParagraphTextItem().setTitle(planned.title).setHelpText(planned.helpText).setRequired(planned.required);
      return;
    case 'scale':
      item.asScaleItem().setTitle(planned.title).setHelpText(planned.helpText).setRequired(planned.required).setBounds(SCALE_BOUNDS.low, SCALE_BOUNDS.high).setLabels(planned.lowLabel, planned.highLabel);
      return;
    case 'choice':
      writeQuestion(item.asMultipleChoiceItem(), planned, pages, navigating, quiz);
      return;
    case 'page': {
      const page = item.asPageBreakItem();
      writePage(formApp, page, planned);
      pages.set(planned.key, page);
    }
  }
}

/** A multiple-choice question; one whose choices lead to sections waits in `navigating` until they exist. */
function writeQuestion(item: MultipleChoiceItem, planned: Extract<ItemPlan, { kind: 'choice' }>, pages: Map<string, PageBreakItem>, navigating: Navigating, quiz: boolean): void {
  item.setTitle(planned.title).setHelpText(planned.helpText).setRequired(planned.required);
  if (planned.choices.some((choice) => choice.goTo)) navigating.push({ item, plan: planned });
  else writeChoices(item, planned, pages, quiz);
}

/** The choices, each with its key (quiz) or the section it leads to, and the question's points. */
function writeChoices(item: MultipleChoiceItem, planned: Extract<ItemPlan, { kind: 'choice' }>, pages: Map<string, PageBreakItem>, quiz: boolean): void {
  const choice = (entry: ChoicePlan) => {
    const page = entry.goTo ? pages.get(entry.goTo) : undefined;
    if (page) return item.createChoice(entry.value, page);
    return planned.points > 0 ? item.createChoice(entry.value, entry.correct === true) : item.createChoice(entry.value);
  };
  item.setChoices(planned.choices.map(choice));
  if (quiz || planned.points > 0) item.setPoints(planned.points);
}

function writePage(formApp: FormAppService, page: PageBreakItem, planned: Extract<ItemPlan, { kind: 'page' }>): void {
  page.setTitle(planned.title).setHelpText(planned.helpText);
  page.setGoToPage(planned.afterPrevious === 'submit' ? formApp.PageNavigationType.SUBMIT : formApp.PageNavigationType.CONTINUE);
}

/**
 * Asks Forms for ONE prefilled URL with placeholder answers and reads each question's entry ID from
 * it: every session's link is then built without Forms (see core/forms/links).
 */
function linkTemplate(form: Form, plan: FormPlan, items: StoredItem[]): LinkTemplate {
  const idOf = (title: string) => items.find((entry) => plan.items.find((planned) => planned.key === entry.key)?.title === title)?.id;
  let response = form.createResponse();
  for (const [title, value] of Object.entries(PLACEHOLDERS[plan.form])) {
    const id = idOf(title);
    if (id === undefined) continue;
    const item = form.getItemById(id);
    const planned = plan.items.find((entry) => entry.title === title);
    const answer = planned?.kind === 'choice' ? item.asMultipleChoiceItem().createResponse(value) : item.asTextItem().createResponse(value);
    response = response.withItemResponse(answer);
  }
  return templateFromPrefilledUrl(plan.form, response.toPrefilledUrl());
}
