import "server-only";
import { createHmac } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { appOrigin, env } from "@/lib/env";
import { LtiError } from "@/lib/lti/errors";

// The one URL an institution admin pastes into the LMS for dynamic registration carries a
// signed token naming the integration, so nobody can register a platform against another.
const AUDIENCE = "folio:lti-dynamic-registration";
const key = createHmac("sha256", env.AUTH_SECRET).update("folio/lti/dynamic-registration").digest();

export async function dynamicRegistrationUrl(integrationId: string): Promise<string> {
  const token = await new SignJWT({ integrationId })
    .setProtectedHeader({ alg: "HS256" })
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime("30d")
    .sign(key);
  return `${appOrigin}/api/lti/register?token=${token}`;
}

export async function readRegistrationToken(token: string | null): Promise<string> {
  try {
    const { payload } = await jwtVerify(token ?? "", key, { algorithms: ["HS256"], audience: AUDIENCE });
    if (typeof payload.integrationId !== "string") throw new Error("no integration");
    return payload.integrationId;
  } catch {
    throw new LtiError("LTI_REGISTRATION_LINK_INVALID", "This registration link is invalid or expired: copy a fresh one from Folio's Integrations page.", { status: 403 });
  }
}
