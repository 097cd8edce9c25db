// What the sheets layer asks of the forms side (Google Forms, its trigger and mail in Apps Script;
// absent locally, where responses come in by CSV import and Sessions links stay blank).
import type { FormTemplates } from '../../core/forms/links';

export interface FormsStatus {
  /** The forms' addresses for students (to share or try), null before Create forms. */
  reflectionUrl: string | null;
  exitTicketUrl: string | null;
  /** Responses filed by this call; null when another run was filing (nothing is lost: it files them). */
  filed: number | null;
  /** What the teacher should know: emails not sent for lack of quota, a background run that failed. */
  notices: string[];
}

export interface FormsPort {
  /** Each form's prefilled-link recipe; null before Create forms. No Google call per session. */
  linkTemplates(): FormTemplates | null;
  /** Files what waits in the responses tabs if the document lock is free within seconds, then says where the forms stand. */
  fileWaiting(): FormsStatus;
  /** Peer Tutoring → Consent: the consent form made or brought in line, each student's link written. The lock is held. */
  createConsentForm(): { formUrl: string; linksWritten: number };
  /** The consent form's address; null before it exists. */
  consentFormUrl(): string | null;
}
