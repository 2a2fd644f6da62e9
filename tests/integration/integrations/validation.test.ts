import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createIntegrationRecord } from "@/lib/integrations/create-integration";
import { fieldErrorsFromZod } from "@/lib/integrations/field-errors";
import type { IntegrationInput } from "@/lib/integrations/schemas";
import { createPlan, LMS } from "./helpers";

async function fieldErrors(input: IntegrationInput): Promise<Record<string, string>> {
  const error = await createIntegrationRecord(input).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ZodError);
  return fieldErrorsFromZod(error as ZodError);
}

const lti13 = (extra: Partial<IntegrationInput> = {}): IntegrationInput => ({ name: "Moodle", kind: "LTI13", accessKind: "FULL", ...extra });

describe("integration validation", () => {
  it("requires a name of at most 120 characters", async () => {
    expect((await fieldErrors(lti13({ name: "   " }))).name).toBe("Give the integration a name.");
    expect((await fieldErrors(lti13({ name: "x".repeat(121) }))).name).toBe("The name can be at most 120 characters.");
    await expect(createIntegrationRecord(lti13({ name: "x".repeat(120) }))).resolves.toMatchObject({ kind: "LTI13" });
  });

  it("requires a known kind and access", async () => {
    const errors = await fieldErrors({ name: "A", kind: "LTI2" as never, accessKind: undefined as never });
    expect(errors.kind).toBe("Choose the kind of integration.");
    expect(errors.accessKind).toBe("Choose full access or a plan.");
  });

  it("accepts only absolute https URLs (http and local hosts with LTI_ALLOW_PRIVATE_URLS, as in this suite)", async () => {
    const errors = await fieldErrors(lti13({ issuer: "https://admin:pw@moodle.example.edu", authUrl: "javascript:alert(document.domain)//", tokenUrl: "ftp://x.example/t", jwksUrl: "data:application/json,{}" }));
    expect(errors.issuer).toBe("Remove the user name and password from the URL.");
    expect(errors.authUrl).toBe("Enter a full URL starting with https://");
    expect(errors.tokenUrl).toBe("Enter a full URL starting with https://");
    expect(errors.jwksUrl).toBe("Enter a full URL starting with https://");
    expect((await fieldErrors(lti13({ jwksUrl: "moodle.example.edu/certs" }))).jwksUrl).toBe("Enter a full URL starting with https://");
    await expect(createIntegrationRecord(lti13({ issuer: "http://localhost:8080", authUrl: "http://127.0.0.1:8080/auth", jwksUrl: LMS.jwksUrl }))).resolves.toBeTruthy();
  });

  it("keeps the issuer exactly as typed (launches compare it as a string)", async () => {
    const { id } = await createIntegrationRecord(lti13({ issuer: " https://canvas.instructure.com ", clientId: "1000" }));
    const { prisma } = await import("@/lib/db");
    expect((await prisma.integration.findUniqueOrThrow({ where: { id } })).issuer).toBe("https://canvas.instructure.com");
  });

  it("checks deployment IDs: trimmed, not empty, no duplicates, at most 255 characters", async () => {
    expect((await fieldErrors(lti13({ deploymentIds: ["1", " 1 "] }))).deploymentIds).toBe('Line 2: "1" is listed twice.');
    expect((await fieldErrors(lti13({ deploymentIds: ["ok", "  "] }))).deploymentIds).toBe("Line 2: A deployment ID can't be empty.");
    expect((await fieldErrors(lti13({ deploymentIds: ["d".repeat(256)] }))).deploymentIds).toBe("Line 1: A deployment ID can be at most 255 characters.");
  });

  it("requires a valid consumer key for LTI 1.1 and refuses one for LTI 1.3", async () => {
    const lti11 = (consumerKey?: string): IntegrationInput => ({ name: "Old Moodle", kind: "LTI11", accessKind: "FULL", consumerKey });
    expect((await fieldErrors(lti11())).consumerKey).toBe("Enter a consumer key.");
    expect((await fieldErrors(lti11("has space"))).consumerKey).toBe("Use only letters, digits, dots, hyphens and underscores.");
    expect((await fieldErrors(lti11("k".repeat(101)))).consumerKey).toBe("The consumer key can be at most 100 characters.");
    expect((await fieldErrors(lti13({ consumerKey: "abc" }))).consumerKey).toBe("Only LTI 1.1 integrations have a consumer key.");
    await expect(createIntegrationRecord(lti11("Moodle_2.school-1"))).resolves.toMatchObject({ consumerKey: "Moodle_2.school-1" });
  });

  it("refuses LTI 1.3 values on an LTI 1.1 integration", async () => {
    const errors = await fieldErrors({ name: "A", kind: "LTI11", accessKind: "FULL", consumerKey: "k", clientId: "c", deploymentIds: ["1"] });
    expect(errors.clientId).toBe("Only LTI 1.3 integrations have this value.");
    expect(errors.deploymentIds).toBe("Only LTI 1.3 integrations have deployment IDs.");
  });

  it("requires an existing plan when access is a plan, and reports it with the other problems", async () => {
    expect((await fieldErrors(lti13({ accessKind: "PLAN" }))).plan).toBe("Choose the plan LTI users get.");
    const errors = await fieldErrors(lti13({ name: "", accessKind: "PLAN", plan: "nope" }));
    expect(errors).toMatchObject({ name: "Give the integration a name.", plan: 'There is no plan "nope". Create it first or pick another.' });
    const plan = await createPlan({ slug: "school" });
    const created = await createIntegrationRecord(lti13({ accessKind: "PLAN", plan: "school" }));
    const { prisma } = await import("@/lib/db");
    expect((await prisma.integration.findUniqueOrThrow({ where: { id: created.id } })).planId).toBe(plan.id);
  });

  it("ignores a plan left in the form when access is full", async () => {
    const created = await createIntegrationRecord(lti13({ accessKind: "FULL", plan: "whatever" }));
    const { prisma } = await import("@/lib/db");
    expect((await prisma.integration.findUniqueOrThrow({ where: { id: created.id } })).planId).toBeNull();
  });
});
