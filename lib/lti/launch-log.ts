import "server-only";
import { prisma } from "@/lib/db";

export type LaunchLogEntry = {
  integrationId: string | null;
  userId?: string | null;
  outcome: "SUCCESS" | "FAILURE";
  errorCode?: string | null;
  detail?: string | null;
  ltiVersion: "1.3" | "1.1";
  messageType?: string | null;
};

// Anything shaped like a JWT or a long opaque value is cut out: the log is read by people on
// the phone with an institution and must never hold a token or a secret.
function scrub(detail: string): string {
  return detail
    .replace(/[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, "[token]")
    .replace(/[A-Za-z0-9+/_=-]{48,}/g, "[redacted]")
    .slice(0, 500);
}

/** Records one launch in the integration's log; a failure also bumps its failure counter. */
export async function recordLaunch(entry: LaunchLogEntry): Promise<void> {
  const data = {
    integrationId: entry.integrationId,
    userId: entry.userId ?? null,
    outcome: entry.outcome,
    errorCode: entry.errorCode?.slice(0, 64) ?? null,
    detail: entry.detail ? scrub(entry.detail) : null,
    ltiVersion: entry.ltiVersion,
    messageType: entry.messageType?.slice(0, 64) ?? null,
  };
  if (entry.outcome === "FAILURE" && entry.integrationId) {
    await prisma.$transaction([
      prisma.launchLog.create({ data }),
      prisma.integration.update({ where: { id: entry.integrationId }, data: { failureCount: { increment: 1 } } }),
    ]);
    return;
  }
  // A successful launch is logged by provisionLtiUser, in the statement that settles the person.
  await prisma.launchLog.create({ data });
}
