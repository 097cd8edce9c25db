// The Apps Script host: the active spreadsheet as the program database, the document lock, the UI.
import type { HostEnvironment } from '../sheets/sidebar-api';
import { ReadOnceStore } from '../sheets/store/read-once-store';
import { SpreadsheetTableStore } from './spreadsheet-store';

const LOCK_WAIT_MS = 30000;

/**
 * Runs `task` holding the document lock; `{ ran: false }` when another run holds it for `waitMs`
 * (a background run then simply leaves its work for the next one). What `store` read before the lock
 * is forgotten: another run may have written since.
 */
export function ifDocumentLockFree<T>(task: () => T, store: ReadOnceStore, waitMs = LOCK_WAIT_MS): { ran: true; value: T } | { ran: false } {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(waitMs)) return { ran: false };
  store.forget();
  try {
    return { ran: true, value: task() };
  } finally {
    lock.releaseLock();
  }
}

/** The host of one execution: its store reads each tab once (see ReadOnceStore). */
export type AppsScriptHost = HostEnvironment & { store: ReadOnceStore };

export function appsScriptHost(): AppsScriptHost {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const store = new ReadOnceStore(
    new SpreadsheetTableStore({
      spreadsheet,
      properties: PropertiesService.getDocumentProperties(),
      spreadsheetApp: SpreadsheetApp,
    }),
  );
  return {
    store,
    withDocumentLock<T>(task: () => T): T {
      const outcome = ifDocumentLockFree(task, store);
      if (!outcome.ran) throw new Error('Someone else is changing the tutoring program right now. Try again in a minute.');
      return outcome.value;
    },
    now: () => new Date(),
    selectCell(tab: string, row: number, column: number): void {
      const sheet = spreadsheet.getSheetByName(tab);
      if (sheet) sheet.getRange(row, Math.max(column, 1)).activate();
    },
    // Apps Script cannot start HiGHS synchronously (its loader is asynchronous): the sidebar's browser runs it.
    browserSolverScript: () => HtmlService.createHtmlOutputFromFile(HIGHS_SOLVER_FILE).getContent(),
  };
}

/** The project file with HiGHS for the sidebar's browser (written by the build beside Sidebar.html). */
const HIGHS_SOLVER_FILE = 'HighsSolver';
