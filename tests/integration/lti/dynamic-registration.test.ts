import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { GET } from "@/app/api/lti/register/route";
import { dynamicRegistrationUrl } from "@/lib/lti/registration-token";
import { SCOPE } from "@/lib/lti/claims";

const TOOL_CONFIG = "https://purl.imsglobal.org/spec/lti-tool-configuration";
const ALL_SCOPES = [SCOPE.lineItem, SCOPE.lineItemReadOnly, SCOPE.resultReadOnly, SCOPE.score, SCOPE.memberships];

// A platform's side of dynamic registration: its OpenID configuration and registration endpoint.
let server: Server;
let origin = "";
let issuerOverride: string | null = null;
let received: { auth?: string; body?: Record<string, unknown> } = {};
let configOverride: Record<string, unknown> = {};
let registrations = 0;
/** Extra fields of the registration answer (the platform's `scope`, say). */
let answerOverride: Record<string, unknown> = {};
/** When set, the registration endpoint holds its answers until this many requests arrived. */
let holdUntil = 0;
let held: (() => void)[] = [];

beforeEach(async () => {
  received = {};
  issuerOverride = null;
  configOverride = {};
  answerOverride = {};
  registrations = 0;
  holdUntil = 0;
  held = [];
  server = createServer((req, res) => {
    if (req.url === "/.well-known/openid-configuration") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({
        issuer: issuerOverride ?? origin, authorization_endpoint: `${origin}/auth`, token_endpoint: `${origin}/token`,
        jwks_uri: `${origin}/jwks`, registration_endpoint: `${origin}/register`,
        "https://purl.imsglobal.org/spec/lti-platform-configuration": { product_family_code: "moodle" },
        ...configOverride,
      }));
      return;
    }
    if (req.url === "/register" && req.method === "POST") {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received = { auth: req.headers.authorization, body: JSON.parse(body) };
        registrations++;
        const answer = () => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ client_id: "client-77", "https://purl.imsglobal.org/spec/lti-tool-configuration": { deployment_id: "dep-9" }, ...answerOverride }));
        };
        held.push(answer);
        if (held.length >= holdUntil) for (const release of held.splice(0)) release();
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => new Promise<void>((r) => server.close(() => r())));

async function register(integrationId: string, extra: Record<string, string> = {}) {
  const url = new URL(await dynamicRegistrationUrl(integrationId));
  url.searchParams.set("openid_configuration", `${origin}/.well-known/openid-configuration`);
  url.searchParams.set("registration_token", "reg-token-1");
  for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
  return GET(new Request(url));
}

const newIntegration = () => prisma.integration.create({ data: { name: "Moodle", kind: "LTI13" } });

describe("LTI dynamic registration", () => {
  it("registers Folio at the platform and keeps the platform's details", async () => {
    const integration = await newIntegration();
    const response = await register(integration.id);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("org.imsglobal.lti.close");
    expect(received.auth).toBe("Bearer reg-token-1");
    expect(received.body).toMatchObject({
      initiate_login_uri: "http://localhost:3000/api/lti/login",
      redirect_uris: ["http://localhost:3000/api/lti/launch"],
      jwks_uri: "http://localhost:3000/api/lti/jwks",
      response_types: ["id_token"],
    });
    const saved = await prisma.integration.findUniqueOrThrow({ where: { id: integration.id }, include: { deployments: true } });
    expect(saved).toMatchObject({ issuer: origin, clientId: "client-77", authUrl: `${origin}/auth`, tokenUrl: `${origin}/token`, jwksUrl: `${origin}/jwks` });
    expect(saved.deployments.map((d) => d.deploymentId)).toEqual(["dep-9"]);
  });

  it("refuses an issuer on another host than the configuration", async () => {
    const integration = await newIntegration();
    issuerOverride = "https://evil.example.test";
    const response = await register(integration.id);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("LTI_REGISTRATION_ISSUER_MISMATCH");
    expect(received.body).toBeUndefined();
  });

  it("refuses a forged link and a second registration", async () => {
    const forged = await GET(new Request(`http://localhost:3000/api/lti/register?token=abc&openid_configuration=${origin}/x`));
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain("LTI_REGISTRATION_LINK_INVALID");

    const integration = await newIntegration();
    expect((await register(integration.id)).status).toBe(200);
    const again = await register(integration.id);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("LTI_REGISTRATION_ALREADY_DONE");
  });

  it("answers a platform that is down with a clear error", async () => {
    const integration = await newIntegration();
    const url = new URL(await dynamicRegistrationUrl(integration.id));
    url.searchParams.set("openid_configuration", `${origin}/nothing-here`);
    const response = await GET(new Request(url));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("LTI_REGISTRATION_CONFIG_UNAVAILABLE");
  });

  it("refuses a javascript: authorization endpoint (it would become a redirect in Folio's origin) and stores nothing", async () => {
    const integration = await newIntegration();
    configOverride = { authorization_endpoint: "javascript:alert(document.domain)//" };
    const response = await register(integration.id);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("LTI_REGISTRATION_CONFIG_INVALID");
    expect(html).toContain("authorization_endpoint");
    expect(received.body).toBeUndefined();
    expect(await prisma.integration.findUniqueOrThrow({ where: { id: integration.id } })).toMatchObject({ authUrl: null, clientId: null });
  });

  it("refuses data: and other non-http endpoints in the configuration", async () => {
    for (const [field, value] of [["jwks_uri", "data:application/json,{}"], ["registration_endpoint", "file:///etc/passwd"], ["token_endpoint", "ftp://lms.example/token"]]) {
      const integration = await newIntegration();
      configOverride = { [field!]: value };
      const response = await register(integration.id);
      expect(await response.text(), field).toContain("LTI_REGISTRATION_CONFIG_INVALID");
    }
    expect(registrations).toBe(0);
  });

  it("refuses an openid_configuration URL that breaks the URL policy, before fetching it", async () => {
    const integration = await newIntegration();
    const url = new URL(await dynamicRegistrationUrl(integration.id));
    url.searchParams.set("openid_configuration", "data:application/json,{}");
    const response = await GET(new Request(url));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("LTI_REGISTRATION_URL_REFUSED");
  });

  it("does not echo what the configuration URL answered", async () => {
    const integration = await newIntegration();
    const url = new URL(await dynamicRegistrationUrl(integration.id));
    url.searchParams.set("openid_configuration", `${origin}/nothing-here`);
    const html = await (await GET(new Request(url))).text();
    expect(html).not.toContain("404");
  });

  it("registers exactly once when the same link is used twice at the same time", async () => {
    const integration = await newIntegration();
    holdUntil = 2;
    const responses = await Promise.all([register(integration.id), register(integration.id)]);
    expect(registrations).toBe(2);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const texts = await Promise.all(responses.map((r) => r.text()));
    expect(texts.some((t) => t.includes("LTI_REGISTRATION_ALREADY_DONE"))).toBe(true);
    const saved = await prisma.integration.findUniqueOrThrow({ where: { id: integration.id }, include: { deployments: true } });
    expect(saved.deployments).toHaveLength(1);
  });

  it("asks for grades, the roster, resource links and deep linking, and people's names and emails", async () => {
    const integration = await newIntegration();
    expect((await register(integration.id)).status).toBe(200);
    const body = received.body!;
    expect(String(body.scope).split(" ").sort()).toEqual([...ALL_SCOPES].sort());
    expect(body.grant_types).toContain("client_credentials");
    const config = body[TOOL_CONFIG] as { claims: string[]; messages: { type: string; target_link_uri: string; placements?: string[] }[] };
    expect(config.claims).toEqual(expect.arrayContaining(["sub", "name", "given_name", "family_name", "email"]));
    const byType = Object.fromEntries(config.messages.map((m) => [m.type, m]));
    expect(Object.keys(byType).sort()).toEqual(["LtiDeepLinkingRequest", "LtiResourceLinkRequest"]);
    expect(byType.LtiDeepLinkingRequest).toMatchObject({ target_link_uri: "http://localhost:3000/api/lti/launch" });
    expect(byType.LtiDeepLinkingRequest!.placements).toEqual(expect.arrayContaining(["ContentArea", "RichTextEditor", "https://canvas.instructure.com/lti/assignment_selection"]));
    expect(byType.LtiResourceLinkRequest!.placements).toEqual(["https://canvas.instructure.com/lti/course_navigation"]);
  });

  it("asks only for the scopes the platform lists as supported", async () => {
    const integration = await newIntegration();
    configOverride = { scopes_supported: ["openid", SCOPE.score, SCOPE.resultReadOnly, SCOPE.lineItemReadOnly] };
    expect((await register(integration.id)).status).toBe(200);
    expect(String(received.body!.scope).split(" ")).toEqual([SCOPE.lineItemReadOnly, SCOPE.resultReadOnly, SCOPE.score]);
  });

  it("asks for every service when the platform's scopes_supported is malformed", async () => {
    const integration = await newIntegration();
    configOverride = { scopes_supported: "openid score" };
    expect((await register(integration.id)).status).toBe(200);
    expect(String(received.body!.scope).split(" ")).toEqual(ALL_SCOPES);
  });

  it("records the scopes the platform granted, not the ones Folio asked for, and says which are off", async () => {
    const integration = await newIntegration();
    answerOverride = { scope: `${SCOPE.score} ${SCOPE.resultReadOnly} https://purl.imsglobal.org/spec/lti-ts/scope/toolsetting ${SCOPE.lineItemReadOnly}` };
    const response = await register(integration.id);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("but not the class roster");
    const saved = await prisma.integration.findUniqueOrThrow({ where: { id: integration.id } });
    expect(saved.grantedScopes).toEqual([SCOPE.lineItemReadOnly, SCOPE.resultReadOnly, SCOPE.score]);
  });

  it("records every service when granted, also from a list-shaped answer", async () => {
    const integration = await newIntegration();
    answerOverride = { scope: [...ALL_SCOPES].reverse() };
    const response = await register(integration.id);
    expect(await response.text()).toContain("turned on grades and the class roster");
    expect((await prisma.integration.findUniqueOrThrow({ where: { id: integration.id } })).grantedScopes).toEqual(ALL_SCOPES);
  });

  it("records no services when the answer names none", async () => {
    const integration = await newIntegration();
    const response = await register(integration.id);
    expect(await response.text()).toContain("did not confirm grades");
    expect((await prisma.integration.findUniqueOrThrow({ where: { id: integration.id } })).grantedScopes).toEqual([]);
  });
});
