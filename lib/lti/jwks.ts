import "server-only";
import { listPublicJwks } from "@/lib/lti/keys";

/** The tool's public JWKS, as platforms fetch it. */
export async function toolJwksResponse(): Promise<Response> {
  const keys = await listPublicJwks();
  return Response.json(
    { keys },
    { headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" } },
  );
}
