// Reciprocal tutoring (as in PALS): two Both students, each tutoring the other in a different subject.
import { matchStudents } from '../../src/core/matching';
import { readProgram } from '../../src/sheets/program/roster';
import { MemoryTableStore } from '../fakes/memory-store';
import { fixtureTabs, STUDENT_HEADERS } from '../support/program-fixture';

function reciprocal(availability: string) {
  const tabs = fixtureTabs();
  tabs.Students = [
    STUDENT_HEADERS,
    ['A', 'Ann Lee', '', 8, 'Both', 'Math 4', 'Reading 2', 'English', '', availability, '', 'Yes', 'Yes', 'Yes'],
    ['B', 'Bo Park', '', 8, 'Both', 'Reading 4', 'Math 2', 'English', '', availability, '', 'Yes', 'Yes', 'Yes'],
  ];
  const { program } = readProgram(new MemoryTableStore(tabs));
  return matchStudents({ ...program, pairs: [] });
}

describe('reciprocal pairs', () => {
  it('the matcher pairs two Both students both ways, each tutoring the other in a different subject, in two blocks', () => {
    const result = reciprocal('Mon-A; Wed-A');
    expect(result.pairs.map((p) => [p.tutorId, p.tuteeId, p.subject]).sort()).toEqual([['A', 'B', 'Math'], ['B', 'A', 'Reading']]);
    expect(new Set(result.pairs.map((p) => p.block)).size).toBe(2);
  });

  it('with one shared block only one direction fits (a student meets in one pair per block), and the other waits with why', () => {
    const result = reciprocal('Mon-A');
    expect(result.pairs).toHaveLength(1);
    expect(result.waitlist).toHaveLength(1);
  });
});
