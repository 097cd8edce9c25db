// Embedded charts of a sheet, as the Spreadsheet service documents them (EmbeddedChart,
// EmbeddedChartBuilder, Sheet.newChart/insertChart/updateChart/removeChart/getCharts):
// - Sheet.newChart() gives a builder; build() gives a chart that is not in the spreadsheet yet, so its
//   getChartId() is null ("or null if the chart is not in a spreadsheet") until Sheet.insertChart.
// - chart.modify() gives a builder over a copy; "changes made to the chart are not saved until
//   Sheet.updateChart(chart) is called on the rebuilt chart" — the chart keeps its ID.
// - getCharts() returns the charts now on the sheet; one deleted by hand is simply gone.
// - insertChart adds a chart each time it is called (inserting twice gives two charts).
// Updating a chart no longer on the sheet fails; the exact message is not documented (ours is a guess).
// Every call is counted as `EmbeddedChart.method`, `EmbeddedChartBuilder.method` or `Sheet.method`.
import { CallCounter, Counted } from './calls';
import type { FakeRange } from './spreadsheet';

export type ChartTypeName = 'AREA' | 'BAR' | 'COLUMN' | 'COMBO' | 'HISTOGRAM' | 'LINE' | 'PIE' | 'SCATTER' | 'TABLE';

export interface ChartState {
  id: number | null;
  type: ChartTypeName;
  /** A1 ranges on the chart's sheet, in the order added. */
  ranges: string[];
  options: Record<string, unknown>;
  position: { row: number; column: number; offsetX: number; offsetY: number };
}

export const copyChartState = (state: ChartState): ChartState => ({ ...state, ranges: [...state.ranges], options: { ...state.options }, position: { ...state.position } });

export class FakeChartOptions extends Counted {
  constructor(calls: CallCounter, private readonly options: Record<string, unknown>) {
    super(calls, 'ChartOptions');
  }

  get(option: string): unknown {
    this.track('get');
    return this.options[option] ?? null;
  }
}

export class FakeEmbeddedChart extends Counted {
  constructor(calls: CallCounter, readonly state: ChartState, private readonly rangeOf: (a1: string) => FakeRange) {
    super(calls, 'EmbeddedChart');
  }

  getChartId(): number | null {
    this.track('getChartId');
    return this.state.id;
  }

  getRanges(): FakeRange[] {
    this.track('getRanges');
    return this.state.ranges.map(this.rangeOf);
  }

  getOptions(): FakeChartOptions {
    this.track('getOptions');
    return new FakeChartOptions(this.calls, { ...this.state.options });
  }

  getContainerInfo(): { getAnchorRow(): number; getAnchorColumn(): number; getOffsetX(): number; getOffsetY(): number } {
    this.track('getContainerInfo');
    const { row, column, offsetX, offsetY } = this.state.position;
    return { getAnchorRow: () => row, getAnchorColumn: () => column, getOffsetX: () => offsetX, getOffsetY: () => offsetY };
  }

  /** A builder over a copy: nothing changes until Sheet.updateChart. */
  modify(): FakeEmbeddedChartBuilder {
    this.track('modify');
    return new FakeEmbeddedChartBuilder(this.calls, copyChartState(this.state), this.rangeOf);
  }
}

export class FakeEmbeddedChartBuilder extends Counted {
  constructor(calls: CallCounter, private readonly state: ChartState, private readonly rangeOf: (a1: string) => FakeRange) {
    super(calls, 'EmbeddedChartBuilder');
  }

  addRange(range: FakeRange): FakeEmbeddedChartBuilder {
    this.track('addRange');
    this.state.ranges.push(range.a1());
    return this;
  }

  removeRange(range: FakeRange): FakeEmbeddedChartBuilder {
    this.track('removeRange');
    this.state.ranges = this.state.ranges.filter((a1) => a1 !== range.a1());
    return this;
  }

  clearRanges(): FakeEmbeddedChartBuilder {
    this.track('clearRanges');
    this.state.ranges = [];
    return this;
  }

  setChartType(type: ChartTypeName): FakeEmbeddedChartBuilder {
    this.track('setChartType');
    this.state.type = type;
    return this;
  }

  getChartType(): ChartTypeName {
    this.track('getChartType');
    return this.state.type;
  }

  asLineChart(): FakeEmbeddedChartBuilder {
    this.track('asLineChart');
    this.state.type = 'LINE';
    return this;
  }

  asBarChart(): FakeEmbeddedChartBuilder {
    this.track('asBarChart');
    this.state.type = 'BAR';
    return this;
  }

  asColumnChart(): FakeEmbeddedChartBuilder {
    this.track('asColumnChart');
    this.state.type = 'COLUMN';
    return this;
  }

  setOption(option: string, value: unknown): FakeEmbeddedChartBuilder {
    this.track('setOption');
    this.state.options[option] = value;
    return this;
  }

  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): FakeEmbeddedChartBuilder {
    this.track('setPosition');
    if (anchorRowPos < 1 || anchorColPos < 1) throw new Error('Those rows are out of bounds.');
    this.state.position = { row: anchorRowPos, column: anchorColPos, offsetX, offsetY };
    return this;
  }

  build(): FakeEmbeddedChart {
    this.track('build');
    return new FakeEmbeddedChart(this.calls, copyChartState(this.state), this.rangeOf);
  }
}

/** A new builder from Sheet.newChart(): no ranges, anchored at A1, not in the spreadsheet. */
export function newChartState(): ChartState {
  return { id: null, type: 'LINE', ranges: [], options: {}, position: { row: 1, column: 1, offsetX: 0, offsetY: 0 } };
}
