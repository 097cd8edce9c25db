// Public shapes of the matcher: what the sheets layer and the sidebar pass in and get back.
import type { Block, LocalDate, Pair, Settings, Student } from '../model';
import type { MatchProof } from './proof';

/** A tutor–tutee–subject combination, e.g. one the teacher excluded. */
export interface PairKey {
  tutorId: string;
  tuteeId: string;
  subject: string;
}

export interface MatchInput {
  students: Student[];
  blocks: Block[];
  settings: Settings;
  /** The current Pairs tab: locked, active and ended (history) rows alike. */
  pairs: Pair[];
  /** Combinations the teacher excluded; never proposed. */
  excluded?: PairKey[];
  /**
   * The pairs the teacher sees now (the last preview, else the Pairs tab). The matcher moves one of
   * them only to place more needs or for a clearly better score (see `MatchWeights.stability`).
   */
  shown?: ShownPair[];
  today?: LocalDate;
}

/** A pair as the teacher sees it: who tutors whom, in what, when. */
export interface ShownPair extends PairKey {
  block: string;
}

export interface ProposedPair {
  tutorId: string;
  tuteeId: string;
  subject: string;
  block: string;
  score: number;
  why: string;
  locked: boolean;
  /** Pair ID of the current pair this one keeps or continues, so the writer keeps IDs stable. */
  existingPairId: string | null;
}

export interface WaitlistItem {
  studentId: string;
  subject: string;
  reason: string;
}

export interface MatchTotals {
  /** Every need of every active tutee (Tutee or Both), placed or not; inactive students are not counted. */
  needs: number;
  placed: number;
  tutorsUsed: number;
  /** Tutees per tutor used. */
  averageLoad: number;
  /** The objective: sum of pair scores minus the load-spreading cost of each tutor's extra tutees. */
  totalScore: number;
  /** What is proven about this matching: optimal, or how far from the best it can be at most. */
  proof: MatchProof;
}

export interface MatchResult {
  pairs: ProposedPair[];
  waitlist: WaitlistItem[];
  totals: MatchTotals;
}

export interface TutorOption {
  tutorId: string;
  block: string;
  score: number;
  why: string;
}
