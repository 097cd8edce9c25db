// Scheduling input checked as data: each issue names the tab, the row's key (setting, block or pair)
// and the column, so the sheets layer can add the row number, and the CLI can refuse to schedule.
import { WEEKDAYS, type Block, type LocalDate, type Pair, type Settings } from '../model';
import { addDays, isLocalDate, isValidTimeZone, weekdayIndex } from '../time';
import { isNoSchool } from './dates';
import { isScheduled } from './slots';

export type SchedulingIssueCode =
  | 'timezone'
  | 'term-missing'
  | 'term-backwards'
  | 'term-without-school-days'
  | 'no-school-date'
  | 'no-school-backwards'
  | 'block-time'
  | 'block-backwards'
  | 'block-duplicate'
  | 'pair-block-missing'
  | 'pair-dates-backwards';

export interface SchedulingIssue {
  code: SchedulingIssueCode;
  tab: 'Settings' | 'Blocks' | 'Pairs';
  /** Setting name (Settings), block name (Blocks) or Pair ID (Pairs). */
  key: string;
  /** Header of the column at fault. */
  column: string;
  message: string;
}

/** Every problem that stops scheduling; an empty list means `planSlots` and friends can run. */
export function validateScheduling(settings: Settings, blocks: readonly Block[], pairs: readonly Pair[]): SchedulingIssue[] {
  return [...settingsIssues(settings, blocks), ...blockIssues(blocks), ...pairIssues(pairs, blocks)];
}

function settingsIssues(settings: Settings, blocks: readonly Block[]): SchedulingIssue[] {
  const issues: SchedulingIssue[] = [];
  const setting = (code: SchedulingIssueCode, key: string, message: string) =>
    issues.push({ code, tab: 'Settings', key, column: 'Value', message });
  if (!isValidTimeZone(settings.timezone)) {
    setting('timezone', 'Timezone', `"${settings.timezone}" is not a timezone; use an IANA name such as America/Chicago`);
  }
  for (const range of settings.noSchoolDates) {
    const written = range.from === range.to ? range.from : `${range.from}..${range.to}`;
    if (!isLocalDate(range.from) || !isLocalDate(range.to)) setting('no-school-date', 'No-school dates', `"${written}" is not a date or a range like 2026-12-21..2027-01-01`);
    else if (range.from > range.to) setting('no-school-backwards', 'No-school dates', `the range ${written} ends before it starts; write it as ${range.to}..${range.from}`);
  }
  const { termStart, termEnd } = settings;
  if (!termStart) setting('term-missing', 'Term start', 'Term start is needed to schedule sessions');
  if (!termEnd) setting('term-missing', 'Term end', 'Term end is needed to schedule sessions');
  if (!termStart || !termEnd) return issues;
  if (termEnd < termStart) setting('term-backwards', 'Term end', `Term end (${termEnd}) is before Term start (${termStart})`);
  else if (!hasSchoolDay(termStart, termEnd, settings, blocks)) {
    setting('term-without-school-days', 'Term start', `the term ${termStart}..${termEnd} has no school day on which a block meets: every such date is a No-school date`);
  }
  return issues;
}

/** A date in the term that is not a No-school date and on whose weekday some block meets. */
function hasSchoolDay(from: LocalDate, to: LocalDate, settings: Settings, blocks: readonly Block[]): boolean {
  const blockDays = new Set(blocks.map((block) => WEEKDAYS.indexOf(block.day)));
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const meets = blockDays.size === 0 || blockDays.has(weekdayIndex(date));
    if (meets && !isNoSchool(date, settings.noSchoolDates)) return true;
  }
  return false;
}

const WALL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function blockIssues(blocks: readonly Block[]): SchedulingIssue[] {
  const issues: SchedulingIssue[] = [];
  const seen = new Set<string>();
  for (const block of blocks) {
    const issue = (code: SchedulingIssueCode, column: string, message: string) =>
      issues.push({ code, tab: 'Blocks', key: block.name, column, message });
    if (seen.has(block.name)) issue('block-duplicate', 'Block', `block "${block.name}" is listed more than once`);
    seen.add(block.name);
    const badTime = [['Start', block.start], ['End', block.end]].find(([, time]) => !WALL_TIME.test(time));
    if (badTime) issue('block-time', badTime[0], `block "${block.name}": "${badTime[1]}" is not a time like 15:30`);
    else if (block.end <= block.start) {
      issue('block-backwards', 'End', `block "${block.name}" ends (${block.end}) before it starts (${block.start})`);
    }
  }
  return issues;
}

function pairIssues(pairs: readonly Pair[], blocks: readonly Block[]): SchedulingIssue[] {
  const names = new Set(blocks.map((block) => block.name));
  const issues: SchedulingIssue[] = [];
  for (const pair of pairs.filter(isScheduled)) {
    if (!names.has(pair.block)) {
      issues.push({ code: 'pair-block-missing', tab: 'Pairs', key: pair.pairId, column: 'Block', message: `pair ${pair.pairId} meets in block "${pair.block}", which is no longer in Blocks; pick another block or add it back` });
    }
    if (pair.startDate && pair.endDate && pair.endDate < pair.startDate) {
      issues.push({ code: 'pair-dates-backwards', tab: 'Pairs', key: pair.pairId, column: 'End date', message: `pair ${pair.pairId} ends (${pair.endDate}) before it starts (${pair.startDate})` });
    }
  }
  return issues;
}
