import { toolJwksResponse } from "@/lib/lti/jwks";

export const dynamic = "force-dynamic";
export const GET = () => toolJwksResponse();
