import { prisma } from "@/lib/db";
import { POST } from "@/app/api/lti/11/launch/route";
import { createLti11Integration } from "@/tests/support/factories";
import { basicLaunchParams, launchRequest } from "@/tests/support/lti11-launch";

/** A student who arrived through a real, signed LTI 1.1 launch. */
export async function launchStudent(options: { planId?: string; userId?: string; email?: string } = {}) {
  const lti = await createLti11Integration({ planId: options.planId });
  const params = basicLaunchParams({ user_id: options.userId ?? "student-7", lis_person_contact_email_primary: options.email ?? "ada@school.example" });
  const launch = () => POST(launchRequest({ consumerKey: lti.consumerKey, secret: lti.sharedSecret, params }));
  const response = await launch();
  if (response.status !== 303) throw new Error(`launch failed: ${response.headers.get("x-lti-error")}`);
  const identity = await prisma.ltiIdentity.findFirstOrThrow({ where: { platformKey: `lti11|${lti.consumerKey}` } });
  return { userId: identity.userId, integration: lti.integration, launchAgain: launch };
}
