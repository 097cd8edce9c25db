// Benchmark section: mastery and spaced review for a whole school — 2,000 students × 40 exit tickets
// (80,000 tickets) — against a straightforward baseline that re-scans every ticket per student and
// skill, at equal result (the rows must match).
import { masteryOf, type MasteryRow, type TicketScore } from '../src/core/progress/mastery';
import { addDays } from '../src/core/time';
import { seededRandom } from '../src/core/random';

const STUDENTS = 2000;
const TICKETS_PER_STUDENT = 40;
const SKILLS = ['Fractions', 'Decimals', 'Ratios', 'Equations'];

function tickets(): TicketScore[] {
  const random = seededRandom(2027);
  const list: TicketScore[] = [];
  for (let s = 0; s < STUDENTS; s++) {
    // Two in three improve through each skill; the others stall around half marks.
    const improves = s % 3 !== 0;
    for (let k = 0; k < TICKETS_PER_STUDENT; k++) {
      const date = addDays('2027-01-11', k * 2);
      list.push({
        studentId: `S-${String(s).padStart(4, '0')}`,
        subject: 'Math',
        skill: SKILLS[Math.floor(k / 10)],
        date,
        submitted: new Date(`${date}T20:00:00Z`),
        score: Math.min(100, Math.round(40 + (improves ? 6 * (k % 10) : 0) + 20 * random())),
      });
    }
  }
  return list;
}

/** The baseline: for each student and skill, filter the whole list (quadratic), then the same rule. */
function naive(list: TicketScore[]): MasteryRow[] {
  const keys = [...new Set(list.map((t) => `${t.studentId}\u0000${t.skill.toLowerCase()}`))];
  return keys.flatMap((key) => masteryOf(list.filter((t) => `${t.studentId}\u0000${t.skill.toLowerCase()}` === key)));
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: Math.round(performance.now() - start) };
}

export async function benchMastery(): Promise<void> {
  const list = tickets();
  console.log(`\n## Mastery: ${STUDENTS} students × ${TICKETS_PER_STUDENT} exit tickets (${list.length} tickets)\n`);
  const fast = timed(() => masteryOf(list));
  const sample = list.filter((t) => t.studentId < 'S-0200');
  const slow = timed(() => naive(sample));
  const order = (rows: MasteryRow[]) => JSON.stringify([...rows].sort((a, b) => (a.studentId + a.skill < b.studentId + b.skill ? -1 : 1)));
  const same = order(slow.value) === order(fast.value.filter((row) => row.studentId < 'S-0200'));
  const mastered = fast.value.filter((row) => row.state === 'Mastered').length;
  console.log('| method | students | ms | rows | mastered |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(`| masteryOf (grouped) | ${STUDENTS} | ${fast.ms} | ${fast.value.length} | ${mastered} |`);
  console.log(`| re-scan per student and skill (baseline) | 200 | ${slow.ms} | ${slow.value.length} | ${same ? 'same rows' : 'DIFFERENT ROWS'} |`);
}
