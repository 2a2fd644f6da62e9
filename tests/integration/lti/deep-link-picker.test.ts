import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLocalJWKSet, jwtVerify } from "jose";
import { prisma } from "@/lib/db";
import { clearSigningKeyCache, listPublicJwks } from "@/lib/lti/keys";
import { getDeepLinkPicker, respondToDeepLink } from "@/lib/lti/deep-link-picker";
import { TestPlatform } from "@/tests/support/lti-platform";
import { launch, LTI_CLAIM_PREFIX as LTI } from "@/tests/support/lti-launch";
import { createLti13Integration, createPlan, createPublication, createUser } from "@/tests/support/factories";
import { createDeepLinkContext } from "@/lib/lti/deep-linking";
import { expectLaunchFailure } from "./helpers";
import { signInAs } from "@/tests/support/request-context";

const DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";
let platform: TestPlatform;
beforeEach(async () => {
  clearSigningKeyCache();
  platform = await TestPlatform.start();
});
afterEach(() => platform.close());

const LIS = "http://purl.imsglobal.org/vocab/lis/v2/";

async function deepLinkLaunch(roles: string[] = [`${LIS}membership#Instructor`]) {
  const { response } = await launch(platform, {
    claims: {
      [`${LTI}message_type`]: "LtiDeepLinkingRequest",
      [`${LTI}resource_link`]: undefined,
      [`${LTI}target_link_uri`]: undefined,
      [`${LTI}roles`]: roles,
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

  it("refuses learners, mentors and guests at launch with LTI_DEEP_LINK_ROLE_REFUSED, touching no account", async () => {
    const integration = await createLti13Integration(platform);
    for (const roles of [[`${LIS}membership#Learner`], [`${LIS}membership#Mentor`, `${LIS}institution/person#Student`], ["Learner"], [`${LIS}membership/Learner#Instructor`], []]) {
      const { response } = await launch(platform, {
        claims: {
          [`${LTI}message_type`]: "LtiDeepLinkingRequest", [`${LTI}resource_link`]: undefined, [`${LTI}target_link_uri`]: undefined, [`${LTI}roles`]: roles,
          [`${DL}deep_linking_settings`]: { deep_link_return_url: `${platform.issuer}/dl/return` },
        },
      });
      expect(response.status, JSON.stringify(roles)).toBe(403);
      expect(await response.clone().text()).toContain("Ask your instructor to add the book");
      await expectLaunchFailure(response, "LTI_DEEP_LINK_ROLE_REFUSED", { integrationId: integration.id });
    }
  });

  it("lets instructors, teaching assistants, content developers and administrators deep link", async () => {
    await createLti13Integration(platform);
    for (const role of [
      "Instructor", `${LIS}membership#TeachingAssistant`, `${LIS}membership/Instructor#TeachingAssistant`, `${LIS}membership#ContentDeveloper`,
      `${LIS}membership#Administrator`, `${LIS}institution/person#Instructor`, `${LIS}institution/person#Administrator`, `${LIS}system/person#Administrator`,
    ]) {
      const { response } = await launch(platform, {
        claims: {
          sub: `staff-${role}`, [`${LTI}message_type`]: "LtiDeepLinkingRequest", [`${LTI}resource_link`]: undefined, [`${LTI}target_link_uri`]: undefined,
          [`${LTI}roles`]: [`${LIS}membership#Learner`, role], [`${DL}deep_linking_settings`]: { deep_link_return_url: `${platform.issuer}/dl/return` },
        },
      });
      expect(response.status, role).toBe(303);
    }
  });

  it("refuses a picker token minted without the deep-linking role (as older tokens were)", async () => {
    const integration = await createLti13Integration(platform);
    const learner = await createUser();
    await signInAs(learner);
    const token = await createDeepLinkContext({ integrationId: integration.id, deploymentId: platform.deploymentId, returnUrl: `${platform.issuer}/r`, data: null, userId: learner.id } as never);
    await expect(getDeepLinkPicker(token)).rejects.toMatchObject({ code: "LTI_DEEP_LINK_CONTEXT_INVALID" });
  });

  it("offers and accepts only the books the integration's plan covers", async () => {
    const inPlan = await createPublication({ slug: "emma", title: "Emma" });
    await createPublication({ slug: "dracula", title: "Dracula" });
    const plan = await createPlan({ slug: "school", publicationIds: [inPlan.id] });
    const integration = await createLti13Integration(platform);
    await prisma.integration.update({ where: { id: integration.id }, data: { accessKind: "PLAN", planId: plan.id } });
    const { token, instructor } = await deepLinkLaunch();
    await signInAs(instructor);
    expect((await getDeepLinkPicker(token)).books.map((b) => b.slug)).toEqual(["emma"]);
    await expect(respondToDeepLink({ token, slug: "dracula" })).rejects.toMatchObject({ code: "LTI_DEEP_LINK_CHOICE_INVALID" });
    expect((await respondToDeepLink({ token, slug: "emma" })).status).toBe(200);
  });

  it("offers every published book for full access", async () => {
    await createPublication({ slug: "emma", title: "Emma" });
    await createPublication({ slug: "dracula", title: "Dracula" });
    await createLti13Integration(platform);
    const { token, instructor } = await deepLinkLaunch();
    await signInAs(instructor);
    expect((await getDeepLinkPicker(token)).books.map((b) => b.slug)).toEqual(["dracula", "emma"]);
  });
});

