// A tutor's service certificate as a Google Doc, from a template the teacher edits (made on first use,
// its ID kept in the document's properties), the same way as the family letters and with their code.
import type { LocalDate } from '../../core/model';
import { CERTIFICATE_PLACEHOLDERS, certificateFields } from '../../sheets/people/certificate';
import type { TableStore } from '../../sheets/store/table-store';
import { docFromTemplate, type DocTemplate, type TemplateServices } from '../progress/family-letters';

const CERTIFICATE_TEMPLATE: DocTemplate = {
  property: 'ptHub.certificateTemplate',
  title: 'service certificate template',
  defaults: [
    ['Certificate of service', 'TITLE'],
    ['This certifies that', 'NORMAL'],
    ['{{Tutor}}', 'NORMAL'],
    ['served as a peer tutor in {{Program}}, {{Term}}, for', 'NORMAL'],
    ['{{Hours}}', 'NORMAL'],
    ['in {{Sessions}}.', 'NORMAL'],
    ['{{Adjustment}}', 'NORMAL'],
    ['Teacher: ____________________    Date: {{Date}}', 'NORMAL'],
  ],
  placeholders: CERTIFICATE_PLACEHOLDERS,
  what: 'certificates',
};

export interface CertificateDoc {
  name: string;
  url: string;
  templateUrl: string;
  templateCreated: boolean;
  problems: string[];
}

/** The tutor's certificate as a new Doc; null when they have no service hours this term. */
export function certificateDoc(services: TemplateServices & { store: TableStore }, studentId: string, today: LocalDate): CertificateDoc | null {
  const certificate = certificateFields(services.store, studentId, today);
  if (!certificate) return null;
  const made = docFromTemplate(services, CERTIFICATE_TEMPLATE, `${certificate.programName}: service certificate for ${certificate.name} (${today})`, certificate.fields);
  return { name: certificate.name, url: made.url, templateUrl: made.template.url, templateCreated: made.template.created, problems: made.problems };
}
