// Peer Tutoring → Guides through the built bundle and the advanced Docs/Drive fakes: a starter Doc per guide
// without a Link, its link written only into a blank Link cell (a teacher's link, their formulas and a
// duplicate row stay as they are); a re-run makes nothing; a cleared link gets the same Doc back, a
// trashed Doc is made again.
import { createAppsScriptFakes, type AppsScriptFakes } from '../fakes/apps-script';
import { createDocsFake, type FakeDocsApi } from '../fakes/apps-script/docs-api';
import { menuFunctionNames } from '../fakes/apps-script/ui';
import { entryPoint, loadBundle, type BundleContext } from '../support/load-bundle';
import { fixtureTabs } from '../support/program-fixture';

const HEADERS = ['Subject', 'Skill', 'Target concept', 'Common misconceptions', 'Worked example', 'Probing questions', 'Link', 'My notes'];

interface World {
  fakes: AppsScriptFakes;
  docs: FakeDocsApi;
  bundle: BundleContext;
}

function world(): World {
  const tabs = fixtureTabs();
  tabs.Guides = [
    HEADERS,
    ['Math', 'Adding fractions', 'Same-size parts', 'Adding the denominators', '1/2 + 1/4 = 2/4 + 1/4 = 3/4', 'Why must the parts be the same size?', '', ''],
    ['Math', 'Decimals', '', '', '', '', 'https://example.org/teacher-video', ''],
    ['Reading', 'Main idea', '', '', '', '', '', ''],
    ['Math', 'Adding fractions', 'a second row for the same skill', '', '', '', '', ''],
  ];
  const fakes = createAppsScriptFakes({ timeZone: 'America/New_York' });
  for (const [name, grid] of Object.entries(tabs)) fakes.seedSheet(name, grid);
  const docs = createDocsFake(fakes.calls, fakes.accounts);
  const bundle = loadBundle(fakes, { Docs: docs.Docs, Drive: docs.Drive });
  // The teacher's own formula beside a guide.
  fakes.spreadsheet.getSheetByName('Guides')!.getRange(3, 8).setFormula('=LEN(B3)');
  return { fakes, docs: docs.fake, bundle };
}

const guides = (w: World) => w.fakes.spreadsheet.getSheetByName('Guides')!.getDataRange().getValues().slice(1);
const idOf = (url: unknown) => new URL(String(url)).searchParams.get('id')!;
const lastAlert = (w: World) => w.fakes.ui.alerts[w.fakes.ui.alerts.length - 1];

describe('Guides → starter Docs (built bundle)', () => {
  it('a Doc per guide without a Link, linked from its row; a teacher’s link, formula and a duplicate row kept; a re-run makes nothing', () => {
    const w = world();
    entryPoint(w.bundle, 'onOpen')();
    expect(w.fakes.ui.menus.flatMap(menuFunctionNames)).toContain('menuGuides');
    entryPoint(w.bundle, 'menuGuides')();
    const rows = guides(w);
    expect(rows[0][6]).toMatch(/^https:\/\/docs\.google\.com\//);
    expect(rows[1][6]).toBe('https://example.org/teacher-video');
    expect(rows[2][6]).toMatch(/^https:\/\/docs\.google\.com\//);
    expect(rows[3][6]).toBe('');
    expect(w.fakes.spreadsheet.getSheetByName('Guides')!.getRange(3, 8).getFormula()).toBe('=LEN(B3)');
    expect(w.docs.docs.size).toBe(2);
    const text = w.docs.textOf(idOf(rows[0][6]));
    expect(text).toEqual(expect.arrayContaining(['Math: Adding fractions', 'Target concept', 'Same-size parts', 'Common misconceptions', 'Adding the denominators', '1/2 + 1/4 = 2/4 + 1/4 = 3/4', 'Why must the parts be the same size?']));
    expect(w.docs.docs.get(idOf(rows[0][6]))!.name).toBe('Test Program: tutor guide — Math, Adding fractions');
    // A part the teacher left blank is a prompt to write it.
    expect(w.docs.textOf(idOf(rows[2][6]))).toContain('Questions that make the tutee explain their thinking instead of giving the answer.');
    expect(lastAlert(w).prompt).toContain('2 starter Docs made; 2 Link cells filled.');

    w.fakes.calls.reset();
    entryPoint(w.bundle, 'menuGuides')();
    expect(w.fakes.calls.count('Docs.Documents.create')).toBe(0);
    expect(w.fakes.calls.count('Range.setValues')).toBe(0);
    expect(lastAlert(w).prompt).toContain('0 starter Docs made; 0 Link cells filled.');
  });

  it('a cleared Link gets the same Doc back; a Doc moved to the trash is made again', () => {
    const w = world();
    entryPoint(w.bundle, 'menuGuides')();
    const [first, , third] = guides(w).map((row) => row[6]);
    const sheet = w.fakes.spreadsheet.getSheetByName('Guides')!;
    sheet.getRange(2, 7).setValue('');
    w.docs.trash(idOf(third));
    sheet.getRange(4, 7).setValue('');
    entryPoint(w.bundle, 'menuGuides')();
    const after = guides(w).map((row) => row[6]);
    expect(after[0]).toBe(first);
    expect(after[2]).not.toBe(third);
    expect(after[2]).toMatch(/^https:\/\/docs\.google\.com\//);
    expect(w.docs.docs.size).toBe(3);
  });
});
