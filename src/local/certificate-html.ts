// A printable service-hours certificate for one tutor. Every name comes from the workbook and is escaped.
import type { ServiceHours } from '../core/people/service-hours';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const hours = (value: number) => `${value} hour${value === 1 ? '' : 's'}`;

export interface CertificateContent {
  programName: string;
  /** e.g. "2027-01-11 to 2027-05-28". */
  term: string;
  date: string;
  tutor: ServiceHours & { name: string };
}

export function certificateHtml({ programName, term, date, tutor }: CertificateContent): string {
  const adjusted = tutor.adjustment && tutor.reason ? `<p class="small">Including ${escape(hours(tutor.adjustment))} approved by the program: ${escape(tutor.reason)}.</p>` : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(programName)}: service hours of ${escape(tutor.name)}</title>
<style>body{font:18px/1.5 Georgia,serif;max-width:42em;margin:3em auto;padding:2em;border:6px double #555;text-align:center}h1{font-size:1.6em}.hours{font-size:2em;margin:.5em 0}.small{font-size:.8em;color:#444}.sign{margin-top:4em;display:flex;justify-content:space-around}.sign span{border-top:1px solid #000;padding-top:.3em;min-width:12em}@media print{body{margin:0}}</style>
</head><body>
<h1>Certificate of service</h1>
<p>This certifies that</p>
<p class="hours">${escape(tutor.name)}</p>
<p>served as a peer tutor in ${escape(programName)}${term ? `, ${escape(term)}` : ''}, for</p>
<p class="hours">${escape(hours(tutor.total))}</p>
<p>in ${tutor.sessions} tutoring session${tutor.sessions === 1 ? '' : 's'}.</p>
${adjusted}
<div class="sign"><span>Teacher</span><span>Date: ${escape(date)}</span></div>
</body></html>
`;
}
