// Peer Tutoring → Guides on the advanced Docs/Drive fakes: a starter Doc per guide without a Link, within the time
// budget (the rest on the next run), each Doc remembered as soon as it is made so a run cut before the
// links were written never makes a second one.
import { FakeAccounts } from '../../fakes/apps-script/accounts';
import { CallCounter } from '../../fakes/apps-script/calls';
import { createDocsFake } from '../../fakes/apps-script/docs-api';
import { FakeProperties } from '../../fakes/apps-script/services';
import { MemoryTableStore } from '../../fakes/memory-store';
import { makeGuideDocs, type GuideDocServices } from '../../../src/gas/sessions/guide-docs';

const HEADERS = ['Subject', 'Skill', 'Target concept', 'Common misconceptions', 'Worked example', 'Probing questions', 'Link'];

function setup(guides: number) {
  const calls = new CallCounter();
  const docs = createDocsFake(calls, new FakeAccounts('teacher@school.org'));
  const store = new MemoryTableStore({ Guides: [HEADERS, ...Array.from({ length: guides }, (_, i) => ['Math', `Skill ${i + 1}`, `Concept ${i + 1}`, '', '', '', ''])] });
  let now = 0;
  const services: GuideDocServices = {
    docsApi: { docs: docs.Docs, drive: docs.Drive },
    properties: new FakeProperties(calls, 'document') as unknown as GuideDocServices['properties'],
    store,
    // Each Doc takes a minute and a half.
    clock: () => now,
    programName: 'Test Program',
  };
  const tick = () => (now += 90 * 1000);
  return { calls, docs, store, services, tick, links: () => (store.readTab('Guides') ?? []).slice(1).map((row) => String(row[6])) };
}

describe('starter Docs for guides', () => {
  it('stops starting Docs after the budget, writes the links of those made, and the next run goes on', () => {
    const { docs, services, tick, links } = setup(6);
    const create = docs.fake.create.bind(docs.fake);
    docs.fake.create = (resource) => {
      tick();
      return create(resource);
    };
    const first = makeGuideDocs(services);
    // 1½ minutes each: the fourth would start at the 4½-minute mark, so it waits for the next run.
    expect(first).toEqual({ made: 3, linked: 3, remaining: 3 });
    expect(links().filter(Boolean)).toHaveLength(3);
    const second = makeGuideDocs(services);
    expect(second).toEqual({ made: 3, linked: 3, remaining: 0 });
    expect(new Set(links()).size).toBe(6);
    expect(docs.fake.docs.size).toBe(6);
    expect(makeGuideDocs(services)).toEqual({ made: 0, linked: 0, remaining: 0 });
  });

  it('a run cut before the links were written: the next run links the Docs made, and makes none again', () => {
    const { docs, store, services, links } = setup(3);
    const writeTab = store.writeTab.bind(store);
    store.writeTab = () => {
      throw new Error('Exceeded maximum execution time');
    };
    expect(() => makeGuideDocs(services)).toThrow('Exceeded maximum execution time');
    expect(docs.fake.docs.size).toBe(3);
    store.writeTab = writeTab;
    expect(makeGuideDocs(services)).toEqual({ made: 0, linked: 3, remaining: 0 });
    expect(docs.fake.docs.size).toBe(3);
    expect(links().every((url) => url.startsWith('https://docs.google.com/'))).toBe(true);
  });
});
