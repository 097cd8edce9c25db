// End term in Google Sheets: the archive is a new spreadsheet named for the term, in the teacher's
// Drive, made and written through the advanced Sheets service under the drive.file scope (the add-on
// reaches the files it created, never the teacher's other spreadsheets). Its ID is kept in the
// document's properties as soon as it exists, so a run cut by Apps Script's 6-minute limit resumes on
// the same spreadsheet (copying only tabs not yet there exactly) instead of making a second one.
// Clearing is a separate, confirmed step (clearAfterArchive).
import { ARCHIVE_INFO_TAB, archiveTerm, clearAfterArchive, termName, type ArchiveReport } from '../../sheets/people/archive';
import type { RetentionReport } from '../../sheets/people/retention-tab';
import type { TableStore } from '../../sheets/store/table-store';
import type { PropertyStore } from '../spreadsheet-store';
import { SHEET_FIELDS, SheetsApiArchiveStore, type SheetsService } from './sheets-api-store';

const ARCHIVE_PROPERTY = 'ptHub.archive.';

/** The advanced Sheets service, enabled in appsscript.json (userSymbol `Sheets`). */
declare const Sheets: SheetsService;

export function advancedSheets(): SheetsService {
  return Sheets;
}

export interface EndTermServices {
  /** The advanced Sheets service (Sheets API v4). */
  sheets: SheetsService;
  /** The program document's properties (where the archive's ID is kept). */
  properties: PropertyStore;
  store: TableStore;
  now(): Date;
}

/** The API's answer for a file that is gone (deleted, or never the add-on's under drive.file). */
function isNotFound(error: unknown): boolean {
  return /not found|404/i.test(error instanceof Error ? error.message : String(error));
}

/** The term's archive: the one made before (its ID remembered) or a new one, made and remembered at once. */
function archiveStore(services: EndTermServices): { store: SheetsApiArchiveStore; url: string } {
  const name = termName(services.store);
  const key = `${ARCHIVE_PROPERTY}${name}`;
  const id = services.properties.getProperty(key);
  const timeZone = services.store.timeZone;
  if (id) {
    try {
      const found = services.sheets.Spreadsheets.get(id, { fields: SHEET_FIELDS });
      return { store: new SheetsApiArchiveStore(services.sheets, id, timeZone), url: found.spreadsheetUrl ?? '' };
    } catch (error) {
      if (!isNotFound(error)) throw error; // a passing API error: never a second archive for it
    }
  }
  // Its one first tab is the archive's note (written last, as the mark of a verified archive): no stray "Sheet1".
  const made = services.sheets.Spreadsheets.create({ properties: { title: name, timeZone }, sheets: [{ properties: { title: ARCHIVE_INFO_TAB } }] });
  services.properties.setProperty(key, made.spreadsheetId);
  return { store: new SheetsApiArchiveStore(services.sheets, made.spreadsheetId, timeZone), url: made.spreadsheetUrl };
}

export function archiveToSpreadsheet(services: EndTermServices): ArchiveReport & { url: string } {
  const { store, url } = archiveStore(services);
  return { ...archiveTerm(services.store, store, services.now()), url };
}

export function clearAfterSpreadsheetArchive(services: EndTermServices, today: string): RetentionReport {
  return clearAfterArchive(services.store, archiveStore(services).store, today);
}
