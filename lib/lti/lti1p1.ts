import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { prisma } from "@/lib/db";
import { decryptSecret, SecretUnreadableError } from "@/lib/crypto/secret-box";
import { LtiError } from "@/lib/lti/errors";
import { CLAIM, lti1p1Schema, type IdToken } from "@/lib/lti/claims";

// LTI 1.1 → 1.3 migration claim (LTI 1.3 Core, "LTI 1.1 migration claim"): the platform proves
// it knows the 1.1 shared secret by signing the launch with it, so the 1.1 account is adopted.

/** base64(HMAC-SHA256(secret, key & deployment_id & iss & client_id & exp & nonce)) */
export function signLti1p1(
  secret: string,
  parts: { consumerKey: string; deploymentId: string; iss: string; clientId: string; exp: number; nonce: string },
): string {
  const base = [parts.consumerKey, parts.deploymentId, parts.iss, parts.clientId, String(parts.exp), parts.nonce].join("&");
  return createHmac("sha256", secret).update(base, "utf8").digest("base64");
}

function openLegacySecret(sealed: string, integrationId: string | null): string {
  try {
    return decryptSecret(sealed);
  } catch (error) {
    if (!(error instanceof SecretUnreadableError)) throw error;
    console.warn("LTI launch: an LTI 1.1 shared secret (lti1p1 claim) does not open with ENCRYPTION_KEY; was the key changed?");
    throw new LtiError("LTI_LEGACY_SECRET_UNREADABLE", "The LTI 1.1 shared secret cannot be decrypted: ENCRYPTION_KEY is not the key it was stored with.", { status: 401, integrationId });
  }
}

/**
 * The LTI 1.1 identity this launch proves, or null when there is no claim, no LTI 1.1
 * integration with that consumer key, or the signature does not verify.
 */
export async function verifiedLegacyIdentity(
  claims: IdToken,
  ctx: { clientId: string; deploymentId: string; integrationId?: string },
): Promise<{ platformKey: string; subject: string } | null> {
  const parsed = lti1p1Schema.safeParse(claims[CLAIM.lti1p1]);
  if (!parsed.success || !claims.iss || claims.exp === undefined || !claims.nonce) return null;
  const { user_id, oauth_consumer_key, oauth_consumer_key_sign } = parsed.data;
  const legacy = await prisma.integration.findUnique({
    where: { consumerKey: oauth_consumer_key },
    select: { kind: true, sharedSecretEnc: true },
  });
  if (!legacy || legacy.kind !== "LTI11" || !legacy.sharedSecretEnc) return null;
  const expected = signLti1p1(openLegacySecret(legacy.sharedSecretEnc, ctx.integrationId ?? null), {
    consumerKey: oauth_consumer_key,
    deploymentId: ctx.deploymentId,
    iss: claims.iss,
    clientId: ctx.clientId,
    exp: claims.exp,
    nonce: claims.nonce,
  });
  const a = Buffer.from(expected);
  const b = Buffer.from(oauth_consumer_key_sign);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  return { platformKey: `lti11|${oauth_consumer_key}`, subject: user_id };
}
