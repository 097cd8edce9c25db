// Weeks of realistic history for the sample program: what tutors and tutees would have sent back after
// each past session. Most tutees improve, some stall, a few are often absent, one asks to talk to a
// teacher. Deterministic: the same sessions and seed give the same responses.
import { seededRandom, type Random } from '../random';
import type { WallTime } from '../model';
import type { SessionFacts } from './filing';
import { instantOf } from '../time';
import { EXIT_TICKET, REFLECTION, type ExitTicketQuestion } from './questions';
import type { RawResponse } from './responses';

/** A session that has taken place: what filing knows of it, and when it ended. */
export interface PastSession extends SessionFacts {
  end: WallTime;
}

type Profile = 'improving' | 'stalling' | 'absent';

const SKILLS: Record<string, [string, string]> = {
  Math: ['Adding fractions', 'Solving one-step equations'],
  Reading: ['Finding the main idea', 'Making inferences'],
  Writing: ['Topic sentences', 'Using evidence'],
  Science: ['Forces and motion', 'States of matter'],
  Spanish: ['Present tense verbs', 'Asking questions'],
  Chemistry: ['Balancing equations', 'Moles and mass'],
  'Computer Science': ['Loops', 'Conditionals'],
};

/** Two skills per subject, three questions each (one worth two points), as a teacher would write them. */
export function sampleQuestions(subjects: readonly string[]): ExitTicketQuestion[] {
  return subjects.flatMap((subject) =>
    (SKILLS[subject] ?? [`${subject} basics`, `${subject} practice`]).flatMap((skill) =>
      [1, 2, 3].map((n) => ({
        subject,
        skill,
        question: `${skill}: question ${n}`,
        choices: ['A', 'B', 'C', 'D'],
        answer: 'ABCD'[(n + skill.length) % 4],
        points: n === 3 ? 2 : 1,
      })),
    ),
  );
}

/** Responses for every past session: reflections from both students and an exit ticket from the tutee. */
export function sampleResponses(sessions: readonly PastSession[], questions: readonly ExitTicketQuestion[], seed: number, timeZone: string): RawResponse[] {
  const random = seededRandom(seed);
  const profiles = new Map<string, Profile>();
  const profileOf = (tuteeId: string): Profile => {
    let profile = profiles.get(tuteeId);
    if (!profile) {
      const r = random();
      profile = r < 0.12 ? 'absent' : r < 0.37 ? 'stalling' : 'improving';
      profiles.set(tuteeId, profile);
    }
    return profile;
  };
  const held = new Map<string, number>();
  const progress = new Map<string, { skill: number; passes: number }>();
  const responses: RawResponse[] = [];
  const ordered = [...sessions].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.sessionId < b.sessionId ? -1 : 1));
  for (const session of ordered) {
    const profile = profileOf(session.tuteeId);
    const ended = instantOf(session.date, session.end, timeZone).getTime();
    // A few minutes after the session, in whole seconds as Forms records them.
    const at = () => new Date(ended + Math.floor(60 + random() * 14 * 60) * 1000);
    const took = random() >= (profile === 'absent' ? 0.5 : 0.08);
    if (random() < 0.9) responses.push(reflection(session, 'Tutor', at(), took, profile, 0, random));
    if (!took) continue;
    const k = (held.get(session.pairId) ?? 0) + 1;
    held.set(session.pairId, k);
    if (random() < 0.85) responses.push(reflection(session, 'Tutee', at(), true, profile, k, random));
    const ticket = exitTicket(session, questions, progress, profile, k, at(), random);
    if (ticket && random() < 0.9) responses.push(ticket);
  }
  askToTalk(responses, profiles);
  return responses;
}

function reflection(session: PastSession, role: 'Tutor' | 'Tutee', submitted: Date, took: boolean, profile: Profile, k: number, random: Random): RawResponse {
  const between = (min: number, max: number) => String(min + Math.floor(random() * (max - min + 1)));
  const low = role === 'Tutee' && profile === 'stalling';
  return {
    form: 'Reflection',
    submitted,
    answers: {
      [REFLECTION.session]: session.sessionId,
      [REFLECTION.studentId]: role === 'Tutor' ? session.tutorId : session.tuteeId,
      [REFLECTION.role]: role,
      [REFLECTION.mood]: low ? between(1, 3) : between(3, 5),
      [REFLECTION.confidence]: low ? between(1, 3) : String(Math.min(5, 2 + Math.floor(k / 2) + Math.floor(random() * 2))),
      [REFLECTION.held]: took ? 'Yes' : 'No',
      [REFLECTION.partnerPresent]: took ? 'Yes' : 'No',
      [REFLECTION.workedOn]: took ? session.subject : '',
      [REFLECTION.whatWorked]: took ? 'Working through examples together' : '',
      [REFLECTION.whatWasHard]: low ? 'I still get lost on the harder questions' : '',
      [REFLECTION.nextStep]: took ? 'Practise two more problems' : 'Meet again next week',
      [REFLECTION.talkToTeacher]: 'No',
    },
  };
}

/** The tutee's exit ticket: the skill they are on (the next once three tickets pass), scored by profile. */
function exitTicket(
  session: PastSession,
  questions: readonly ExitTicketQuestion[],
  progress: Map<string, { skill: number; passes: number }>,
  profile: Profile,
  k: number,
  submitted: Date,
  random: Random,
): RawResponse | null {
  const skills = [...new Set(questions.filter((q) => q.subject === session.subject).map((q) => q.skill))];
  if (!skills.length) return null;
  const key = `${session.tuteeId}\u0000${session.subject}`;
  const state = progress.get(key) ?? { skill: 0, passes: 0 };
  const skill = skills[Math.min(state.skill, skills.length - 1)];
  const target = profile === 'improving' ? Math.min(100, 40 + 15 * k) : 40 + 20 * random();
  const answers: Record<string, string> = { [EXIT_TICKET.session]: session.sessionId, [EXIT_TICKET.studentId]: session.tuteeId, [EXIT_TICKET.skill]: skill };
  let points = 0;
  let outOf = 0;
  for (const question of questions.filter((q) => q.skill === skill)) {
    const right = random() * 100 < target;
    answers[question.question] = right ? question.answer : question.choices.find((choice) => choice !== question.answer)!;
    outOf += question.points;
    if (right) points += question.points;
  }
  const passed = points / outOf >= 0.8;
  state.passes = passed ? state.passes + 1 : 0;
  if (state.passes >= 3 && state.skill < skills.length - 1) progress.set(key, { skill: state.skill + 1, passes: 0 });
  else progress.set(key, state);
  return { form: 'Exit ticket', submitted, answers };
}

/** One stalling tutee, in their latest reflection, asks to talk to a teacher. */
function askToTalk(responses: RawResponse[], profiles: Map<string, Profile>): void {
  for (let i = responses.length - 1; i >= 0; i--) {
    const response = responses[i];
    if (response.form !== 'Reflection' || response.answers[REFLECTION.role] !== 'Tutee') continue;
    if (profiles.get(response.answers[REFLECTION.studentId]) !== 'stalling') continue;
    response.answers[REFLECTION.talkToTeacher] = 'Yes';
    return;
  }
}
