// The sidebar served locally: build/Sidebar.html with a `google.script.run` shim, whose calls are
// answered by the same sidebar functions as in Apps Script, over a local .xlsx workbook.
import { existsSync, promises as fs, readFileSync } from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import { describeProblem, ProgramDataError } from '../sheets/program/problems';
import { outboxMail } from './outbox';
import { createSidebarApi, type HostEnvironment, type SidebarFunction } from '../sheets/sidebar-api';
import { errorCode, LocalError } from './errors';
import { shimScript } from './script-run-shim';
import { withWorkbookLock } from './workbook-lock';
import type { LocalDate } from '../core/model';
import { XlsxTableStore } from './xlsx-store';
import { loadHighsSolver } from './highs';
import type { MipSolver } from '../core/matching';

export interface SidebarServerOptions {
  workbookPath: string;
  /** 0 picks a free port. */
  port: number;
  /** Defaults to build/Sidebar.html of this checkout. */
  sidebarHtmlPath?: string;
  /** The program's date instead of the clock (`--today`). */
  today?: LocalDate;
  /**
   * Where the exact finish of a matching runs: in this process (the default), or in the sidebar's
   * browser as in Google Sheets, from build/HighsSolver.html (to try and test that path locally).
   */
  exactSolverIn?: 'server' | 'browser';
}

export interface SidebarServer {
  url: string;
  close(): Promise<void>;
}

/** Every sidebar function, and whether it changes the workbook (then the call ends with a save). */
const FUNCTIONS: Record<SidebarFunction, { writes: boolean }> = {
  getOverview: { writes: false },
  checkRoster: { writes: true },
  proposeMatches: { writes: false },
  alternatives: { writes: false },
  browserSolverScript: { writes: false },
  applyMatches: { writes: true },
  undoChange: { writes: true },
  pairsAwaitingStart: { writes: false },
  changePairs: { writes: true },
  // Locally there are no Google Forms: nothing is filed (responses come in with peer-tutoring import).
  formsStatus: { writes: false },
  talkRequests: { writes: false },
  markTalkHandled: { writes: true },
  refreshDashboard: { writes: true },
  findStudents: { writes: false },
  studentProgress: { writes: false },
  applyRematch: { writes: true },
  familyLetterDoc: { writes: false },
  // Locally there is no Google Doc: the sidebar names peer-tutoring certificate.
  certificateDoc: { writes: false },
  // Writes the Consent emails log (and .eml files in outbox/ beside the workbook).
  emailConsentLinks: { writes: true },
  masteryMilestones: { writes: false },
  confirmMilestone: { writes: true },
  selectCell: { writes: false },
  previewSchedule: { writes: false },
  scheduleSessions: { writes: true },
  calendarSyncStatus: { writes: false },
  continuePendingWork: { writes: false },
  tutorAgendas: { writes: false },
  messageChoices: { writes: false },
  previewMessage: { writes: false },
  // Writes the Messages log (and .eml files in outbox/ beside the workbook).
  sendMessage: { writes: true },
  mentors: { writes: false },
  substituteNeeds: { writes: false },
  assignSubstitute: { writes: true },
  consentStatus: { writes: false },
  // Locally there is no Google Form: createConsentForm says so.
  createConsentForm: { writes: false },
  previewRosterCsv: { writes: false },
  importRosterCsv: { writes: true },
  // Locally there is no Google Classroom: classroomCourses answers null.
  classroomCourses: { writes: false },
  importFromClassroom: { writes: false },
};

const isSidebarFunction = (name: string): name is SidebarFunction => Object.prototype.hasOwnProperty.call(FUNCTIONS, name);

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** build/Sidebar.html, from src/local (tests) or dist (the built CLI). */
function defaultSidebarHtml(): string {
  const candidates = [path.resolve(__dirname, '../build/Sidebar.html'), path.resolve(__dirname, '../../build/Sidebar.html')];
  return candidates.find((file) => existsSync(file)) ?? candidates[0];
}

/** Calls run one at a time: the queue is the local stand-in for Apps Script's document lock. */
function createQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const result = tail.then(task, task);
    tail = result.catch(() => undefined);
    return result;
  };
}

/** The server's options with what it loaded at start. */
type ServerContext = SidebarServerOptions & { exactSolver?: MipSolver; browserSolverScript?: () => string };

function localHost(store: XlsxTableStore, context: ServerContext): HostEnvironment {
  return {
    store,
    withDocumentLock: (task) => task(),
    now: () => new Date(),
    selectCell: () => undefined,
    today: context.today,
    exactSolver: context.exactSolver,
    browserSolverScript: context.browserSolverScript,
    mail: outboxMail(path.join(path.dirname(store.filePath), 'outbox')),
  };
}

/** JSON as google.script.run would pass it: a Date fails the call there, so it fails here too. */
function encodeResult(name: string, value: unknown): string {
  return JSON.stringify({ value }, function (this: Record<string, unknown>, key: string, item: unknown) {
    if (this[key] instanceof Date) throw new Error(`${name} returned a Date, which google.script.run cannot pass to the sidebar.`);
    return item;
  });
}

/**
 * The workbook as the server last read it, read again whenever the file changed on disk (a CLI command,
 * or the teacher saving it in a spreadsheet program, while the server runs).
 */
function createWorkbookCache(workbookPath: string) {
  let cached: XlsxTableStore | null = null;
  return {
    async current(): Promise<XlsxTableStore> {
      if (!cached || !(await cached.isCurrent())) cached = await XlsxTableStore.open(workbookPath);
      return cached;
    },
    /** After a failed call the workbook in memory may be half changed: read it again next time. */
    forget(): void {
      cached = null;
    },
  };
}

type WorkbookCache = ReturnType<typeof createWorkbookCache>;

function runFunction(store: XlsxTableStore, name: SidebarFunction, args: unknown[], context: ServerContext): unknown {
  const api = createSidebarApi(localHost(store, context));
  return (api[name] as (...params: unknown[]) => unknown)(...args);
}

/**
 * Reads answer from the cached workbook. A write holds the workbook's lock from reading to saving, so
 * a CLI command saving meanwhile waits for it (and it for the command) instead of one losing the other's write.
 */
async function callFunction(workbook: WorkbookCache, context: ServerContext, name: SidebarFunction, args: unknown[]): Promise<string> {
  try {
    if (!FUNCTIONS[name].writes) return encodeResult(name, runFunction(await workbook.current(), name, args, context));
    return await withWorkbookLock(context.workbookPath, async () => {
      const store = await workbook.current();
      const result = runFunction(store, name, args, context);
      await store.save();
      return encodeResult(name, result);
    });
  } catch (error) {
    workbook.forget();
    throw error;
  }
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseArguments(body: string): unknown[] {
  let args: unknown;
  try {
    args = JSON.parse(body || '[]');
  } catch {
    throw new HttpError(400, 'The request body is not JSON.');
  }
  if (!Array.isArray(args)) throw new HttpError(400, 'The request body should be a JSON array of arguments.');
  return args;
}

function send(response: http.ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  response.end(body);
}

const sendError = (response: http.ServerResponse, status: number, message: string) =>
  send(response, status, 'application/json; charset=utf-8', JSON.stringify({ message }));

async function servePage(htmlPath: string, response: http.ServerResponse): Promise<void> {
  let html: string;
  try {
    html = await fs.readFile(htmlPath, 'utf8');
  } catch {
    throw new HttpError(500, `${htmlPath} is missing: run npm run build first.`);
  }
  // The shim goes first in <head>, so google.script.run exists before the sidebar's script runs.
  const page = html.replace(/<head>/i, (head) => `${head}${shimScript(Object.keys(FUNCTIONS))}`);
  send(response, 200, 'text/html; charset=utf-8', page);
}

async function serveCall(context: ServerContext, queue: ReturnType<typeof createQueue>, workbook: WorkbookCache, name: string, request: http.IncomingMessage, response: http.ServerResponse) {
  if (request.method !== 'POST') throw new HttpError(405, 'Server functions are called with POST.');
  // JSON only: a cross-site form cannot send it without a CORS preflight, which this server never grants.
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) throw new HttpError(415, 'Send the arguments as application/json.');
  if (!isSidebarFunction(name)) throw new HttpError(404, `There is no server function named ${name}.`);
  const args = parseArguments(await readBody(request));
  const body = await queue(() => callFunction(workbook, context, name, args));
  send(response, 200, 'application/json; charset=utf-8', body);
}

/** Only pages addressed to this machine: a DNS-rebinding site cannot reach the workbook. */
function isLoopbackHost(hostHeader: string | undefined): boolean {
  const host = (hostHeader ?? '').replace(/:\d+$/, '').toLowerCase();
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/** The sidebar runs on the teacher's own machine: it may show the cells a problem is about. */
function messageForTheSidebar(error: unknown): string {
  if (error instanceof ProgramDataError) return error.problems.map(describeProblem).join('\n');
  return error instanceof Error ? error.message : String(error);
}

async function listen(server: http.Server, port: number): Promise<void> {
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EADDRINUSE') {
      throw new LocalError(`port ${port} is already in use (is the sidebar already running, e.g. another npm start?): stop that program, or choose another port with --port <n>`);
    }
    if (code === 'EACCES') throw new LocalError(`no permission to use port ${port}: choose a port above 1024 with --port <n>`);
    throw error;
  }
}

export async function startSidebarServer(options: SidebarServerOptions): Promise<SidebarServer> {
  const htmlPath = options.sidebarHtmlPath ?? defaultSidebarHtml();
  const queue = createQueue();
  const workbook = createWorkbookCache(options.workbookPath);
  const context: ServerContext =
    options.exactSolverIn === 'browser'
      ? { ...options, browserSolverScript: () => readFileSync(path.join(path.dirname(htmlPath), 'HighsSolver.html'), 'utf8') }
      : { ...options, exactSolver: (await loadHighsSolver()) ?? undefined };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const handle = async () => {
      if (!isLoopbackHost(request.headers.host)) throw new HttpError(403, 'This server only answers pages from localhost.');
      if (url.pathname === '/' && (request.method === 'GET' || request.method === 'HEAD')) return servePage(htmlPath, response);
      const call = /^\/api\/([^/]+)$/.exec(url.pathname);
      if (call) return serveCall(context, queue, workbook, decodeURIComponent(call[1]), request, response);
      throw new HttpError(404, `Nothing at ${url.pathname}.`);
    };
    handle().catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      sendError(response, status, messageForTheSidebar(error));
    });
  });
  await listen(server, options.port);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
