// The standard session routine (check-in, review, guided practice, independent practice, exit
// ticket, reflection) as a template a school can change in Settings, and its minutes for one block:
// steps with a fixed length keep it, the others share what is left of the block.

export interface RoutineStep {
  name: string;
  /** Fixed minutes, or null: the step shares the time the fixed steps leave. */
  minutes: number | null;
}

export interface TimedStep {
  name: string;
  minutes: number;
}

/** The default `Session routine` setting. */
export const DEFAULT_ROUTINE = 'Check-in 2; Review; Guided practice; Independent practice; Exit ticket 5; Reflection 3';

/** `Check-in 2; Review; …` → steps; a message naming the item when one cannot be read. */
export function parseRoutine(text: string): { ok: true; steps: RoutineStep[] } | { ok: false; message: string } {
  const items = text.split(/[;\n]/).map((item) => item.trim()).filter(Boolean);
  if (items.length === 0) return { ok: false, message: 'is empty: list the steps, e.g. "Check-in 2; Review; Guided practice; Exit ticket 5"' };
  const steps: RoutineStep[] = [];
  for (const item of items) {
    const match = /^(.*?)(?:\s+(\d+)\s*(?:min|minutes|′|')?)?$/i.exec(item)!;
    const name = match[1].trim();
    const minutes = match[2] === undefined ? null : Number(match[2]);
    if (!/\p{L}/u.test(name)) return { ok: false, message: `"${item}" has no step name: write a step like "Check-in 2"` };
    if (minutes !== null && (minutes < 1 || minutes > 120)) return { ok: false, message: `"${item}": a step lasts 1 to 120 minutes` };
    steps.push({ name, minutes });
  }
  return { ok: true, steps };
}

/**
 * Minutes of each step in a block of `blockMinutes`. The steps without a length share what the fixed
 * ones leave, as evenly as whole minutes allow (earlier steps get the odd minute), so the routine
 * fills the block exactly whenever the fixed steps fit in it; when they do not, the shared steps get 0.
 */
export function timeRoutine(steps: readonly RoutineStep[], blockMinutes: number): TimedStep[] {
  const fixed = steps.reduce((sum, step) => sum + (step.minutes ?? 0), 0);
  const shared = steps.filter((step) => step.minutes === null).length;
  const left = Math.max(0, Math.floor(blockMinutes) - fixed);
  let handed = 0;
  return steps.map((step) => {
    if (step.minutes !== null) return { name: step.name, minutes: step.minutes };
    const minutes = Math.floor(left / shared) + (handed < left % shared ? 1 : 0);
    handed++;
    return { name: step.name, minutes };
  });
}

/** Minutes from `HH:MM` to `HH:MM` on the same day (0 when the end is not after the start). */
export function minutesBetween(start: string, end: string): number {
  const toMinutes = (time: string) => {
    const [hours, minutes] = time.split(':').map(Number);
    return hours * 60 + minutes;
  };
  return Math.max(0, toMinutes(end) - toMinutes(start));
}
