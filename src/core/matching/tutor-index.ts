// Tutors of each subject grouped by what a pair's score depends on (grade, level, learning preference,
// languages): for a need, every tutor of a group has the same score, so the best tutors are found by
// reading groups from the highest score down and stopping once no unread group can beat what was
// found. On a large roster that reads a few dozen tutors per need instead of all of them: the scans
// that were quadratic in the roster become close to linear.
//
// Pair-specific bonuses (continuing pair, requested tutor) are not in the bounds: those tutors are
// read first, separately, for each need.
import { gradeGapFactor, levelGapFactor, pairScore, type Need, type Program } from './program';

interface Group {
  grade: number;
  level: number;
  preference: string;
  languages: Set<string>;
  /** Tutors in roster order. */
  tutors: number[];
}

export interface ScoredGroup {
  /** Every tutor of the group scores this for the need (pair-specific bonuses aside). */
  bound: number;
  tutors: number[];
}

export class TutorIndex {
  private readonly groups = new Map<string, Group[]>();
  private readonly ordered = new Map<string, ScoredGroup[]>();
  /** Per need: tutors with a pair-specific bonus (continuing pair or requested tutor), roster order. */
  private readonly special = new Map<number, number[]>();

  constructor(private readonly program: Program) {
    for (const [key, tutors] of program.tutorsBySubject) {
      const byGroup = new Map<string, Group>();
      for (const t of tutors) {
        const level = program.canTutor[t].get(key)!;
        const { grade, learningPreference: preference } = program.students[t];
        const languages = program.languages[t];
        const id = `${grade}|${level}|${preference}|${[...languages].sort().join(',')}`;
        let group = byGroup.get(id);
        if (!group) byGroup.set(id, (group = { grade, level, preference, languages, tutors: [] }));
        group.tutors.push(t);
      }
      this.groups.set(key, [...byGroup.values()]);
    }
  }

  /**
   * The need's tutor groups, highest score first (cached per tutee profile). Groups none of whose tutors
   * is eligible are left out: a level not above the need's or below the program's minimum, or no word
   * of a single-language tutee's language.
   */
  groupsFor(need: Need): ScoredGroup[] {
    const { program } = this;
    const s = need.student;
    const tutee = program.students[s];
    const languages = program.languages[s];
    const only = program.onlyLanguage[s];
    const id = `${need.key}|${tutee.grade}|${need.level}|${tutee.learningPreference}|${[...languages].sort().join(',')}|${only ?? ''}`;
    let list = this.ordered.get(id);
    if (list) return list;
    const w = program.weights;
    const minLevel = Math.max(program.input.settings.minTutorLevel, need.level + 1);
    list = (this.groups.get(need.key) ?? [])
      .filter((group) => group.level >= minLevel && (only === null || group.languages.has(only)))
      .map((group) => {
        const shared = [...languages].some((language) => group.languages.has(language));
        const sameStyle = tutee.learningPreference !== '' && tutee.learningPreference === group.preference;
        const raw =
          w.gradeGap * gradeGapFactor(group.grade - tutee.grade) +
          w.levelGap * levelGapFactor(group.level - need.level) +
          (shared ? w.sharedLanguage : 0) +
          (sameStyle ? w.learningPreference : 0);
        return { bound: Math.round(raw), tutors: group.tutors };
      })
      .sort((x, y) => y.bound - x.bound);
    this.ordered.set(id, list);
    return list;
  }

  /** Tutors whose score for need n has a pair-specific bonus (their scores may exceed the group bounds). */
  specialTutors(n: number): number[] {
    let list = this.special.get(n);
    if (list) return list;
    const need = this.program.needs[n];
    const tutee = this.program.students[need.student];
    const ids = new Set<string>(need.continuing ? need.continuing.keys() : []);
    if (tutee.requestedTutor) ids.add(tutee.requestedTutor);
    list = [];
    for (const id of ids) {
      const t = this.program.studentIndex.get(id);
      if (t !== undefined && this.program.canTutor[t].has(need.key)) list.push(t);
    }
    // The shown tutor earns stability (an arc bonus), so it is read first too.
    if (need.shown && this.program.canTutor[need.shown.tutor].has(need.key) && !list.includes(need.shown.tutor)) list.push(need.shown.tutor);
    list.sort((x, y) => x - y);
    this.special.set(n, list);
    return list;
  }

  /** Whether t is one of need n's special tutors (read separately, skipped when scanning groups). */
  isSpecial(n: number, t: number): boolean {
    return this.specialTutors(n).includes(t);
  }
}

/** Top-k tutors of a need (score, then a fixed hash), the rest bounded: what {@link topTutors} returns. */
export interface TopTutors {
  tutors: number[];
  scores: number[];
  /** No tutor left out scores more than this (-Infinity: none left out). */
  outside: number;
}

/**
 * The k best tutors `accept` lets through for need n, by score then `hash`, reading groups only
 * while one could still enter the list; and a bound on every tutor left out.
 */
export function topTutors(program: Program, index: TutorIndex, n: number, k: number, accept: (t: number) => boolean, hash: (t: number) => number): TopTutors {
  const need = program.needs[n];
  const kept: { t: number; score: number; hash: number }[] = [];
  const offer = (t: number) => {
    if (!accept(t)) return;
    const item = { t, score: pairScore(program, t, need), hash: hash(t) };
    let i = kept.length;
    kept.push(item);
    while (i > 0 && (kept[i - 1].score < item.score || (kept[i - 1].score === item.score && kept[i - 1].hash > item.hash))) {
      kept[i] = kept[i - 1];
      i--;
    }
    kept[i] = item;
    if (kept.length > k + 1) kept.pop();
  };
  for (const t of index.specialTutors(n)) offer(t);
  let unread = -Infinity;
  const groups = index.groupsFor(need);
  for (let g = 0; g < groups.length; g++) {
    if (kept.length > k && kept[k].score >= groups[g].bound) {
      unread = groups[g].bound;
      break;
    }
    for (const t of groups[g].tutors) if (!index.isSpecial(n, t)) offer(t);
  }
  const outside = Math.max(kept.length > k ? kept[k].score : -Infinity, unread);
  const top = kept.slice(0, k);
  return { tutors: top.map((item) => item.t), scores: top.map((item) => item.score), outside };
}
