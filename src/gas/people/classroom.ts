// The Classroom advanced service as a roster source. Both list calls are paged: each page is asked for
// with the same arguments and the previous page's nextPageToken until there is none (the API may return
// fewer items than pageSize, so a short page is not the last one). Lists come back without their field
// when empty, as the REST API sends them.
import type { ImportedStudent } from '../../core/people/roster-import';
import type { ClassroomCourse, ClassroomPort } from '../../sheets/people/classroom-port';

type ClassroomService = GoogleAppsScript.Classroom;

/** Courses and students per request: the API's own limit is higher; fewer keeps each response small. */
const PAGE_SIZE = 100;

/** Every page of a list call. */
function allPages<T>(fetch: (pageToken: string | undefined) => { items: T[] | undefined; next: string | undefined }): T[] {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = fetch(token);
    items.push(...(page.items ?? []));
    token = page.next || undefined;
  } while (token);
  return items;
}

export function classroomPort(service: () => ClassroomService): ClassroomPort {
  return {
    courses(): ClassroomCourse[] {
      const courses = allPages((pageToken) => {
        const response = service().Courses!.list({ teacherId: 'me', courseStates: ['ACTIVE'], pageSize: PAGE_SIZE, ...(pageToken ? { pageToken } : {}) });
        return { items: response.courses, next: response.nextPageToken };
      });
      return courses.map((course) => ({ id: String(course.id ?? ''), name: String(course.name ?? ''), section: String(course.section ?? '') }));
    },
    students(courseIds: readonly string[]): ImportedStudent[] {
      const byUser = new Map<string, ImportedStudent>();
      for (const courseId of courseIds) {
        const students = allPages((pageToken) => {
          const response = service().Courses!.Students!.list(courseId, { pageSize: PAGE_SIZE, ...(pageToken ? { pageToken } : {}) });
          return { items: response.students, next: response.nextPageToken };
        });
        for (const student of students) {
          const profile = student.profile ?? {};
          const userId = String(student.userId ?? profile.id ?? '');
          if (!userId || byUser.has(userId)) continue;
          byUser.set(userId, {
            source: `Classroom course ${courseId}`,
            // Classroom knows no school ID: matched on email; a new student gets Classroom's stable user ID.
            id: '',
            idIfNew: userId,
            name: String(profile.name?.fullName ?? [profile.name?.givenName, profile.name?.familyName].filter(Boolean).join(' ')),
            email: String(profile.emailAddress ?? ''),
            grade: null,
          });
        }
      }
      return [...byUser.values()];
    },
  };
}
