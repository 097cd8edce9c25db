// Every function Apps Script calls by name: triggers, menu items and the sidebar's server calls.
// gas-webpack-plugin turns each export of this file into a top-level function of build/Code.js.

export function onOpen(): void {
  SpreadsheetApp.getUi().createAddonMenu().addItem('Set up program', 'setUpProgram').addToUi();
}
