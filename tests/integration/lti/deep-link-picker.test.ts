import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLocalJWKSet, jwtVerify } from "jose";
import { prisma } from "@/lib/db";
import { clearSigningKeyCache, listPublicJwks } from "@/lib/lti/keys";
import { getDeepLinkPicker, respondToDeepLink } from "@/lib/lti/deep-link-picker";
import { TestPlatform } from "@/tests/support/lti-platform";
import { launch, LTI_CLAIM_PREFIX as LTI } from "@/tests/support/lti-launch";
import { createLti13Integration, createPublication, createUser } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";

const DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";
let platform: TestPlatform;
beforeEach(async () => {
  clearSigningKeyCache();
  platform = await TestPlatform.start();
});
afterEach(() => platform.close());

async function deepLinkLaunch() {
  const { response } = await launch(platform, {
    claims: {
      [`${LTI}message_type`]: "LtiDeepLinkingRequest",
      [`${LTI}resource_link`]: undefined,
      [`${LTI}target_link_uri`]: undefined,
      [`${DL}deep_linking_settings`]: { deep_link_return_url: `${platform.issuer}/dl/return`, accept_types: ["ltiResourceLink"], data: "ctx-7" },
    },
  });
  const token = new URL(response.headers.get("location")!).searchParams.get("token")!;
  const instructor = await prisma.user.findFirstOrThrow();
  return { token, instructor };
}

describe("the deep-linking picker", () => {
  it("sends the chosen book back to the LMS as a signed resource link that opens it", async () => {
    await createLti13Integration(platform);
    await createPublication({ slug: "emma", title: "Emma" });
    const { token, instructor } = await deepLinkLaunch();
    await signInAs(instructor);

    const picker = await getDeepLinkPicker(token);
    expect(picker.books.map((b) => b.slug)).toEqual(["emma"]);

    const page = await (await respondToDeepLink({ token, slug: "emma" })).text();
    const jwt = /name="JWT" value="([^"]+)"/.exec(page)![1]!;
    const { payload } = await jwtVerify(jwt, createLocalJWKSet({ keys: await listPublicJwks() }), { issuer: platform.clientId, audience: platform.issuer });
    expect(payload[`${DL}data`]).toBe("ctx-7");
    expect(payload[`${DL}content_items`]).toEqual([
      { type: "ltiResourceLink", title: "Emma", url: "http://localhost:3000/api/lti/launch", custom: { publication: "emma" } },
    ]);
  });

  it("refuses the context to anyone but the person the launch signed in", async () => {
    await createLti13Integration(platform);
    await createPublication({ slug: "emma" });
    const { token } = await deepLinkLaunch();
    await signInAs(await createUser());
    await expect(getDeepLinkPicker(token)).rejects.toMatchObject({ code: "LTI_DEEP_LINK_CONTEXT_INVALID", status: 403 });
    await expect(respondToDeepLink({ token, slug: "emma" })).rejects.toMatchObject({ code: "LTI_DEEP_LINK_CONTEXT_INVALID" });
  });

  it("refuses an unpublished or unknown book", async () => {
    await createLti13Integration(platform);
    await createPublication({ slug: "draft", published: false });
    const { token, instructor } = await deepLinkLaunch();
    await signInAs(instructor);
    await expect(respondToDeepLink({ token, slug: "draft" })).rejects.toMatchObject({ code: "LTI_DEEP_LINK_CHOICE_INVALID" });
    await expect(respondToDeepLink({ token })).rejects.toMatchObject({ code: "LTI_DEEP_LINK_CHOICE_INVALID" });
  });
});
