import { formRoute } from "@/lib/http/form-post";
import { handleLti11Launch } from "@/lib/lti/lti11/launch";

// LTI 1.1 basic launch: a form POST signed with OAuth 1.0a (lib/lti/lti11).
export const dynamic = "force-dynamic";
export const POST = formRoute(handleLti11Launch);
