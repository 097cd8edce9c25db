// End term in Google Sheets: the archive is a new spreadsheet named for the term, in the teacher's
// Drive. Its ID is kept in the document's properties as soon as it exists, so a run cut by Apps
// Script's 6-minute limit resumes on the same spreadsheet (copying only tabs not yet there exactly)
// instead of making a second one. Clearing is a separate, confirmed step (clearAfterArchive).
import { archiveTerm, clearAfterArchive, termName, type ArchiveReport } from '../../sheets/people/archive';
import type { RetentionReport } from '../../sheets/people/retention-tab';
import type { TableStore } from '../../sheets/store/table-store';
import { SpreadsheetTableStore, type PropertyStore, type SpreadsheetServices } from '../spreadsheet-store';

const ARCHIVE_PROPERTY = 'ptHub.archive.';

export interface EndTermServices {
  spreadsheetApp: Pick<GoogleAppsScript.Spreadsheet.SpreadsheetApp, 'create' | 'openById'> & SpreadsheetServices;
  /** The program document's properties (where the archive's ID is kept). */
  properties: PropertyStore;
  store: TableStore;
  now(): Date;
}

/** The archive's own marks and notes are never used: it is a copy of values. */
const NO_PROPERTIES: PropertyStore = { getProperty: () => null, setProperty: () => NO_PROPERTIES as never, deleteProperty: () => NO_PROPERTIES as never };

function archiveStore(services: EndTermServices): { store: TableStore; url: string } {
  const key = `${ARCHIVE_PROPERTY}${termName(services.store)}`;
  const id = services.properties.getProperty(key);
  let spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet | null = null;
  if (id) {
    try {
      spreadsheet = services.spreadsheetApp.openById(id);
    } catch {
      spreadsheet = null; // deleted from Drive: made again
    }
  }
  if (!spreadsheet) {
    spreadsheet = services.spreadsheetApp.create(termName(services.store));
    services.properties.setProperty(key, spreadsheet.getId());
  }
  return { store: new SpreadsheetTableStore({ spreadsheet, properties: NO_PROPERTIES, spreadsheetApp: services.spreadsheetApp }), url: spreadsheet.getUrl() };
}

export function archiveToSpreadsheet(services: EndTermServices): ArchiveReport & { url: string } {
  const { store, url } = archiveStore(services);
  return { ...archiveTerm(services.store, store, services.now()), url };
}

export function clearAfterSpreadsheetArchive(services: EndTermServices, today: string): RetentionReport {
  return clearAfterArchive(services.store, archiveStore(services).store, today);
}
