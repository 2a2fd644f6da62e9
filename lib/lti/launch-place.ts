import "server-only";
import { randomUUID } from "node:crypto";
import type { LaunchCourse } from "@/lib/lti/course-claims";
import { RecentWrites } from "@/lib/lti/recent-writes";

/** Where the launch's course and link were recorded (null without a context or a link). */
export type ProvisionedPlace = { courseId: string | null; linkId: string | null };

/** Who launched from where: what the place of a launch is keyed by. */
type PlaceOf = { integrationId: string; platformKey: string; subject: string; course?: LaunchCourse | null };

export const newId = (prefix: string) => `${prefix}${randomUUID().replaceAll("-", "")}`;

// The launch's course, resource link and the person's membership (docs/decisions/0019) are
// written in the provisioning statement, each only when this process has not written the same
// values lately (RecentWrites below): a class launching one link writes the course and the link
// once, a returning student nothing. The statement is assembled from the parts a launch needs,
// one prepared statement per combination, so a launch into a remembered course carries no more
// SQL than the membership check; the ids come back for the landing page.
//
export type PartMode = "write" | "known" | "none";
export type Variant = { course: PartMode; link: PartMode };

const COURSE_WRITE = `
  course_written as (
    insert into "Course" as c (id, "integrationId", "contextId", title, label, "membershipsUrl", "createdAt", "updatedAt")
    select $(course_new_id), $(integration), $(context_id), $(course_title), $(course_label), $(memberships_url), now(), now() from person
    on conflict ("integrationId", "contextId") do update
      set title = coalesce(excluded.title, c.title), label = coalesce(excluded.label, c.label),
          "membershipsUrl" = coalesce(excluded."membershipsUrl", c."membershipsUrl"), "updatedAt" = now()
    returning id),
  course_id as (select id from course_written),`;
const COURSE_KNOWN = `
  course_id as (select $(course_known)::text as id),`;

const LINK_WRITE = (withCourse: boolean) => `
  link_written as (
    insert into "ResourceLink" as l (id, "integrationId", "courseId", "linkId", title, "publicationId", "startChapter", "startFragment",
      "endChapter", "lineItemUrl", "lineItemsUrl", "agsScopes", "scoreMaximum", "createdAt", "updatedAt", "lastLaunchAt")
    select $(link_new_id), $(integration), ${withCourse ? "(select id from course_id)" : "null"}, $(link_id), $(link_title),
      (select id from "Publication" where slug = $(slug)), $(start), $(fragment), $(end), $(line_item), $(line_items), $(scopes), $(score_max),
      now(), now(), now()
    from person
    on conflict ("integrationId", "linkId") do update
      set "courseId" = coalesce(excluded."courseId", l."courseId"), title = coalesce(excluded.title, l.title),
          "publicationId" = coalesce(excluded."publicationId", l."publicationId"), "startChapter" = excluded."startChapter",
          "startFragment" = excluded."startFragment", "endChapter" = excluded."endChapter",
          "lineItemUrl" = coalesce(excluded."lineItemUrl", l."lineItemUrl"), "lineItemsUrl" = coalesce(excluded."lineItemsUrl", l."lineItemsUrl"),
          "agsScopes" = excluded."agsScopes", "scoreMaximum" = coalesce(excluded."scoreMaximum", l."scoreMaximum"),
          "updatedAt" = now(), "lastLaunchAt" = now()
    returning id),
  link_id as (select id from link_written),`;
const LINK_KNOWN = `
  link_id as (select $(link_known)::text as id),`;

// Written for a new account always (a remembered membership may be a deleted account's).
const MEMBER = `
  member as (
    insert into "CourseMembership" as m ("courseId", "userId", subject, roles, instructor, "firstLaunchAt", "lastLaunchAt")
    select k.id, p.user_id, $(subject), $(roles), $(instructor), now(), now() from person p, course_id k
    where $(member_write) or not exists (select 1 from touched)
    on conflict ("courseId", "userId") do update
      set subject = excluded.subject, roles = excluded.roles, instructor = excluded.instructor, "lastLaunchAt" = now()
      -- Unchanged, the row is left alone (its last launch kept to the hour): a person's launches
      -- reach instances that have not seen them, and each would otherwise write a new version.
      where (m.subject, m.roles, m.instructor) is distinct from (excluded.subject, excluded.roles, excluded.instructor)
         or m."lastLaunchAt" < now() - interval '1 hour'
    returning 1),`;

export function placeSql({ course, link }: Variant): { ctes: string; ids: string } {
  const ctes = (course === "write" ? COURSE_WRITE : course === "known" ? COURSE_KNOWN : "")
    + (link === "write" ? LINK_WRITE(course !== "none") : link === "known" ? LINK_KNOWN : "")
    + (course !== "none" ? MEMBER : "");
  const ids = `${course === "none" ? "null::text" : "(select id from course_id)"} as "courseId", ${link === "none" ? "null::text" : "(select id from link_id)"} as "linkId"`;
  return { ctes, ids };
}

// Courses, links and memberships this process wrote in the last ten minutes: a course's title or
// a link's range edited in the LMS reaches Folio on the first launch after that (or at once, when
// the values differ: the signature covers them).
const RECENT_TTL_MS = 10 * 60 * 1000;
const recentCourses = new RecentWrites(5_000, RECENT_TTL_MS);
const recentLinks = new RecentWrites(20_000, RECENT_TTL_MS);
const recentMembers = new RecentWrites(100_000, RECENT_TTL_MS);

/** For tests: forget what was written, so the next launch writes everything. */
export function forgetRecentPlaceWrites(): void {
  recentCourses.clear();
  recentLinks.clear();
  recentMembers.clear();
}

export type Place = {
  variant: Variant;
  values: Record<string, unknown>;
  /** Remembers what the statement wrote, once it succeeded. */
  remember: (ids: ProvisionedPlace) => void;
};

const signature = (values: unknown[]) => JSON.stringify(values);

export function placeParams(identity: PlaceOf): Place {
  const course = identity.course ?? null;
  const courseKey = course?.contextId ? `${identity.integrationId}\u0000${course.contextId}` : null;
  const courseSig = course ? signature([course.title, course.label, course.membershipsUrl]) : "";
  const knownCourse = courseKey ? recentCourses.get(courseKey, courseSig) : null;
  const link = course?.link ?? null;
  const linkKey = link ? `${identity.integrationId}\u0000${link.linkId}` : null;
  const linkValues = link ? [link.title, link.publicationSlug, link.startChapter, link.startFragment, link.endChapter, link.lineItemUrl, link.lineItemsUrl, link.agsScopes, link.scoreMaximum] : [];
  // The link's course is part of what it records: a link is rewritten when its course is.
  const knownLink = linkKey && knownCourse ? recentLinks.get(linkKey, signature([knownCourse, ...linkValues])) : null;
  const memberKey = knownCourse ? `${knownCourse}\u0000${identity.platformKey}\u0000${identity.subject}` : null;
  const memberSig = course ? signature([course.roles, course.instructor]) : "";
  const knownMember = memberKey ? recentMembers.get(memberKey, memberSig) : null;
  const variant: Variant = {
    course: courseKey === null ? "none" : knownCourse ? "known" : "write",
    link: linkKey === null ? "none" : knownLink ? "known" : "write",
  };
  const values: Record<string, unknown> = {
    course_new_id: newId("c"), context_id: course?.contextId ?? null, course_title: course?.title ?? null, course_label: course?.label ?? null,
    memberships_url: course?.membershipsUrl ?? null, course_known: knownCourse,
    link_new_id: newId("r"), link_id: link?.linkId ?? null, link_title: link?.title ?? null, slug: link?.publicationSlug ?? null,
    start: link?.startChapter ?? null, fragment: link?.startFragment ?? null, end: link?.endChapter ?? null,
    line_item: link?.lineItemUrl ?? null, line_items: link?.lineItemsUrl ?? null, scopes: link?.agsScopes ?? [], score_max: link?.scoreMaximum ?? null,
    link_known: knownLink,
    member_write: knownMember === null, roles: course?.roles ?? [], instructor: course?.instructor ?? false,
  };
  return {
    variant,
    values,
    remember: ({ courseId, linkId }) => {
      if (!courseKey || !courseId) return;
      recentCourses.set(courseKey, courseId, courseSig);
      if (linkKey && linkId) recentLinks.set(linkKey, linkId, signature([courseId, ...linkValues]));
      recentMembers.set(`${courseId}\u0000${identity.platformKey}\u0000${identity.subject}`, "1", memberSig);
    },
  };
}
