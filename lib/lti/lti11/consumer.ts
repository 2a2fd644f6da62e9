import "server-only";
import { sql } from "@/lib/sql";
import { decryptSecret } from "@/lib/crypto/secret-box";

export type Lti11Consumer = { integrationId: string; consumerKey: string; enabled: boolean; sharedSecret: string };

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
    sharedSecret: decryptSecret(integration.sharedSecretEnc),
  };
}
