// The Dashboard as a printable HTML page with SVG charts: how the local path shows the charts, since
// exceljs writes none into the workbook (the Dashboard tab holds the chart-ready tables they are drawn
// from). Every name and sentence is escaped; the charts are drawn from numbers only.
import type { ProgressReport } from '../sheets/progress/refresh';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const WIDTH = 560;

function lineSvg(title: string, labels: string[], values: (number | null)[]): string {
  const height = 180;
  const left = 34;
  const bottom = height - 22;
  const step = values.length > 1 ? (WIDTH - left - 10) / (values.length - 1) : 0;
  const x = (i: number) => left + 5 + i * step;
  const y = (v: number) => bottom - (Math.max(0, Math.min(100, v)) / 100) * (bottom - 8);
  const known = values.map((v, i) => ({ v, i })).filter((p): p is { v: number; i: number } => p.v !== null);
  const points = known.map((p) => `${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
  const label = `${title}: ${known.map((p) => `${labels[p.i]} ${p.v}`).join(', ') || 'no data yet'}`;
  return `<figure><figcaption>${escape(title)}</figcaption>
<svg width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escape(label)}">
<line x1="${left}" y1="${bottom}" x2="${WIDTH - 4}" y2="${bottom}" stroke="#999"/><text x="${left - 4}" y="12" text-anchor="end" font-size="10">100</text><text x="${left - 4}" y="${bottom}" text-anchor="end" font-size="10">0</text>
${labels.length ? `<text x="${left}" y="${height - 6}" font-size="10">${escape(labels[0])}</text><text x="${WIDTH - 4}" y="${height - 6}" text-anchor="end" font-size="10">${escape(labels[labels.length - 1])}</text>` : ''}
${known.length ? `<polyline points="${points}" fill="none" stroke="#1a73e8" stroke-width="2"/>` : ''}
${known.map((p) => `<circle cx="${x(p.i).toFixed(1)}" cy="${y(p.v).toFixed(1)}" r="2.5" fill="#1a73e8"/>`).join('')}
</svg></figure>`;
}

function barSvg(title: string, items: { label: string; value: number }[]): string {
  if (items.length === 0) return `<figure><figcaption>${escape(title)}</figcaption><p>No pair has enough sessions and exit tickets yet.</p></figure>`;
  const row = 20;
  const zero = 250;
  const span = WIDTH - zero - 50;
  const bars = items
    .map((item, i) => {
      const length = (Math.min(100, Math.abs(item.value)) / 100) * span;
      const top = i * row + 4;
      const start = item.value >= 0 ? zero : zero - length;
      return `<text x="${zero - 6}" y="${top + 12}" text-anchor="end" font-size="11">${escape(item.label)}</text><rect x="${start.toFixed(1)}" y="${top + 3}" width="${Math.max(1, length).toFixed(1)}" height="${row - 8}" fill="${item.value >= 0 ? '#34a853' : '#ea4335'}"/><text x="${(zero + (item.value >= 0 ? length : 0) + 4).toFixed(1)}" y="${top + 12}" font-size="11">${item.value}%</text>`;
    })
    .join('\n');
  const label = `${title}: ${items.map((item) => `${item.label} ${item.value}%`).join(', ')}`;
  return `<figure><figcaption>${escape(title)}</figcaption><svg width="${WIDTH}" height="${items.length * row + 8}" role="img" aria-label="${escape(label)}">${bars}</svg></figure>`;
}

const table = (header: string[], rows: (string | number | null)[][]) =>
  `<table><thead><tr>${header.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escape(cell === null ? '' : String(cell))}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

export function dashboardHtml(programName: string, today: string, report: ProgressReport): string {
  const { dashboard, forecast } = report;
  const name = (id: string) => report.names.get(id) ?? id;
  const t = dashboard.totals;
  const weeks = dashboard.weeks;
  const gains = dashboard.pairGains.slice(0, 15).map((pair) => ({ label: `${name(pair.tutorId)} and ${name(pair.tuteeId)} (${pair.subject})`, value: pair.normalisedGain }));
  const advice = [...forecast.recommendations.map((r) => r.text), ...forecast.spare.map((s) => s.text)];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(programName)}: dashboard ${escape(today)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;max-width:48em;margin:2em auto;padding:0 1em}table{border-collapse:collapse;margin:.5em 0 1.2em}th,td{border:1px solid #ccc;padding:2px 8px;text-align:left}figure{margin:1em 0}figcaption{font-weight:600}@media print{body{margin:0}figure{break-inside:avoid}}</style>
</head><body>
<h1>${escape(programName)}: dashboard</h1>
<p>Generated on ${escape(today)} from the workbook's logs (the Dashboard tab holds the same tables).</p>
${table(['Program', 'Value'], [
  ['Students served', t.studentsServed],
  ['Pairs meeting', t.pairs],
  ['Sessions held', t.sessionsHeld],
  ['Sessions missed', t.sessionsMissed],
  ['Attendance %', t.attendancePercent],
  ['Hours tutored', t.hoursTutored],
  [`Average exit-ticket gain (points, ${t.gainStudents} student-skills)`, t.averageGain],
  ['Skills mastered this term', t.skillsMastered],
])}
${lineSvg('Attendance per week (%)', weeks.map((w) => w.week), weeks.map((w) => w.attendancePercent))}
${lineSvg('Average exit-ticket score per week', weeks.map((w) => w.week), weeks.map((w) => w.averageScore))}
${barSvg('Gains per pair (% of the possible improvement; the 15 biggest)', gains)}
<h2>Dosage and impact</h2>
${table(['Sessions a week per tutee (held)', 'Tutees'], dashboard.impact.dosage.map((band) => [band.label, band.tutees]))}
<p>${escape(dashboard.impact.summary)}</p>
<h2>Supply and demand</h2>
${advice.length ? `<ul>${advice.map((text) => `<li>${escape(text)}</li>`).join('')}</ul>` : '<p>Nobody is waiting for a tutor.</p>'}
${table(['Subject', 'Block', 'Placed', 'Waiting (free then)', 'Spare tutor places'], forecast.rows.map((r) => [r.subject, r.block, r.placed, r.waiting, r.spare]))}
</body></html>
`;
}
