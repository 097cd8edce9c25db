// One call builds a consistent set of Apps Script fakes around one spreadsheet. Services are typed as
// the real `GoogleAppsScript` interfaces (only the implemented methods exist at run time); the `fake*`
// fields and helpers give tests access to what the fakes recorded.
import { FakeAccounts } from './accounts';
import { CallCounter } from './calls';
import {
  asGas,
  CellState,
  DataValidationCriteria,
  FakeDataValidationBuilder,
  FakeSheet,
  FakeSpreadsheet,
  ProtectionType,
} from './spreadsheet';
import { FakeConsole, FakeLockService, FakeLogger, FakePropertiesService, FakeSession, FakeUtilities } from './services';
import { FakeHtmlService, FakeUi } from './ui';

export { CallCounter } from './calls';
export { DEFAULT_ACCOUNT, FakeAccounts } from './accounts';
export { FORMULA_RESULT } from './values';
export * from './spreadsheet';
export { menuFunctionNames, FakeHtmlOutput, FakeUi } from './ui';
export type { MenuEntry, RecordedMenu, RecordedAlert } from './ui';
export { formatDate, PROPERTY_VALUE_LIMIT, PROPERTY_STORE_LIMIT } from './services';

type SpreadsheetAppMethods =
  | 'DataValidationCriteria'
  | 'ProtectionType'
  | 'flush'
  | 'getActive'
  | 'getActiveSheet'
  | 'getActiveSpreadsheet'
  | 'getUi'
  | 'newDataValidation'
  | 'create'
  | 'openById';

export type FakeSpreadsheetApp = Pick<GoogleAppsScript.Spreadsheet.SpreadsheetApp, SpreadsheetAppMethods>;

export interface AppsScriptFakesOptions {
  /** The spreadsheet's timezone (default UTC). */
  timeZone?: string;
  /** The script project's timezone (Session.getScriptTimeZone); defaults to `timeZone`. */
  scriptTimeZone?: string;
  /** HTML files of the project, by name (`Sidebar` or `Sidebar.html`). */
  htmlFiles?: Record<string, string>;
  /** The account running the script when no `accounts` are given. */
  userEmail?: string;
  /** The test's accounts; share them with the CalendarApp and ScriptApp fakes. */
  accounts?: FakeAccounts;
  /** The spreadsheet's ID (give each document of a test its own). */
  spreadsheetId?: string;
  locale?: string;
}

export interface AppsScriptFakes {
  SpreadsheetApp: FakeSpreadsheetApp;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  LockService: GoogleAppsScript.Lock.LockService;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  Session: GoogleAppsScript.Base.Session;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  Logger: GoogleAppsScript.Base.Logger;
  console: FakeConsole;
  /** Every service call, by `Class.method`. */
  calls: CallCounter;
  /** Who runs the script now (Session, user properties). */
  accounts: FakeAccounts;
  /** The active spreadsheet, typed as the real interface. */
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  fakeSpreadsheet: FakeSpreadsheet;
  ui: FakeUi;
  html: FakeHtmlService;
  properties: FakePropertiesService;
  locks: FakeLockService;
  logger: FakeLogger;
  utilities: FakeUtilities;
  /** The globals an Apps Script project sees, for a `vm` context. */
  globals(): Record<string, unknown>;
  /** Creates (or fills) a sheet from a grid typed as a teacher would type it. Not counted. */
  seedSheet(name: string, grid?: unknown[][]): FakeSheet;
  /** The fake behind a sheet, or an error naming the missing sheet. */
  sheet(name: string): FakeSheet;
  /** Everything one cell holds (1-based row and column). Not counted. */
  cell(sheetName: string, row: number, column: number): CellState;
}

export function createAppsScriptFakes(options: AppsScriptFakesOptions = {}): AppsScriptFakes {
  const timeZone = options.timeZone ?? 'UTC';
  const calls = new CallCounter();
  const accounts = options.accounts ?? new FakeAccounts(options.userEmail);
  const fakeSpreadsheet = new FakeSpreadsheet(calls, timeZone, undefined, options.spreadsheetId);
  const ui = new FakeUi(calls);
  const html = new FakeHtmlService(calls, options.htmlFiles);
  const properties = new FakePropertiesService(calls, accounts);
  const locks = new FakeLockService(calls);
  const logger = new FakeLogger(calls);
  const utilities = new FakeUtilities(calls);
  const session = new FakeSession(calls, options.scriptTimeZone ?? timeZone, accounts, options.locale ?? 'en');
  const fakeConsole = new FakeConsole();
  const spreadsheet = asGas<GoogleAppsScript.Spreadsheet.Spreadsheet>(fakeSpreadsheet);
  const SpreadsheetApp = createSpreadsheetApp(calls, fakeSpreadsheet, ui);

  const sheet = (name: string): FakeSheet => {
    const found = fakeSpreadsheet.sheetNamed(name);
    if (!found) throw new Error(`The fake spreadsheet has no sheet named "${name}".`);
    return found;
  };
  const services = {
    SpreadsheetApp,
    PropertiesService: asGas<GoogleAppsScript.Properties.PropertiesService>(properties),
    LockService: asGas<GoogleAppsScript.Lock.LockService>(locks),
    HtmlService: asGas<GoogleAppsScript.HTML.HtmlService>(html),
    Session: asGas<GoogleAppsScript.Base.Session>(session),
    Utilities: asGas<GoogleAppsScript.Utilities.Utilities>(utilities),
    Logger: asGas<GoogleAppsScript.Base.Logger>(logger),
    console: fakeConsole,
  };
  return {
    ...services,
    calls,
    accounts,
    spreadsheet,
    fakeSpreadsheet,
    ui,
    html,
    properties,
    locks,
    logger,
    utilities,
    globals: () => ({ ...services }),
    seedSheet: (name, grid = []) => fakeSpreadsheet.seedSheet(name, grid),
    sheet,
    cell: (sheetName, row, column) => sheet(sheetName).inspectCell(row, column),
  };
}

function createSpreadsheetApp(
  calls: CallCounter,
  fake: FakeSpreadsheet,
  ui: FakeUi,
): FakeSpreadsheetApp {
  const track = (method: string) => calls.record(`SpreadsheetApp.${method}`);
  const spreadsheet = asGas<GoogleAppsScript.Spreadsheet.Spreadsheet>(fake);
  return {
    DataValidationCriteria,
    ProtectionType,
    flush: () => track('flush'),
    getActive: () => (track('getActive'), spreadsheet),
    getActiveSpreadsheet: () => (track('getActiveSpreadsheet'), spreadsheet),
    getActiveSheet: () => (track('getActiveSheet'), asGas<GoogleAppsScript.Spreadsheet.Sheet>(fake.sheetNamed(fake.sheetNames()[0])!)),
    getUi: () => (track('getUi'), asGas<GoogleAppsScript.Base.Ui>(ui)),
    newDataValidation: () => (track('newDataValidation'), asGas(new FakeDataValidationBuilder(calls))),
    // The manifest has spreadsheets.currentonly, not spreadsheets: opening or making another spreadsheet
    // through SpreadsheetApp fails as Apps Script fails it (End term uses the advanced Sheets service).
    create: () => {
      track('create');
      throw new Error('You do not have permission to call SpreadsheetApp.create. Required permissions: https://www.googleapis.com/auth/spreadsheets');
    },
    openById: () => {
      track('openById');
      throw new Error('You do not have permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets');
    },
  };
}
