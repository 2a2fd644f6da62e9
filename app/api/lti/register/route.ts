import { registerDynamically } from "@/lib/lti/dynamic-registration";
import { registrationDonePage, registrationFailedPage } from "@/lib/lti/registration-page";
import { LtiError } from "@/lib/lti/errors";

/** The dynamic-registration URL the institution admin pastes into the LMS. */
export async function GET(request: Request) {
  try {
    return registrationDonePage(await registerDynamically(new URL(request.url)));
  } catch (error) {
    if (error instanceof LtiError) return registrationFailedPage(error);
    throw error;
  }
}
