// The functions the sidebar calls. They are the same in Apps Script (over SpreadsheetApp) and in the
// local server (over an .xlsx workbook): only the host environment differs.
import type { LocalDate } from '../core/model';
import { summarizeProgram, type ProgramSummary } from '../core/summary';
import { localDateOf } from '../core/time';
import type { PairKey } from '../core/matching';
import {
  alternativeTutors,
  applyMatches,
  proposeMatches,
  undoApply,
  type ApplyReport,
  type MatchOptions,
  type MatchPreview,
} from './matching-service';
import { describeProblem, type Problem } from './problems';
import { readProgram } from './roster';
import { readSettings } from './settings';
import { checkRoster } from './setup';
import type { TableStore } from './table-store';

export interface HostEnvironment {
  store: TableStore;
  /** Runs `task` holding the document lock, so two teachers never write at once. */
  withDocumentLock<T>(task: () => T): T;
  now(): Date;
  /** Moves the teacher's cursor to a cell (a no-op where there is no spreadsheet UI). */
  selectCell(tab: string, row: number, column: number): void;
}

export interface ProblemView extends Problem {
  text: string;
}

export interface Overview {
  programName: string;
  summary: ProgramSummary;
  problems: ProblemView[];
}

const withText = (problems: Problem[]): ProblemView[] => problems.map((p) => ({ ...p, text: describeProblem(p) }));

export function createSidebarApi(host: HostEnvironment) {
  const { store } = host;
  const today = (): LocalDate => localDateOf(host.now(), readSettings(store).settings.timezone);
  return {
    getOverview(): Overview {
      const { program, problems } = readProgram(store);
      return {
        programName: program.settings.programName,
        summary: summarizeProgram(program.students, program.blocks),
        problems: withText(problems),
      };
    },
    checkRoster(): ProblemView[] {
      return withText(host.withDocumentLock(() => checkRoster(store)).problems);
    },
    proposeMatches(options: MatchOptions): MatchPreview & { problems: ProblemView[] } {
      const preview = proposeMatches(store, options, today());
      return { ...preview, problems: withText(preview.problems) };
    },
    alternatives(options: MatchOptions, need: Omit<PairKey, 'tutorId'>) {
      return alternativeTutors(store, options, today(), need.tuteeId, need.subject);
    },
    applyMatches(options: MatchOptions): ApplyReport {
      return host.withDocumentLock(() => applyMatches(store, options, today(), host.now()));
    },
    undoApply(): { restored: string[] } {
      return { restored: host.withDocumentLock(() => undoApply(store)) };
    },
    selectCell(tab: string, row: number, column: number): void {
      host.selectCell(tab, row, column);
    },
  };
}

export type SidebarApi = ReturnType<typeof createSidebarApi>;
export type SidebarFunction = keyof SidebarApi;
