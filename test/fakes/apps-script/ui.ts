// Fakes of the spreadsheet's Ui (menus, alerts, sidebar, dialogs) and of HtmlService. They record what
// the add-on showed so tests can assert on it; alerts answer from a queue the test fills.
import { CallCounter, Counted } from './calls';
import { fakeEnum, isEnumMember } from './enums';
import { asGas } from './spreadsheet';

type GasUi = GoogleAppsScript.Base.Ui;
type GasMenu = GoogleAppsScript.Base.Menu;
type GasHtmlOutput = GoogleAppsScript.HTML.HtmlOutput;
type GasHtmlService = GoogleAppsScript.HTML.HtmlService;
type Button = GoogleAppsScript.Base.Button;
type ButtonSet = GoogleAppsScript.Base.ButtonSet;

export const Button = fakeEnum<typeof GoogleAppsScript.Base.Button>(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO']);
export const ButtonSet = fakeEnum<typeof GoogleAppsScript.Base.ButtonSet>(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL']);
const SandboxMode = fakeEnum<typeof GoogleAppsScript.HTML.SandboxMode>(['EMULATED', 'IFRAME', 'NATIVE']);
const XFrameOptionsMode = fakeEnum<typeof GoogleAppsScript.HTML.XFrameOptionsMode>(['ALLOWALL', 'DEFAULT']);

export type MenuEntry =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; menu: RecordedMenu };

export interface RecordedMenu {
  /** `null` for the add-on menu (Extensions > add-on name). */
  caption: string | null;
  entries: MenuEntry[];
}

/** Every `functionName` in a menu and its submenus. */
export function menuFunctionNames(menu: RecordedMenu): string[] {
  return menu.entries.flatMap((entry) => {
    if (entry.kind === 'item') return [entry.functionName];
    return entry.kind === 'submenu' ? menuFunctionNames(entry.menu) : [];
  });
}

export class FakeMenu extends Counted implements Pick<GasMenu, 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'> {
  readonly recorded: RecordedMenu;

  constructor(
    calls: CallCounter,
    private readonly ui: FakeUi,
    caption: string | null,
  ) {
    super(calls, 'Menu');
    this.recorded = { caption, entries: [] };
  }

  addItem(caption: string, functionName: string): GasMenu {
    this.track('addItem');
    this.recorded.entries.push({ kind: 'item', caption, functionName });
    return asGas(this);
  }

  addSeparator(): GasMenu {
    this.track('addSeparator');
    this.recorded.entries.push({ kind: 'separator' });
    return asGas(this);
  }

  addSubMenu(menu: GasMenu): GasMenu {
    this.track('addSubMenu');
    if (!(menu instanceof FakeMenu)) throw new Error('Not a Menu of this fake Ui.');
    this.recorded.entries.push({ kind: 'submenu', menu: menu.recorded });
    return asGas(this);
  }

  addToUi(): void {
    this.track('addToUi');
    this.ui.menus.push(this.recorded);
  }
}

export interface RecordedAlert {
  title: string;
  prompt: string;
  buttons: ButtonSet;
  answer: Button;
}

type UiMethods = 'Button' | 'ButtonSet' | 'alert' | 'createAddonMenu' | 'createMenu' | 'showModalDialog' | 'showModelessDialog' | 'showSidebar';

export class FakeUi extends Counted implements Pick<GasUi, UiMethods> {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  /** Menus added with addToUi, in order. */
  readonly menus: RecordedMenu[] = [];
  readonly alerts: RecordedAlert[] = [];
  readonly sidebars: FakeHtmlOutput[] = [];
  readonly dialogs: { output: FakeHtmlOutput; title: string; modal: boolean }[] = [];
  /** Answers the next alerts give; when empty an alert answers with its first button (OK or YES). */
  readonly alertAnswers: Button[] = [];

  constructor(calls: CallCounter) {
    super(calls, 'Ui');
  }

  alert(titleOrPrompt: string, promptOrButtons?: string | ButtonSet, buttons?: ButtonSet): Button {
    this.track('alert');
    const hasTitle = promptOrButtons !== undefined && !isEnumMember(promptOrButtons);
    const buttonSet = ((hasTitle ? buttons : promptOrButtons) as ButtonSet | undefined) ?? ButtonSet.OK;
    const answer = this.alertAnswers.shift() ?? (String(buttonSet).startsWith('YES') ? Button.YES : Button.OK);
    this.alerts.push({
      title: hasTitle ? titleOrPrompt : '',
      prompt: hasTitle ? (promptOrButtons as string) : titleOrPrompt,
      buttons: buttonSet,
      answer,
    });
    return answer;
  }

  createAddonMenu(): GasMenu {
    this.track('createAddonMenu');
    return asGas(new FakeMenu(this.calls, this, null));
  }

  createMenu(caption: string): GasMenu {
    this.track('createMenu');
    return asGas(new FakeMenu(this.calls, this, caption));
  }

  showModalDialog(userInterface: GasHtmlOutput, title: string): void {
    this.track('showModalDialog');
    this.dialogs.push({ output: toFakeOutput(userInterface), title, modal: true });
  }

  showModelessDialog(userInterface: GasHtmlOutput, title: string): void {
    this.track('showModelessDialog');
    this.dialogs.push({ output: toFakeOutput(userInterface), title, modal: false });
  }

  showSidebar(userInterface: GasHtmlOutput): void {
    this.track('showSidebar');
    this.sidebars.push(toFakeOutput(userInterface));
  }
}

function toFakeOutput(output: GasHtmlOutput): FakeHtmlOutput {
  if (!(output instanceof FakeHtmlOutput)) throw new Error('Not an HtmlOutput of this fake HtmlService.');
  return output;
}

type HtmlOutputMethods =
  | 'append'
  | 'clear'
  | 'getContent'
  | 'getHeight'
  | 'getTitle'
  | 'getWidth'
  | 'setContent'
  | 'setHeight'
  | 'setSandboxMode'
  | 'setTitle'
  | 'setWidth'
  | 'setXFrameOptionsMode';

export class FakeHtmlOutput extends Counted implements Pick<GasHtmlOutput, HtmlOutputMethods> {
  private title = '';
  private width = 0;
  private height = 0;

  constructor(
    calls: CallCounter,
    private content: string,
  ) {
    super(calls, 'HtmlOutput');
  }

  append(addedContent: string): GasHtmlOutput {
    this.track('append');
    this.content += addedContent;
    return asGas(this);
  }

  clear(): GasHtmlOutput {
    this.track('clear');
    this.content = '';
    return asGas(this);
  }

  getContent(): string {
    this.track('getContent');
    return this.content;
  }

  getHeight(): number {
    this.track('getHeight');
    return this.height;
  }

  getTitle(): string {
    this.track('getTitle');
    return this.title;
  }

  getWidth(): number {
    this.track('getWidth');
    return this.width;
  }

  setContent(content: string): GasHtmlOutput {
    this.track('setContent');
    this.content = content;
    return asGas(this);
  }

  setHeight(height: number): GasHtmlOutput {
    this.track('setHeight');
    this.height = height;
    return asGas(this);
  }

  setSandboxMode(_mode: GoogleAppsScript.HTML.SandboxMode): GasHtmlOutput {
    this.track('setSandboxMode');
    return asGas(this);
  }

  setTitle(title: string): GasHtmlOutput {
    this.track('setTitle');
    this.title = title;
    return asGas(this);
  }

  setWidth(width: number): GasHtmlOutput {
    this.track('setWidth');
    this.width = width;
    return asGas(this);
  }

  setXFrameOptionsMode(_mode: GoogleAppsScript.HTML.XFrameOptionsMode): GasHtmlOutput {
    this.track('setXFrameOptionsMode');
    return asGas(this);
  }

  /** Test helper (not counted). */
  inspect(): { title: string; width: number; height: number; content: string } {
    return { title: this.title, width: this.width, height: this.height, content: this.content };
  }
}

type HtmlServiceMethods = 'SandboxMode' | 'XFrameOptionsMode' | 'createHtmlOutput' | 'createHtmlOutputFromFile';

export class FakeHtmlService extends Counted implements Pick<GasHtmlService, HtmlServiceMethods> {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;
  /** The project's HTML files by name without `.html`, as clasp pushes them. */
  private readonly files = new Map<string, string>();

  constructor(calls: CallCounter, files: Record<string, string> = {}) {
    super(calls, 'HtmlService');
    for (const [name, content] of Object.entries(files)) this.addFile(name, content);
  }

  addFile(name: string, content: string): void {
    this.files.set(name.replace(/\.html$/, ''), content);
  }

  createHtmlOutput(html: string | GoogleAppsScript.Base.BlobSource = ''): GasHtmlOutput {
    this.track('createHtmlOutput');
    if (typeof html !== 'string') throw new Error('The fake HtmlService only accepts HTML text.');
    return asGas(new FakeHtmlOutput(this.calls, html));
  }

  createHtmlOutputFromFile(filename: string): GasHtmlOutput {
    this.track('createHtmlOutputFromFile');
    const name = filename.replace(/\.html$/, '');
    const content = this.files.get(name);
    if (content === undefined) throw new Error(`No HTML file named ${name} was found.`);
    return asGas(new FakeHtmlOutput(this.calls, content));
  }
}
