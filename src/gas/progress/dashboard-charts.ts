// The Dashboard's native Sheets charts: created the first time, then updated in place (their ranges
// follow the tables as weeks and pairs are added), never added again. Each chart's ID is remembered in
// the document's properties; a chart a teacher deleted is no longer among the sheet's charts and is
// created again. A chart the teacher moved, resized or restyled keeps what they did: an update only
// changes its ranges, type and title. A constant number of calls whatever the program's size.
import type { DashboardChart } from '../../sheets/progress/dashboard-tab';
import { DASHBOARD_TAB } from '../../sheets/program/schema';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Builder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
type Properties = Pick<GoogleAppsScript.Properties.Properties, 'getProperty' | 'setProperty'>;

const CHART_IDS = 'ptHub.dashboardCharts';

export interface ChartsReport {
  created: number;
  updated: number;
}

export function drawDashboardCharts(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, properties: Properties, charts: DashboardChart[]): ChartsReport {
  const report = { created: 0, updated: 0 };
  const sheet = spreadsheet.getSheetByName(DASHBOARD_TAB.name);
  if (!sheet) return report;
  const known = remembered(properties);
  const onSheet = new Map(sheet.getCharts().map((chart) => [chart.getChartId(), chart] as const));
  const ids: Record<string, number> = {};
  let added = false;
  for (const spec of charts) {
    const existing = known[spec.key] === undefined ? undefined : onSheet.get(known[spec.key]);
    if (existing) {
      sheet.updateChart(shaped(existing.modify().clearRanges(), sheet, spec).build());
      ids[spec.key] = known[spec.key];
      report.updated++;
    } else {
      sheet.insertChart(shaped(sheet.newChart(), sheet, spec).setPosition(spec.anchorRow, spec.anchorColumn, 0, 0).build());
      added = true;
      report.created++;
    }
  }
  if (added) {
    // A chart gets its ID when inserted: the new ones are those the sheet did not have before.
    const fresh = sheet.getCharts().map((chart) => chart.getChartId()).filter((id): id is number => id !== null && !onSheet.has(id));
    charts.filter((spec) => ids[spec.key] === undefined).forEach((spec, i) => (ids[spec.key] = fresh[i]));
  }
  if (JSON.stringify(ids) !== JSON.stringify(known)) properties.setProperty(CHART_IDS, JSON.stringify(ids));
  return report;
}

function shaped(builder: Builder, sheet: Sheet, spec: DashboardChart): Builder {
  const typed = spec.type === 'LINE' ? builder.asLineChart() : builder.asBarChart();
  for (const a1 of spec.ranges) typed.addRange(sheet.getRange(a1));
  return typed.setOption('title', spec.title) as Builder;
}

function remembered(properties: Properties): Record<string, number> {
  try {
    const parsed = JSON.parse(properties.getProperty(CHART_IDS) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, number>) : {};
  } catch {
    return {};
  }
}
