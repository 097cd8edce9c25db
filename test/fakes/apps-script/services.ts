// Fakes of PropertiesService, LockService, Session, Utilities, Logger and console.
import { offsetMinutes } from '../../../src/core/time';
import type { FakeAccounts } from './accounts';
import { CallCounter, Counted } from './calls';
import { asGas } from './spreadsheet';

type GasProperties = GoogleAppsScript.Properties.Properties;
type GasLock = GoogleAppsScript.Lock.Lock;

/** Quotas of the Properties service: 9 KB per value, 500 KB per property store. */
export const PROPERTY_VALUE_LIMIT = 9 * 1024;
export const PROPERTY_STORE_LIMIT = 500 * 1024;

type PropertiesMethods =
  | 'deleteAllProperties'
  | 'deleteProperty'
  | 'getKeys'
  | 'getProperties'
  | 'getProperty'
  | 'setProperties'
  | 'setProperty';

export class FakeProperties extends Counted implements Pick<GasProperties, PropertiesMethods> {
  private readonly values = new Map<string, string>();

  constructor(calls: CallCounter, scope: string) {
    super(calls, `${scope}Properties`);
  }

  private put(key: string, value: unknown): void {
    const text = String(value);
    if (Buffer.byteLength(key + text) > PROPERTY_VALUE_LIMIT) throw new Error('Argument too large: value');
    const before = this.values.get(key);
    this.values.set(key, text);
    if (this.storedBytes() > PROPERTY_STORE_LIMIT) {
      if (before === undefined) this.values.delete(key);
      else this.values.set(key, before);
      throw new Error('You have exceeded the property storage quota. Please remove some properties and try again.');
    }
  }

  private storedBytes(): number {
    let bytes = 0;
    for (const [key, value] of this.values) bytes += Buffer.byteLength(key + value);
    return bytes;
  }

  deleteAllProperties(): GasProperties {
    this.track('deleteAllProperties');
    this.values.clear();
    return asGas(this);
  }

  deleteProperty(key: string): GasProperties {
    this.track('deleteProperty');
    this.values.delete(key);
    return asGas(this);
  }

  getKeys(): string[] {
    this.track('getKeys');
    return [...this.values.keys()];
  }

  getProperties(): { [key: string]: string } {
    this.track('getProperties');
    return Object.fromEntries(this.values);
  }

  getProperty(key: string): string | null {
    this.track('getProperty');
    return this.values.get(key) ?? null;
  }

  setProperties(properties: { [key: string]: string }, deleteAllOthers = false): GasProperties {
    this.track('setProperties');
    if (deleteAllOthers) this.values.clear();
    for (const [key, value] of Object.entries(properties)) this.put(key, value);
    return asGas(this);
  }

  setProperty(key: string, value: string): GasProperties {
    this.track('setProperty');
    this.put(key, value);
    return asGas(this);
  }

  /** Test helper (not counted). */
  inspect(): Record<string, string> {
    return Object.fromEntries(this.values);
  }
}

export class FakePropertiesService
  extends Counted
  implements Pick<GoogleAppsScript.Properties.PropertiesService, 'getDocumentProperties' | 'getScriptProperties' | 'getUserProperties'>
{
  readonly document: FakeProperties;
  readonly script: FakeProperties;
  /** User properties belong to one account each. */
  private readonly users = new Map<string, FakeProperties>();

  constructor(
    calls: CallCounter,
    private readonly accounts?: FakeAccounts,
  ) {
    super(calls, 'PropertiesService');
    this.document = new FakeProperties(calls, 'Document');
    this.script = new FakeProperties(calls, 'Script');
  }

  /** The current account's user properties. */
  get user(): FakeProperties {
    const email = this.accounts?.current ?? '';
    let store = this.users.get(email);
    if (!store) this.users.set(email, (store = new FakeProperties(this.calls, 'User')));
    return store;
  }

  getDocumentProperties(): GasProperties {
    this.track('getDocumentProperties');
    return asGas(this.document);
  }

  getScriptProperties(): GasProperties {
    this.track('getScriptProperties');
    return asGas(this.script);
  }

  getUserProperties(): GasProperties {
    this.track('getUserProperties');
    return asGas(this.user);
  }
}

// ---------------------------------------------------------------------------------------------------

/** One lock (document, script or user). Another execution holding it is simulated with `holdElsewhere`. */
export class LockState {
  heldHere = false;
  heldElsewhere = false;

  /** Test helper: another execution takes the lock, so tryLock fails and waitLock times out. */
  holdElsewhere(): void {
    this.heldElsewhere = true;
  }

  releaseElsewhere(): void {
    this.heldElsewhere = false;
  }
}

export class FakeLock extends Counted implements Pick<GasLock, 'hasLock' | 'releaseLock' | 'tryLock' | 'waitLock'> {
  constructor(
    calls: CallCounter,
    private readonly state: LockState,
  ) {
    super(calls, 'Lock');
  }

  hasLock(): boolean {
    this.track('hasLock');
    return this.state.heldHere;
  }

  releaseLock(): void {
    this.track('releaseLock');
    this.state.heldHere = false;
  }

  /** Time does not pass in the fake: a lock held elsewhere stays held for the whole timeout. */
  tryLock(_timeoutInMillis: number): boolean {
    this.track('tryLock');
    if (this.state.heldElsewhere) return false;
    this.state.heldHere = true;
    return true;
  }

  waitLock(_timeoutInMillis: number): void {
    this.track('waitLock');
    if (this.state.heldElsewhere) throw new Error('Lock timeout: another process was holding the lock for too long.');
    this.state.heldHere = true;
  }
}

export class FakeLockService
  extends Counted
  implements Pick<GoogleAppsScript.Lock.LockService, 'getDocumentLock' | 'getScriptLock' | 'getUserLock'>
{
  readonly document = new LockState();
  readonly script = new LockState();
  readonly user = new LockState();

  constructor(calls: CallCounter) {
    super(calls, 'LockService');
  }

  getDocumentLock(): GasLock {
    this.track('getDocumentLock');
    return asGas(new FakeLock(this.calls, this.document));
  }

  getScriptLock(): GasLock {
    this.track('getScriptLock');
    return asGas(new FakeLock(this.calls, this.script));
  }

  getUserLock(): GasLock {
    this.track('getUserLock');
    return asGas(new FakeLock(this.calls, this.user));
  }
}

// ---------------------------------------------------------------------------------------------------

class FakeUser extends Counted implements Pick<GoogleAppsScript.Base.User, 'getEmail'> {
  constructor(
    calls: CallCounter,
    private readonly email: string,
  ) {
    super(calls, 'User');
  }

  getEmail(): string {
    this.track('getEmail');
    return this.email;
  }
}

export class FakeSession
  extends Counted
  implements Pick<GoogleAppsScript.Base.Session, 'getActiveUser' | 'getActiveUserLocale' | 'getEffectiveUser' | 'getScriptTimeZone'>
{
  constructor(
    calls: CallCounter,
    private readonly timeZone: string,
    private readonly accounts: FakeAccounts,
    private readonly locale: string,
  ) {
    super(calls, 'Session');
  }

  getActiveUser(): GoogleAppsScript.Base.User {
    this.track('getActiveUser');
    return asGas(new FakeUser(this.calls, this.accounts.current));
  }

  getActiveUserLocale(): string {
    this.track('getActiveUserLocale');
    return this.locale;
  }

  getEffectiveUser(): GoogleAppsScript.Base.User {
    this.track('getEffectiveUser');
    return asGas(new FakeUser(this.calls, this.accounts.current));
  }

  getScriptTimeZone(): string {
    this.track('getScriptTimeZone');
    return this.timeZone;
  }
}

// ---------------------------------------------------------------------------------------------------

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function wallClock(date: Date, timeZone: string): Record<string, number> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    weekday: 'short',
  }).formatToParts(date);
  const clock: Record<string, number> = { millisecond: date.getUTCMilliseconds() };
  for (const part of parts) {
    if (part.type === 'weekday') clock.weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(part.value);
    else if (part.type !== 'literal') clock[part.type] = Number(part.value);
  }
  return clock;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${pad(abs % 60, 2)}`;
}

/** One `SimpleDateFormat` field (a run of the same letter) for a wall clock. */
function formatField(letter: string, width: number, clock: Record<string, number>, offset: number): string {
  switch (letter) {
    case 'y':
      return width === 2 ? pad(clock.year % 100, 2) : pad(clock.year, width);
    case 'M':
      return width >= 4 ? MONTHS[clock.month - 1] : width === 3 ? MONTHS[clock.month - 1].slice(0, 3) : pad(clock.month, width);
    case 'd':
      return pad(clock.day, width);
    case 'E':
      return width >= 4 ? DAYS[clock.weekday] : DAYS[clock.weekday].slice(0, 3);
    case 'H':
      return pad(clock.hour, width);
    case 'h':
      return pad(clock.hour % 12 || 12, width);
    case 'a':
      return clock.hour < 12 ? 'AM' : 'PM';
    case 'm':
      return pad(clock.minute, width);
    case 's':
      return pad(clock.second, width);
    case 'S':
      return pad(clock.millisecond, width);
    case 'Z':
      return offsetText(offset);
    case 'X':
      return offset === 0 ? 'Z' : width === 3 ? offsetText(offset).replace(/(\d\d)$/, ':$1') : offsetText(offset);
    default:
      throw new Error(`Illegal pattern character '${letter}'`);
  }
}

/** Utilities.formatDate: a subset of Java's SimpleDateFormat (y M d E H h a m s S Z X and 'quoted text'). */
export function formatDate(date: Date, timeZone: string, format: string): string {
  const clock = wallClock(date, timeZone);
  const offset = offsetMinutes(date, timeZone);
  let out = '';
  for (let i = 0; i < format.length; ) {
    const ch = format[i];
    if (ch === "'") {
      const end = format.indexOf("'", i + 1);
      const stop = end < 0 ? format.length : end;
      out += stop === i + 1 ? "'" : format.slice(i + 1, stop);
      i = stop + 1;
    } else if (/[a-zA-Z]/.test(ch)) {
      let j = i;
      while (format[j] === ch) j++;
      out += formatField(ch, j - i, clock, offset);
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

export class FakeUtilities extends Counted implements Pick<GoogleAppsScript.Utilities.Utilities, 'formatDate' | 'sleep' | 'getUuid'> {
  /** Milliseconds the script asked to sleep (the fake returns at once). */
  slept = 0;
  private uuids = 0;

  /** A fresh UUID each call (version-4 shaped, counted so tests stay deterministic). */
  getUuid(): string {
    this.track('getUuid');
    const n = (++this.uuids).toString(16).padStart(12, '0');
    return `00000000-0000-4000-8000-${n}`;
  }

  constructor(calls: CallCounter) {
    super(calls, 'Utilities');
  }

  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    this.track('formatDate');
    return formatDate(date as Date, timeZone, format);
  }

  sleep(milliseconds: number): void {
    this.track('sleep');
    this.slept += milliseconds;
  }
}

// ---------------------------------------------------------------------------------------------------

export class FakeLogger extends Counted implements Pick<GoogleAppsScript.Base.Logger, 'clear' | 'getLog' | 'log'> {
  readonly entries: string[] = [];

  constructor(calls: CallCounter) {
    super(calls, 'Logger');
  }

  clear(): void {
    this.track('clear');
    this.entries.length = 0;
  }

  getLog(): string {
    this.track('getLog');
    return this.entries.join('\n');
  }

  /** `log(data)` or `log(format, ...values)` with `%s` placeholders. */
  log(dataOrFormat: unknown, ...values: unknown[]): GoogleAppsScript.Base.Logger {
    this.track('log');
    let text = String(dataOrFormat);
    if (values.length) text = text.replace(/%s/g, () => String(values.shift()));
    this.entries.push(text);
    return asGas(this);
  }
}

/** The `console` of the Apps Script runtime (logs go to Cloud Logging); records instead of printing. */
export class FakeConsole {
  readonly entries: { level: 'log' | 'info' | 'warn' | 'error'; text: string }[] = [];

  log = (...args: unknown[]): void => this.record('log', args);
  info = (...args: unknown[]): void => this.record('info', args);
  warn = (...args: unknown[]): void => this.record('warn', args);
  error = (...args: unknown[]): void => this.record('error', args);

  private record(level: 'log' | 'info' | 'warn' | 'error', args: unknown[]): void {
    this.entries.push({ level, text: args.map((arg) => (arg instanceof Error ? arg.stack ?? arg.message : String(arg))).join(' ') });
  }
}
