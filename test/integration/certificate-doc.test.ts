// A tutor's service certificate as a Google Doc through the built bundle (advanced Docs and Drive fakes), from a
// template the teacher edits, made with the family letters' code; the same hours as the Service hours tab.
import { entryPoint } from '../support/load-bundle';
import { progressWorld, type ProgressWorld } from '../support/progress-world';

type Made = { name: string; url: string; templateUrl: string; templateCreated: boolean; problems: string[] } | null;
const certificate = (w: ProgressWorld, studentId: string) => entryPoint(w.bundle, 'certificateDoc')(studentId) as Made;
const idOf = (url: string) => new URL(url).searchParams.get('id')!;

/** A tutor with held sessions (the Service hours tab, rebuilt by Refresh dashboard, says how many hours). */
function tutorWithHours(w: ProgressWorld): { id: string; name: string; total: number; sessions: number } {
  entryPoint(w.bundle, 'refreshDashboard')();
  const grid = w.fakes.spreadsheet.getSheetByName('Service hours')!.getDataRange().getValues();
  const at = (h: string) => grid[0].indexOf(h);
  const row = grid.slice(1).find((r) => Number(r[at('Total')]) > 0)!;
  return { id: String(row[at('Student ID')]), name: String(row[at('Name')]), total: Number(row[at('Total')]), sessions: Number(row[at('Sessions')]) };
}

describe('service certificate as a Google Doc (built bundle, advanced Docs and Drive fakes)', () => {
  it('makes the template once, fills the certificate from it, and follows the teacher\'s edits', () => {
    const w = progressWorld(60, 4, 6);
    const tutor = tutorWithHours(w);
    const first = certificate(w, tutor.id)!;
    expect(first.templateCreated).toBe(true);
    const text = w.docs.textOf(idOf(first.url)).join('\n');
    expect(text).not.toMatch(/\{\{/);
    expect(text).toContain(tutor.name);
    expect(text).toContain(`${tutor.total} hour${tutor.total === 1 ? '' : 's'}`);
    expect(text).toContain(`in ${tutor.sessions} tutoring session`);

    w.docs.editByHand(idOf(first.templateUrl), ['Well done, {{ tutor }}: {{Hours}}', 'From {{Nobody}}']);
    const edited = certificate(w, tutor.id)!;
    expect(edited.templateCreated).toBe(false);
    expect(w.docs.textOf(idOf(edited.url))).toEqual([`Well done, ${tutor.name}: ${tutor.total} hour${tutor.total === 1 ? '' : 's'}`, 'From {{Nobody}}']);
    expect(edited.problems).toEqual([expect.stringMatching(/^The template's \{\{Nobody\}\} is not a placeholder/)]);
    // The family letters keep their own template.
    const letter = entryPoint(w.bundle, 'familyLetterDoc')(String(w.fakes.spreadsheet.getSheetByName('Pairs')!.getDataRange().getValues()[1][3])) as Made;
    if (letter) expect(letter.templateUrl).not.toBe(first.templateUrl);
  });

  it('says clearly when the student has no service hours, and writes no certificate', () => {
    const w = progressWorld(30, 2, 6);
    const before = w.docs.docs.size;
    expect(() => certificate(w, 'S-NOPE')).toThrow('S-NOPE has no service hours this term');
    expect(w.docs.docs.size).toBe(before);
  });
});
