// A family progress letter as a printable HTML page. Every name, skill and sentence from the workbook
// is escaped: a student named `<script>` is printed as those characters.
import type { Letter } from '../core/progress/letter';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const list = (items: string[]) => (items.length ? items.map(escape).join(', ') : 'none yet');

/** The student's goals in plain words: met ones celebrated, open ones with where they stand. */
function goalsHtml(letter: Letter): string {
  const goals = letter.goals ?? [];
  if (!goals.length) return '';
  const line = (goal: (typeof goals)[number]) =>
    goal.status === 'Met' ? `<li>Goal met: ${escape(goal.text)} 🎉</li>` : `<li>${escape(goal.status || 'Open')}: ${escape(goal.text)}${goal.progress ? ` (${escape(goal.progress)})` : ''}</li>`;
  return `<section>
<h2>Goals</h2>
<ul>${goals.map(line).join('')}</ul>
</section>`;
}

export function letterHtml(letter: Letter): string {
  const subjects = letter.subjects.length
    ? letter.subjects
        .map(
          (s) => `<section>
<h2>${escape(s.subject)}, with ${escape(s.tutorName)}</h2>
<p>${escape(letter.studentName)} came to ${s.attended} of ${s.scheduled} sessions so far.</p>
<p>Skills mastered: ${list(s.mastered)}.<br>Skills being practised: ${list(s.practising)}.</p>
${s.tutorLine ? `<p>From the tutor: <q>${escape(s.tutorLine)}</q></p>` : ''}
</section>`,
        )
        .join('\n')
    : `<p>${escape(letter.studentName)} has no tutoring sessions yet.</p>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(letter.programName)}: ${escape(letter.studentName)}</title>
<style>body{font:16px/1.5 Georgia,serif;max-width:40em;margin:2em auto;padding:0 1em}h1{font-size:1.4em}h2{font-size:1.1em;margin-bottom:.2em}@media print{body{margin:0}}</style>
</head><body>
<p>${escape(letter.date)}</p>
<h1>${escape(letter.programName)}: how ${escape(letter.studentName)} is doing</h1>
${subjects}
${goalsHtml(letter)}
${letter.teacherNote ? `<p>${escape(letter.teacherNote)}</p>` : ''}
</body></html>
`;
}
