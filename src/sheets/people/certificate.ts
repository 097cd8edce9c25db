// What a tutor's service certificate says, as placeholder fields: the same facts as the printable page
// made locally (peer-tutoring certificate), for the Google Doc made from the teacher's template.
import type { LocalDate } from '../../core/model';
import { readProgressData } from '../progress/progress-data';
import type { TableStore } from '../store/table-store';
import { serviceHoursOfStudent } from './service-hours-tab';

export const CERTIFICATE_PLACEHOLDERS = ['Program', 'Tutor', 'Term', 'Hours', 'Sessions', 'Adjustment', 'Date'] as const;
export type CertificatePlaceholder = (typeof CERTIFICATE_PLACEHOLDERS)[number];

const hours = (value: number) => `${value} hour${value === 1 ? '' : 's'}`;

/** The tutor's name and the certificate's fields; null when they have no service hours this term. */
export function certificateFields(store: TableStore, studentId: string, today: LocalDate): { name: string; programName: string; fields: Record<CertificatePlaceholder, string> } | null {
  const { data, program } = readProgressData(store, today);
  const tutor = serviceHoursOfStudent(store, program, data.sessions, data.pairs, studentId);
  if (!tutor) return null;
  const { termStart, termEnd, programName } = program.settings;
  return {
    name: tutor.name,
    programName,
    fields: {
      Program: programName,
      Tutor: tutor.name,
      Term: termStart && termEnd ? `${termStart} to ${termEnd}` : '',
      Hours: hours(tutor.total),
      Sessions: `${tutor.sessions} tutoring session${tutor.sessions === 1 ? '' : 's'}`,
      Adjustment: tutor.adjustment && tutor.reason ? `Including ${hours(tutor.adjustment)} approved by the program: ${tutor.reason}.` : '',
      Date: today,
    },
  };
}
