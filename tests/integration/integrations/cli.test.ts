import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { createPlan } from "./helpers";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- CLI output is checked field by field below
type Json = Record<string, any>;
type Result = { code: number; stdout: string; stderr: string; json: () => Json };

// The real entry point in a child process, against this run's database.
function cli(...args: string[]): Promise<Result> {
  return cliWithEnv({}, ...args);
}

function cliWithEnv(env: Record<string, string>, ...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile("npx", ["tsx", "--conditions=react-server", "cli/index.ts", ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr, json: () => JSON.parse(stdout) });
    });
  });
}

describe("npm run cli -- integrations:*", { timeout: 120_000 }, () => {
  it("creates an LTI 1.3 integration, fills in the LMS values later, lists and shows it", async () => {
    const created = await cli("integrations:create", "--kind", "lti13", "--name", "Springfield Canvas", "--full-access", "--json");
    expect(created.code).toBe(0);
    const { id, tool } = created.json();
    expect(created.json()).toMatchObject({ kind: "LTI13", name: "Springfield Canvas" });
    expect(tool).toEqual({
      targetLinkUri: "http://localhost:3000/api/lti/launch", launchUrl: "http://localhost:3000/api/lti/launch",
      loginUrl: "http://localhost:3000/api/lti/login", redirectUris: ["http://localhost:3000/api/lti/launch"],
      jwksUrl: "http://localhost:3000/api/lti/jwks", deepLinkingUrl: "http://localhost:3000/api/lti/launch",
    });

    const updated = await cli("integrations:update", id, "--issuer", "https://canvas.instructure.com", "--client-id", "10000000000001",
      "--deployment-id", "1:abc", "--deployment-id", "2:def", "--auth-url", "https://sso.canvaslms.com/api/lti/authorize_redirect",
      "--jwks-url", "https://sso.canvaslms.com/api/lti/security/jwks", "--json");
    expect(updated.code).toBe(0);
    expect(updated.json()).toMatchObject({ id, clientId: "10000000000001", deploymentIds: ["1:abc", "2:def"], missing: [], name: "Springfield Canvas" });

    await prisma.launchLog.create({ data: { integrationId: id, outcome: "FAILURE", errorCode: "LTI_BAD_SIGNATURE", ltiVersion: "1.3" } });
    const shown = await cli("integrations:show", id, "--json");
    expect(shown.code).toBe(0);
    expect(shown.json().latestLaunches).toMatchObject([{ outcome: "FAILURE", errorCode: "LTI_BAD_SIGNATURE" }]);

    const listed = await cli("integrations:list", "--json");
    expect(listed.json()).toMatchObject([{ id, name: "Springfield Canvas", kind: "LTI13", enabled: true, launches: 0, users: 0 }]);

    expect((await cli("integrations:disable", id)).code).toBe(0);
    expect((await prisma.integration.findUniqueOrThrow({ where: { id } })).enabled).toBe(false);
    expect((await cli("integrations:enable", id, "--json")).json()).toEqual({ id, enabled: true });
  });

  it("creates an LTI 1.1 integration with a plan and rotates its secret", async () => {
    await createPlan({ slug: "grade-9" });
    const created = await cli("integrations:create", "--kind", "lti11", "--name", "Old Moodle", "--consumer-key", "springfield", "--plan", "grade-9", "--json");
    expect(created.code).toBe(0);
    const out = created.json();
    expect(out).toMatchObject({ launchUrl: "http://localhost:3000/api/lti/11/launch", consumerKey: "springfield" });
    expect(out.sharedSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const rotated = await cli("integrations:rotate-secret", out.id, "--json");
    expect(rotated.code).toBe(0);
    expect(rotated.json().sharedSecret).not.toBe(out.sharedSecret);
    const row = await prisma.integration.findUniqueOrThrow({ where: { id: out.id } });
    expect(decryptSecret(row.sharedSecretEnc!)).toBe(rotated.json().sharedSecret);
  });

  it("answers bad arguments with the usage and exit code 2", async () => {
    const cases = [
      ["integrations:create", "--kind", "lti13", "--name", "A"],
      ["integrations:create", "--kind", "lti2", "--name", "A", "--full-access"],
      ["integrations:create", "--kind", "lti13", "--name", "A", "--full-access", "--plan", "p"],
      ["integrations:create", "--kind", "lti13", "--name", "A", "--full-access", "--bogus"],
      ["integrations:update"],
      ["integrations:show"],
    ];
    // None of these reaches the database, so they run side by side.
    const results = await Promise.all(cases.map((args) => cli(...args)));
    results.forEach((result, i) => {
      expect(result.code, cases[i]!.join(" ")).toBe(2);
      expect(result.stderr).toContain("Usage: npm run cli");
    });
    const invalid = await cli("integrations:create", "--kind", "lti11", "--name", "A", "--consumer-key", "bad key", "--full-access");
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain("consumerKey: Use only letters, digits, dots, hyphens and underscores.");
  });

  it("answers refused operations with the reason and exit code 1", async () => {
    const args = ["integrations:create", "--kind", "lti13", "--name", "A", "--issuer", "https://lms.example.edu", "--client-id", "c1", "--full-access"];
    expect((await cli(...args)).code).toBe(0);
    const duplicate = await cli(...args);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain("already has this issuer and client ID");
    expect((await cli("integrations:show", "nope")).code).toBe(1);
  });

  it("rotates the tool keys", async () => {
    const result = await cli("keys:rotate", "--json");
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ activeKid: expect.any(String) });
    expect(await prisma.toolKey.count({ where: { retiredAt: null } })).toBe(1);
  });

  it("holds platform URLs to the URL policy: no javascript:, and with LTI_ALLOW_PRIVATE_URLS=false no http or private hosts", async () => {
    const script = await cli("integrations:create", "--kind", "lti13", "--name", "X", "--full-access", "--auth-url", "javascript:alert(document.domain)//", "--json");
    expect(script.code).toBe(2);
    expect(script.stderr).toContain("authUrl: Enter a full URL starting with https://");
    const production = await cliWithEnv({ LTI_ALLOW_PRIVATE_URLS: "false" }, "integrations:create", "--kind", "lti13", "--name", "Y", "--full-access",
      "--auth-url", "http://lms.example.edu/auth", "--jwks-url", "https://169.254.169.254/latest", "--json");
    expect(production.code).toBe(2);
    expect(production.stderr).toContain("authUrl: Use https://");
    expect(production.stderr).toContain("jwksUrl: Use the platform's public address");
    expect(await prisma.integration.count()).toBe(0);
  });
});

