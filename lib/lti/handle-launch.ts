import "server-only";
import type { HttpRequest } from "@/lib/http/request";
import { appOrigin } from "@/lib/env";
import { allowedUrl } from "@/lib/http/url-policy";
import { LtiError } from "@/lib/lti/errors";
import { initiateLogin, launchUrl } from "@/lib/lti/login";
import { NeedsNewWindow, NeedsPlatformStorage } from "@/lib/lti/login-state";
import { newWindowPage } from "@/lib/lti/new-window-page";
import { fetchAndResubmitPage, storageKey } from "@/lib/lti/platform-storage";
import { prisma } from "@/lib/db";
import { verifyLaunch } from "@/lib/lti/launch";
import { verifiedLegacyIdentity } from "@/lib/lti/lti1p1";
import { provisionLtiUser } from "@/lib/lti/provision";
import { recordLaunch } from "@/lib/lti/launch-log";
import { landingResponse, redirectWithSession } from "@/lib/lti/landing";
import { ltiFailureResponse } from "@/lib/lti/failure-page";
import { createDeepLinkContext } from "@/lib/lti/deep-linking";
import { CLAIM, nameHintFrom, publicationSlugFrom } from "@/lib/lti/claims";
import { agsFrom, courseFromClaims } from "@/lib/lti/course-claims";

// What the LTI 1.3 route handlers run: protocol, provisioning, log, and the answer.

// `attributable`: the failure happened after the launch's login state was found (so it is the
// integration's own); a login initiation only names a public issuer, which anyone can send.
async function fail(error: unknown, messageType: string | null, attributable: boolean): Promise<Response> {
  const lti = error instanceof LtiError ? error : new LtiError("LTI_INTERNAL", "Unexpected error during the launch.");
  if (!(error instanceof LtiError)) console.error("LTI launch failed unexpectedly", error);
  try {
    await recordLaunch({ integrationId: lti.integrationId, attributable, outcome: "FAILURE", errorCode: lti.code, detail: lti.message, ltiVersion: "1.3", messageType });
  } catch (logError) {
    console.error("Could not record a failed LTI launch", logError);
  }
  const page = ltiFailureResponse(lti);
  return error instanceof LtiError ? page : new Response(page.body, { status: 500, headers: page.headers });
}

/** The binding cookie was blocked: read it back from the platform's storage and post again. */
async function retryThroughPlatformStorage(need: NeedsPlatformStorage): Promise<Response | null> {
  const integration = await prisma.integration.findUnique({ where: { id: need.integrationId }, select: { authUrl: true } });
  const authUrl = allowedUrl(integration?.authUrl);
  if (!need.launch || !authUrl) return null;
  return fetchAndResubmitPage({
    target: need.target,
    platformOrigin: authUrl.origin,
    key: storageKey(need.launch.state),
    idToken: need.launch.idToken,
    state: need.launch.state,
    action: launchUrl(),
  });
}

/** What the picker needs to offer a graded link: the platform lets Folio create line items. */
function deepLinkAgs(claims: Parameters<typeof agsFrom>[0]): { lineItemsUrl: string | null; scopes: string[] } | null {
  const ags = agsFrom(claims);
  return ags ? { lineItemsUrl: ags.lineItemsUrl, scopes: ags.scopes } : null;
}

export async function handleLogin(request: HttpRequest): Promise<Response> {
  try {
    return await initiateLogin(request);
  } catch (error) {
    return fail(error, null, false);
  }
}

export async function handleLaunch(request: HttpRequest): Promise<Response> {
  let messageType: string | null = null;
  try {
    const launch = await verifyLaunch(request);
    const { integration, claims } = launch;
    messageType = launch.messageType;
    const legacy = await verifiedLegacyIdentity(claims, { clientId: integration.clientId, deploymentId: launch.deploymentId, integrationId: integration.id });
    const course = courseFromClaims(claims, claims[CLAIM.roles] as string[], appOrigin);
    const { user, place } = await provisionLtiUser({
      integrationId: integration.id,
      platformKey: `lti13|${integration.issuer}|${integration.clientId}`,
      subject: launch.subject,
      nameHint: nameHintFrom(claims),
      emailHint: claims.email ?? null,
      legacy,
      course,
    }, { ltiVersion: "1.3", messageType });
    if (launch.messageType === "LtiDeepLinkingRequest") {
      const settings = claims[CLAIM.deepLinkingSettings] as { deep_link_return_url: string; data?: string };
      const token = await createDeepLinkContext({
        integrationId: integration.id,
        deploymentId: launch.deploymentId,
        returnUrl: settings.deep_link_return_url,
        data: settings.data ?? null,
        userId: user.id,
        canDeepLink: true, // checkLtiClaims refused every other role
        courseId: place.courseId,
        ags: deepLinkAgs(claims),
      });
      return redirectWithSession(`/lti/deep-link?token=${encodeURIComponent(token)}`, user);
    }
    return landingResponse({ user, publicationSlug: publicationSlugFrom(claims, appOrigin), place, instructor: course.instructor });
  } catch (error) {
    if (error instanceof NeedsNewWindow) {
      await recordLaunch({
        integrationId: error.integrationId, attributable: true, outcome: "FAILURE", errorCode: "LTI_COOKIES_BLOCKED",
        detail: "The browser blocked Folio's cookie in the LMS frame; the student was offered a new window.", ltiVersion: "1.3", messageType,
      });
      return newWindowPage(error.relaunchUrl);
    }
    if (error instanceof NeedsPlatformStorage) {
      const retry = await retryThroughPlatformStorage(error);
      if (retry) return retry;
      const lti = new LtiError("LTI_STATE_BROWSER_MISMATCH", "No binding cookie and no platform storage.", { integrationId: error.integrationId });
      return fail(lti, messageType, true);
    }
    return fail(error, messageType, true);
  }
}
