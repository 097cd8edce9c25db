// The sidebar's student search (the Progress tab's student card, the Pairs tab's tutor agenda): as the
// teacher types, the students whose name or ID match, each a button that opens them.
import { button, replaceChildren } from './dom';
import { callServer, type ServerResult } from './server-client';

export type FoundStudent = ServerResult<'findStudents'>[number];

/** Lists in `found` what `search` finds, a quarter second after the last key, newest search only. */
export function listFoundStudents(search: HTMLInputElement, found: HTMLElement, open: (student: FoundStudent) => void): void {
  let timer: number | undefined;
  search.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void lookUp(search.value), 250);
  });

  async function lookUp(text: string): Promise<void> {
    if (!text.trim()) {
      replaceChildren(found);
      return;
    }
    let students: FoundStudent[];
    try {
      students = await callServer('findStudents', text);
    } catch {
      return; // a failed lookup leaves what is shown as it is
    }
    if (search.value !== text) return; // a newer search is under way
    replaceChildren(found, ...students.map((student) => button(`${student.name} (${student.studentId})`, () => open(student), { class: 'link', attrs: { 'data-student-id': student.studentId } })));
  }
}
