import { appOrigin } from "@/lib/env";
import { formRoute } from "@/lib/http/form-post";
import { DeepLinkChoiceError, respondToDeepLink } from "@/lib/lti/deep-link-picker";
import { LtiError } from "@/lib/lti/errors";
import { ltiFailureResponse } from "@/lib/lti/failure-page";

const FIELDS = ["token", "slug", "scope", "start", "end", "title", "autoTitle", "graded", "score"] as const;

/** Back to the picker with what was chosen and why it was refused: nothing goes to the LMS. */
function backToPicker(error: DeepLinkChoiceError, form: URLSearchParams): Response {
  const query = new URLSearchParams({ token: form.get("token") ?? "" });
  if (error.problem !== "book") {
    const kept: [string, string | null][] = [["book", form.get("slug")], ["scope", form.get("scope")], ["start", form.get("start")], ["end", form.get("end")],
      ["title", form.get("title")], ["graded", form.get("graded") ? "1" : null], ["score", form.get("score")]];
    for (const [name, value] of kept) if (value) query.set(name, value.slice(0, 400));
  }
  query.set("problem", error.problem);
  return new Response(null, { status: 303, headers: { location: new URL(`/lti/deep-link?${query}`, appOrigin).toString(), "cache-control": "no-store" } });
}

/** The picker's form posts here; the answer posts the signed choice back to the LMS. */
export const POST = formRoute(async (request) => {
  const form = new URLSearchParams(await request.text());
  try {
    return await respondToDeepLink(Object.fromEntries(FIELDS.map((name) => [name, form.get(name)])));
  } catch (error) {
    if (error instanceof DeepLinkChoiceError && form.get("token")) return backToPicker(error, form);
    if (error instanceof LtiError) return ltiFailureResponse(error);
    throw error;
  }
});
