// Small builders for scheduling tests: every field has a sensible default, tests override what matters.
import { DEFAULT_SETTINGS, type Block, type Pair, type Settings, type Student } from '../../src/core/model';

export function block(name: string, day: Block['day'], start = '15:00', end = '16:00', capacity: number | null = null): Block {
  return { name, day, start, end, location: `Room ${name}`, capacity };
}

export function pair(pairId: string, tutorId: string, tuteeId: string, blockName: string, overrides: Partial<Pair> = {}): Pair {
  return {
    pairId, tutorId, tuteeId, subject: 'Math', block: blockName, status: 'Active', locked: false,
    score: 0, why: '', startDate: null, endDate: null, ...overrides,
  };
}

export function student(id: string, availability: string[], email = `${id.toLowerCase()}@school.org`): Student {
  return {
    id, name: `Student ${id}`, email, grade: 8, role: 'Both', canTutor: [], needsHelpWith: [], languages: ['English'],
    learningPreference: '', availability, maxTutees: null, consent: 'Yes', trained: true, active: true,
    requestedTutor: '', doNotPairWith: [],
  };
}

export function settings(overrides: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, programName: 'Test Program', timezone: 'America/New_York', termStart: '2026-01-05', termEnd: '2026-06-12', ...overrides };
}
