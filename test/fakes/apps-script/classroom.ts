// A fake of the Classroom advanced service (Classroom.Courses.list, Classroom.Courses.Students.list),
// answering as the REST API does (advanced services return its JSON as objects):
// - pages: `pageSize` 0 or absent means the server's default (30 students; courses: the server
//   chooses); the server may return FEWER than pageSize (here at most `serverPageLimit`) while more
//   remain, so only a missing nextPageToken ends a list;
// - a pageToken is only valid with an otherwise identical request (INVALID_ARGUMENT otherwise);
// - empty lists and absent fields are left out of the response (no `courses: []`, no `nextPageToken` on
//   the last page); `profile.emailAddress` is present only with the classroom.profile.emails scope;
// - teacherId 'me' is the user running the script; a course that does not exist is NOT_FOUND, one the
//   user does not teach is PERMISSION_DENIED; errors are thrown as Apps Script throws them.
import type { CallCounter } from './calls';

export interface FakeCourse {
  id: string;
  name: string;
  section?: string;
  courseState?: 'ACTIVE' | 'ARCHIVED' | 'PROVISIONED' | 'DECLINED';
  /** Emails of the course's teachers. */
  teachers: string[];
  students: { userId: string; givenName: string; familyName: string; email: string }[];
}

export interface ClassroomFakeOptions {
  /** Who runs the script ('me'). */
  user: () => string;
  /** Largest page the fake server returns, whatever pageSize asks (default 25: shorter than asked). */
  serverPageLimit?: number;
  /** Whether the script holds classroom.profile.emails (default true). */
  emailScope?: boolean;
}

class ApiError extends Error {
  constructor(method: string, message: string) {
    super(`API call to classroom.${method} failed with error: ${message}`);
    this.name = 'GoogleJsonResponseException';
  }
}

export interface ClassroomFake {
  Classroom: unknown;
  courses: FakeCourse[];
  /** Every list request as made (method and arguments), to check paging. */
  requests: { method: string; args: Record<string, unknown> }[];
}

export function createClassroomFake(calls: CallCounter, courses: FakeCourse[], options: ClassroomFakeOptions): ClassroomFake {
  const limit = options.serverPageLimit ?? 25;
  const requests: ClassroomFake['requests'] = [];
  const tokens = new Map<string, { request: string; offset: number }>();
  let tokenCount = 0;

  /** One page of `items` for a request; the token remembers the request it belongs to. */
  function page<T>(method: string, key: string, items: T[], args: Record<string, unknown>, defaultSize: number): { items: T[]; next?: string } {
    const { pageToken, ...rest } = args;
    const request = `${key}|${JSON.stringify(rest)}`;
    let offset = 0;
    if (pageToken !== undefined && pageToken !== '') {
      const known = tokens.get(String(pageToken));
      if (!known || known.request !== request) throw new ApiError(method, 'Request contains an invalid argument.');
      offset = known.offset;
    }
    const size = Number(args.pageSize ?? 0);
    if (!Number.isInteger(size) || size < 0) throw new ApiError(method, 'Request contains an invalid argument.');
    const count = Math.min(size === 0 ? defaultSize : size, limit);
    const slice = items.slice(offset, offset + count);
    if (offset + count >= items.length) return { items: slice };
    const token = `token-${++tokenCount}`;
    tokens.set(token, { request, offset: offset + count });
    return { items: slice, next: token };
  }

  const Classroom = {
    Courses: {
      list(args: Record<string, unknown> = {}) {
        calls.record('Classroom.Courses.list');
        requests.push({ method: 'courses.list', args });
        const teacher = args.teacherId === 'me' ? options.user() : args.teacherId;
        const states = (args.courseStates as string[] | undefined) ?? null;
        const visible = courses.filter(
          (course) => (teacher === undefined ? course.teachers.includes(options.user()) : course.teachers.includes(String(teacher))) && (!states || states.includes(course.courseState ?? 'ACTIVE')),
        );
        const { items, next } = page('courses.list', 'courses', visible, args, 500);
        return {
          ...(items.length ? { courses: items.map((c) => ({ id: c.id, name: c.name, ...(c.section ? { section: c.section } : {}), courseState: c.courseState ?? 'ACTIVE' })) } : {}),
          ...(next ? { nextPageToken: next } : {}),
        };
      },
      Students: {
        list(courseId: string, args: Record<string, unknown> = {}) {
          calls.record('Classroom.Courses.Students.list');
          requests.push({ method: 'courses.students.list', args: { courseId, ...args } });
          const course = courses.find((c) => c.id === courseId);
          if (!course) throw new ApiError('courses.students.list', 'Requested entity was not found.');
          if (!course.teachers.includes(options.user())) throw new ApiError('courses.students.list', 'The caller does not have permission');
          const { items, next } = page('courses.students.list', `students:${courseId}`, course.students, args, 30);
          return {
            ...(items.length
              ? {
                  students: items.map((s) => ({
                    courseId,
                    userId: s.userId,
                    profile: {
                      id: s.userId,
                      name: { givenName: s.givenName, familyName: s.familyName, fullName: `${s.givenName} ${s.familyName}` },
                      ...(options.emailScope === false ? {} : { emailAddress: s.email }),
                    },
                  })),
                }
              : {}),
            ...(next ? { nextPageToken: next } : {}),
          };
        },
      },
    },
  };
  return { Classroom, courses, requests };
}
