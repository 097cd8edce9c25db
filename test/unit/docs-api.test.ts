// Docs written and read through the advanced Docs/Drive services (on their fakes): any text comes back
// as written, literally, each block one paragraph with its style; one batchUpdate per Doc; a trashed or
// foreign Doc reads as gone.
import fc from 'fast-check';
import { docIsThere, readDoc, writeNewDoc, type DocBlock } from '../../src/gas/docs/docs-api';
import { FakeAccounts } from '../fakes/apps-script/accounts';
import { CallCounter } from '../fakes/apps-script/calls';
import { createDocsFake } from '../fakes/apps-script/docs-api';

function setup() {
  const calls = new CallCounter();
  const accounts = new FakeAccounts('teacher@school.org');
  const docs = createDocsFake(calls, accounts);
  return { calls, accounts, docs, api: { docs: docs.Docs, drive: docs.Drive } };
}

const block = fc.record({
  text: fc.string({ unit: fc.constantFrom('a', ' ', '{', '}', '$', '&', '=', '\n', '\\', 'é', '\u000b') }),
  style: fc.constantFrom('NORMAL_TEXT', 'TITLE', 'HEADING_2'),
  list: fc.boolean(),
});

it('any blocks come back as written (line breaks inside a block kept in its one paragraph), in one batchUpdate', () => {
  fc.assert(
    fc.property(fc.array(block, { minLength: 1, maxLength: 8 }), (blocks: DocBlock[]) => {
      const { calls, api } = setup();
      const id = writeNewDoc(api, 'Test', blocks);
      expect(calls.count('Docs.Documents.create')).toBe(1);
      expect(calls.count('Docs.Documents.batchUpdate')).toBe(1);
      expect(readDoc(api, id)).toEqual({ blocks: blocks.map((b) => ({ ...b, text: b.text.replace(/\n/g, '\u000b') })), skipped: [] });
    }),
  );
});

it('a trashed Doc, or one of another account, reads as gone', () => {
  const { api, docs, accounts } = setup();
  const id = writeNewDoc(api, 'Test', [{ text: 'x', style: 'NORMAL_TEXT', list: false }]);
  expect(docIsThere(api, id)).toBe(true);
  accounts.actAs('someone@school.org');
  expect(docIsThere(api, id)).toBe(false);
  expect(readDoc(api, id)).toBeNull();
  accounts.actAs('teacher@school.org');
  docs.fake.trash(id);
  expect(docIsThere(api, id)).toBe(false);
  expect(readDoc(api, id)).toBeNull();
});

it('the fake applies a batchUpdate atomically: one invalid request and nothing changes', () => {
  const { api, docs } = setup();
  const id = writeNewDoc(api, 'Test', []);
  expect(() => docs.Docs.Documents!.batchUpdate({ requests: [{ insertText: { location: { index: 1 }, text: 'kept?' } }, { insertText: { location: { index: 99 }, text: 'x' } }] }, id)).toThrow(/Index/);
  expect(docs.fake.textOf(id)).toEqual(['']);
});
