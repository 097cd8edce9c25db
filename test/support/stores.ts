// Stores seeded with tab grids. The .xlsx store keeps its workbook in memory until saved, so it
// doubles as a quick backend for sheets-layer tests while exercising the real local store.
import { XlsxTableStore } from '../../src/local/xlsx-store';
import type { Grid } from '../../src/sheets/store/table-store';

export function xlsxStoreFrom(tabs: Record<string, Grid>, filePath = 'unsaved.xlsx'): XlsxTableStore {
  const store = XlsxTableStore.create(filePath);
  for (const [name, grid] of Object.entries(tabs)) store.writeTab(name, grid);
  return store;
}
