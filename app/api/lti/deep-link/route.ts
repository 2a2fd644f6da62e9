import { formRoute } from "@/lib/http/form-post";
import { respondToDeepLink } from "@/lib/lti/deep-link-picker";
import { LtiError } from "@/lib/lti/errors";
import { ltiFailureResponse } from "@/lib/lti/failure-page";

/** The picker's form posts here; the answer posts the signed choice back to the LMS. */
export const POST = formRoute(async (request) => {
  const form = new URLSearchParams(await request.text());
  try {
    return await respondToDeepLink({ token: form.get("token"), slug: form.get("slug") });
  } catch (error) {
    if (error instanceof LtiError) return ltiFailureResponse(error);
    throw error;
  }
});
