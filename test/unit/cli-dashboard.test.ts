// peer-tutoring dashboard --html: the local way to see the Dashboard's charts (exceljs writes none into
// the workbook): a printable page with SVG charts drawn from the same figures, every name escaped.
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { main } from '../../src/local/cli';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import { captureConsole } from '../support/console-capture';

let dir: string;
let output: string[];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-dashboard-'));
  output = [];
  captureConsole(() => output);
});

afterEach(() => jest.restoreAllMocks());

const file = (name: string) => path.join(dir, name);

it('rebuilds the tabs, prints alerts and recruiting advice, and writes the charts page', async () => {
  expect(await main(['init', file('p.xlsx'), '--sample', '60', '--weeks', '5', '--today', '2027-03-15'])).toBe(0);
  const store = await XlsxTableStore.open(file('p.xlsx'));
  const students = store.readTab('Students')!;
  const nameColumn = students[0].indexOf('Name');
  students[1][nameColumn] = '<script>alert(1)</script>';
  store.writeTab('Students', students);
  await store.save();
  output = [];
  expect(await main(['dashboard', file('p.xlsx'), '--today', '2027-03-15', '--html', file('dashboard.html')])).toBe(0);
  expect(output.join('\n')).toMatch(/Wrote .*dashboard\.html: the dashboard with its charts/);
  const page = readFileSync(file('dashboard.html'), 'utf8');
  expect(page.match(/<figure>/g)).toHaveLength(3);
  expect(page).toMatch(/<polyline points="[\d., ]+"/);
  expect(page).not.toContain('<script>');
  expect(page).toMatch(/Too few students|relation|association/);
  expect(await main(['dashboard', file('p.xlsx'), '--html', file('dashboard.txt')])).toBe(2);
});
