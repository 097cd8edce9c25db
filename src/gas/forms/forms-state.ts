// What the add-on remembers about its forms, in the document's properties (they belong to the
// spreadsheet, whoever runs the add-on): each form's ID, what it last wrote to it (item IDs and
// fingerprints), its prefilled-link template; the responses tabs' queue marks; who gets the emails.
// A form's record can outgrow the 9 KB a property value holds (a quiz of a few hundred questions),
// so it is split over numbered shards written in one setProperties call.
import type { StoredItem } from '../../core/forms/form-plan';
import type { FormTemplates, LinkTemplate } from '../../core/forms/links';
import type { FormKind } from '../../core/forms/questions';
import type { QueueMark, QueueState } from '../../sheets/forms/response-queue';

export type FormProperties = Pick<GoogleAppsScript.Properties.Properties, 'getProperty' | 'getProperties' | 'setProperties' | 'deleteProperty'>;

const PREFIX = 'ptHub.forms.';
const QUEUE = `${PREFIX}queue`;
const TRIGGER = `${PREFIX}trigger`;
const UNSENT = `${PREFIX}unsentMail`;
/** Stay under the 9 KB Properties value limit. */
const SHARD_BUDGET = 8000;

/** What Create forms last made of one form. */
export interface StoredForm {
  id: string;
  publishedUrl: string;
  /** The plan's fingerprint when the form was last brought in line with it. */
  fingerprint: string;
  /** Digest of the form's own settings (title, description, quiz, confirmation). */
  settings: string;
  items: StoredItem[];
  template: LinkTemplate | null;
}

/** The form-submit trigger this document uses, and who its emails go to (the teacher who installed it). */
export interface TriggerRecord {
  uniqueId: string;
  notify: string;
}

const FORM_KEYS: Record<FormKind, string> = { Reflection: 'reflection', 'Exit ticket': 'exitTicket', 'Help request': 'helpRequest', Consent: 'consent' };
const formKey = (form: FormKind) => `${PREFIX}${FORM_KEYS[form]}`;

export class FormsState {
  private all: Record<string, string> | null = null;

  constructor(private readonly properties: FormProperties) {}

  /** Every property in one call, kept for this run. */
  private snapshot(): Record<string, string> {
    return (this.all ??= this.properties.getProperties());
  }

  form(form: FormKind): StoredForm | null {
    const all = this.snapshot();
    const key = formKey(form);
    const count = Number(all[`${key}.n`] ?? 0);
    if (!count) return null;
    try {
      return JSON.parse(Array.from({ length: count }, (_, i) => all[`${key}.${i}`] ?? '').join('')) as StoredForm;
    } catch {
      return null;
    }
  }

  saveForm(form: FormKind, stored: StoredForm): void {
    const key = formKey(form);
    const text = JSON.stringify(stored);
    const shards = Math.max(1, Math.ceil(text.length / SHARD_BUDGET));
    const before = Number(this.snapshot()[`${key}.n`] ?? 0);
    const changes: Record<string, string> = { [`${key}.n`]: String(shards) };
    for (let i = 0; i < shards; i++) changes[`${key}.${i}`] = text.slice(i * SHARD_BUDGET, (i + 1) * SHARD_BUDGET);
    this.properties.setProperties(changes);
    for (let i = shards; i < before; i++) this.properties.deleteProperty(`${key}.${i}`);
    this.all = { ...this.snapshot(), ...changes };
  }

  templates(): FormTemplates | null {
    const reflection = this.form('Reflection')?.template ?? null;
    const exitTicket = this.form('Exit ticket')?.template ?? null;
    return reflection || exitTicket ? { reflection, exitTicket } : null;
  }

  /** Read on its own (every form submission asks): not the whole property store. */
  trigger(): TriggerRecord | null {
    return parse<TriggerRecord>(this.all ? this.all[TRIGGER] : this.properties.getProperty(TRIGGER));
  }

  saveTrigger(record: TriggerRecord): void {
    this.properties.setProperties({ [TRIGGER]: JSON.stringify(record) });
    if (this.all) this.all = { ...this.all, [TRIGGER]: JSON.stringify(record) };
  }

  /** Response IDs of requests to talk whose email could not be sent yet. */
  unsentMail(): string[] {
    return parse<string[]>(this.properties.getProperty(UNSENT)) ?? [];
  }

  saveUnsentMail(ids: string[]): void {
    if (ids.length) this.properties.setProperties({ [UNSENT]: JSON.stringify(ids.slice(-200)) });
    else if (this.properties.getProperty(UNSENT) !== null) this.properties.deleteProperty(UNSENT);
  }

  /** The responses tabs' marks (read fresh: another run may have filed since this one started). */
  queue(): QueueState {
    return {
      load: () => parse<QueueMark[]>(this.properties.getProperty(QUEUE)) ?? [],
      save: (marks) => void this.properties.setProperties({ [QUEUE]: JSON.stringify(marks) }),
    };
  }
}

function parse<T>(text: string | null | undefined): T | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}
