import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { pool } from "@/lib/sql";
import { POST as lti11Post } from "@/app/api/lti/11/launch/route";
import { TestPlatform } from "@/tests/support/lti-platform";
import { launch, LTI_CLAIM_PREFIX as LTI } from "@/tests/support/lti-launch";
import { basicLaunchParams, launchRequest } from "@/tests/support/lti11-launch";
import { createLti11Integration, createLti13Integration } from "@/tests/support/factories";

// A launch is three statements, first or returning (docs/decisions/0012): what a launch records
// goes into those statements, never beside them. Counted on the process's pool, which Prisma
// shares, so this runs the same on the embedded Postgres and on a server.

const HOUSEKEEPING = new Set(["lti-prune-launch-log", "lti-purge-login-states", "lti11-prune-nonces"]);

async function statements(run: () => Promise<unknown>): Promise<string[]> {
  const query = vi.spyOn(pool, "query");
  try {
    await run();
    const sent = query.mock.calls.map(([config]) => (typeof config === "string" ? config : (config as { name?: string; text: string }).name ?? (config as { text: string }).text).slice(0, 60));
    // About one launch in a hundred also prunes old rows in the background (launch log, login
    // states, LTI 1.1 nonces): housekeeping the launch does not wait for, not the launch's own.
    return sent.filter((s) => !HOUSEKEEPING.has(s));
  } finally {
    query.mockRestore();
  }
}

let platform: TestPlatform;
beforeEach(async () => {
  platform = await TestPlatform.start();
});
afterEach(() => platform.close());

describe("statements per launch", () => {
  it("LTI 1.3: three for a first launch into a new course, three for a returning one", async () => {
    await createLti13Integration(platform);
    const claims = { [`${LTI}context`]: { id: "ctx-1", title: "Course" } };
    await launch(platform, { claims: { sub: "warm-up" } }); // the platform's keys are fetched once
    const first = await statements(async () => expect((await launch(platform, { claims })).response.status).toBe(303));
    const returning = await statements(async () => expect((await launch(platform, { claims })).response.status).toBe(303));
    // The first launch writes the course and the link; the returning one only checks its membership.
    expect({ first, returning }).toEqual({
      first: ["lti-issue-state", "lti-consume-state", "lti-provision-any-course-write-link-write"],
      returning: ["lti-issue-state", "lti-consume-state", "lti-provision-any-course-known-link-known"],
    });
  });

  it("LTI 1.1: three for a first launch into a new course, three for a returning one", async () => {
    const { consumerKey, sharedSecret } = await createLti11Integration();
    const post = () => lti11Post(launchRequest({ consumerKey, secret: sharedSecret, params: basicLaunchParams({ context_title: "Course" }) }));
    const first = await statements(async () => expect((await post()).status).toBe(303));
    const returning = await statements(async () => expect((await post()).status).toBe(303));
    expect({ first, returning }).toEqual({
      first: ["lti11-find-consumer", "lti11-consume-nonce", "lti-provision-any-course-write-link-write"],
      returning: ["lti11-find-consumer", "lti11-consume-nonce", "lti-provision-any-course-known-link-known"],
    });
  });
});
