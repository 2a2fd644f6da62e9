import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { canRead } from "@/lib/access/can-read";
import { createPlan, createPublication, createUser, grantPlan } from "@/tests/support/factories";

describe("canRead", () => {
  it("lets anyone read a free publication and nobody a paid one without a grant", async () => {
    const free = await createPublication({ isFree: true });
    const paid = await createPublication();
    const reader = await createUser();
    expect(await canRead(null, free.id)).toBe(true);
    expect(await canRead(reader.id, paid.id)).toBe(false);
    expect(await canRead(null, paid.id)).toBe(false);
  });

  it("follows plans: included publications only, or all when the plan says so", async () => {
    const inPlan = await createPublication();
    const outside = await createPublication();
    const reader = await createUser();
    await grantPlan(reader.id, (await createPlan({ publicationIds: [inPlan.id] })).id);
    expect(await canRead(reader.id, inPlan.id)).toBe(true);
    expect(await canRead(reader.id, outside.id)).toBe(false);

    const everything = await createUser();
    await grantPlan(everything.id, (await createPlan({ all: true })).id);
    expect(await canRead(everything.id, outside.id)).toBe(true);
  });

  it("gives full access to every publication", async () => {
    const paid = await createPublication();
    const reader = await createUser();
    await prisma.accessGrant.create({ data: { userId: reader.id, kind: "FULL", source: "ADMIN" } });
    expect(await canRead(reader.id, paid.id)).toBe(true);
  });
});
