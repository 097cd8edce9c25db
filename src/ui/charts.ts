// The Dashboard's charts in the sidebar, as SVG built from numbers only (labels go in as text nodes):
// the same charts Google Sheets draws natively on the Dashboard tab, and the way the local sidebar shows
// them (exceljs cannot write charts into the workbook).
import { h } from './dom';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 260;

function svg(width: number, height: number, label: string): SVGSVGElement {
  const element = document.createElementNS(SVG, 'svg');
  element.setAttribute('width', String(width));
  element.setAttribute('height', String(height));
  element.setAttribute('viewBox', `0 0 ${width} ${height}`);
  element.setAttribute('role', 'img');
  element.setAttribute('aria-label', label);
  return element;
}

function shape(tag: string, attributes: Record<string, string | number>): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

function text(x: number, y: number, content: string, anchor = 'start'): SVGElement {
  const element = shape('text', { x, y, 'font-size': 10, 'text-anchor': anchor, fill: '#5f6368' });
  element.textContent = content;
  return element;
}

/** A line over the weeks (0–max); a week with no value leaves a gap. */
export function lineChart(id: string, title: string, labels: string[], values: (number | null)[], max: number): HTMLElement {
  const height = 110;
  const left = 26;
  const bottom = height - 16;
  const known = values.map((v, i) => ({ v, i })).filter((p): p is { v: number; i: number } => p.v !== null);
  const described = known.map((p) => `${labels[p.i]}: ${p.v}`).join(', ');
  const chart = svg(WIDTH, height, `${title}. ${described || 'No data yet.'}`);
  chart.appendChild(shape('line', { x1: left, y1: bottom, x2: WIDTH - 4, y2: bottom, stroke: '#dadce0' }));
  chart.appendChild(text(left - 4, 10, String(max), 'end'));
  chart.appendChild(text(left - 4, bottom, '0', 'end'));
  const step = values.length > 1 ? (WIDTH - left - 8) / (values.length - 1) : 0;
  const x = (i: number) => left + 4 + i * step;
  const y = (v: number) => bottom - (Math.max(0, Math.min(max, v)) / max) * (bottom - 6);
  if (labels.length) {
    chart.appendChild(text(left, height - 3, labels[0]));
    if (labels.length > 1) chart.appendChild(text(WIDTH - 4, height - 3, labels[labels.length - 1], 'end'));
  }
  if (known.length) {
    chart.appendChild(shape('polyline', { points: known.map((p) => `${x(p.i)},${y(p.v)}`).join(' '), fill: 'none', stroke: '#1a73e8', 'stroke-width': 2 }));
    for (const p of known) chart.appendChild(shape('circle', { cx: x(p.i), cy: y(p.v), r: 2, fill: '#1a73e8' }));
  }
  return h('figure', { class: 'chart', id }, h('figcaption', {}, title), chart, known.length ? null : h('p', { class: 'gray' }, 'No data yet.'));
}

/** Horizontal bars, one a row, with the value at the end (values in percent, may be negative). */
export function barChart(id: string, title: string, items: { label: string; value: number }[]): HTMLElement {
  const row = 18;
  const height = Math.max(1, items.length) * row + 4;
  const described = items.map((item) => `${item.label}: ${item.value}%`).join(', ');
  const chart = svg(WIDTH, height, `${title}. ${described || 'No data yet.'}`);
  const zero = 40;
  const span = WIDTH - zero - 34;
  items.forEach((item, i) => {
    const length = (Math.min(100, Math.abs(item.value)) / 100) * span;
    const top = 2 + i * row;
    chart.appendChild(shape('rect', { x: item.value >= 0 ? zero : zero - Math.min(zero - 2, length), y: top + 3, width: Math.max(1, item.value >= 0 ? length : Math.min(zero - 2, length)), height: row - 8, fill: item.value >= 0 ? '#34a853' : '#ea4335' }));
    chart.appendChild(text(zero + (item.value >= 0 ? length : 0) + 3, top + 12, `${item.value}%`));
    chart.appendChild(text(2, top + 12, String(i + 1)));
  });
  const legend = h('ol', { class: 'plain-list chart-legend' }, ...items.map((item) => h('li', {}, item.label)));
  return h('figure', { class: 'chart', id }, h('figcaption', {}, title), items.length ? chart : h('p', { class: 'gray' }, 'No pair has enough sessions and exit tickets yet.'), items.length ? legend : null);
}
