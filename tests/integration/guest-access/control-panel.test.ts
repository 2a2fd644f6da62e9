import { ZodError } from "zod";
import { describe, expect, it } from "vitest";
import { createIntegrationRecord } from "@/lib/integrations/create-integration";
import { updateIntegrationRecord } from "@/lib/integrations/update-integration";
import { getIntegrationRecord } from "@/lib/integrations/queries";
import { makeSignedLink, rotateLinkKey } from "@/lib/guest-access/admin";
import { enterAsGuest } from "@/lib/guest-access/entry";
import { createAdminUser, createPlan, createUser } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";
import { integrationCounts } from "@/lib/integrations/counters";

async function fieldErrors(run: () => Promise<unknown>): Promise<Record<string, string>> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ZodError) return Object.fromEntries(error.issues.map((i) => [String(i.path[0]), i.message]));
    throw error;
  }
  throw new Error("expected a validation error");
}

describe("guest integrations in the Control Panel", () => {
  it("saves IP ranges and URL prefixes in canonical form and says what is wrong with bad ones", async () => {
    const ip = await createIntegrationRecord({ name: "Campus", kind: "IP_RANGE", accessKind: "FULL", ipRanges: "192.0.2.0/24\n2001:DB8::/32" });
    expect((await getIntegrationRecord(ip.id)).ipRanges).toEqual(["192.0.2.0/24", "2001:db8::/32"]);
    const bad = await fieldErrors(() => updateIntegrationRecord(ip.id, { ipRanges: "192.0.2.1/24\nlibrary" }));
    expect(bad.ipRanges).toContain('"192.0.2.1/24" has bits set past /24');
    expect(bad.ipRanges).toContain('"library" is not an IPv4 or IPv6 range');
    expect((await getIntegrationRecord(ip.id)).ipRanges).toEqual(["192.0.2.0/24", "2001:db8::/32"]);

    const ref = await createIntegrationRecord({ name: "Intranet", kind: "REFERRER", accessKind: "FULL", referrerPrefixes: "https://Intranet.School.example/library/" });
    expect((await getIntegrationRecord(ref.id))).toMatchObject({ referrerPrefixes: ["https://intranet.school.example/library/"], missing: [] });
    expect((await fieldErrors(() => createIntegrationRecord({ name: "X", kind: "REFERRER", accessKind: "FULL", referrerPrefixes: "intranet" }))).referrerPrefixes)
      .toContain("start it with https://");
    expect((await fieldErrors(() => createIntegrationRecord({ name: "X", kind: "LTI13", accessKind: "FULL", ipRanges: "192.0.2.0/24" }))).ipRanges)
      .toBe("Only IP-range integrations have IP ranges.");
    const empty = await createIntegrationRecord({ name: "Later", kind: "IP_RANGE", accessKind: "FULL" });
    expect((await getIntegrationRecord(empty.id)).missing).toEqual(["IP range"]);
  });

  it("signed link: made by an administrator only, works at the entry URL, and stops when the key is rotated", async () => {
    const plan = await createPlan();
    const created = await createIntegrationRecord({ name: "Signed", kind: "SIGNED_LINK", accessKind: "PLAN", plan: plan.slug });
    expect(created.sharedSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await signInAs(await createUser());
    await expect(makeSignedLink(created.id, 30)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await signInAs(await createAdminUser());
    await expect(makeSignedLink(created.id, 0)).rejects.toBeInstanceOf(ZodError);
    const { link } = await makeSignedLink(created.id, 30);
    expect(link).toMatch(new RegExp(`^http://localhost:3000/access/${created.id}\\?exp=\\d+&sig=[A-Za-z0-9_-]{43}$`));
    const url = new URL(link);
    await expect(enterAsGuest({ integrationId: created.id, url, headers: new Headers() })).resolves.toMatchObject({ location: "http://localhost:3000/" });
    await rotateLinkKey(created.id);
    await expect(enterAsGuest({ integrationId: created.id, url, headers: new Headers() })).rejects.toMatchObject({ refusal: "GUEST_LINK_INVALID" });
    expect((await integrationCounts(created.id)).launches).toBe(1);
  });
});
