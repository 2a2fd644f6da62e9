import { expect } from "vitest";
import { prisma } from "@/lib/db";

/** A failed launch: 4xx, the named code on the page and in the log, no session, no account. */
export async function expectLaunchFailure(response: Response, code: string, opts: { integrationId?: string | null; users?: number } = {}) {
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  const html = await response.text();
  expect(html).toContain("This launch could not be completed");
  expect(html).toContain(code);
  expect(response.headers.get("set-cookie") ?? "").not.toMatch(/folio\.session/);
  expect(await prisma.user.count()).toBe(opts.users ?? 0);
  // Every failure adds to an hourly tally; only one attributable to an integration (its login
  // state or consumer key was valid) also gets a LaunchLog row (lib/lti/launch-log.ts).
  const tally = await prisma.launchFailureTally.findFirst({ where: { errorCode: code }, orderBy: { lastAt: "desc" } });
  expect(tally, `a failure tally with ${code}`).not.toBeNull();
  if (opts.integrationId !== undefined) expect(tally!.integrationId).toBe(opts.integrationId);
  const log = await prisma.launchLog.findFirst({ where: { errorCode: code }, orderBy: { createdAt: "desc" } });
  if (!log) return { outcome: "FAILURE" as const, errorCode: code, integrationId: tally!.integrationId, detail: tally!.lastDetail };
  expect(log.outcome).toBe("FAILURE");
  if (opts.integrationId !== undefined) expect(log.integrationId).toBe(opts.integrationId);
  return log;
}
