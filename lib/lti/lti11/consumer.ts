import "server-only";
import { prisma } from "@/lib/db";
import { decryptSecret } from "@/lib/crypto/secret-box";

export type Lti11Consumer = { integrationId: string; consumerKey: string; enabled: boolean; sharedSecret: string };

/**
 * The LTI 1.1 integration that owns a consumer key, with its shared secret decrypted, or null.
 * For the launch verifier and the lti1p1 upgrade check only: the secret must not leave the server.
 */
export async function findLti11Consumer(consumerKey: string): Promise<Lti11Consumer | null> {
  const integration = await prisma.integration.findUnique({
    where: { consumerKey },
    select: { id: true, kind: true, enabled: true, consumerKey: true, sharedSecretEnc: true },
  });
  if (!integration || integration.kind !== "LTI11" || !integration.sharedSecretEnc || !integration.consumerKey) return null;
  return {
    integrationId: integration.id,
    consumerKey: integration.consumerKey,
    enabled: integration.enabled,
    sharedSecret: decryptSecret(integration.sharedSecretEnc),
  };
}
