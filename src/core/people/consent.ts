// Guardian consent from the consent form: the latest answer per student counts. A guardian who answers
// twice (a change of mind, a second click) moves the student's Consent to the later answer; an older
// answer that arrives late (a CSV import of earlier responses) changes nothing.
import { CONSENT } from '../forms/questions';
import type { RawResponse } from '../forms/responses';

export interface ConsentAnswer {
  responseId: string;
  submitted: Date;
  studentId: string;
  guardian: string;
  consent: 'Yes' | 'No';
}

/** A consent response read, or why it cannot be filed. */
export function consentAnswerOf(response: RawResponse, responseId: string): ConsentAnswer | { reason: string } {
  const studentId = (response.answers[CONSENT.studentId] ?? '').trim();
  const answer = (response.answers[CONSENT.answer] ?? '').trim().toLowerCase();
  if (!studentId) return { reason: 'no Student ID: the guardian did not use the student\'s link' };
  if (answer !== 'yes' && answer !== 'no') return { reason: 'the consent question is not answered Yes or No' };
  return { responseId, submitted: response.submitted, studentId, guardian: (response.answers[CONSENT.guardian] ?? '').trim(), consent: answer === 'yes' ? 'Yes' : 'No' };
}

/**
 * The Consent each student now has from `added` answers, given the latest answer already on file per
 * student (lower-case ID → submission time): only students whose newest answer is among `added`.
 */
export function consentUpdates(added: readonly ConsentAnswer[], latestFiled: ReadonlyMap<string, Date>): Map<string, ConsentAnswer> {
  const updates = new Map<string, ConsentAnswer>();
  for (const answer of added) {
    const id = answer.studentId.toLowerCase();
    const filed = latestFiled.get(id);
    if (filed && filed.getTime() > answer.submitted.getTime()) continue;
    const current = updates.get(id);
    if (!current || current.submitted.getTime() <= answer.submitted.getTime()) updates.set(id, answer);
  }
  return updates;
}
