import { prisma } from "@/lib/db";
import { POST } from "@/app/api/lti/11/launch/route";
import { createAdminUser, createLti11Integration } from "@/tests/support/factories";
import { basicLaunchParams, launchRequest } from "@/tests/support/lti11-launch";
import { setRequestHeaders, signInAs } from "@/tests/support/request-context";

/** The NEXT_HTTP_ERROR_FALLBACK status a server action answered with (403 for a reader), or null. */
export async function httpStatusOf(run: Promise<unknown>): Promise<number | null> {
  try {
    await run;
    return null;
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (!digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;")) throw error;
    return Number(digest.split(";")[1]);
  }
}

/** An administrator, signed in for the calls that follow; `cookie` switches back to them. */
export async function signInAdmin() {
  const admin = await createAdminUser({ email: `owner-${Math.random().toString(36).slice(2)}@store.example` });
  const cookie = await signInAs(admin);
  return { admin, cookie, use: () => setRequestHeaders({ cookie }) };
}

/** An LTI 1.1 integration whose launches sign people in as their LMS would. */
export async function lti11Integration(name = "Old Moodle") {
  const lti = await createLti11Integration({ name });
  const launch = async (params: Record<string, string>) => {
    const response = await POST(launchRequest({ consumerKey: lti.consumerKey, secret: lti.sharedSecret, params: basicLaunchParams(params) }));
    if (response.status !== 303) throw new Error(`launch failed: ${response.headers.get("x-lti-error")}`);
    const identity = await prisma.ltiIdentity.findUniqueOrThrow({ where: { platformKey_subject: { platformKey: `lti11|${lti.consumerKey}`, subject: params.user_id! } } });
    return identity.userId;
  };
  return { ...lti, launch };
}
