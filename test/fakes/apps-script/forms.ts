// In-memory FormApp, Form, items (text, paragraph, scale, multiple choice, page break), Choice,
// FormResponse and ItemResponse, faithful to the Apps Script reference for what the add-on builds:
// forms and quizzes, choices with their correctness or the section they lead to, points, page breaks
// and their navigation, prefilled URLs, a spreadsheet destination and submissions landing in it.
// Every call is counted as `Class.method`; objects are handed out typed as the real interfaces.
//
// Behaviour modelled from Google's documentation (developers.google.com/apps-script/reference/forms):
// - Item IDs (Item.getId) are not the `entry.N` names of a prefilled URL (FormResponse.toPrefilledUrl,
//   "generates a URL for the form in which the answers are pre-filled"): the fake gives them different
//   numbers, so code that mixes them up fails here as it would in Google.
// - "Choices that use page navigation cannot be combined in the same item with choices that do not use
//   page navigation" (enum PageNavigationType); createChoice(value, isCorrect) for quiz keys,
//   createChoice(value, PageBreakItem) for GO_TO_PAGE (class MultipleChoiceItem).
// - PageBreakItem.setGoToPage sets where the form goes "after completing the page before this page
//   break (that is, upon reaching this page break by normal linear progression)".
// - Form.setDestination(FormApp.DestinationType.SPREADSHEET, id): Sheets adds a "Form Responses N" tab
//   (first in the spreadsheet) with a Timestamp column, then one column per question in form order; a
//   quiz's tab has a Score column after Timestamp; a question added later gets a new column at the
//   right; a renamed question renames its column; a deleted question's column stays (Sheets' own
//   behaviour, described in the Forms help "Choose where to save form responses").
// - Forms created through the API "after June 30, 2026, will be created in an unpublished state" and
//   must be published (Forms API guide "API changes to Google Forms"; Form.setPublished in Apps Script):
//   the fake creates forms unpublished, and an unpublished form refuses submissions.
// - A form deleted from Drive cannot be opened: openById throws "No item with the given ID could be
//   found…", the message scripts report (the exact wording is not in the reference).
// Error messages not given by the reference are the fake's own and say what was refused.
import { CallCounter, Counted } from './calls';
import { fakeEnum, isEnumMember } from './enums';
import { AuthMode } from './script-app';
import { formatDate } from './services';
import { asGas, type FakeSheet, type FakeSpreadsheet } from './spreadsheet';
import type { StoredValue } from './values';

type Gas = typeof GoogleAppsScript.Forms;
type GasForm = GoogleAppsScript.Forms.Form;
type GasItem = GoogleAppsScript.Forms.Item;
type GasChoice = GoogleAppsScript.Forms.Choice;
type GasPageBreak = GoogleAppsScript.Forms.PageBreakItem;
type GasItemResponse = GoogleAppsScript.Forms.ItemResponse;
type GasFormResponse = GoogleAppsScript.Forms.FormResponse;

export const ItemType = fakeEnum<Gas['ItemType']>([
  'CHECKBOX', 'CHECKBOX_GRID', 'DATE', 'DATETIME', 'DURATION', 'GRID', 'IMAGE', 'LIST', 'MULTIPLE_CHOICE',
  'PAGE_BREAK', 'PARAGRAPH_TEXT', 'SCALE', 'SECTION_HEADER', 'TEXT', 'TIME', 'VIDEO', 'FILE_UPLOAD',
]);
export const PageNavigationType = fakeEnum<Gas['PageNavigationType']>(['CONTINUE', 'GO_TO_PAGE', 'RESTART', 'SUBMIT']);
export const DestinationType = fakeEnum<Gas['DestinationType']>(['SPREADSHEET']);

export const FORM_NOT_FOUND_MESSAGE = 'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';

type TypeName = 'TEXT' | 'PARAGRAPH_TEXT' | 'SCALE' | 'MULTIPLE_CHOICE' | 'PAGE_BREAK';
type Navigation = 'CONTINUE' | 'GO_TO_PAGE' | 'RESTART' | 'SUBMIT';

interface ChoiceRecord {
  value: string;
  correct: boolean;
  navigation: Navigation | null;
  /** The page break a GO_TO_PAGE choice leads to (by item ID). */
  pageId: number | null;
}

export interface ItemRecord {
  id: number;
  /** The `entry.N` name of the question in prefilled URLs (never the item ID). */
  entryId: number;
  type: TypeName;
  title: string;
  helpText: string;
  required: boolean;
  points: number;
  choices: ChoiceRecord[];
  bounds: [number, number];
  labels: [string, string];
  /** A page break's navigation after the page before it. */
  goTo: { navigation: Navigation; pageId: number | null };
  deleted: boolean;
}

export interface SubmittedResponse {
  timestamp: Date;
  answers: Record<string, string>;
}

export interface FormRecord {
  id: string;
  publishedId: string;
  title: string;
  description: string;
  confirmation: string;
  quiz: boolean;
  published: boolean;
  accepting: boolean;
  destination: string | null;
  /** The responses tab of the destination spreadsheet this form writes to. */
  responsesSheet: FakeSheet | null;
  items: ItemRecord[];
  responses: SubmittedResponse[];
  deleted: boolean;
}

/** Every form of the test's Drive, and the spreadsheets forms may send responses to. */
export class FormStore {
  readonly forms: FormRecord[] = [];
  readonly spreadsheets = new Map<string, FakeSpreadsheet>();
  private nextItemId = 1_100_000_000;
  private nextEntryId = 400_000_000;

  newItemIds(): { id: number; entryId: number } {
    this.nextItemId += 7919;
    this.nextEntryId += 104_729;
    return { id: this.nextItemId, entryId: this.nextEntryId };
  }
}

const QUESTION_TYPES: ReadonlySet<TypeName> = new Set(['TEXT', 'PARAGRAPH_TEXT', 'SCALE', 'MULTIPLE_CHOICE']);

function navigationName(value: unknown): Navigation {
  if (!isEnumMember(value) || !['CONTINUE', 'GO_TO_PAGE', 'RESTART', 'SUBMIT'].includes(value.name())) {
    throw new Error('Invalid argument: navigationType');
  }
  return value.name() as Navigation;
}

// ---------------------------------------------------------------------------------------------------

class FakeChoice extends Counted implements Pick<GasChoice, 'getGotoPage' | 'getPageNavigationType' | 'getValue' | 'isCorrectAnswer'> {
  constructor(
    calls: CallCounter,
    readonly record: ChoiceRecord,
    private readonly form: FakeForm,
  ) {
    super(calls, 'Choice');
  }

  getGotoPage(): GasPageBreak {
    this.track('getGotoPage');
    const page = this.record.pageId === null ? null : this.form.itemRecord(this.record.pageId);
    return (page ? asGas(this.form.handle(page)) : null) as GasPageBreak;
  }

  getPageNavigationType(): GoogleAppsScript.Forms.PageNavigationType {
    this.track('getPageNavigationType');
    return (this.record.navigation ? PageNavigationType[this.record.navigation] : null) as GoogleAppsScript.Forms.PageNavigationType;
  }

  getValue(): string {
    this.track('getValue');
    return this.record.value;
  }

  isCorrectAnswer(): boolean {
    this.track('isCorrectAnswer');
    return this.record.correct;
  }
}

class FakeItemResponse extends Counted implements Pick<GasItemResponse, 'getItem' | 'getResponse'> {
  constructor(
    calls: CallCounter,
    readonly item: ItemRecord,
    readonly answer: string,
    private readonly form: FakeForm,
  ) {
    super(calls, 'ItemResponse');
  }

  getItem(): GasItem {
    this.track('getItem');
    return asGas(new FakeItem(this.calls, this.form, this.item));
  }

  getResponse(): string {
    this.track('getResponse');
    return this.answer;
  }
}

/**
 * What a shared setter of the item classes returns: the handle itself, which each real interface types
 * as its own class (TextItem, ScaleItem…); typed loosely here so one base class serves them all.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Chained = any;

// ---------------------------------------------------------------------------------------------------
// Items. One record per item; any number of handles (Item, TextItem, …) point at it, as in Apps Script.

abstract class ItemHandle extends Counted {
  constructor(
    calls: CallCounter,
    className: string,
    protected readonly form: FakeForm,
    readonly record: ItemRecord,
  ) {
    super(calls, className);
  }

  protected override track(method: string): void {
    super.track(method);
    this.form.checkOpen();
    if (this.record.deleted) throw new Error('The item has been deleted from the form.');
  }

  getId(): number {
    this.track('getId');
    return this.record.id;
  }

  getIndex(): number {
    this.track('getIndex');
    return this.form.liveItems().indexOf(this.record);
  }

  getTitle(): string {
    this.track('getTitle');
    return this.record.title;
  }

  getHelpText(): string {
    this.track('getHelpText');
    return this.record.helpText;
  }

  getType(): GoogleAppsScript.Forms.ItemType {
    this.track('getType');
    return ItemType[this.record.type];
  }

  setTitle(title: string): Chained {
    this.track('setTitle');
    this.record.title = String(title);
    this.form.itemChanged(this.record);
    return this;
  }

  setHelpText(text: string): Chained {
    this.track('setHelpText');
    this.record.helpText = String(text);
    return this;
  }
}

abstract class QuestionHandle extends ItemHandle {
  isRequired(): boolean {
    this.track('isRequired');
    return this.record.required;
  }

  setRequired(enabled: boolean): Chained {
    this.track('setRequired');
    this.record.required = Boolean(enabled);
    return this;
  }

  getPoints(): number {
    this.track('getPoints');
    return this.record.points;
  }

  setPoints(points: number): Chained {
    this.track('setPoints');
    if (!Number.isInteger(points) || points < 0) throw new Error('Invalid argument: points');
    this.record.points = points;
    return this;
  }

  protected respond(answer: string): GasItemResponse {
    return asGas(new FakeItemResponse(this.calls, this.record, answer, this.form));
  }
}

type ItemMethods = 'getHelpText' | 'getId' | 'getIndex' | 'getTitle' | 'getType' | 'setHelpText' | 'setTitle'
  | 'asMultipleChoiceItem' | 'asPageBreakItem' | 'asParagraphTextItem' | 'asScaleItem' | 'asTextItem';

/** An item as Form.getItems returns it: a generic handle, cast with as…Item(). */
export class FakeItem extends ItemHandle implements Pick<GasItem, ItemMethods> {
  constructor(calls: CallCounter, form: FakeForm, record: ItemRecord) {
    super(calls, 'Item', form, record);
  }

  private cast<T>(type: TypeName, make: () => T): T {
    if (this.record.type !== type) throw new Error(`Item ${this.record.id} is not of type ${type}.`);
    return make();
  }

  asTextItem(): GoogleAppsScript.Forms.TextItem {
    this.track('asTextItem');
    return asGas(this.cast('TEXT', () => new FakeTextItem(this.calls, this.form, this.record)));
  }

  asParagraphTextItem(): GoogleAppsScript.Forms.ParagraphTextItem {
    this.track('asParagraphTextItem');
    return asGas(this.cast('PARAGRAPH_TEXT', () => new FakeParagraphTextItem(this.calls, this.form, this.record)));
  }

  asScaleItem(): GoogleAppsScript.Forms.ScaleItem {
    this.track('asScaleItem');
    return asGas(this.cast('SCALE', () => new FakeScaleItem(this.calls, this.form, this.record)));
  }

  asMultipleChoiceItem(): GoogleAppsScript.Forms.MultipleChoiceItem {
    this.track('asMultipleChoiceItem');
    return asGas(this.cast('MULTIPLE_CHOICE', () => new FakeMultipleChoiceItem(this.calls, this.form, this.record)));
  }

  asPageBreakItem(): GasPageBreak {
    this.track('asPageBreakItem');
    return asGas(this.cast('PAGE_BREAK', () => new FakePageBreakItem(this.calls, this.form, this.record)));
  }
}

type TextMethods = 'createResponse' | 'getHelpText' | 'getId' | 'getIndex' | 'getPoints' | 'getTitle' | 'getType'
  | 'isRequired' | 'setHelpText' | 'setPoints' | 'setRequired' | 'setTitle';

export class FakeTextItem extends QuestionHandle implements Pick<GoogleAppsScript.Forms.TextItem, TextMethods> {
  constructor(calls: CallCounter, form: FakeForm, record: ItemRecord) {
    super(calls, 'TextItem', form, record);
  }

  createResponse(response: string): GasItemResponse {
    this.track('createResponse');
    return this.respond(String(response));
  }
}

export class FakeParagraphTextItem extends QuestionHandle implements Pick<GoogleAppsScript.Forms.ParagraphTextItem, TextMethods> {
  constructor(calls: CallCounter, form: FakeForm, record: ItemRecord) {
    super(calls, 'ParagraphTextItem', form, record);
  }

  createResponse(response: string): GasItemResponse {
    this.track('createResponse');
    return this.respond(String(response));
  }
}

type ScaleMethods = TextMethods | 'getLowerBound' | 'getUpperBound' | 'getLeftLabel' | 'getRightLabel' | 'setBounds' | 'setLabels';

export class FakeScaleItem extends QuestionHandle implements Pick<GoogleAppsScript.Forms.ScaleItem, ScaleMethods> {
  constructor(calls: CallCounter, form: FakeForm, record: ItemRecord) {
    super(calls, 'ScaleItem', form, record);
  }

  createResponse(response: number): GasItemResponse {
    this.track('createResponse');
    const [low, high] = this.record.bounds;
    if (!Number.isInteger(response) || response < low || response > high) throw new Error('Invalid response submitted to item.');
    return this.respond(String(response));
  }

  getLowerBound(): number {
    this.track('getLowerBound');
    return this.record.bounds[0];
  }

  getUpperBound(): number {
    this.track('getUpperBound');
    return this.record.bounds[1];
  }

  getLeftLabel(): string {
    this.track('getLeftLabel');
    return this.record.labels[0];
  }

  getRightLabel(): string {
    this.track('getRightLabel');
    return this.record.labels[1];
  }

  /** The reference: the lower bound is 0 or 1, the upper between 3 and 10. */
  setBounds(lower: number, upper: number): GoogleAppsScript.Forms.ScaleItem {
    this.track('setBounds');
    if (![0, 1].includes(lower) || !Number.isInteger(upper) || upper < 3 || upper > 10) throw new Error('Invalid argument: bounds');
    this.record.bounds = [lower, upper];
    return asGas(this);
  }

  setLabels(lower: string, upper: string): GoogleAppsScript.Forms.ScaleItem {
    this.track('setLabels');
    this.record.labels = [String(lower), String(upper)];
    return asGas(this);
  }
}

type ChoiceMethods = TextMethods | 'createChoice' | 'getChoices' | 'setChoices' | 'setChoiceValues';

export class FakeMultipleChoiceItem extends QuestionHandle implements Pick<GoogleAppsScript.Forms.MultipleChoiceItem, ChoiceMethods> {
  constructor(calls: CallCounter, form: FakeForm, record: ItemRecord) {
    super(calls, 'MultipleChoiceItem', form, record);
  }

  /** createChoice(value), (value, isCorrect), (value, PageBreakItem) or (value, PageNavigationType). */
  createChoice(value: string, second?: unknown): GasChoice {
    this.track('createChoice');
    const record: ChoiceRecord = { value: String(value), correct: false, navigation: null, pageId: null };
    if (typeof second === 'boolean') record.correct = second;
    else if (second instanceof FakePageBreakItem) {
      record.navigation = 'GO_TO_PAGE';
      record.pageId = second.record.id;
    } else if (second !== undefined) record.navigation = navigationName(second);
    return asGas(new FakeChoice(this.calls, record, this.form));
  }

  getChoices(): GasChoice[] {
    this.track('getChoices');
    return this.record.choices.map((choice) => asGas<GasChoice>(new FakeChoice(this.calls, { ...choice }, this.form)));
  }

  setChoices(choices: GasChoice[]): GoogleAppsScript.Forms.MultipleChoiceItem {
    this.track('setChoices');
    if (!Array.isArray(choices) || choices.length === 0) throw new Error('Invalid argument: choices');
    const records = choices.map((choice) => {
      if (!(choice instanceof FakeChoice)) throw new Error('Not a Choice of this fake.');
      return { ...choice.record };
    });
    const navigating = records.filter((choice) => choice.navigation !== null).length;
    if (navigating > 0 && navigating < records.length) {
      throw new Error('Choices that use page navigation cannot be combined in the same item with choices that do not use page navigation.');
    }
    this.record.choices = records;
    return asGas(this);
  }

  setChoiceValues(values: string[]): GoogleAppsScript.Forms.MultipleChoiceItem {
    this.track('setChoiceValues');
    this.record.choices = values.map((value) => ({ value: String(value), correct: false, navigation: null, pageId: null }));
    return asGas(this);
  }

  createResponse(response: string): GasItemResponse {
    this.track('createResponse');
    if (!this.record.choices.some((choice) => choice.value === response)) throw new Error('Invalid response submitted to item.');
    return this.respond(response);
  }
}

type PageMethods = 'getGoToPage' | 'getHelpText' | 'getId' | 'getIndex' | 'getPageNavigationType' | 'getTitle' | 'getType' | 'setGoToPage' | 'setHelpText' | 'setTitle';

export class FakePageBreakItem extends ItemHandle implements Pick<GasPageBreak, PageMethods> {
  constructor(calls: CallCounter, form: FakeForm, record: ItemRecord) {
    super(calls, 'PageBreakItem', form, record);
  }

  getGoToPage(): GasPageBreak {
    this.track('getGoToPage');
    const page = this.record.goTo.pageId === null ? null : this.form.itemRecord(this.record.goTo.pageId);
    return (page ? asGas(new FakePageBreakItem(this.calls, this.form, page)) : null) as GasPageBreak;
  }

  getPageNavigationType(): GoogleAppsScript.Forms.PageNavigationType {
    this.track('getPageNavigationType');
    return PageNavigationType[this.record.goTo.navigation];
  }

  setGoToPage(target: unknown): GasPageBreak {
    this.track('setGoToPage');
    this.record.goTo = target instanceof FakePageBreakItem ? { navigation: 'GO_TO_PAGE', pageId: target.record.id } : { navigation: navigationName(target), pageId: null };
    return asGas(this);
  }
}

// ---------------------------------------------------------------------------------------------------

class FakeFormResponse extends Counted implements Pick<GasFormResponse, 'getItemResponses' | 'toPrefilledUrl' | 'withItemResponse'> {
  private readonly answers: FakeItemResponse[] = [];

  constructor(
    calls: CallCounter,
    private readonly form: FakeForm,
  ) {
    super(calls, 'FormResponse');
  }

  getItemResponses(): GasItemResponse[] {
    this.track('getItemResponses');
    return this.answers.map((answer) => asGas<GasItemResponse>(answer));
  }

  withItemResponse(response: GasItemResponse): GasFormResponse {
    this.track('withItemResponse');
    if (!(response instanceof FakeItemResponse)) throw new Error('Not an ItemResponse of this fake.');
    const at = this.answers.findIndex((answer) => answer.item.id === response.item.id);
    if (at >= 0) this.answers.splice(at, 1, response);
    else this.answers.push(response);
    return asGas(this);
  }

  /** `…/viewform?usp=pp_url&entry.N=value`, values encoded as a browser encodes a form (spaces as `+`). */
  toPrefilledUrl(): string {
    this.track('toPrefilledUrl');
    const fields = this.answers.map((answer) => `entry.${answer.item.entryId}=${encodeURIComponent(answer.answer).replace(/%20/g, '+')}`);
    return `${this.form.publishedUrl()}?usp=pp_url${fields.map((field) => `&${field}`).join('')}`;
  }
}

type FormMethods =
  | 'addMultipleChoiceItem' | 'addPageBreakItem' | 'addParagraphTextItem' | 'addScaleItem' | 'addTextItem'
  | 'createResponse' | 'deleteItem' | 'getConfirmationMessage' | 'getDescription' | 'getDestinationId' | 'getDestinationType'
  | 'getEditUrl' | 'getId' | 'getItemById' | 'getItems' | 'getPublishedUrl' | 'getTitle' | 'isAcceptingResponses' | 'isQuiz'
  | 'moveItem' | 'removeDestination' | 'setAcceptingResponses' | 'setConfirmationMessage' | 'setDescription'
  | 'setDestination' | 'setIsQuiz' | 'setTitle';

export class FakeForm extends Counted implements Pick<GasForm, FormMethods> {
  constructor(
    calls: CallCounter,
    readonly record: FormRecord,
    private readonly store: FormStore,
  ) {
    super(calls, 'Form');
  }

  protected override track(method: string): void {
    super.track(method);
    this.checkOpen();
  }

  // --- internals (not counted) ---

  checkOpen(): void {
    if (this.record.deleted) throw new Error(FORM_NOT_FOUND_MESSAGE);
  }

  liveItems(): ItemRecord[] {
    return this.record.items.filter((item) => !item.deleted);
  }

  itemRecord(id: number): ItemRecord | null {
    return this.liveItems().find((item) => item.id === id) ?? null;
  }

  handle(record: ItemRecord): ItemHandle {
    switch (record.type) {
      case 'TEXT':
        return new FakeTextItem(this.calls, this, record);
      case 'PARAGRAPH_TEXT':
        return new FakeParagraphTextItem(this.calls, this, record);
      case 'SCALE':
        return new FakeScaleItem(this.calls, this, record);
      case 'MULTIPLE_CHOICE':
        return new FakeMultipleChoiceItem(this.calls, this, record);
      case 'PAGE_BREAK':
        return new FakePageBreakItem(this.calls, this, record);
    }
  }

  publishedUrl(): string {
    return `https://docs.google.com/forms/d/e/${this.record.publishedId}/viewform`;
  }

  editUrl(): string {
    return `https://docs.google.com/forms/d/${this.record.id}/edit`;
  }

  /** A question renamed after linking renames its column in the responses tab. */
  itemChanged(record: ItemRecord): void {
    this.record.responsesSheet && linkedColumns(this.record, record);
  }

  private add<T>(type: TypeName, make: (record: ItemRecord) => T): T {
    const record: ItemRecord = {
      ...this.store.newItemIds(),
      type,
      title: '',
      helpText: '',
      required: false,
      points: 0,
      choices: [],
      bounds: [1, 5],
      labels: ['', ''],
      goTo: { navigation: 'CONTINUE', pageId: null },
      deleted: false,
    };
    this.record.items.push(record);
    if (this.record.responsesSheet && QUESTION_TYPES.has(type)) linkedColumns(this.record, record);
    return make(record);
  }

  private recordOf(item: unknown): ItemRecord {
    if (typeof item === 'number') {
      const record = this.liveItems()[item];
      if (!record) throw new Error('Invalid argument: index');
      return record;
    }
    if (!(item instanceof ItemHandle) || item.record.deleted) throw new Error('Invalid argument: item');
    return item.record;
  }

  // --- Form ---

  addTextItem(): GoogleAppsScript.Forms.TextItem {
    this.track('addTextItem');
    return asGas(this.add('TEXT', (record) => new FakeTextItem(this.calls, this, record)));
  }

  addParagraphTextItem(): GoogleAppsScript.Forms.ParagraphTextItem {
    this.track('addParagraphTextItem');
    return asGas(this.add('PARAGRAPH_TEXT', (record) => new FakeParagraphTextItem(this.calls, this, record)));
  }

  addScaleItem(): GoogleAppsScript.Forms.ScaleItem {
    this.track('addScaleItem');
    return asGas(this.add('SCALE', (record) => new FakeScaleItem(this.calls, this, record)));
  }

  addMultipleChoiceItem(): GoogleAppsScript.Forms.MultipleChoiceItem {
    this.track('addMultipleChoiceItem');
    return asGas(this.add('MULTIPLE_CHOICE', (record) => new FakeMultipleChoiceItem(this.calls, this, record)));
  }

  addPageBreakItem(): GasPageBreak {
    this.track('addPageBreakItem');
    return asGas(this.add('PAGE_BREAK', (record) => new FakePageBreakItem(this.calls, this, record)));
  }

  createResponse(): GasFormResponse {
    this.track('createResponse');
    return asGas(new FakeFormResponse(this.calls, this));
  }

  deleteItem(item: unknown): void {
    this.track('deleteItem');
    this.recordOf(item).deleted = true;
  }

  getConfirmationMessage(): string {
    this.track('getConfirmationMessage');
    return this.record.confirmation;
  }

  getDescription(): string {
    this.track('getDescription');
    return this.record.description;
  }

  getDestinationId(): string {
    this.track('getDestinationId');
    if (!this.record.destination) throw new Error('This form does not have a response destination.');
    return this.record.destination;
  }

  getDestinationType(): GoogleAppsScript.Forms.DestinationType {
    this.track('getDestinationType');
    if (!this.record.destination) throw new Error('This form does not have a response destination.');
    return DestinationType.SPREADSHEET;
  }

  getEditUrl(): string {
    this.track('getEditUrl');
    return this.editUrl();
  }

  getId(): string {
    this.track('getId');
    return this.record.id;
  }

  getItemById(id: number): GasItem {
    this.track('getItemById');
    const record = this.itemRecord(id);
    return (record ? asGas(new FakeItem(this.calls, this, record)) : null) as GasItem;
  }

  getItems(itemType?: GoogleAppsScript.Forms.ItemType): GasItem[] {
    this.track('getItems');
    const wanted = itemType === undefined ? null : (itemType as unknown as { name(): string }).name();
    return this.liveItems()
      .filter((record) => wanted === null || record.type === wanted)
      .map((record) => asGas<GasItem>(new FakeItem(this.calls, this, record)));
  }

  getPublishedUrl(): string {
    this.track('getPublishedUrl');
    return this.publishedUrl();
  }

  getTitle(): string {
    this.track('getTitle');
    return this.record.title;
  }

  isAcceptingResponses(): boolean {
    this.track('isAcceptingResponses');
    return this.record.accepting;
  }

  isPublished(): boolean {
    this.track('isPublished');
    return this.record.published;
  }

  isQuiz(): boolean {
    this.track('isQuiz');
    return this.record.quiz;
  }

  moveItem(from: unknown, toIndex: number): GasItem {
    this.track('moveItem');
    const record = this.recordOf(from);
    const live = this.liveItems();
    if (!Number.isInteger(toIndex) || toIndex < 0 || toIndex >= live.length) throw new Error('Invalid argument: toIndex');
    const order = live.filter((item) => item !== record);
    order.splice(toIndex, 0, record);
    this.record.items = [...order, ...this.record.items.filter((item) => item.deleted)];
    return asGas(new FakeItem(this.calls, this, record));
  }

  removeDestination(): GasForm {
    this.track('removeDestination');
    this.record.destination = null;
    this.record.responsesSheet?.unlinkForm();
    this.record.responsesSheet = null;
    return asGas(this);
  }

  setAcceptingResponses(enabled: boolean): GasForm {
    this.track('setAcceptingResponses');
    this.record.accepting = Boolean(enabled);
    return asGas(this);
  }

  setConfirmationMessage(message: string): GasForm {
    this.track('setConfirmationMessage');
    this.record.confirmation = String(message);
    return asGas(this);
  }

  setDescription(description: string): GasForm {
    this.track('setDescription');
    this.record.description = String(description);
    return asGas(this);
  }

  /** Links the form to a spreadsheet of the test: a new "Form Responses N" tab, first in the spreadsheet. */
  setDestination(type: GoogleAppsScript.Forms.DestinationType, id: string): GasForm {
    this.track('setDestination');
    if (type !== DestinationType.SPREADSHEET) throw new Error('Invalid argument: type');
    const spreadsheet = this.store.spreadsheets.get(id);
    if (!spreadsheet) throw new Error(FORM_NOT_FOUND_MESSAGE);
    if (this.record.destination === id && this.record.responsesSheet) return asGas(this);
    this.record.responsesSheet?.unlinkForm();
    let n = 1;
    while (spreadsheet.sheetNamed(`Form Responses ${n}`)) n++;
    const sheet = spreadsheet.insertLinkedSheet(`Form Responses ${n}`, this.editUrl());
    this.record.destination = id;
    this.record.responsesSheet = sheet;
    sheet.writeHeaderCell(1, 'Timestamp');
    if (this.record.quiz) sheet.writeHeaderCell(2, 'Score');
    for (const item of this.liveItems()) if (QUESTION_TYPES.has(item.type)) linkedColumns(this.record, item);
    return asGas(this);
  }

  setIsQuiz(enabled: boolean): GasForm {
    this.track('setIsQuiz');
    this.record.quiz = Boolean(enabled);
    return asGas(this);
  }

  setPublished(enabled: boolean): GasForm {
    this.track('setPublished');
    this.record.published = Boolean(enabled);
    if (enabled) this.record.accepting = true;
    return asGas(this);
  }

  setTitle(title: string): GasForm {
    this.track('setTitle');
    this.record.title = String(title);
    return asGas(this);
  }
}

/** Columns a responses tab has per question: one per question item, found by the item's column memory. */
const columnOfItem = new WeakMap<ItemRecord, number>();

/** Gives a question its column in the responses tab (appended at the right), or renames it. */
function linkedColumns(form: FormRecord, item: ItemRecord): void {
  const sheet = form.responsesSheet;
  if (!sheet || !QUESTION_TYPES.has(item.type)) return;
  let column = columnOfItem.get(item);
  if (column === undefined) {
    column = sheet.headerWidth() + 1;
    columnOfItem.set(item, column);
  }
  sheet.writeHeaderCell(column, item.title);
}

// ---------------------------------------------------------------------------------------------------

export class FakeFormApp extends Counted implements Pick<GoogleAppsScript.Forms.FormApp, 'create' | 'openById' | 'openByUrl'> {
  readonly DestinationType = DestinationType;
  readonly ItemType = ItemType;
  readonly PageNavigationType = PageNavigationType;
  private count = 0;

  constructor(
    calls: CallCounter,
    readonly store: FormStore,
  ) {
    super(calls, 'FormApp');
  }

  create(title: string): GasForm {
    this.track('create');
    this.count++;
    const record: FormRecord = {
      id: `fake-form-${this.count}-${'x'.repeat(20)}`,
      publishedId: `1FAIpQLSfake${this.count}${'y'.repeat(30)}`,
      title: String(title),
      description: '',
      confirmation: '',
      quiz: false,
      published: false,
      accepting: false,
      destination: null,
      responsesSheet: null,
      items: [],
      responses: [],
      deleted: false,
    };
    this.store.forms.push(record);
    return asGas(new FakeForm(this.calls, record, this.store));
  }

  openById(id: string): GasForm {
    this.track('openById');
    const record = this.store.forms.find((form) => form.id === id && !form.deleted);
    if (!record) throw new Error(FORM_NOT_FOUND_MESSAGE);
    return asGas(new FakeForm(this.calls, record, this.store));
  }

  openByUrl(url: string): GasForm {
    this.track('openByUrl');
    const record = this.store.forms.find((form) => !form.deleted && String(url).includes(form.id));
    if (!record) throw new Error(FORM_NOT_FOUND_MESSAGE);
    return asGas(new FakeForm(this.calls, record, this.store));
  }
}

// ---------------------------------------------------------------------------------------------------

/** The spreadsheet form-submit event as Apps Script hands it to an installable trigger's function. */
export interface SheetsFormSubmitEvent {
  authMode: GoogleAppsScript.Script.AuthMode;
  range: GoogleAppsScript.Spreadsheet.Range;
  values: string[];
  namedValues: Record<string, string[]>;
  triggerUid: string;
}

export interface FormsFake {
  FormApp: GoogleAppsScript.Forms.FormApp;
  fake: FakeFormApp;
  store: FormStore;
  /** The live forms of the test's Drive. */
  forms(): FormRecord[];
  /** Test helper: the teacher deletes the form from Drive (its responses tab stays, unlinked). */
  deleteForm(id: string): void;
  /**
   * Test helper: a student submits the form. The response lands in the linked responses tab as Sheets
   * writes it (timestamp a date, a scale a number, text as typed, never a formula) and the row is
   * returned, to build the trigger's event from.
   */
  submit(formId: string, answers: Record<string, string>, at: Date): { sheet: FakeSheet; row: number };
}

export function createFormsFake(calls: CallCounter, spreadsheets: FakeSpreadsheet[] = [], store = new FormStore()): FormsFake {
  for (const spreadsheet of spreadsheets) store.spreadsheets.set(spreadsheet.documentId(), spreadsheet);
  const fake = new FakeFormApp(calls, store);
  return {
    FormApp: asGas<GoogleAppsScript.Forms.FormApp>(fake),
    fake,
    store,
    forms: () => store.forms.filter((form) => !form.deleted),
    deleteForm(id) {
      const record = store.forms.find((form) => form.id === id);
      if (!record) throw new Error(`no form ${id}`);
      record.deleted = true;
      record.responsesSheet?.unlinkForm();
    },
    submit(formId, answers, at) {
      const record = store.forms.find((form) => form.id === formId && !form.deleted);
      if (!record) throw new Error(`no form ${formId}`);
      if (!record.published || !record.accepting) throw new Error('This form is not accepting responses.');
      const byTitle = new Map(record.items.filter((item) => !item.deleted).map((item) => [item.title, item] as [string, ItemRecord]));
      for (const title of Object.keys(answers)) if (!byTitle.has(title)) throw new Error(`the form has no question "${title}"`);
      record.responses.push({ timestamp: at, answers: { ...answers } });
      const sheet = record.responsesSheet;
      if (!sheet) throw new Error('the form has no responses tab');
      const cells: StoredValue[] = [];
      cells[0] = new Date(at.getTime());
      if (record.quiz) cells[1] = scoreText(record, answers);
      for (const item of record.items) {
        const column = columnOfItem.get(item);
        if (column === undefined) continue;
        const answer = answers[item.title] ?? '';
        cells[column - 1] = item.type === 'SCALE' && answer !== '' ? Number(answer) : answer;
      }
      return { sheet, row: sheet.appendRaw(cells) };
    },
  };
}

/** A quiz's Score cell as Sheets shows it: `points / total`. */
function scoreText(form: FormRecord, answers: Record<string, string>): string {
  let points = 0;
  let total = 0;
  for (const item of form.items.filter((entry) => !entry.deleted && entry.points > 0)) {
    total += item.points;
    if (item.choices.some((choice) => choice.correct && choice.value === answers[item.title])) points += item.points;
  }
  return `${points} / ${total}`;
}

/**
 * The event a spreadsheet's installable form-submit trigger receives for the row a submission wrote
 * (Apps Script guide "Event objects", Google Sheets "Form submit"): `range` (that row), `values` (the
 * row as displayed text, in column order, the timestamp as Sheets shows it), `namedValues` (each
 * column title → [its text]), `triggerUid` and `authMode` FULL.
 */
export function formSubmitEvent(sheet: FakeSheet, row: number, triggerUid: string): SheetsFormSubmitEvent {
  const width = sheet.headerWidth();
  const headers = Array.from({ length: width }, (_, j) => String(sheet.inspectCell(1, j + 1).value));
  const values = Array.from({ length: width }, (_, j) => displayed(sheet.inspectCell(row, j + 1).value, sheet.timeZone()));
  return {
    authMode: AuthMode.FULL,
    range: asGas(sheet.rangeAt(row, 1, 1, width)),
    values,
    namedValues: Object.fromEntries(headers.map((header, j) => [header, [values[j]]])),
    triggerUid,
  };
}

/**
 * A "ghost" event: Apps Script sometimes fires a spreadsheet's form-submit trigger again for a
 * submission with every answer empty (reported on Google's issue tracker and forums for years); it
 * carries the timestamp and nothing else, and points at the last row.
 */
export function ghostFormSubmitEvent(sheet: FakeSheet, triggerUid: string): SheetsFormSubmitEvent {
  const event = formSubmitEvent(sheet, Math.max(lastRowOf(sheet), 2), triggerUid);
  const values = event.values.map((value, j) => (j === 0 ? value : ''));
  return { ...event, values, namedValues: Object.fromEntries(Object.keys(event.namedValues).map((header, j) => [header, [values[j]]])) };
}

function lastRowOf(sheet: FakeSheet): number {
  let row = 1;
  while (sheet.inspectCell(row + 1, 1).value !== '') row++;
  return row;
}

/** A cell as Sheets displays it in a US-locale spreadsheet: a form timestamp as `M/d/yyyy H:mm:ss`. */
function displayed(value: StoredValue, timeZone: string): string {
  if (value instanceof Date) return formatDate(value, timeZone, 'M/d/yyyy H:mm:ss');
  return String(value);
}
