// The manifest asks for the narrowest scopes the features need, and nothing else: adding a scope is a
// decision to make in this test and in the README's scope table, never by accident.
import manifest from '../../appsscript.json';

describe('appsscript.json', () => {
  it('runs on V8 with exception logging', () => {
    expect(manifest).toMatchObject({ runtimeVersion: 'V8', exceptionLogging: 'STACKDRIVER' });
  });

  it('lists exactly the scopes the add-on needs', () => {
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/calendar',
      'https://www.googleapis.com/auth/script.scriptapp',
      'https://www.googleapis.com/auth/forms',
      'https://www.googleapis.com/auth/script.send_mail',
      // Import from Google Classroom: the teacher's courses, their students' names and emails; read only.
      'https://www.googleapis.com/auth/classroom.courses.readonly',
      'https://www.googleapis.com/auth/classroom.rosters.readonly',
      'https://www.googleapis.com/auth/classroom.profile.emails',
      // End term: the archive is a new spreadsheet made and written through the advanced Sheets service,
      // which reaches under drive.file only the files the add-on created (never the full spreadsheets scope).
      // Family letters, certificates and guides: Docs made and read through the advanced Docs service, the
      // same way (never the documents scope, which reaches every Doc the teacher has).
      'https://www.googleapis.com/auth/drive.file',
    ]);
  });

  it('enables the advanced Calendar service (incremental sync, Meet links for online blocks), which needs no scope beyond calendar', () => {
    expect(manifest.dependencies.enabledAdvancedServices).toContainEqual({ userSymbol: 'Calendar', serviceId: 'calendar', version: 'v3' });
  });

  it('turns on the Classroom advanced service (v1), read only through its scopes', () => {
    expect(manifest.dependencies.enabledAdvancedServices).toContainEqual({ userSymbol: 'Classroom', serviceId: 'classroom', version: 'v1' });
  });

  it('turns on the Sheets advanced service (v4) for the End term archive, and asks no scope that reaches every spreadsheet', () => {
    expect(manifest.dependencies.enabledAdvancedServices).toContainEqual({ userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' });
    expect(manifest.dependencies.enabledAdvancedServices).toHaveLength(5);
    for (const broad of ['spreadsheets', 'drive', 'drive.readonly', 'spreadsheets.readonly']) {
      expect(manifest.oauthScopes).not.toContain(`https://www.googleapis.com/auth/${broad}`);
    }
  });

  it('turns on the Docs (v1) and Drive (v3) advanced services for Docs under drive.file, and asks no scope that reaches every Doc', () => {
    expect(manifest.dependencies.enabledAdvancedServices).toContainEqual({ userSymbol: 'Docs', serviceId: 'docs', version: 'v1' });
    expect(manifest.dependencies.enabledAdvancedServices).toContainEqual({ userSymbol: 'Drive', serviceId: 'drive', version: 'v3' });
    for (const broad of ['documents', 'documents.readonly', 'drive', 'drive.readonly']) {
      expect(manifest.oauthScopes).not.toContain(`https://www.googleapis.com/auth/${broad}`);
    }
  });

  it('is an editor add-on manifest: no Workspace add-on section, which would change how it is deployed', () => {
    expect(Object.keys(manifest)).not.toContain('addOns');
  });
});
