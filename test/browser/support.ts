// Shared by the browser tests: headless Chromium, a sample workbook, the local server and a 300 px page.
// Needs `npm run build` first (build/Sidebar.html). Skipped, with a message, when Chromium is absent.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SAMPLE_TIMEZONE, sampleProgram } from '../../src/core/sample-program';
import { localDateOf } from '../../src/core/time';
import { startSidebarServer, type SidebarServer } from '../../src/local/server';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import { writeProgram } from '../../src/sheets/program/program-writer';
import { setUpProgram } from '../../src/sheets/program/setup';
import { readSettings } from '../../src/sheets/program/settings';
import { applyMatches, NO_CHOICES } from '../../src/sheets/matching/service';
import { changePairs } from '../../src/sheets/matching/pair-actions';

export const CHROMIUM = '/usr/bin/chromium';
export const SIDEBAR_HTML = path.resolve(__dirname, '../../build/Sidebar.html');
export const RESULTS_DIR = path.resolve(__dirname, '../../test-results');
export const XSS_NAME = '<img src=x onerror="window.__xss=1">';
export const WIDTH = 300;
export const PROGRAM_NAME = 'Lincoln Middle & High Peer Tutoring';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Skipping the browser tests: ${CHROMIUM} is missing (apt-get install chromium; CI installs it).`);
export const describeInBrowser = hasChromium ? describe : describe.skip;

export interface Sample {
  xssStudentId: string;
  activeStudents: number;
}

/**
 * A 60-student sample program whose term is around today (the Sessions tests schedule from the real
 * date); one tutee who will be matched or waitlisted carries an HTML-laden name.
 */
export async function createWorkbook(file: string): Promise<Sample> {
  const program = sampleProgram(60, 3, localDateOf(new Date(), SAMPLE_TIMEZONE));
  const tutee = program.students.find((s) => s.role !== 'Tutor' && s.active && s.consent === 'Yes' && s.needsHelpWith.length > 0);
  if (!tutee) throw new Error('the sample program has no active tutee');
  tutee.name = XSS_NAME;
  const store = XlsxTableStore.create(file);
  writeProgram(store, program);
  setUpProgram(store);
  await store.save();
  return { xssStudentId: tutee.id, activeStudents: program.students.filter((s) => s.active).length };
}

export type Row = Record<string, unknown>;

/** A tab of the saved workbook as one object per row, keyed by header. */
export async function readTabRows(file: string, tab: string): Promise<Row[]> {
  const grid = (await XlsxTableStore.open(file)).readTab(tab) ?? [];
  const [headers = [], ...rows] = grid;
  return rows.map((row) => Object.fromEntries(headers.map((header, i) => [String(header), row[i]])));
}

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(SIDEBAR_HTML)) throw new Error(`${SIDEBAR_HTML} is missing: run npm run build before the browser tests.`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** One test's world: a temporary workbook, the local server over it and a fresh 300 px page. */
export interface SidebarWorld {
  dir: string;
  workbook: string;
  server: SidebarServer;
  page: Page;
  sample: Sample;
}

export async function openWorld(browser: Browser, prepare?: (workbook: string) => Promise<void>): Promise<SidebarWorld> {
  const dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-browser-'));
  const workbook = path.join(dir, 'program.xlsx');
  const sample = await createWorkbook(workbook);
  await prepare?.(workbook);
  const server = await startSidebarServer({ workbookPath: workbook, port: 0 });
  const page = await browser.newPage({ viewport: { width: WIDTH, height: 800 } });
  page.on('pageerror', (error) => console.error(`Sidebar page error: ${error.message}`));
  return { dir, workbook, server, page, sample };
}

/** Opens a test's world over the sample workbook, first changed by `prepare` when given. */
export type OpenWorld = (prepare?: (workbook: string) => Promise<void>) => Promise<SidebarWorld>;

/**
 * A describe block in Chromium whose tests each open one world with `open`: one browser for the
 * block, and each test's world closed after it, whether the test passed or not.
 */
export function describeWithWorlds(title: string, body: (open: OpenWorld) => void): void {
  describeInBrowser(title, () => {
    let browser: Browser;
    let world: SidebarWorld | undefined;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => browser?.close());
    afterEach(async () => {
      await closeWorld(world);
      world = undefined;
    });
    body(async (prepare) => (world = await openWorld(browser, prepare)));
  });
}

/**
 * Opens the saved workbook, applies the matching and starts every pair, as of today in the program's
 * timezone; the caller goes on with the store and saves it.
 */
export async function withPairsStarted(workbook: string): Promise<{ store: XlsxTableStore; today: string; now: Date }> {
  const store = await XlsxTableStore.open(workbook);
  const now = new Date();
  const today = localDateOf(now, readSettings(store).settings.timezone);
  applyMatches(store, { options: NO_CHOICES, confirmEnding: true }, today, now);
  changePairs(store, 'start', 'all', today, now);
  return { store, today, now };
}

export async function closeWorld(world: SidebarWorld | undefined): Promise<void> {
  if (!world) return;
  await world.page.close();
  await world.server.close();
  rmSync(world.dir, { recursive: true, force: true });
}

export async function openSidebar(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('#program-name', { hasText: PROGRAM_NAME }).waitFor();
}

/** Waits until a server call has finished (controls enabled again) and returns the status text. */
export async function settled(page: Page): Promise<string> {
  await page.waitForFunction(() => document.getElementById('app')?.getAttribute('aria-busy') === 'false');
  return (await page.locator('#status').textContent()) ?? '';
}

/** Widest content of the page: at most the viewport when nothing scrolls sideways. */
export const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

export function screenshot(page: Page, name: string): Promise<Buffer> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  return page.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`) });
}
