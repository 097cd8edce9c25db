import { validateScheduling } from '../../src/core/scheduling';
import { block, pair, settings } from './scheduling-fixtures';

const blocks = [block('Mon-A', 'Mon'), block('Wed-A', 'Wed')];
const pairs = [pair('P-1', 'S-1', 'S-2', 'Mon-A')];

describe('validateScheduling', () => {
  it('accepts a sound program', () => {
    expect(validateScheduling(settings(), blocks, pairs)).toEqual([]);
  });

  it('names the setting for timezone, term and No-school problems', () => {
    const issues = validateScheduling(
      settings({
        timezone: 'Mars/Olympus_Mons',
        termStart: '2026-06-01',
        termEnd: '2026-01-05',
        noSchoolDates: [{ from: '2026-03-20', to: '2026-03-16' }],
      }),
      blocks,
      pairs,
    );
    expect(issues.map((i) => [i.code, i.tab, i.key, i.message])).toEqual([
      ['timezone', 'Settings', 'Timezone', '"Mars/Olympus_Mons" is not a timezone; use an IANA name such as America/Chicago'],
      ['no-school-backwards', 'Settings', 'No-school dates', 'the range 2026-03-20..2026-03-16 ends before it starts; write it as 2026-03-16..2026-03-20'],
      ['term-backwards', 'Settings', 'Term end', 'Term end (2026-01-05) is before Term start (2026-06-01)'],
    ]);
  });

  it('reports a term without a school day on which any block meets', () => {
    const closed = settings({ termStart: '2026-03-02', termEnd: '2026-03-08', noSchoolDates: [{ from: '2026-03-02', to: '2026-03-03' }] });
    expect(validateScheduling(closed, blocks, pairs)).toEqual([]); // Wednesday 4 March is still a school day with a block
    const wholeWeek = settings({ termStart: '2026-03-02', termEnd: '2026-03-08', noSchoolDates: [{ from: '2026-03-01', to: '2026-03-06' }] });
    expect(validateScheduling(wholeWeek, blocks, pairs)).toEqual([
      expect.objectContaining({ code: 'term-without-school-days', key: 'Term start', message: expect.stringContaining('2026-03-02..2026-03-08 has no school day') }),
    ]);
    expect(validateScheduling(settings({ termStart: null }), blocks, pairs).map((i) => [i.code, i.key])).toEqual([['term-missing', 'Term start']]);
  });

  it('names the block and column of backwards or malformed times', () => {
    const bad = [block('Mon-A', 'Mon', '16:00', '15:00'), block('Wed-A', 'Wed', '3pm', '16:00'), block('Wed-A', 'Wed')];
    expect(validateScheduling(settings(), bad, pairs).map((i) => [i.code, i.key, i.column, i.message])).toEqual([
      ['block-backwards', 'Mon-A', 'End', 'block "Mon-A" ends (15:00) before it starts (16:00)'],
      ['block-time', 'Wed-A', 'Start', 'block "Wed-A": "3pm" is not a time like 15:30'],
      ['block-duplicate', 'Wed-A', 'Block', 'block "Wed-A" is listed more than once'],
    ]);
  });

  it('names a scheduled pair whose block no longer exists, but not an ended one', () => {
    const orphaned = [pair('P-1', 'S-1', 'S-2', 'Fri-Z'), pair('P-2', 'S-3', 'S-4', 'Fri-Z', { status: 'Ended' })];
    expect(validateScheduling(settings(), blocks, orphaned)).toEqual([
      { code: 'pair-block-missing', tab: 'Pairs', key: 'P-1', column: 'Block', message: 'pair P-1 meets in block "Fri-Z", which is no longer in Blocks; pick another block or add it back' },
    ]);
  });
});
