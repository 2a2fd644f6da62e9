import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { generateSharedSecret, revealSharedSecret, rotateSharedSecret } from "@/lib/integrations/lti11-secret";
import { createLti11Integration } from "@/tests/support/factories";

describe("LTI 1.1 shared secrets", () => {
  it("generates long random base64url secrets", () => {
    const secrets = new Set(Array.from({ length: 50 }, generateSharedSecret));
    expect(secrets.size).toBe(50);
    for (const s of secrets) expect(s).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("stores only the encrypted secret, reveals the current one and rotates it", async () => {
    const { integration, sharedSecret } = await createLti11Integration();
    expect((await revealSharedSecret(integration.id)).sharedSecret).toBe(sharedSecret);
    const { sharedSecret: fresh } = await rotateSharedSecret(integration.id);
    expect(fresh).not.toBe(sharedSecret);
    const row = await prisma.integration.findUniqueOrThrow({ where: { id: integration.id } });
    expect(row.sharedSecretEnc).not.toContain(fresh);
    expect((await revealSharedSecret(integration.id)).sharedSecret).toBe(fresh);
  });

  it("refuses integrations that are not LTI 1.1", async () => {
    const lti13 = await prisma.integration.create({ data: { name: "1.3", kind: "LTI13" } });
    await expect(rotateSharedSecret(lti13.id)).rejects.toMatchObject({ code: "BAD_INPUT" });
    await expect(revealSharedSecret("missing")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
