// The Apps Script host: the active spreadsheet as the program database, the document lock, the UI.
import type { HostEnvironment } from '../sheets/sidebar-api';
import { SpreadsheetTableStore } from './spreadsheet-store';

const LOCK_WAIT_MS = 30000;

export function appsScriptHost(): HostEnvironment {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  return {
    store: new SpreadsheetTableStore({
      spreadsheet,
      properties: PropertiesService.getDocumentProperties(),
      spreadsheetApp: SpreadsheetApp,
    }),
    withDocumentLock<T>(task: () => T): T {
      const lock = LockService.getDocumentLock();
      if (!lock.tryLock(LOCK_WAIT_MS)) {
        throw new Error('Someone else is changing the tutoring program right now. Try again in a minute.');
      }
      try {
        return task();
      } finally {
        lock.releaseLock();
      }
    },
    now: () => new Date(),
    selectCell(tab: string, row: number, column: number): void {
      const sheet = spreadsheet.getSheetByName(tab);
      if (sheet) sheet.getRange(row, Math.max(column, 1)).activate();
    },
  };
}
