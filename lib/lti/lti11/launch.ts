import "server-only";
import type { HttpRequest } from "@/lib/http/request";
import { LtiError } from "@/lib/lti/errors";
import { ltiFailureResponse } from "@/lib/lti/failure-page";
import { landingResponse } from "@/lib/lti/landing";
import { recordLaunch } from "@/lib/lti/launch-log";
import { provisionLtiUser } from "@/lib/lti/provision";
import { parseLaunchParams } from "@/lib/lti/lti11/launch-params";
import { verifyOAuthRequest } from "@/lib/lti/lti11/verify-oauth";

/** The platform key under which LTI 1.1 identities are stored: the consumer key names the platform. */
export function lti11PlatformKey(consumerKey: string): string {
  return `lti11|${consumerKey}`;
}

// A named LtiError is the launch's fault: a 4xx page. Anything else is ours: logged, then a 500.
async function fail(error: unknown, integrationId: string | null): Promise<Response> {
  const known = error instanceof LtiError;
  const lti = known ? error.withIntegration(integrationId) : new LtiError("LTI11_INTERNAL", "Unexpected error during the launch.", { integrationId });
  if (!known) console.error("LTI 1.1 launch failed unexpectedly", error);
  try {
    // Attributed to an integration only once its consumer key matched (verify-oauth.ts).
    await recordLaunch({ integrationId: lti.integrationId, attributable: true, outcome: "FAILURE", errorCode: lti.code, detail: lti.message, ltiVersion: "1.1" });
  } catch (logError) {
    console.error("Could not record a failed LTI 1.1 launch", logError);
  }
  const page = ltiFailureResponse(lti);
  return known ? page : new Response(page.body, { status: 500, headers: page.headers });
}

/**
 * An LTI 1.1 basic launch: verify the OAuth signature and the LTI parameters, provision the
 * person, and land them in the library (or the book in custom_publication) signed in.
 * Every refusal is logged with its code and answered with a plain 4xx page and no session.
 */
export async function handleLti11Launch(request: HttpRequest): Promise<Response> {
  let integrationId: string | null = null;
  try {
    const verified = await verifyOAuthRequest(request);
    integrationId = verified.integrationId;
    const launch = parseLaunchParams(verified.params, integrationId);
    const { user, place } = await provisionLtiUser({
      integrationId,
      platformKey: lti11PlatformKey(verified.consumerKey),
      subject: launch.userId,
      nameHint: launch.nameHint,
      emailHint: launch.emailHint,
      legacy: null,
      course: launch.course,
    }, { ltiVersion: "1.1", messageType: launch.messageType });
    return await landingResponse({ user, publicationSlug: launch.publicationSlug, place, instructor: launch.course.instructor });
  } catch (error) {
    return fail(error, integrationId);
  }
}
