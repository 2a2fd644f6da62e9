import "server-only";
import { prisma } from "@/lib/db";
import { fetchMemberships } from "@/lib/lti/services/nrps";
import { ServiceError } from "@/lib/lti/services/token";

// The course roster from NRPS, kept in RosterMember and replaced whole on each fetch. The
// instructor's view refreshes it when it is older than ROSTER_MAX_AGE_MS, waiting at most
// AUTO_REFRESH_WAIT_MS before it renders with what it has (the fetch goes on and the next view
// shows it); a platform that failed is not asked again for FAILURE_BACKOFF_MS unless the
// instructor presses "Refresh roster".

export const ROSTER_MAX_AGE_MS = 15 * 60_000;
const AUTO_REFRESH_WAIT_MS = 1_500;
const FAILURE_BACKOFF_MS = 5 * 60_000;

export type RosterRefresh = { ok: true; members: number; fetchedAt: Date } | { ok: false; code: ServiceError["code"]; message: string };

const inFlight = new Map<string, Promise<RosterRefresh>>();
const lastFailure = new Map<string, { at: number; result: RosterRefresh }>();

const LTI11_NO_ROSTER = "This course comes through LTI 1.1, which has no roster service: the class lists the students who opened Folio from the course. Registering Folio over LTI 1.3 brings the whole roster.";

/** What an instructor reads when the roster could not be fetched. */
export function rosterProblemSentence(code: ServiceError["code"]): string {
  switch (code) {
    case "LTI_SERVICE_NOT_CONFIGURED":
      return "The LMS did not share the roster: ask the admin to switch on 'share names and roles' for Folio, then open Folio from the course again.";
    case "LTI_TOKEN_REFUSED":
      return "The LMS refused Folio's request for the roster: ask the admin to check Folio's registration (its public key URL) and that 'share names and roles' is on.";
    case "LTI_SERVICE_REFUSED":
      return "The LMS did not share the roster: ask the admin to switch on 'share names and roles'.";
    case "LTI_SERVICE_UNREACHABLE":
      return "The LMS did not answer the roster request: try again in a few minutes.";
    case "LTI_SERVICE_BAD_ANSWER":
      return "The LMS sent a roster Folio could not read, so the roster was left as it was: ask the admin to check the LMS's names and roles service.";
  }
}

async function fetchAndStore(courseId: string): Promise<RosterRefresh> {
  const course = await prisma.course.findUnique({ where: { id: courseId }, select: { integrationId: true, membershipsUrl: true } });
  if (!course) throw new Error(`No course ${courseId}.`);
  if (!course.membershipsUrl) throw new ServiceError("LTI_SERVICE_NOT_CONFIGURED", "No launch from this course carried a memberships URL.", false);
  const members = await fetchMemberships(course.integrationId, course.membershipsUrl);
  const fetchedAt = new Date();
  await prisma.$transaction(async (tx) => {
    // Two refreshes of one course (two instances, two tabs) take turns rather than interleave.
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`roster:${courseId}`}))`;
    await tx.rosterMember.deleteMany({ where: { courseId } });
    await tx.rosterMember.createMany({ data: members.map((m) => ({ courseId, ...m, fetchedAt })) });
    await tx.course.update({ where: { id: courseId }, data: { rosterFetchedAt: fetchedAt } });
  });
  return { ok: true, members: members.length, fetchedAt };
}

/**
 * Fetches the course's roster from the platform and replaces the stored one in one
 * transaction; on any failure the stored roster stays and the result names the problem.
 */
export function refreshRoster(courseId: string): Promise<RosterRefresh> {
  let pending = inFlight.get(courseId);
  if (!pending) {
    pending = fetchAndStore(courseId)
      .catch((error: unknown): RosterRefresh => {
        if (!(error instanceof ServiceError)) throw error;
        return { ok: false, code: error.code, message: rosterProblemSentence(error.code) };
      })
      .then((result) => {
        if (result.ok) lastFailure.delete(courseId);
        else lastFailure.set(courseId, { at: Date.now(), result });
        return result;
      })
      .finally(() => inFlight.delete(courseId));
    inFlight.set(courseId, pending);
  }
  return pending;
}

/**
 * For the instructor's view: refreshes a stale roster, waiting briefly. Returns the refresh's
 * result when it finished in time (or a recent failure), null when nothing needed doing or the
 * fetch is still going.
 */
export async function refreshRosterIfStale(course: { id: string; membershipsUrl: string | null; rosterFetchedAt: Date | null; integrationKind?: string }): Promise<RosterRefresh | null> {
  if (course.integrationKind === "LTI11") return { ok: false, code: "LTI_SERVICE_NOT_CONFIGURED", message: LTI11_NO_ROSTER };
  const failure = lastFailure.get(course.id);
  if (failure && Date.now() - failure.at < FAILURE_BACKOFF_MS) return failure.result;
  if (course.rosterFetchedAt && Date.now() - course.rosterFetchedAt.getTime() < ROSTER_MAX_AGE_MS) return null;
  if (!course.membershipsUrl) return { ok: false, code: "LTI_SERVICE_NOT_CONFIGURED", message: rosterProblemSentence("LTI_SERVICE_NOT_CONFIGURED") };
  const pending = refreshRoster(course.id);
  // Past the wait nobody awaits it: a failure that is not the platform's goes to the log.
  pending.catch((error: unknown) => console.warn(`Roster refresh of course ${course.id} failed: ${error instanceof Error ? error.message : String(error)}`));
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), AUTO_REFRESH_WAIT_MS)));
  try {
    return await Promise.race([pending, waited]);
  } finally {
    clearTimeout(timer);
  }
}

/** For tests: forget remembered failures. */
export function clearRosterFailures(): void {
  lastFailure.clear();
}
