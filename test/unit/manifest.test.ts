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
      'https://www.googleapis.com/auth/documents',
    ]);
  });

  it('enables only the advanced Calendar service (incremental sync, Meet links for online blocks), which needs no scope beyond calendar', () => {
    expect(manifest.dependencies).toEqual({ enabledAdvancedServices: [{ userSymbol: 'Calendar', serviceId: 'calendar', version: 'v3' }] });
  });

  it('is an editor add-on manifest: no Workspace add-on section, which would change how it is deployed', () => {
    expect(Object.keys(manifest)).not.toContain('addOns');
  });
});
