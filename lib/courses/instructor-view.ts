import "server-only";
import { AppError } from "@/lib/errors";
import { sql } from "@/lib/sql";
import { courseInstructor } from "@/lib/lti/roles";
import { readingProgress, type LinkProgress, type ReadingStatus } from "@/lib/courses/reading-share";
import { requireCourseInstructor, type CourseSummary } from "@/lib/courses/course-access";
import { listCourseReadings, type CourseReading } from "@/lib/courses/course-readings";
import { refreshRoster, refreshRosterIfStale, type RosterRefresh } from "@/lib/courses/roster";

// The instructor's view of a course: readings × students. Students are the course's learners
// from the NRPS roster and from launches (CourseMembership), matched on the platform's user id,
// so those who never opened anything show as not started. The whole view is four statements
// whatever the class size: access, readings, people, progress.

export type Student = {
  /** For URLs: the user id, or "roster:<subject>" for someone who never launched. */
  key: string;
  userId: string | null;
  subject: string;
  name: string;
  email: string | null;
  /** On the platform's roster as Inactive (dropped, suspended). */
  inactive: boolean;
  launched: boolean;
};

export type Progress = Pick<LinkProgress, "share" | "status" | "activeSeconds" | "lastReadAt" | "readChapters" | "totalChapters">;

export type InstructorView = {
  course: CourseSummary;
  readings: (CourseReading & { counts: Record<ReadingStatus, number> })[];
  students: Student[];
  /** Progress by reading id, then by student key; every student has an entry. */
  progress: Map<string, Map<string, Progress>>;
};

const NOT_STARTED: Progress = { share: 0, status: "not-started", activeSeconds: 0, lastReadAt: null, readChapters: 0, totalChapters: 0 };

type PersonRow = {
  subject: string; userId: string | null; instructor: boolean | null; memberRoles: string[] | null; rosterRoles: string[] | null;
  status: string | null; rosterName: string | null; rosterEmail: string | null; publicId: string | null;
  userName: string | null; userEmail: string | null; nameHint: string | null; emailHint: string | null;
};

// Roster ∪ launches. The identity hint comes from this course's integration when there is one.
const PEOPLE = `
  with m as (select "userId", subject, instructor, roles from "CourseMembership" where "courseId" = $1),
       r as (select subject, name, email, roles, status from "RosterMember" where "courseId" = $1)
  select coalesce(m.subject, r.subject) as subject, m."userId", m.instructor, m.roles as "memberRoles", r.roles as "rosterRoles",
         r.status, r.name as "rosterName", r.email as "rosterEmail", u."publicId", u.name as "userName", u.email as "userEmail",
         i."nameHint", i."emailHint"
  from m full join r on r.subject = m.subject
  left join "User" u on u.id = m."userId"
  left join lateral (
    select "nameHint", "emailHint" from "LtiIdentity" i
    where i."userId" = m."userId" and (i."nameHint" is not null or i."emailHint" is not null)
    order by (i."integrationId" = $2) desc nulls last, i."lastLaunchAt" desc limit 1) i on true`;

function toStudent(row: PersonRow): Student | null {
  if (row.status === "Deleted") return null;
  // An instructor of the course by either the launch or the roster: not a student of it. Context
  // roles decide (institution#Instructor is someone who teaches elsewhere).
  if (row.instructor || courseInstructor(row.rosterRoles ?? []) || courseInstructor(row.memberRoles ?? [])) return null;
  return {
    key: row.userId ?? `roster:${row.subject}`,
    userId: row.userId,
    subject: row.subject,
    name: row.rosterName ?? row.nameHint ?? row.userName ?? row.publicId ?? `Unnamed (${row.subject})`,
    email: row.rosterEmail ?? row.emailHint ?? row.userEmail,
    inactive: row.status === "Inactive",
    launched: row.userId !== null,
  };
}

async function listStudents(course: CourseSummary): Promise<Student[]> {
  const rows = await sql<PersonRow>("courses-people", PEOPLE, [course.id, course.integrationId]);
  return rows.map(toStudent).filter((s): s is Student => s !== null).sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }));
}

function progressOf(entry: LinkProgress | undefined): Progress {
  if (!entry) return NOT_STARTED;
  const { share, status, activeSeconds, lastReadAt, readChapters, totalChapters } = entry;
  return { share, status, activeSeconds, lastReadAt, readChapters, totalChapters };
}

/** The course's readings and learners with everyone's progress, for its instructors (and store admins). */
export async function getInstructorView(options: { userId: string; courseId: string }): Promise<InstructorView> {
  const course = await requireCourseInstructor(options.userId, options.courseId);
  const [readings, students, entries] = await Promise.all([
    listCourseReadings(course.id),
    listStudents(course),
    readingProgress({ courseId: course.id }),
  ]);
  // readingProgress counts anyone who read the book's range; only this course's students show.
  const byLinkAndUser = new Map(entries.map((e) => [`${e.resourceLinkId} ${e.userId}`, e]));
  const progress = new Map<string, Map<string, Progress>>();
  const withCounts = readings.map((reading) => {
    const row = new Map<string, Progress>();
    const counts: Record<ReadingStatus, number> = { "not-started": 0, reading: 0, done: 0 };
    for (const student of students) {
      const p = progressOf(student.userId ? byLinkAndUser.get(`${reading.id} ${student.userId}`) : undefined);
      row.set(student.key, p);
      counts[p.status]++;
    }
    progress.set(reading.id, row);
    return { ...reading, counts };
  });
  return { course, readings: withCounts, students, progress };
}

export type ChapterRow = { index: number; title: string; read: boolean; activeSeconds: number; furthest: number; lastReadAt: Date | null };
export type StudentDetail = {
  course: CourseSummary;
  student: Student;
  readings: { reading: CourseReading; progress: Progress; chapters: ChapterRow[] }[];
};

type ChapterQueryRow = { linkId: string; index: number; title: string; activeSeconds: number | null; furthest: number | null; readAt: Date | null; updatedAt: Date | null };

/** One student's progress on each of the course's readings, chapter by chapter. */
export async function getStudentDetail(options: { userId: string; courseId: string; studentKey: string }): Promise<StudentDetail> {
  const course = await requireCourseInstructor(options.userId, options.courseId);
  const students = await listStudents(course);
  const student = students.find((s) => s.key === options.studentKey)
    ?? (options.studentKey.startsWith("roster:") ? students.find((s) => s.subject === options.studentKey.slice("roster:".length)) : undefined);
  if (!student) throw new AppError("NOT_FOUND", "This person is not a student of the course.");
  const [readings, entries, chapters] = await Promise.all([
    listCourseReadings(course.id),
    student.userId ? readingProgress({ courseId: course.id, userId: student.userId }) : Promise.resolve([]),
    sql<ChapterQueryRow>("courses-student-chapters", `
      select l.id as "linkId", c.index, c.title, r."activeSeconds", r.furthest, r."readAt", r."updatedAt"
      from "ResourceLink" l
      join "Chapter" c on c."publicationId" = l."publicationId"
        and c.index between coalesce(l."startChapter", 0) and coalesce(l."endChapter", 2147483647)
      left join "ChapterReading" r on r."userId" = $2 and r."publicationId" = c."publicationId" and r."chapterIndex" = c.index
      where l."courseId" = $1
      order by l.id, c.index`, [course.id, student.userId]),
  ]);
  const byLink = new Map(entries.map((e) => [e.resourceLinkId, e]));
  return {
    course,
    student,
    readings: readings.map((reading) => ({
      reading,
      progress: progressOf(byLink.get(reading.id)),
      chapters: chapters.filter((c) => c.linkId === reading.id).map((c) => ({
        index: c.index,
        title: c.title,
        read: c.readAt !== null,
        activeSeconds: c.activeSeconds ?? 0,
        furthest: c.furthest ?? 0,
        lastReadAt: c.updatedAt,
      })),
    })),
  };
}

/** "Refresh roster" for the course's instructors: fetches it from the LMS now. */
export async function refreshCourseRoster(options: { userId: string; courseId: string }): Promise<RosterRefresh> {
  const course = await requireCourseInstructor(options.userId, options.courseId);
  return refreshRoster(course.id);
}

/** For the page: the roster refreshed when stale (waiting briefly), and what went wrong if anything. */
export async function freshenRoster(options: { userId: string; courseId: string }): Promise<RosterRefresh | null> {
  const course = await requireCourseInstructor(options.userId, options.courseId);
  return refreshRosterIfStale(course);
}
