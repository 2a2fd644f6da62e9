import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { prisma } from "@/lib/db";
import { clearSigningKeyCache } from "@/lib/lti/keys";
import { createDeepLinkingResponse, readDeepLinkContext } from "@/lib/lti/deep-linking";
import { TestPlatform } from "@/tests/support/lti-platform";
import { launch, LTI_CLAIM_PREFIX as LTI } from "@/tests/support/lti-launch";
import { createLti13Integration } from "@/tests/support/factories";
import { expectLaunchFailure } from "./helpers";

const DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";
let platform: TestPlatform;
beforeEach(async () => {
  clearSigningKeyCache();
  platform = await TestPlatform.start();
});
afterEach(() => platform.close());

describe("deep linking", () => {
  it("verifies the request, signs the instructor in and hands the picker a signed context", async () => {
    const integration = await createLti13Integration(platform);
    const { response } = await launch(platform, {
      claims: {
        [`${LTI}message_type`]: "LtiDeepLinkingRequest",
        [`${LTI}resource_link`]: undefined,
        [`${LTI}target_link_uri`]: undefined,
        [`${LTI}roles`]: ["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"],
        [`${DL}deep_linking_settings`]: { deep_link_return_url: `${platform.issuer}/dl/return`, accept_types: ["ltiResourceLink"], data: "opaque-42" },
      },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("set-cookie")).toMatch(/folio\.session=/);
    const location = new URL(response.headers.get("location")!);
    expect(location.pathname).toBe("/lti/deep-link");
    const context = await readDeepLinkContext(location.searchParams.get("token")!);
    const user = await prisma.user.findFirstOrThrow();
    expect(context).toEqual({
      integrationId: integration.id,
      deploymentId: platform.deploymentId,
      returnUrl: `${platform.issuer}/dl/return`,
      data: "opaque-42",
      userId: user.id,
      canDeepLink: true,
      courseId: null,
      ags: null,
    });
    expect((await prisma.launchLog.findFirstOrThrow()).messageType).toBe("LtiDeepLinkingRequest");
  });

  it("refuses a tampered or foreign context token", async () => {
    await expect(readDeepLinkContext("eyJhbGciOiJIUzI1NiJ9.e30.x")).rejects.toMatchObject({ code: "LTI_DEEP_LINK_CONTEXT_INVALID" });
  });

  it("builds a signed LtiDeepLinkingResponse and a page that posts it to the return URL", async () => {
    const { jwt, response } = await createDeepLinkingResponse({
      integration: { issuer: platform.issuer, clientId: platform.clientId },
      deploymentId: platform.deploymentId,
      returnUrl: `${platform.issuer}/dl/return?a=1&b=2`,
      data: "opaque-42",
      items: [{ title: "Moby Dick", url: "http://localhost:3000/read/moby-dick", custom: { publication: "moby-dick" } }],
    });
    expect(decodeProtectedHeader(jwt)).toMatchObject({ alg: "RS256" });
    const claims = decodeJwt(jwt);
    expect(claims).toMatchObject({
      iss: platform.clientId,
      aud: platform.issuer,
      [`${LTI}message_type`]: "LtiDeepLinkingResponse",
      [`${LTI}version`]: "1.3.0",
      [`${LTI}deployment_id`]: platform.deploymentId,
      [`${DL}data`]: "opaque-42",
      [`${DL}content_items`]: [{ type: "ltiResourceLink", title: "Moby Dick", url: "http://localhost:3000/read/moby-dick", custom: { publication: "moby-dick" } }],
    });
    expect(typeof claims.nonce).toBe("string");
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(600);
    const html = await response.text();
    expect(html).toContain(`action="${platform.issuer}/dl/return?a=1&#38;b=2"`);
    expect(html).toContain(`name="JWT" value="${jwt}"`);
    expect(html).toContain(".submit()");
    // Its CSP lets exactly its inline script run and its form post to the platform, in an LMS frame.
    const csp = response.headers.get("content-security-policy")!;
    const script = /<script>([^<]*)<\/script>/.exec(html)![1]!;
    expect(csp).toContain(`script-src 'sha256-${createHash("sha256").update(script).digest("base64")}'`);
    expect(csp).toContain(`form-action 'self' ${new URL(platform.issuer).origin}`);
    expect(csp).toMatch(/frame-ancestors 'self' https:/);
  });

  it("refuses a deep linking request whose return URL is javascript: (LTI_DEEP_LINK_RETURN_URL_REFUSED), touching no account", async () => {
    const integration = await createLti13Integration(platform);
    const { response } = await launch(platform, {
      claims: {
        [`${LTI}message_type`]: "LtiDeepLinkingRequest",
        [`${LTI}resource_link`]: undefined,
        [`${LTI}target_link_uri`]: undefined,
        [`${LTI}roles`]: ["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"],
        [`${DL}deep_linking_settings`]: { deep_link_return_url: "javascript:alert(document.domain)//", accept_types: ["ltiResourceLink"] },
      },
    });
    await expectLaunchFailure(response, "LTI_DEEP_LINK_RETURN_URL_REFUSED", { integrationId: integration.id });
  });

  it("does not build the return form for a return URL that breaks the URL policy", async () => {
    for (const returnUrl of ["javascript:alert(document.domain)//", "data:text/html,<script>1</script>"]) {
      await expect(createDeepLinkingResponse({
        integration: { issuer: platform.issuer, clientId: platform.clientId },
        deploymentId: platform.deploymentId,
        returnUrl,
        items: [{ title: "Moby Dick", url: "http://localhost:3000/api/lti/launch" }],
      })).rejects.toMatchObject({ code: "LTI_DEEP_LINK_RETURN_URL_REFUSED" });
    }
  });
});

