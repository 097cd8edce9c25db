// Family letters for every tutee in batches under Apps Script's time limit: a batch stops when its time
// is up, the next run the same day goes on, and no tutee gets two letters from one day's batch.
import { sampleProgram } from '../../src/core/sample-program';
import { addDays } from '../../src/core/time';
import { allLetterDocs, LETTER_BATCH_MS } from '../../src/gas/progress/family-letters';
import { addSampleHistory } from '../../src/sheets/forms/sample-history';
import { writeProgram } from '../../src/sheets/program/program-writer';
import { familyLetterMaker } from '../../src/sheets/progress/refresh';
import { setUpProgram } from '../../src/sheets/program/setup';
import { FakeAccounts } from '../fakes/apps-script/accounts';
import { CallCounter } from '../fakes/apps-script/calls';
import { createDocsFake } from '../fakes/apps-script/docs-api';
import { FakePropertiesService } from '../fakes/apps-script/services';
import { MemoryTableStore } from '../fakes/memory-store';

const TODAY = '2027-03-15';

it('stops a batch when its time is up and goes on from there the same day; a new day starts again', () => {
  const store = new MemoryTableStore({}, { timeZone: 'America/Chicago' });
  writeProgram(store, sampleProgram(40, 7, addDays(TODAY, 14)));
  setUpProgram(store);
  addSampleHistory(store, 7, addDays(TODAY, -21), TODAY, new Date());
  const calls = new CallCounter();
  const accounts = new FakeAccounts();
  const docs = createDocsFake(calls, accounts);
  const properties = new FakePropertiesService(calls, accounts).getDocumentProperties();
  let now = 0;
  // Each letter takes a fifth of the batch's time.
  const services = { docsApi: { docs: docs.Docs, drive: docs.Drive }, properties, store, programName: 'Test', clock: () => (now += LETTER_BATCH_MS / 5) };
  const tutees = familyLetterMaker(store, TODAY).tutees;
  expect(tutees.length).toBeGreaterThan(10);

  const made: string[] = [];
  let remaining = Infinity;
  for (let run = 0; run < 20 && remaining > 0; run++) {
    now = 0;
    const report = allLetterDocs(services, TODAY);
    expect(report.letters.length).toBeLessThanOrEqual(5);
    made.push(...report.letters.map((letter) => letter.studentId));
    remaining = report.remaining;
  }
  expect(made).toEqual(tutees);
  now = 0;
  expect(allLetterDocs(services, TODAY).letters).toEqual([]);
  now = 0;
  expect(allLetterDocs(services, addDays(TODAY, 1)).letters.map((l) => l.studentId)).toEqual(tutees.slice(0, 5));
});
