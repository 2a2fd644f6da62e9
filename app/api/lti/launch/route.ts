import { formRoute } from "@/lib/http/form-post";
import { handleLaunch } from "@/lib/lti/handle-launch";

// The platform form-POSTs id_token and state here (the redirect URI).
export const dynamic = "force-dynamic";
export const POST = formRoute(handleLaunch);
