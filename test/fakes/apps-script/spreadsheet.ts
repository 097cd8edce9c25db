// In-memory Spreadsheet, Sheet, Range, Protection and DataValidation, faithful to the Apps Script
// reference for the subset the add-on uses. Each class implements `Pick<>` of the real interface, so a
// wrong signature fails `tsc`; objects are handed out typed as the real interfaces (see `asGas`).
import { copyChartState, FakeEmbeddedChart, FakeEmbeddedChartBuilder, newChartState, type ChartState } from './charts';
import { CallCounter, Counted } from './calls';
import { fakeEnum } from './enums';
import { copyValue, enterValue, StoredValue } from './values';

type GasRange = GoogleAppsScript.Spreadsheet.Range;
type GasSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GasSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type GasProtection = GoogleAppsScript.Spreadsheet.Protection;
type GasDataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type GasDataValidationBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
type FontWeight = GoogleAppsScript.Spreadsheet.FontWeight;

/** Hands a fake out typed as the real interface; only the methods listed in its `Pick<>` exist. */
export function asGas<T>(fake: object): T {
  return fake as unknown as T;
}

/** Runtime values of the enums the add-on reads (Apps Script enums are objects with named members). */
export const ProtectionType = fakeEnum<typeof GoogleAppsScript.Spreadsheet.ProtectionType>(['RANGE', 'SHEET']);
export const DataValidationCriteria = fakeEnum<typeof GoogleAppsScript.Spreadsheet.DataValidationCriteria>(['VALUE_IN_LIST']);

export const DEFAULT_BACKGROUND = '#ffffff';
export const DEFAULT_NUMBER_FORMAT = '0.###############';
/** A new sheet's grid, as in Google Sheets. */
export const NEW_SHEET_ROWS = 1000;
export const NEW_SHEET_COLUMNS = 26;
/** Most items a list rule may hold; longer lists must use a range. */
export const LIST_VALIDATION_LIMIT = 500;

/** Everything a cell holds; `value` is `''` when the cell is empty. */
export interface CellState {
  value: StoredValue;
  formula: string;
  note: string;
  background: string;
  fontWeight: FontWeight;
  numberFormat: string;
  validation: FakeDataValidation | null;
}

function blankCell(): CellState {
  return {
    value: '',
    formula: '',
    note: '',
    background: DEFAULT_BACKGROUND,
    fontWeight: 'normal',
    numberFormat: DEFAULT_NUMBER_FORMAT,
    validation: null,
  };
}

function hasContent(cell: CellState | undefined): boolean {
  return cell !== undefined && (cell.value !== '' || cell.formula !== '');
}

export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function a1Cell(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}

/** Parses `B3` or `A1:C10` into 1-based coordinates. */
function parseA1(notation: string): { row: number; column: number; numRows: number; numColumns: number } {
  const match = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(notation.trim());
  if (!match) throw new Error(`Range not found`);
  const toColumn = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const row = Number(match[2]);
  const column = toColumn(match[1]);
  const lastRow = match[4] ? Number(match[4]) : row;
  const lastColumn = match[3] ? toColumn(match[3]) : column;
  return {
    row: Math.min(row, lastRow),
    column: Math.min(column, lastColumn),
    numRows: Math.abs(lastRow - row) + 1,
    numColumns: Math.abs(lastColumn - column) + 1,
  };
}

/** Normalises a colour as getBackgrounds reports it: lowercase `#rrggbb`. */
function normaliseColor(color: string | null): string {
  if (color === null || color === '') return DEFAULT_BACKGROUND;
  const named: Record<string, string> = { white: '#ffffff', black: '#000000', red: '#ff0000', yellow: '#ffff00' };
  const lower = color.toLowerCase();
  if (named[lower]) return named[lower];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(lower);
  return short ? `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}` : lower;
}

function checkDimensions(data: unknown, numRows: number, numColumns: number): void {
  if (!Array.isArray(data) || data.some((row) => !Array.isArray(row))) {
    throw new Error('The parameters do not match the method signature: expected a two-dimensional array.');
  }
  if (data.length !== numRows) {
    throw new Error(
      `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${numRows}.`,
    );
  }
  for (const row of data as unknown[][]) {
    if (row.length !== numColumns) {
      throw new Error(
        `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${numColumns}.`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------------

type DataValidationMethods = 'copy' | 'getAllowInvalid' | 'getCriteriaType' | 'getCriteriaValues' | 'getHelpText';

export class FakeDataValidation extends Counted implements Pick<GasDataValidation, DataValidationMethods> {
  constructor(
    calls: CallCounter,
    readonly values: readonly string[],
    readonly showDropdown: boolean,
    readonly allowInvalid: boolean,
    readonly helpText: string,
  ) {
    super(calls, 'DataValidation');
  }

  copy(): GasDataValidationBuilder {
    this.track('copy');
    return asGas(new FakeDataValidationBuilder(this.calls, this));
  }

  getAllowInvalid(): boolean {
    this.track('getAllowInvalid');
    return this.allowInvalid;
  }

  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
    this.track('getCriteriaType');
    return DataValidationCriteria.VALUE_IN_LIST;
  }

  getCriteriaValues(): unknown[] {
    this.track('getCriteriaValues');
    return [[...this.values], this.showDropdown];
  }

  getHelpText(): string {
    this.track('getHelpText');
    return this.helpText;
  }

  /** Whether a typed value passes the rule (blank always does). */
  accepts(value: StoredValue): boolean {
    return value === '' || this.values.includes(String(value));
  }
}

type BuilderMethods =
  | 'build'
  | 'copy'
  | 'getAllowInvalid'
  | 'getCriteriaValues'
  | 'getHelpText'
  | 'requireValueInList'
  | 'setAllowInvalid'
  | 'setHelpText';

export class FakeDataValidationBuilder extends Counted implements Pick<GasDataValidationBuilder, BuilderMethods> {
  private values: string[] | null = null;
  private showDropdown = true;
  // The reference: "The default for a new data validation rule is true."
  private allowInvalid = true;
  private helpText = '';

  constructor(calls: CallCounter, from?: FakeDataValidation) {
    super(calls, 'DataValidationBuilder');
    if (from) {
      this.values = [...from.values];
      this.showDropdown = from.showDropdown;
      this.allowInvalid = from.allowInvalid;
      this.helpText = from.helpText;
    }
  }

  build(): GasDataValidation {
    this.track('build');
    if (!this.values) throw new Error('The data validation rule has no criteria.');
    if (this.values.length > LIST_VALIDATION_LIMIT) {
      throw new Error(
        `The data validation rule has more items than the limit of ${LIST_VALIDATION_LIMIT}. Use the ‘List from a range’ criteria instead.`,
      );
    }
    return asGas(new FakeDataValidation(this.calls, [...this.values], this.showDropdown, this.allowInvalid, this.helpText));
  }

  copy(): GasDataValidationBuilder {
    this.track('copy');
    const copy = new FakeDataValidationBuilder(this.calls);
    Object.assign(copy, { values: this.values && [...this.values], showDropdown: this.showDropdown });
    Object.assign(copy, { allowInvalid: this.allowInvalid, helpText: this.helpText });
    return asGas(copy);
  }

  getAllowInvalid(): boolean {
    this.track('getAllowInvalid');
    return this.allowInvalid;
  }

  getCriteriaValues(): unknown[] {
    this.track('getCriteriaValues');
    return this.values ? [[...this.values], this.showDropdown] : [];
  }

  getHelpText(): string {
    this.track('getHelpText');
    return this.helpText;
  }

  requireValueInList(values: string[], showDropdown = true): GasDataValidationBuilder {
    this.track('requireValueInList');
    this.values = [...values];
    this.showDropdown = showDropdown;
    return asGas(this);
  }

  setAllowInvalid(allowInvalidData: boolean): GasDataValidationBuilder {
    this.track('setAllowInvalid');
    this.allowInvalid = allowInvalidData;
    return asGas(this);
  }

  setHelpText(helpText: string): GasDataValidationBuilder {
    this.track('setHelpText');
    this.helpText = helpText;
    return asGas(this);
  }
}

function toFakeValidation(rule: GasDataValidation | null): FakeDataValidation | null {
  if (rule === null) return null;
  if (!(rule instanceof FakeDataValidation)) throw new Error('Not a DataValidation built by this fake.');
  return rule;
}

// ---------------------------------------------------------------------------------------------------

type ProtectionMethods =
  | 'canEdit'
  | 'getDescription'
  | 'getProtectionType'
  | 'getRange'
  | 'isWarningOnly'
  | 'remove'
  | 'setDescription'
  | 'setRange'
  | 'setWarningOnly';

export class FakeProtection extends Counted implements Pick<GasProtection, ProtectionMethods> {
  private description = '';
  private warningOnly = false;

  constructor(
    calls: CallCounter,
    private readonly sheet: FakeSheet,
    readonly type: 'RANGE' | 'SHEET',
    private range: FakeRange,
  ) {
    super(calls, 'Protection');
  }

  canEdit(): boolean {
    this.track('canEdit');
    return true;
  }

  getDescription(): string {
    this.track('getDescription');
    return this.description;
  }

  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    this.track('getProtectionType');
    return ProtectionType[this.type];
  }

  getRange(): GasRange {
    this.track('getRange');
    return asGas(this.range);
  }

  isWarningOnly(): boolean {
    this.track('isWarningOnly');
    return this.warningOnly;
  }

  remove(): void {
    this.track('remove');
    this.sheet.removeProtection(this);
  }

  setDescription(description: string): GasProtection {
    this.track('setDescription');
    this.description = description;
    return asGas(this);
  }

  setRange(range: GasRange): GasProtection {
    this.track('setRange');
    if (this.type === 'SHEET') throw new Error('A sheet protection cannot be given a range.');
    this.range = toFakeRange(range);
    return asGas(this);
  }

  setWarningOnly(warningOnly: boolean): GasProtection {
    this.track('setWarningOnly');
    this.warningOnly = warningOnly;
    return asGas(this);
  }

  /** Test helper: the protected area in A1 notation (not counted). */
  inspectA1(): string {
    return this.range.a1();
  }
}

// ---------------------------------------------------------------------------------------------------

type RangeMethods =
  | 'activate'
  | 'clearContent'
  | 'clearNote'
  | 'getA1Notation'
  | 'getBackground'
  | 'getBackgrounds'
  | 'getColumn'
  | 'getDataValidation'
  | 'getDataValidations'
  | 'getFontWeight'
  | 'getFontWeights'
  | 'getFormula'
  | 'getFormulas'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getNote'
  | 'getNotes'
  | 'getNumColumns'
  | 'getNumRows'
  | 'getNumberFormat'
  | 'getNumberFormats'
  | 'getRow'
  | 'getSheet'
  | 'getValue'
  | 'getValues'
  | 'protect'
  | 'setBackground'
  | 'setBackgrounds'
  | 'setDataValidation'
  | 'setDataValidations'
  | 'setFontWeight'
  | 'setFormula'
  | 'setNote'
  | 'setNotes'
  | 'setNumberFormat'
  | 'setNumberFormats'
  | 'setValue'
  | 'setValues';

function toFakeRange(range: GasRange): FakeRange {
  if (!(range instanceof FakeRange)) throw new Error('Not a Range of this fake spreadsheet.');
  return range;
}

export class FakeRange extends Counted implements Pick<GasRange, RangeMethods> {
  constructor(
    calls: CallCounter,
    private readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
  ) {
    super(calls, 'Range');
  }

  /** Counts the call, then throws the error a test armed for it (before the call changes anything). */
  protected override track(method: string): void {
    super.track(method);
    this.sheet.checkFault(`Range.${method}`, this.sheet.sheetName());
  }

  /** The range's cells as a grid of `read(cell)` (absent cells read as blank). */
  private readGrid<T>(read: (cell: CellState) => T): T[][] {
    const blank = blankCell();
    return this.rowIndexes().map((row) =>
      this.columnIndexes().map((column) => read(this.sheet.cellAt(row, column) ?? blank)),
    );
  }

  /** Applies `write(cell, datum)` to every cell from a grid of the range's exact size. */
  private writeGrid<T>(data: T[][], write: (cell: CellState, datum: T, row: number, column: number) => void): void {
    checkDimensions(data, this.numRows, this.numColumns);
    this.rowIndexes().forEach((row, i) =>
      this.columnIndexes().forEach((column, j) => write(this.sheet.ensureCell(row, column), data[i][j], row, column)),
    );
  }

  private fill<T>(datum: T): T[][] {
    return this.rowIndexes().map(() => this.columnIndexes().map(() => datum));
  }

  private rowIndexes(): number[] {
    return Array.from({ length: this.numRows }, (_, i) => this.row + i);
  }

  private columnIndexes(): number[] {
    return Array.from({ length: this.numColumns }, (_, j) => this.column + j);
  }

  /** The sheet this range is on (not counted). */
  owner(): FakeSheet {
    return this.sheet;
  }

  a1(): string {
    const first = a1Cell(this.row, this.column);
    if (this.numRows === 1 && this.numColumns === 1) return first;
    return `${first}:${a1Cell(this.row + this.numRows - 1, this.column + this.numColumns - 1)}`;
  }

  private enter(cell: CellState, input: unknown, row: number, column: number): void {
    const content = enterValue(input, this.sheet.timeZone());
    if (cell.validation && !cell.validation.allowInvalid && !cell.validation.accepts(content.value)) {
      throw new Error(
        `The data you entered in cell ${a1Cell(row, column)} violates the data validation rules set on this cell.`,
      );
    }
    cell.value = content.value;
    cell.formula = content.formula;
  }

  /** Selects the range (and shows its sheet) in the teacher's browser. */
  activate(): GasRange {
    this.track('activate');
    this.sheet.activateRange(this);
    return asGas(this);
  }

  clearContent(): GasRange {
    this.track('clearContent');
    this.writeGrid(this.fill(null), (cell) => {
      cell.value = '';
      cell.formula = '';
    });
    return asGas(this);
  }

  clearNote(): GasRange {
    this.track('clearNote');
    this.writeGrid(this.fill(null), (cell) => (cell.note = ''));
    return asGas(this);
  }

  getA1Notation(): string {
    this.track('getA1Notation');
    return this.a1();
  }

  getBackground(): string {
    this.track('getBackground');
    return (this.sheet.cellAt(this.row, this.column) ?? blankCell()).background;
  }

  getBackgrounds(): string[][] {
    this.track('getBackgrounds');
    return this.readGrid((cell) => cell.background);
  }

  getColumn(): number {
    this.track('getColumn');
    return this.column;
  }

  getDataValidation(): GasDataValidation | null {
    this.track('getDataValidation');
    const rule = this.sheet.cellAt(this.row, this.column)?.validation ?? null;
    return rule && asGas(rule);
  }

  getDataValidations(): Array<Array<GasDataValidation | null>> {
    this.track('getDataValidations');
    return this.readGrid((cell) => (cell.validation ? asGas<GasDataValidation>(cell.validation) : null));
  }

  getFontWeight(): FontWeight {
    this.track('getFontWeight');
    return (this.sheet.cellAt(this.row, this.column) ?? blankCell()).fontWeight;
  }

  getFontWeights(): FontWeight[][] {
    this.track('getFontWeights');
    return this.readGrid((cell) => cell.fontWeight);
  }

  getFormula(): string {
    this.track('getFormula');
    return this.sheet.cellAt(this.row, this.column)?.formula ?? '';
  }

  getFormulas(): string[][] {
    this.track('getFormulas');
    return this.readGrid((cell) => cell.formula);
  }

  getLastColumn(): number {
    this.track('getLastColumn');
    return this.column + this.numColumns - 1;
  }

  getLastRow(): number {
    this.track('getLastRow');
    return this.row + this.numRows - 1;
  }

  getNote(): string {
    this.track('getNote');
    return this.sheet.cellAt(this.row, this.column)?.note ?? '';
  }

  getNotes(): string[][] {
    this.track('getNotes');
    return this.readGrid((cell) => cell.note);
  }

  getNumColumns(): number {
    this.track('getNumColumns');
    return this.numColumns;
  }

  getNumRows(): number {
    this.track('getNumRows');
    return this.numRows;
  }

  getNumberFormat(): string {
    this.track('getNumberFormat');
    return (this.sheet.cellAt(this.row, this.column) ?? blankCell()).numberFormat;
  }

  getNumberFormats(): string[][] {
    this.track('getNumberFormats');
    return this.readGrid((cell) => cell.numberFormat);
  }

  getRow(): number {
    this.track('getRow');
    return this.row;
  }

  getSheet(): GasSheet {
    this.track('getSheet');
    return asGas(this.sheet);
  }

  getValue(): unknown {
    this.track('getValue');
    return copyValue(this.sheet.cellAt(this.row, this.column)?.value ?? '');
  }

  getValues(): unknown[][] {
    this.track('getValues');
    this.calls.recordValuesRead(this.sheet.sheetName());
    return this.readGrid((cell) => copyValue(cell.value));
  }

  /** A new protected range, even when this range is already protected (as documented). */
  protect(): GasProtection {
    this.track('protect');
    return asGas(this.sheet.addProtection('RANGE', this));
  }

  setBackground(color: string | null): GasRange {
    this.track('setBackground');
    this.writeGrid(this.fill(color), (cell, datum) => (cell.background = normaliseColor(datum)));
    return asGas(this);
  }

  setBackgrounds(color: Array<Array<string | null>>): GasRange {
    this.track('setBackgrounds');
    this.writeGrid(color, (cell, datum) => (cell.background = normaliseColor(datum)));
    return asGas(this);
  }

  setDataValidation(rule: GasDataValidation | null): GasRange {
    this.track('setDataValidation');
    const fake = toFakeValidation(rule);
    this.writeGrid(this.fill(fake), (cell, datum) => (cell.validation = datum));
    return asGas(this);
  }

  setDataValidations(rules: Array<Array<GasDataValidation | null>>): GasRange {
    this.track('setDataValidations');
    this.writeGrid(rules, (cell, datum) => (cell.validation = toFakeValidation(datum)));
    return asGas(this);
  }

  setFontWeight(fontWeight: FontWeight | null): GasRange {
    this.track('setFontWeight');
    this.writeGrid(this.fill(fontWeight ?? 'normal'), (cell, datum) => (cell.fontWeight = datum));
    return asGas(this);
  }

  setFormula(formula: string): GasRange {
    this.track('setFormula');
    this.writeGrid(this.fill(formula), (cell, datum, row, column) => this.enter(cell, datum, row, column));
    return asGas(this);
  }

  setNote(note: string | null): GasRange {
    this.track('setNote');
    this.writeGrid(this.fill(note ?? ''), (cell, datum) => (cell.note = datum));
    return asGas(this);
  }

  setNotes(notes: Array<Array<string | null>>): GasRange {
    this.track('setNotes');
    this.writeGrid(notes, (cell, datum) => (cell.note = datum ?? ''));
    return asGas(this);
  }

  setNumberFormat(numberFormat: string): GasRange {
    this.track('setNumberFormat');
    this.writeGrid(this.fill(numberFormat), (cell, datum) => (cell.numberFormat = datum));
    return asGas(this);
  }

  setNumberFormats(numberFormats: string[][]): GasRange {
    this.track('setNumberFormats');
    this.writeGrid(numberFormats, (cell, datum) => (cell.numberFormat = datum));
    return asGas(this);
  }

  setValue(value: unknown): GasRange {
    this.track('setValue');
    this.writeGrid(this.fill(value), (cell, datum, row, column) => this.enter(cell, datum, row, column));
    return asGas(this);
  }

  setValues(values: unknown[][]): GasRange {
    this.track('setValues');
    this.writeGrid(values, (cell, datum, row, column) => this.enter(cell, datum, row, column));
    return asGas(this);
  }
}

// ---------------------------------------------------------------------------------------------------

type SheetMethods =
  | 'clearContents'
  | 'deleteRows'
  | 'getDataRange'
  | 'getFormUrl'
  | 'getFrozenRows'
  | 'getIndex'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getMaxColumns'
  | 'getMaxRows'
  | 'getName'
  | 'getParent'
  | 'getProtections'
  | 'getRange'
  | 'getSheetId'
  | 'hideSheet'
  | 'insertColumnsAfter'
  | 'insertRowsAfter'
  | 'isSheetHidden'
  | 'protect'
  | 'setFrozenRows'
  | 'setName'
  | 'showSheet';

export class FakeSheet extends Counted implements Pick<GasSheet, SheetMethods> {
  /** Sparse cells: `cells[row - 1][column - 1]`, undefined where nothing was ever set. */
  private cells: Array<Array<CellState | undefined>> = [];
  private maxRows = NEW_SHEET_ROWS;
  private maxColumns = NEW_SHEET_COLUMNS;
  private frozenRows = 0;
  private hidden = false;
  private protections: FakeProtection[] = [];
  /** The edit URL of the form that sends its responses to this sheet (Sheet.getFormUrl), or null. */
  private formUrl: string | null = null;
  /** Embedded charts (see charts.ts). */
  private charts: ChartState[] = [];

  constructor(
    calls: CallCounter,
    private readonly parent: FakeSpreadsheet,
    private name: string,
    readonly sheetId: number,
  ) {
    super(calls, 'Sheet');
  }

  // --- internals used by Range and Protection (not counted) ---

  timeZone(): string {
    return this.parent.timeZoneOf();
  }

  checkFault(method: string, sheetName: string): void {
    this.parent.checkFault(method, sheetName);
  }

  cellAt(row: number, column: number): CellState | undefined {
    return this.cells[row - 1]?.[column - 1];
  }

  ensureCell(row: number, column: number): CellState {
    const cells = (this.cells[row - 1] ??= []);
    return (cells[column - 1] ??= blankCell());
  }

  addProtection(type: 'RANGE' | 'SHEET', range: FakeRange): FakeProtection {
    const protection = new FakeProtection(this.calls, this, type, range);
    this.protections.push(protection);
    return protection;
  }

  activateRange(range: FakeRange): void {
    this.parent.activeRange = { sheet: this.name, a1: range.a1() };
  }

  removeProtection(protection: FakeProtection): void {
    this.protections = this.protections.filter((p) => p !== protection);
  }

  sheetName(): string {
    return this.name;
  }

  isHidden(): boolean {
    return this.hidden;
  }

  rangeAt(row: number, column: number, numRows = 1, numColumns = 1): FakeRange {
    if (row < 1) throw new Error('The starting row of the range is too small.');
    if (column < 1) throw new Error('The starting column of the range is too small.');
    if (numRows < 1) throw new Error('The number of rows in the range must be at least 1.');
    if (numColumns < 1) throw new Error('The number of columns in the range must be at least 1.');
    if (row + numRows - 1 > this.maxRows || column + numColumns - 1 > this.maxColumns) {
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this.calls, this, row, column, numRows, numColumns);
  }

  private lastRow(): number {
    for (let row = this.cells.length; row > 0; row--) if (this.cells[row - 1]?.some(hasContent)) return row;
    return 0;
  }

  private lastColumn(): number {
    let last = 0;
    for (const row of this.cells) {
      if (!row) continue;
      for (let column = row.length; column > last; column--) if (hasContent(row[column - 1])) last = column;
    }
    return last;
  }

  // --- Sheet ---

  clearContents(): GasSheet {
    this.track('clearContents');
    for (const row of this.cells) row?.forEach((cell) => cell && Object.assign(cell, { value: '', formula: '' }));
    return asGas(this);
  }

  deleteRows(rowPosition: number, howMany: number): void {
    this.track('deleteRows');
    if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > this.maxRows) {
      throw new Error('Those rows are out of bounds.');
    }
    if (howMany >= this.maxRows) throw new Error("You can't delete all the rows on the sheet.");
    this.cells.splice(rowPosition - 1, howMany);
    this.maxRows -= howMany;
  }

  /** The range from A1 to the last row and column with content (A1 alone when the sheet is empty). */
  getDataRange(): GasRange {
    this.track('getDataRange');
    return asGas(this.rangeAt(1, 1, Math.max(this.lastRow(), 1), Math.max(this.lastColumn(), 1)));
  }

  getFrozenRows(): number {
    this.track('getFrozenRows');
    return this.frozenRows;
  }

  /** "Returns the URL for the form that sends its responses to this sheet, or null if this sheet has no associated form." */
  getFormUrl(): string | null {
    this.track('getFormUrl');
    return this.formUrl;
  }

  getIndex(): number {
    this.track('getIndex');
    return this.parent.indexOf(this) + 1;
  }

  getLastColumn(): number {
    this.track('getLastColumn');
    return this.lastColumn();
  }

  getLastRow(): number {
    this.track('getLastRow');
    return this.lastRow();
  }

  getMaxColumns(): number {
    this.track('getMaxColumns');
    return this.maxColumns;
  }

  getMaxRows(): number {
    this.track('getMaxRows');
    return this.maxRows;
  }

  getName(): string {
    this.track('getName');
    return this.name;
  }

  getParent(): GasSpreadsheet {
    this.track('getParent');
    return asGas(this.parent);
  }

  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GasProtection[] {
    this.track('getProtections');
    return this.protections.filter((p) => ProtectionType[p.type] === type).map((p) => asGas<GasProtection>(p));
  }

  getRange(rowOrA1: number | string, column?: number, numRows?: number, numColumns?: number): GasRange {
    this.track('getRange');
    if (typeof rowOrA1 === 'string') {
      const area = parseA1(rowOrA1);
      return asGas(this.rangeAt(area.row, area.column, area.numRows, area.numColumns));
    }
    if (column === undefined) throw new Error('The parameters (number) don\'t match the method signature for SpreadsheetApp.Sheet.getRange.');
    return asGas(this.rangeAt(rowOrA1, column, numRows ?? 1, numColumns ?? 1));
  }

  getSheetId(): number {
    this.track('getSheetId');
    return this.sheetId;
  }

  hideSheet(): GasSheet {
    this.track('hideSheet');
    if (!this.hidden && this.parent.visibleSheetCount() === 1) {
      throw new Error("You can't hide all the sheets in a document.");
    }
    this.hidden = true;
    return asGas(this);
  }

  insertColumnsAfter(afterPosition: number, howMany: number): GasSheet {
    this.track('insertColumnsAfter');
    if (afterPosition < 1 || afterPosition > this.maxColumns) throw new Error('Those columns are out of bounds.');
    for (const row of this.cells) if (row && row.length > afterPosition) row.splice(afterPosition, 0, ...new Array(howMany));
    this.maxColumns += howMany;
    return asGas(this);
  }

  insertRowsAfter(afterPosition: number, howMany: number): GasSheet {
    this.track('insertRowsAfter');
    if (afterPosition < 1 || afterPosition > this.maxRows) throw new Error('Those rows are out of bounds.');
    if (this.cells.length > afterPosition) this.cells.splice(afterPosition, 0, ...new Array(howMany));
    this.maxRows += howMany;
    return asGas(this);
  }

  isSheetHidden(): boolean {
    this.track('isSheetHidden');
    return this.hidden;
  }

  /** The sheet's protection; the existing one when the sheet is already protected (as documented). */
  protect(): GasProtection {
    this.track('protect');
    const existing = this.protections.find((p) => p.type === 'SHEET');
    return asGas(existing ?? this.addProtection('SHEET', this.rangeAt(1, 1, this.maxRows, this.maxColumns)));
  }

  setFrozenRows(rows: number): void {
    this.track('setFrozenRows');
    if (rows < 0 || rows > this.maxRows) throw new Error('Those rows are out of bounds.');
    this.frozenRows = rows;
  }

  setName(name: string): GasSheet {
    this.track('setName');
    this.parent.checkNewName(name, this);
    this.name = name;
    return asGas(this);
  }

  showSheet(): GasSheet {
    this.track('showSheet');
    this.hidden = false;
    return asGas(this);
  }

  // --- Embedded charts (see charts.ts) ---

  private chartRange = (a1: string): FakeRange => {
    const area = parseA1(a1);
    return this.rangeAt(area.row, area.column, area.numRows, area.numColumns);
  };

  newChart(): FakeEmbeddedChartBuilder {
    this.track('newChart');
    return new FakeEmbeddedChartBuilder(this.calls, newChartState(), this.chartRange);
  }

  getCharts(): FakeEmbeddedChart[] {
    this.track('getCharts');
    return this.charts.map((state) => new FakeEmbeddedChart(this.calls, copyChartState(state), this.chartRange));
  }

  /** Adds the chart with a new ID (each call adds one). */
  insertChart(chart: FakeEmbeddedChart): void {
    this.track('insertChart');
    this.checkChartRanges(chart);
    this.charts.push({ ...copyChartState(chart.state), id: this.parent.nextChartId() });
  }

  updateChart(chart: FakeEmbeddedChart): void {
    this.track('updateChart');
    const index = this.charts.findIndex((state) => state.id !== null && state.id === chart.state.id);
    if (index < 0) throw new Error('The chart could not be found on this sheet.');
    this.checkChartRanges(chart);
    this.charts[index] = copyChartState(chart.state);
  }

  removeChart(chart: FakeEmbeddedChart): void {
    this.track('removeChart');
    this.charts = this.charts.filter((state) => state.id !== chart.state.id);
  }

  private checkChartRanges(chart: FakeEmbeddedChart): void {
    for (const a1 of chart.state.ranges) this.chartRange(a1);
  }

  // --- test helpers (not counted) ---

  /** The charts on the sheet as they are stored. */
  chartStates(): ChartState[] {
    return this.charts.map(copyChartState);
  }

  /** A teacher deletes a chart in the Sheets UI. */
  deleteChartByHand(id: number): void {
    this.charts = this.charts.filter((state) => state.id !== id);
  }

  /** Writes a grid from A1 as a teacher would type it, growing the sheet if needed. */
  seed(grid: unknown[][]): void {
    const width = Math.max(0, ...grid.map((row) => row.length));
    this.maxRows = Math.max(this.maxRows, grid.length);
    this.maxColumns = Math.max(this.maxColumns, width);
    grid.forEach((row, i) =>
      row.forEach((input, j) => {
        const content = enterValue(input, this.timeZone());
        Object.assign(this.ensureCell(i + 1, j + 1), content);
      }),
    );
  }

  // --- what Google Forms does to its responses tab (used by the FormApp fake; not counted) ---

  linkForm(formUrl: string): void {
    this.formUrl = formUrl;
  }

  /** The form was unlinked or deleted: the tab and its rows stay, as in Sheets. */
  unlinkForm(): void {
    this.formUrl = null;
  }

  /** Number of header cells in use in row 1. */
  headerWidth(): number {
    const header = this.cells[0] ?? [];
    for (let column = header.length; column > 0; column--) if (hasContent(header[column - 1])) return column;
    return 0;
  }

  writeHeaderCell(column: number, title: string): void {
    this.maxColumns = Math.max(this.maxColumns, column);
    Object.assign(this.ensureCell(1, column), { value: title, formula: '' });
  }

  /**
   * Writes a submission in the row below the last one, as Forms does: the values as they are (a text
   * answer that starts with `=` stays text), growing the sheet if needed. Returns the row.
   */
  appendRaw(values: StoredValue[]): number {
    const row = this.lastRow() + 1;
    this.maxRows = Math.max(this.maxRows, row);
    this.maxColumns = Math.max(this.maxColumns, values.length);
    values.forEach((value, j) => {
      if (value !== undefined) Object.assign(this.ensureCell(row, j + 1), { value: copyValue(value), formula: '' });
    });
    return row;
  }

  /** A copy of everything a cell holds (1-based). */
  inspectCell(row: number, column: number): CellState {
    return { ...(this.cellAt(row, column) ?? blankCell()) };
  }

  inspect(): { frozenRows: number; hidden: boolean; maxRows: number; maxColumns: number; protections: FakeProtection[] } {
    const { frozenRows, hidden, maxRows, maxColumns } = this;
    return { frozenRows, hidden, maxRows, maxColumns, protections: [...this.protections] };
  }
}

// ---------------------------------------------------------------------------------------------------

type SpreadsheetMethods =
  | 'deleteSheet'
  | 'getActiveSheet'
  | 'getId'
  | 'getName'
  | 'getProtections'
  | 'getSheetByName'
  | 'getSheets'
  | 'getSpreadsheetTimeZone'
  | 'getUrl'
  | 'insertSheet'
  | 'setSpreadsheetTimeZone'
  | 'toast';

export class FakeSpreadsheet extends Counted implements Pick<GasSpreadsheet, SpreadsheetMethods> {
  private sheets: FakeSheet[] = [];
  private nextSheetId = 0;
  private chartIds = 0;
  private readonly faults = new Map<string, { remaining: number; message: string; sheet: string | null }>();
  readonly toasts: { message: string; title: string }[] = [];
  /** The range last activated by the script, as a sheet name and A1 notation. */
  activeRange: { sheet: string; a1: string } | null = null;

  constructor(
    calls: CallCounter,
    private timeZone: string,
    private readonly name = 'Peer Tutoring Program',
    private readonly id = 'fake-spreadsheet-id',
  ) {
    super(calls, 'Spreadsheet');
    this.addSheet('Sheet1');
  }

  // --- internals (not counted) ---

  /** The document's ID, for fakes of other services that key on the document (ScriptApp's triggers). */
  /** Chart IDs are unique across the spreadsheet and never reused. */
  nextChartId(): number {
    return ++this.chartIds;
  }

  documentId(): string {
    return this.id;
  }

  /** Throws the error armed for `method` (e.g. `Range.setValues`) on this sheet by `failNext`, if any. */
  checkFault(method: string, sheetName: string): void {
    const fault = this.faults.get(method);
    if (!fault || (fault.sheet !== null && fault.sheet.toLowerCase() !== sheetName.toLowerCase())) return;
    if (--fault.remaining <= 0) this.faults.delete(method);
    throw new Error(fault.message);
  }

  timeZoneOf(): string {
    return this.timeZone;
  }

  indexOf(sheet: FakeSheet): number {
    return this.sheets.indexOf(sheet);
  }

  visibleSheetCount(): number {
    return this.sheets.filter((sheet) => !sheet.isHidden()).length;
  }

  /** Sheet names are unique regardless of case, as in Google Sheets. */
  checkNewName(name: string, renamed?: FakeSheet): void {
    const clash = this.sheets.find((s) => s !== renamed && s.sheetName().toLowerCase() === name.toLowerCase());
    if (clash) throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
  }

  private addSheet(name: string, index = this.sheets.length): FakeSheet {
    this.checkNewName(name);
    const sheet = new FakeSheet(this.calls, this, name, this.nextSheetId++);
    this.sheets.splice(index, 0, sheet);
    return sheet;
  }

  private unusedSheetName(): string {
    let n = this.sheets.length + 1;
    while (this.sheets.some((s) => s.sheetName().toLowerCase() === `sheet${n}`)) n++;
    return `Sheet${n}`;
  }

  // --- Spreadsheet ---

  deleteSheet(sheet: GasSheet): void {
    this.track('deleteSheet');
    if (this.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    this.sheets = this.sheets.filter((s) => s !== (sheet as unknown));
  }

  getActiveSheet(): GasSheet {
    this.track('getActiveSheet');
    return asGas(this.sheets[0]);
  }

  getId(): string {
    this.track('getId');
    return this.id;
  }

  getName(): string {
    this.track('getName');
    return this.name;
  }

  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GasProtection[] {
    this.track('getProtections');
    return this.sheets.flatMap((sheet) => sheet.inspect().protections.filter((p) => ProtectionType[p.type] === type)).map((p) => asGas<GasProtection>(p));
  }

  getSheetByName(name: string): GasSheet | null {
    this.track('getSheetByName');
    const sheet = this.sheets.find((s) => s.sheetName().toLowerCase() === name.toLowerCase());
    return sheet ? asGas(sheet) : null;
  }

  getSheets(): GasSheet[] {
    this.track('getSheets');
    return this.sheets.map((sheet) => asGas<GasSheet>(sheet));
  }

  getSpreadsheetTimeZone(): string {
    this.track('getSpreadsheetTimeZone');
    return this.timeZone;
  }

  getUrl(): string {
    this.track('getUrl');
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }

  insertSheet(nameOrIndex?: string | number | object, indexOrOptions?: number | object): GasSheet {
    this.track('insertSheet');
    const name = typeof nameOrIndex === 'string' ? nameOrIndex : this.unusedSheetName();
    const index = typeof nameOrIndex === 'number' ? nameOrIndex : typeof indexOrOptions === 'number' ? indexOrOptions : undefined;
    return asGas(this.addSheet(name, index));
  }

  setSpreadsheetTimeZone(timezone: string): void {
    this.track('setSpreadsheetTimeZone');
    this.timeZone = timezone;
  }

  toast(msg: string, title = ''): void {
    this.track('toast');
    this.toasts.push({ message: msg, title });
  }

  // --- test helpers (not counted) ---

  /**
   * Makes the next `times` (default 1) calls of `method` (e.g. `Range.setValues`), on any sheet or on
   * the sheet named `sheet`, throw before they change anything, as a call cut by a timeout or a
   * service error does. The default message is the one Apps Script gives when the Spreadsheet service fails.
   */
  failNext(method: string, options: { times?: number; message?: string; sheet?: string } = {}): void {
    const message = options.message ?? `Service Spreadsheets failed while accessing document with id ${this.id}.`;
    this.faults.set(method, { remaining: options.times ?? 1, message, sheet: options.sheet ?? null });
  }

  /** The responses tab Sheets adds for a form linked to it: first in the spreadsheet. */
  insertLinkedSheet(name: string, formUrl: string): FakeSheet {
    const sheet = this.addSheet(name, 0);
    sheet.linkForm(formUrl);
    return sheet;
  }

  /** The sheet named `name`, created (at the end) when missing. */
  seedSheet(name: string, grid: unknown[][] = []): FakeSheet {
    const sheet = this.sheetNamed(name) ?? this.addSheet(name);
    sheet.seed(grid);
    return sheet;
  }

  sheetNamed(name: string): FakeSheet | null {
    return this.sheets.find((s) => s.sheetName().toLowerCase() === name.toLowerCase()) ?? null;
  }

  sheetNames(): string[] {
    return this.sheets.map((s) => s.sheetName());
  }
}
