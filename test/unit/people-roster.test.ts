import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { parseCsv } from '../../src/core/people/csv';
import { mapColumns } from '../../src/core/people/roster-csv';
import { gradeOf, mergeRoster, type ImportedStudent, type RosterEntry } from '../../src/core/people/roster-import';
import { main } from '../../src/local/cli';
import { XlsxTableStore } from '../../src/local/xlsx-store';
import { importRosterCsv } from '../../src/sheets/people/roster-import';
import { Formula } from '../../src/sheets/store/table-store';
import { MemoryTableStore } from '../fakes/memory-store';
import { fixtureTabs, STUDENT_HEADERS } from '../support/program-fixture';
import { xlsxStoreFrom } from '../support/stores';
import { captureConsole } from '../support/console-capture';

describe('CSV reading', () => {
  it('reads quotes, doubled quotes, commas and line breaks inside quotes, CRLF and a BOM', () => {
    expect(parseCsv('\ufeffa,"b, c","say ""hi"""\r\n"two\nlines",x,\r\n')).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['two\nlines', 'x', ''],
    ]);
  });

  it('keeps blank lines as records so record i is spreadsheet row i + 1', () => {
    expect(parseCsv('h\n\nv\n')).toEqual([['h'], [''], ['v']]);
  });

  it('round-trips any fields written the RFC 4180 way', () => {
    const field = fc.string({ maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map((row) => row.map((f) => `"${f.replace(/"/g, '""')}"`).join(',')).join('\r\n');
        expect(parseCsv(text)).toEqual(rows);
      }),
    );
  });
});

describe('columns found by name', () => {
  it('knows the common SIS shapes, in any order, with any case and spacing', () => {
    const { mapping, problems } = mapColumns(['Grade Level', 'Last Name', 'STUDENT NUMBER', 'First Name', 'Email Address', 'Homeroom']);
    expect(problems).toEqual([]);
    expect(mapping).toEqual({ id: 2, firstName: 3, lastName: 1, fullName: null, email: 4, grade: 0 });
  });

  it('says what is missing', () => {
    expect(mapColumns(['Homeroom', 'Phone']).problems).toEqual([
      'no column of Student IDs or emails (a header like "Student ID" or "Email")',
      'no name column ("Name", or "First Name" and "Last Name")',
    ]);
    expect(mapColumns(['ID', 'First Name']).problems).toEqual(['no name column ("Name", or "First Name" and "Last Name")']);
  });

  it('reads grades as schools write them', () => {
    expect(['K', 'KG', '7', '07', '7th', 'Grade 12', '13', 'seventh', ''].map(gradeOf)).toEqual([0, 0, 7, 7, 7, 12, null, null, null]);
  });
});

const entry = (rowNumber: number, id: string, email = '', name = 'Someone', grade = '7'): RosterEntry => ({ rowNumber, id, name, email, grade });
const student = (source: string, id: string, email = '', name = 'Someone', grade: number | null = 7): ImportedStudent => ({ source, id, name, email, grade });

describe('merging an export into the roster', () => {
  it('matches on Student ID, then email; adds the rest', () => {
    const merge = mergeRoster(
      [entry(2, 'S-1', 'ana@school.org', 'Ana Ruiz'), entry(3, '', 'ben@school.org', 'Ben Kim')],
      [student('row 2', 'S-1', 'ana@school.org', 'Ana Ruiz-Lopez'), student('row 3', 'S-2', 'ben@school.org', 'Ben Kim'), student('row 4', 'S-9', '', 'New Kid')],
    );
    expect(merge.updated).toEqual([
      { student: expect.objectContaining({ id: 'S-1' }), rowNumber: 2, changes: [{ field: 'name', from: 'Ana Ruiz', to: 'Ana Ruiz-Lopez' }] },
      { student: expect.objectContaining({ id: 'S-2' }), rowNumber: 3, changes: [{ field: 'id', from: '', to: 'S-2' }] },
    ]);
    expect(merge.added.map((s) => s.id)).toEqual(['S-9']);
  });

  it('skips with a reason: no key, a repeat in the file, conflicting ID and email, a bad email, a new student without an ID', () => {
    const merge = mergeRoster(
      [entry(2, 'S-1', 'ana@school.org'), entry(3, 'S-2', 'ben@school.org')],
      [
        student('row 2', '', ''),
        student('row 3', 'S-7'),
        student('row 4', 's-7'),
        student('row 5', 'S-1', 'ben@school.org'),
        student('row 6', 'S-8', 'ana@school.org'),
        student('row 7', 'S-9', 'not-an-email'),
        student('row 8', '', 'new@school.org'),
      ],
    );
    expect(merge.skipped).toEqual([
      { source: 'row 2', reason: 'no Student ID and no email, so it cannot be matched to anyone' },
      { source: 'row 4', reason: 'the same student as row 3 (same Student ID): imported once' },
      { source: 'row 5', reason: 'Student ID S-1 is on Students row 2 but this email is on row 3: correct one of them, then import again' },
      { source: 'row 6', reason: 'this email belongs to Student ID S-1 (Students row 2), not S-8: IDs are never changed by an import, correct one of them' },
      { source: 'row 7', reason: '"not-an-email" is not an email address' },
      { source: 'row 8', reason: 'no Student ID, and the email is not on the roster: add an ID to add the student' },
    ]);
    expect(merge.added.map((s) => s.source)).toEqual(['row 3']);
  });

  it('takes an email another student gives up in the same export, whatever the order, and two may swap', () => {
    // Found by the property below: S-2 came first and was refused B's email, which S-4 gave up later in the file.
    const handOver = mergeRoster([entry(2, 's-2', ''), entry(3, 'S-4', 'b@x.org')], [student('row 2', 's-2', 'B@x.org'), student('row 3', 'S-4', 'c@x.org')]);
    expect(handOver.skipped).toEqual([]);
    expect(handOver.updated.map((u) => [u.rowNumber, u.changes.map((c) => c.to)])).toEqual([[2, ['B@x.org']], [3, ['c@x.org']]]);
    const swap = mergeRoster([entry(2, 'S-1', 'a@x.org'), entry(3, 'S-2', 'b@x.org')], [student('row 2', 'S-1', 'b@x.org'), student('row 3', 'S-2', 'a@x.org')]);
    expect(swap.skipped).toEqual([]);
    expect(swap.updated).toHaveLength(2);
    // An email that stays with a student the export does not move is still refused.
    const kept = mergeRoster([entry(2, 'S-1', 'a@x.org'), entry(3, 'S-2', 'b@x.org')], [student('row 2', 'S-1', 'b@x.org')]);
    expect(kept.skipped.map((s) => s.source)).toEqual(['row 2']);
  });

  it('never blanks a field the export leaves empty, and a grade written "07" is no change', () => {
    const merge = mergeRoster([entry(2, 'S-1', 'ana@school.org', 'Ana', '7')], [student('row 2', 'S-1', '', '', 7)]);
    expect(merge.unchanged).toHaveLength(1);
    expect(merge.updated).toEqual([]);
  });

  it('property: every student ends up once, and merging the result again changes nothing', () => {
    const id = fc.constantFrom('', 'S-1', 'S-2', 's-2', 'S-3', 'S-4');
    const email = fc.constantFrom('', 'a@x.org', 'b@x.org', 'B@x.org', 'c@x.org');
    const imported = fc.array(fc.record({ id, email, name: fc.constantFrom('', 'A', 'B') }), { maxLength: 8 });
    const existing = fc.uniqueArray(fc.record({ id, email }), { maxLength: 3, selector: (e) => `${e.id.toLowerCase()}|${e.email.toLowerCase()}` });
    fc.assert(
      fc.property(existing, imported, (rows, exported) => {
        const roster = rows
          .filter((r, i) => (r.id || r.email) && !rows.slice(0, i).some((o) => (r.id && o.id.toLowerCase() === r.id.toLowerCase()) || (r.email && o.email.toLowerCase() === r.email.toLowerCase())))
          .map((r, i) => entry(i + 2, r.id, r.email));
        const students = exported.map((s, i) => student(`row ${i + 2}`, s.id, s.email, s.name));
        const merge = mergeRoster(roster, students);
        // Apply the merge, as the Students tab would hold it.
        const after = roster.map((r) => ({ ...r }));
        for (const update of merge.updated) {
          const row = after.find((r) => r.rowNumber === update.rowNumber)!;
          for (const change of update.changes) row[change.field === 'grade' ? 'grade' : change.field] = change.to;
        }
        for (const added of merge.added) after.push(entry(after.length + 2, added.id, added.email, added.name, '7'));
        const ids = after.map((r) => r.id.toLowerCase()).filter(Boolean);
        const emails = after.map((r) => r.email.toLowerCase()).filter(Boolean);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(emails).size).toBe(emails.length);
        expect(merge.added.length + merge.updated.length + merge.unchanged.length + merge.skipped.length).toBe(students.length);
        const again = mergeRoster(after, students);
        expect(again.added).toEqual([]);
        // A file naming one student twice with other details may flip between them; a clean export never does.
        const keys = students.flatMap((s) => [s.id && `id:${s.id.toLowerCase()}`, s.email && `email:${s.email.toLowerCase()}`].filter(Boolean));
        if (new Set(keys).size === keys.length) expect(again.updated).toEqual([]);
      }),
    );
  });
});

const SIS_EXPORT = [
  'Student Number,Last Name,First Name,Grade Level,Email Address',
  '00041,Ruiz,Ana,09,ana.ruiz@school.org',
  'S-2,Kim,Benjamin,7,ben@school.org',
  'S-77,Hopper,"=HYPERLINK(""http://x"")",8,grace@school.org',
  ',Nobody,No,7,',
  'S-78,Lovelace,Ada,seventh,ada@school.org',
  '00041,Ruiz,Ana,09,ana.ruiz@school.org',
].join('\n');

describe('importing into the Students tab', () => {
  function store(): MemoryTableStore {
    const tabs = fixtureTabs();
    tabs.Students[0] = [...STUDENT_HEADERS, 'My notes'];
    tabs.Students[1] = [...tabs.Students[1], 'keeps her notes'];
    tabs.Students[2] = [...tabs.Students[2], new Formula('=LEN(B3)', 7, 3, 15)];
    tabs.Students[3] = [...tabs.Students[3], ''];
    return new MemoryTableStore(tabs);
  }

  it('adds, updates and skips with reasons in one read and one write; the teacher\'s cells stay', () => {
    const s = store();
    const before = s.readTab('Students')!;
    s.calls.reset();
    const report = importRosterCsv(s, SIS_EXPORT, true);
    expect(s.calls.count('TableStore.readTab')).toBe(1);
    expect(s.calls.count('TableStore.writeTab')).toBe(1);
    expect(report.mapping).toEqual([
      { field: 'Student ID', header: 'Student Number' },
      { field: 'First name', header: 'First Name' },
      { field: 'Last name', header: 'Last Name' },
      { field: 'Name', header: null },
      { field: 'Email', header: 'Email Address' },
      { field: 'Grade', header: 'Grade Level' },
    ]);
    expect(report.added).toEqual([
      { source: 'row 2', id: '00041', name: 'Ana Ruiz' },
      { source: 'row 4', id: 'S-77', name: '=HYPERLINK("http://x") Hopper' },
    ]);
    expect(report.updated).toEqual([{ source: 'row 3', rowNumber: 3, changes: ['Name: "Ben Kim" → "Benjamin Kim"', 'Email: "" → "ben@school.org"'] }]);
    expect(report.skipped.map((x) => x.source)).toEqual(['row 5', 'row 6', 'row 7']);
    const after = s.readTab('Students')!;
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2)); // S-1 untouched (the file's Ana has another ID)
    expect(after[2][14]).toBeInstanceOf(Formula);
    expect(after[2].slice(2, 14)).toEqual(before[2].slice(2, 14).map((c, i) => (i === 0 ? 'ben@school.org' : c)));
    expect(after[4].slice(0, 4)).toEqual(['00041', 'Ana Ruiz', 'ana.ruiz@school.org', 9]);
    expect(after[5][1]).toBe('=HYPERLINK("http://x") Hopper'); // text, not a formula
    expect(after[4].slice(11, 14)).toEqual(['Pending', 'No', 'Yes']);
  });

  it('importing the same file again adds and changes nothing', () => {
    const s = store();
    importRosterCsv(s, SIS_EXPORT, true);
    const once = s.readTab('Students');
    const again = importRosterCsv(s, SIS_EXPORT, true);
    expect(again.added).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(again.written).toBe(false);
    expect(s.readTab('Students')).toEqual(once);
  });

  it('a preview writes nothing', () => {
    const s = store();
    const before = s.readTab('Students');
    expect(importRosterCsv(s, SIS_EXPORT, false).added).toHaveLength(2);
    expect(s.readTab('Students')).toEqual(before);
  });
});

describe('peer-tutoring import-roster', () => {
  let dir: string;
  let output: string[];
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'peer-tutoring-roster-'));
    output = [];
    captureConsole(() => output);
  });
  afterEach(() => jest.restoreAllMocks());

  it('prints added, updated and skipped with reasons; IDs stay text in the workbook; a second run adds nothing', async () => {
    const workbook = path.join(dir, 'p.xlsx');
    const csv = path.join(dir, 'students.csv');
    await xlsxStoreFrom(fixtureTabs(), workbook).save();
    writeFileSync(csv, SIS_EXPORT);
    expect(await main(['import-roster', workbook, csv])).toBe(0);
    const text = output.join('\n');
    expect(text).toContain('Students: 2 added, 1 updated, 0 already up to date, 3 skipped.');
    expect(text).toContain('  added 00041 Ana Ruiz (row 2)');
    expect(text).toContain('  skipped row 6: grade "seventh" is not K to 12');
    expect(text).toContain('  skipped row 7: the same student as row 2 (same Student ID): imported once');
    const store = await XlsxTableStore.open(workbook);
    expect(store.readTab('Students')!.map((row) => row[0])).toEqual(['Student ID', 'S-1', 'S-2', 'S-3', '00041', 'S-77']);
    output = [];
    expect(await main(['import-roster', workbook, csv])).toBe(0);
    expect(output.join('\n')).toContain('Students: 0 added, 0 updated, 3 already up to date, 3 skipped.');
  });

  it('says which Students header is missing instead of adding columns', async () => {
    const tabs = fixtureTabs();
    tabs.Students = tabs.Students.map((row) => row.filter((_, i) => i !== 2));
    const workbook = path.join(dir, 'p.xlsx');
    const csv = path.join(dir, 'students.csv');
    await xlsxStoreFrom(tabs, workbook).save();
    writeFileSync(csv, SIS_EXPORT);
    expect(await main(['import-roster', workbook, csv])).toBe(1);
    expect(output.join('\n')).toContain('the Students tab has no "Email" header in row 1');
  });

  it('refuses a file without ID or email columns, changing nothing', async () => {
    const workbook = path.join(dir, 'p.xlsx');
    const csv = path.join(dir, 'bad.csv');
    await xlsxStoreFrom(fixtureTabs(), workbook).save();
    writeFileSync(csv, 'Homeroom,Name\n101,Ana\n');
    expect(await main(['import-roster', workbook, csv])).toBe(1);
    expect(output.join('\n')).toContain('bad.csv cannot be imported: no column of Student IDs or emails');
    expect((await XlsxTableStore.open(workbook)).readTab('Students')).toHaveLength(4);
  });
});

describe('two rows naming one roster student by different keys', () => {
  it('imports the first and skips the other, so a second import changes nothing', () => {
    const roster = [entry(2, 'S-3', 'B@x.org')];
    const rows = [student('row 2', 'S-3', '', 'B'), student('row 3', '', 'B@x.org', 'A')];
    const merge = mergeRoster(roster, rows);
    expect(merge.skipped).toEqual([{ source: 'row 3', reason: 'the same student as row 2 (by Student ID or email): imported once' }]);
    const after = [{ ...roster[0], name: 'B' }];
    expect(mergeRoster(after, rows).updated).toEqual([]);
  });
});
