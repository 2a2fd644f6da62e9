import "server-only";
import { sql } from "@/lib/sql";
import { decryptSecret, SecretUnreadableError } from "@/lib/crypto/secret-box";
import { lti11Error } from "@/lib/lti/lti11/codes";

export type Lti11Consumer = { integrationId: string; consumerKey: string; enabled: boolean; sharedSecret: string };

/** The shared secret; a secret that ENCRYPTION_KEY cannot open fails the launch with a named code. */
export function openSharedSecret(sealed: string, integrationId: string): string {
  try {
    return decryptSecret(sealed);
  } catch (error) {
    if (!(error instanceof SecretUnreadableError)) throw error;
    // For the operator: the launch page shows only the code. No secret is in this message.
    console.warn(`LTI launch: integration ${integrationId}'s shared secret does not open with ENCRYPTION_KEY; was the key changed?`);
    throw lti11Error("SECRET_UNREADABLE", "The shared secret cannot be decrypted: ENCRYPTION_KEY is not the key it was stored with.", integrationId);
  }
}

/**
 * The LTI 1.1 integration that owns a consumer key, with its shared secret decrypted, or null.
 * For the launch verifier and the lti1p1 upgrade check only: the secret must not leave the server.
 */
export async function findLti11Consumer(consumerKey: string): Promise<Lti11Consumer | null> {
  const [integration] = await sql<{ id: string; enabled: boolean; consumerKey: string; sharedSecretEnc: string | null }>("lti11-find-consumer", `
    select id, enabled, "consumerKey", "sharedSecretEnc" from "Integration" where "consumerKey" = $1 and kind = 'LTI11'`, [consumerKey]);
  if (!integration?.sharedSecretEnc) return null;
  return {
    integrationId: integration.id,
    consumerKey: integration.consumerKey,
    enabled: integration.enabled,
    sharedSecret: openSharedSecret(integration.sharedSecretEnc, integration.id),
  };
}
