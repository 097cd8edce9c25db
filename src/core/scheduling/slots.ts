// Weekly slots of each scheduled pair: its own block, plus — when Settings ask for more than one
// session a week — extra blocks both students are available for, without clashes or over-full blocks.
import { WEEKDAYS, type Block, type LocalDate, type Pair, type PairStatus, type Session, type Student } from '../model';

/** Pairs that get sessions. */
export const SCHEDULED_STATUSES: readonly PairStatus[] = ['Active', 'Trial', 'Request new tutor'];
/** Pairs whose own block stays reserved for them even though they get no sessions now. */
const RESERVING_STATUSES: readonly PairStatus[] = ['Active', 'Trial', 'Paused', 'Request new tutor'];

export function isScheduled(pair: Pair): boolean {
  return SCHEDULED_STATUSES.includes(pair.status);
}

/** The weekly slots of one pair. `blocks[0]` is the pair's own block; slot numbers are 1-based indexes. */
export interface PairSlots {
  pairId: string;
  blocks: Block[];
}

/** A scheduled pair that got fewer weekly slots than `Sessions per week` asks for. */
export interface SlotShortfall {
  pairId: string;
  wanted: number;
  planned: number;
  reason: string;
}

export interface SlotPlan {
  /** One entry per Active/Trial pair whose block exists, in Pair ID order. */
  slots: PairSlots[];
  shortfalls: SlotShortfall[];
}

export interface SlotPlanInput {
  pairs: readonly Pair[];
  blocks: readonly Block[];
  students: readonly Student[];
  sessionsPerWeek: number;
  /**
   * Extra block names each pair had before (see `extraBlocksFromSessions`): they are kept when still
   * possible, so re-scheduling does not reshuffle pairs that nothing changed for.
   */
  previousExtras?: ReadonlyMap<string, readonly string[]>;
}

/** Deterministic: the same input always gives the same plan, whatever the order of `pairs`. */
export function planSlots(input: SlotPlanInput): SlotPlan {
  const blocksByName = new Map(input.blocks.map((block) => [block.name, block]));
  const pairs = [...input.pairs].sort((a, b) => compareText(a.pairId, b.pairId));
  const state = new Occupancy(input.blocks);
  const slots: PairSlots[] = [];
  const shortfalls: SlotShortfall[] = [];
  const wanted = Math.max(1, Math.floor(input.sessionsPerWeek));

  for (const pair of pairs) {
    const own = blocksByName.get(pair.block);
    if (own && RESERVING_STATUSES.includes(pair.status)) state.occupy(pair, own);
    if (!isScheduled(pair)) continue;
    if (own) slots.push({ pairId: pair.pairId, blocks: [own] });
    else shortfalls.push({ pairId: pair.pairId, wanted, planned: 0, reason: `its block "${pair.block}" is not in Blocks` });
  }

  const students = new Map(input.students.map((student) => [student.id, student]));
  const pairsById = new Map(pairs.map((pair) => [pair.pairId, pair]));
  const failures = new Map<string, string>();
  // Round by round, so every pair gets its second session before any pair gets a third.
  for (let round = 1; round < wanted; round++) {
    for (const pairSlots of slots) {
      if (failures.has(pairSlots.pairId)) continue;
      const pair = pairsById.get(pairSlots.pairId) as Pair;
      const choice = chooseExtraBlock(pair, pairSlots, input, students, state);
      if (typeof choice === 'string') failures.set(pair.pairId, choice);
      else {
        pairSlots.blocks.push(choice);
        state.occupy(pair, choice);
      }
    }
  }
  for (const [pairId, reason] of failures) {
    const planned = slots.find((entry) => entry.pairId === pairId)?.blocks.length ?? 0;
    shortfalls.push({ pairId, wanted, planned, reason });
  }
  shortfalls.sort((a, b) => compareText(a.pairId, b.pairId));
  return { slots, shortfalls };
}

/** Who meets where: each student's blocks and each block's number of pairs. */
class Occupancy {
  private readonly busy = new Map<string, Block[]>();
  private readonly load = new Map<string, number>();

  constructor(private readonly blocks: readonly Block[]) {}

  occupy(pair: Pair, block: Block): void {
    for (const studentId of [pair.tutorId, pair.tuteeId]) {
      const list = this.busy.get(studentId) ?? [];
      list.push(block);
      this.busy.set(studentId, list);
    }
    this.load.set(block.name, this.pairsIn(block) + 1);
  }

  pairsIn(block: Block): number {
    return this.load.get(block.name) ?? 0;
  }

  hasRoom(block: Block): boolean {
    return block.capacity === null || this.pairsIn(block) < block.capacity;
  }

  isFree(studentId: string, block: Block): boolean {
    return !(this.busy.get(studentId) ?? []).some((other) => blocksClash(other, block));
  }

  blockOrder(block: Block): number {
    return this.blocks.indexOf(block);
  }
}

/** Same block, or the same day with overlapping times. */
export function blocksClash(a: Block, b: Block): boolean {
  return a.name === b.name || (a.day === b.day && a.start < b.end && b.start < a.end);
}

/** The best extra block for a pair, or the reason there is none. */
function chooseExtraBlock(
  pair: Pair,
  current: PairSlots,
  input: SlotPlanInput,
  students: ReadonlyMap<string, Student>,
  state: Occupancy,
): Block | string {
  const tutor = students.get(pair.tutorId);
  const tutee = students.get(pair.tuteeId);
  if (!tutor || !tutee) return `student ${tutor ? pair.tuteeId : pair.tutorId} is not on the roster`;
  const days = current.blocks.map((block) => block.day);
  // Another weekday only: one session per pair per date keeps Session IDs (`<Pair ID>-<yyyymmdd>`) unique.
  const shared = input.blocks.filter(
    (block) => !days.includes(block.day) && tutor.availability.includes(block.name) && tutee.availability.includes(block.name),
  );
  if (shared.length === 0) return 'no block on another day is in both students\' availability';
  const free = shared.filter((block) => state.isFree(pair.tutorId, block) && state.isFree(pair.tuteeId, block));
  if (free.length === 0) return 'every block both students share clashes with another of their pairs';
  const open = free.filter((block) => state.hasRoom(block));
  if (open.length === 0) return 'every block both students share and have free is full';
  const previous = input.previousExtras?.get(pair.pairId) ?? [];
  const kept = open.find((block) => previous.includes(block.name));
  return kept ?? open.sort((a, b) => rankExtra(a, b, days, state))[0];
}

/** Spread sessions over the week first, then fill the emptiest block, then the Blocks tab order. */
function rankExtra(a: Block, b: Block, days: readonly string[], state: Occupancy): number {
  return (
    dayDistance(b.day, days) - dayDistance(a.day, days) ||
    state.pairsIn(a) - state.pairsIn(b) ||
    state.blockOrder(a) - state.blockOrder(b)
  );
}

/** Days (around the week) from `day` to the nearest of `days`. */
function dayDistance(day: string, days: readonly string[]): number {
  const index = WEEKDAYS.indexOf(day as (typeof WEEKDAYS)[number]);
  return Math.min(
    ...days.map((other) => {
      const gap = Math.abs(index - WEEKDAYS.indexOf(other as (typeof WEEKDAYS)[number]));
      return Math.min(gap, 7 - gap);
    }),
  );
}

/** Code-unit order: identical in Node and Apps Script, unlike locale collation. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The extra blocks each pair meets in according to its upcoming sessions (date > `today`): pass them
 * as `previousExtras` so re-scheduling keeps them.
 */
export function extraBlocksFromSessions(
  sessions: readonly Session[],
  pairs: readonly Pair[],
  today: LocalDate,
): Map<string, string[]> {
  const ownBlock = new Map(pairs.map((pair) => [pair.pairId, pair.block]));
  const extras = new Map<string, string[]>();
  for (const session of sessions) {
    if (session.date <= today || session.block === ownBlock.get(session.pairId)) continue;
    const list = extras.get(session.pairId) ?? [];
    if (!list.includes(session.block)) list.push(session.block);
    extras.set(session.pairId, list);
  }
  return extras;
}
