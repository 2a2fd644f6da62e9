import { handleLogin } from "@/lib/lti/handle-launch";

// OIDC login initiation; platforms use GET or POST.
export const dynamic = "force-dynamic";
export const GET = (request: Request) => handleLogin(request);
export const POST = (request: Request) => handleLogin(request);
