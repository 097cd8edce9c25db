// "I would like to talk to a teacher" = Yes: the teacher who installed the form-submit trigger gets an
// email at once. MailApp counts recipients per day (100 for consumer accounts, 1,500 on Google
// Workspace), so the quota is checked first; a request that cannot be emailed is remembered and said
// in the sidebar (where every open request is listed anyway), and emailed by a later run once the
// quota allows. Nothing about a student goes to the logs.
import type { TalkRequest } from '../../sheets/forms/filing-service';
import { openTalkRequests, talkEmail } from '../../sheets/forms/talk-requests';
import { readProgram } from '../../sheets/program/roster';
import { unmatchedConcerns } from '../../sheets/sessions/concerns';
import type { TableStore } from '../../sheets/store/table-store';
import type { FormsState } from './forms-state';

export type MailService = Pick<GoogleAppsScript.Mail.MailApp, 'sendEmail' | 'getRemainingDailyQuota'>;

export interface MailContext {
  mailApp: MailService;
  state: FormsState;
  store: TableStore;
  programName: string;
  spreadsheetUrl: string;
  timeZone: string;
}

/** Emails each new request (and any earlier one not emailed yet) within the quota; returns how many are still unsent. */
export function emailTalkRequests(context: MailContext, fresh: readonly TalkRequest[]): number {
  const earlier = context.state.unsentMail();
  if (fresh.length === 0 && earlier.length === 0) return 0;
  const recipient = context.state.trigger()?.notify ?? '';
  // Urgent concerns go first while the quota lasts.
  const waiting = [...stillOpen(context, earlier), ...fresh].sort((a, b) => Number(b.urgent ?? false) - Number(a.urgent ?? false));
  let quota = recipient ? context.mailApp.getRemainingDailyQuota() : 0;
  const unsent: string[] = [];
  for (const request of waiting) {
    if (quota < 1 || !send(context, recipient, request)) {
      unsent.push(request.responseId);
      continue;
    }
    quota--;
  }
  context.state.saveUnsentMail(unsent);
  return unsent.length;
}

/** The earlier unsent requests that are still open (a teacher may have handled them meanwhile). */
function stillOpen(context: MailContext, ids: readonly string[]): TalkRequest[] {
  if (ids.length === 0) return [];
  const wanted = new Set(ids);
  const names = new Map(readProgram(context.store).program.students.map((s) => [s.id, s.name] as [string, string]));
  const unresolved = unmatchedConcerns(context.store)
    .filter((concern) => wanted.has(concern.responseId))
    .map((c): TalkRequest => ({ responseId: c.responseId, studentId: c.studentId, studentName: names.get(c.studentId) ?? `student "${c.studentId}"`, sessionId: c.sessionAnswer, submitted: new Date(), urgent: true, unresolved: true }));
  return [
    ...openTalkRequests(context.store)
      .filter((request) => wanted.has(request.responseId))
      .map((request) => ({ ...request, submitted: new Date(request.submitted), urgent: request.concern })),
    ...unresolved,
  ];
}

function send(context: MailContext, recipient: string, request: TalkRequest): boolean {
  const { subject, body } = talkEmail(request, context.programName, context.spreadsheetUrl, context.timeZone);
  try {
    context.mailApp.sendEmail(recipient, subject, body);
    return true;
  } catch {
    // Quota spent by another script meanwhile, or a refused address: kept for a later run and said in the sidebar.
    return false;
  }
}

/** What the sidebar says about requests not emailed. */
export function unsentNotice(unsent: number, recipientKnown: boolean): string | null {
  if (unsent === 0) return null;
  const what = `${unsent} request${unsent === 1 ? '' : 's'} to talk to a teacher could not be emailed`;
  if (!recipientKnown) return `${what}: run Peer Tutoring → Create forms so that the add-on knows whom to email. They are listed here.`;
  return `${what} (the daily email quota is spent); they are listed here and are emailed once the quota allows.`;
}
