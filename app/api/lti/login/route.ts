import { formRoute } from "@/lib/http/form-post";
import { handleLogin } from "@/lib/lti/handle-launch";

// OIDC login initiation; platforms use GET or POST.
export const dynamic = "force-dynamic";
export const GET = formRoute(handleLogin);
export const POST = formRoute(handleLogin);
