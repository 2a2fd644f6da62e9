import { beforeEach, describe, expect, it, vi } from "vitest";
import { ZodError } from "zod";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formErrorFrom } from "@/lib/integrations/field-errors";
import { toolUrls, lti11LaunchUrl } from "@/lib/integrations/tool-urls";

const requireAdmin = vi.fn();
vi.mock("@/lib/auth/session", () => ({ requireAdmin: () => requireAdmin() }));

const admin = await import("@/lib/integrations/admin");

describe("the administrator-only integration functions", () => {
  beforeEach(() => {
    requireAdmin.mockReset();
    requireAdmin.mockRejectedValue(new AppError("FORBIDDEN", "Only store administrators can do that."));
  });

  it("check the administrator before touching anything", async () => {
    const row = await prisma.integration.create({ data: { name: "A", kind: "LTI11", consumerKey: "k" } });
    const calls = [
      admin.createIntegration({ name: "X", kind: "LTI13", accessKind: "FULL" }),
      admin.updateIntegration(row.id, { name: "Hacked" }),
      admin.setIntegrationEnabled(row.id, false),
      admin.deleteIntegration(row.id),
      admin.listIntegrations(),
      admin.getIntegration(row.id),
      admin.rotateIntegrationSecret(row.id),
      admin.revealIntegrationSecret(row.id),
    ];
    for (const call of calls) await expect(call).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await prisma.integration.findMany()).toMatchObject([{ id: row.id, name: "A", enabled: true, sharedSecretEnc: null }]);
  });

  it("work for an administrator", async () => {
    requireAdmin.mockResolvedValue({ id: "admin", role: "ADMIN" });
    const created = await admin.createIntegration({ name: "Old Moodle", kind: "LTI11", accessKind: "FULL", consumerKey: "moodle" });
    expect(await admin.revealIntegrationSecret(created.id)).toEqual({ sharedSecret: created.sharedSecret });
    const rotated = await admin.rotateIntegrationSecret(created.id);
    expect(rotated.sharedSecret).not.toBe(created.sharedSecret);
    expect(await admin.revealIntegrationSecret(created.id)).toEqual(rotated);
    expect(requireAdmin).toHaveBeenCalledTimes(4);
  });
});

describe("form errors and tool URLs", () => {
  it("turns validation and application errors into field messages, and rethrows bugs", () => {
    const zod = new ZodError([{ code: "custom", path: ["deploymentIds", 1], message: "Bad.", input: "" }]);
    expect(formErrorFrom(zod)).toEqual({ message: "Some values need attention.", fields: { deploymentIds: "Line 2: Bad." } });
    expect(formErrorFrom(new AppError("CONFLICT", "Taken.", { fields: { clientId: "Used." } }))).toEqual({ message: "Taken.", fields: { clientId: "Used." } });
    expect(() => formErrorFrom(new TypeError("boom"))).toThrow("boom");
  });

  it("builds every tool URL from APP_URL", () => {
    expect(toolUrls()).toEqual({
      targetLinkUri: "http://localhost:3000/api/lti/launch",
      launchUrl: "http://localhost:3000/api/lti/launch",
      loginUrl: "http://localhost:3000/api/lti/login",
      redirectUris: ["http://localhost:3000/api/lti/launch"],
      jwksUrl: "http://localhost:3000/api/lti/jwks",
      deepLinkingUrl: "http://localhost:3000/api/lti/launch",
    });
    expect(lti11LaunchUrl()).toBe("http://localhost:3000/api/lti/11/launch");
  });
});
