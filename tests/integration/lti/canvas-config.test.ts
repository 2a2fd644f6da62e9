import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/lti/canvas/[file]/route";
import { env } from "@/lib/env";
import { SCOPE } from "@/lib/lti/claims";
import { createLti11Integration, createLti13Integration } from "@/tests/support/factories";

const base = env.APP_URL.replace(/\/+$/, "");

function fetchConfig(file: string, headers: Record<string, string> = {}) {
  return GET(new Request(`${base}/api/lti/canvas/${file}`, { headers }), { params: Promise.resolve({ file }) });
}

const lms = { issuer: "https://canvas.example.edu", clientId: "10000000000042", authUrl: "https://sso.example.edu/auth", jwksUrl: "https://sso.example.edu/jwks", deploymentId: "d-1" };

describe("Canvas developer-key configuration", () => {
  it("describes Folio with URLs from APP_URL, the service scopes and the four placements", async () => {
    const integration = await createLti13Integration(lms, { name: "State University" });
    // No cookie and no session: Canvas fetches this from its own servers.
    const response = await fetchConfig(`${integration.id}.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const config = await response.json();

    // Only public values: a new key here must be a deliberate change (no secret may appear).
    expect(Object.keys(config).sort()).toEqual(["description", "extensions", "oidc_initiation_url", "public_jwk_url", "scopes", "target_link_uri", "title"]);
    expect(JSON.stringify(config)).not.toContain(lms.clientId);
    expect(config).toMatchObject({
      title: "Folio — State University",
      oidc_initiation_url: `${base}/api/lti/login`,
      target_link_uri: `${base}/api/lti/launch`,
      public_jwk_url: `${base}/api/lti/jwks`,
    });
    expect(config.scopes).toEqual([SCOPE.lineItem, SCOPE.lineItemReadOnly, SCOPE.resultReadOnly, SCOPE.score, SCOPE.memberships]);

    expect(config.extensions).toHaveLength(1);
    const [canvas] = config.extensions;
    expect(canvas).toMatchObject({ platform: "canvas.instructure.com", privacy_level: "public", domain: new URL(base).host });
    const placements = Object.fromEntries(canvas.settings.placements.map((p: { placement: string }) => [p.placement, p]));
    expect(Object.keys(placements).sort()).toEqual(["assignment_selection", "course_navigation", "editor_button", "link_selection"]);
    expect(placements.course_navigation).toMatchObject({ message_type: "LtiResourceLinkRequest", target_link_uri: `${base}/api/lti/launch` });
    for (const name of ["link_selection", "assignment_selection", "editor_button"]) {
      expect(placements[name], name).toMatchObject({ message_type: "LtiDeepLinkingRequest", target_link_uri: `${base}/api/lti/launch`, enabled: true });
    }
    expect(placements.editor_button.icon_url).toBe(`${base}/icon.svg`);
  });

  it("answers an unknown id, an LTI 1.1 integration and a malformed name with the same 404", async () => {
    const { integration: lti11 } = await createLti11Integration();
    const answers = await Promise.all([fetchConfig("doesnotexist0000000000000.json"), fetchConfig(`${lti11.id}.json`)]);
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(answers.map((r) => r.status)).toEqual([404, 404]);
    expect(bodies[0]).toEqual(bodies[1]);

    const lti13 = await createLti13Integration(lms);
    for (const file of [lti13.id, `${lti13.id}.xml`, `../${lti13.id}.json`, `${lti13.id.toUpperCase()}.json`]) {
      expect((await fetchConfig(file)).status, file).toBe(404);
    }
  });

  it("still answers for a disabled integration (the configuration grants nothing by itself)", async () => {
    const integration = await createLti13Integration(lms, { enabled: false });
    expect((await fetchConfig(`${integration.id}.json`)).status).toBe(200);
  });
});
