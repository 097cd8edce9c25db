// Concerns and engagement. "Something in this session worried me" raises an urgent Concern alert at
// once, also when the response cannot be matched to a session (then marked unresolved, so nothing a
// student raised waits for a teacher to correct a typo). A tutor's "The tutee only wanted answers",
// twice in their latest reflections on a pair, raises an Engagement alert.
import type { Alert } from '../progress/alerts';
import type { ReflectionLog } from '../progress/records';

/** A concern from a response that went to Needs review (its session or student could not be matched). */
export interface UnmatchedConcern {
  responseId: string;
  /** As typed in the form (may be unknown). */
  studentId: string;
  sessionAnswer: string;
  received: string;
}

const key = (kind: string, studentId: string, pairId: string, extra: string) => [kind, studentId, pairId, extra].join('|');

const CONCERN_ACTION = 'Urgent: read what worried them (Reflections, "What worried them") and talk with the student today; then mark the reflection Handled (or this alert Done)';

/** One Concern alert per reflection that raised one and is not handled, and per unmatched one. */
export function concernAlertsOf(reflections: readonly ReflectionLog[], unmatched: readonly UnmatchedConcern[], name: (id: string) => string): Alert[] {
  const matched = reflections
    .filter((r) => r.worried && !r.handled)
    .map((r): Alert => ({
      key: key('Concern', r.studentId, r.pairId, r.responseId),
      kind: 'Concern',
      studentId: r.studentId,
      pairId: r.pairId,
      detail: `${name(r.studentId)} said something in session ${r.sessionId} (${r.date}) worried them`,
      action: CONCERN_ACTION,
    }));
  const unresolved = unmatched.map((c): Alert => ({
    key: key('Concern', c.studentId, '', c.responseId),
    kind: 'Concern',
    studentId: c.studentId,
    pairId: '',
    detail: `Unresolved: a reflection received ${c.received} said something worried the student, but it could not be matched to a session ("${c.sessionAnswer}", student "${c.studentId}"): it is on Needs review`,
    action: 'Urgent: find the student from Needs review and talk with them today; correct the row there and File responses',
  }));
  return [...matched, ...unresolved];
}

/** How many of a pair's latest tutor reflections are looked at, and how many "only wanted answers" raise an alert. */
export const ENGAGEMENT_WINDOW = 3;
export const ENGAGEMENT_FLAGS = 2;

export function engagementAlertsOf(reflections: readonly ReflectionLog[], tuteeOf: (pairId: string) => string | null, name: (id: string) => string): Alert[] {
  const byPair = new Map<string, ReflectionLog[]>();
  for (const r of reflections) if (r.role === 'Tutor') byPair.set(r.pairId, [...(byPair.get(r.pairId) ?? []), r]);
  const alerts: Alert[] = [];
  for (const [pairId, list] of byPair) {
    const latest = [...list].sort((a, b) => b.submitted.getTime() - a.submitted.getTime()).slice(0, ENGAGEMENT_WINDOW);
    const flags = latest.filter((r) => r.onlyAnswers).length;
    const tuteeId = tuteeOf(pairId);
    if (flags < ENGAGEMENT_FLAGS || !tuteeId) continue;
    alerts.push({
      key: key('Engagement', tuteeId, pairId, ''),
      kind: 'Engagement',
      studentId: tuteeId,
      pairId,
      detail: `the tutor says ${name(tuteeId)} only wanted answers in ${flags} of the last ${latest.length} sessions`,
      action: "Talk with the tutee about working problems through; point the tutor to the guide's probing questions",
    });
  }
  return alerts;
}
