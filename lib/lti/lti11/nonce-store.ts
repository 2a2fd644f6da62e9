import "server-only";
import { prisma, isUniqueViolation } from "@/lib/db";

/** How far oauth_timestamp may be from our clock, either way (seconds). */
export const TIMESTAMP_WINDOW_SECONDS = 5 * 60;

// A nonce stored at time t carries a timestamp ≥ t − window, so the timestamp check refuses any
// replay after t + 2 × window: rows older than that can go.
const KEEP_MS = 2 * TIMESTAMP_WINDOW_SECONDS * 1000;

/**
 * Records a nonce for a consumer key. Returns false when it was already used: the primary key
 * (consumerKey, nonce) decides, in Postgres, so two instances racing on one nonce cannot both win.
 */
export async function consumeNonce(consumerKey: string, nonce: string, timestamp: number): Promise<boolean> {
  try {
    await prisma.ltiOAuthNonce.create({ data: { consumerKey, nonce, timestamp: BigInt(timestamp) } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Deletes nonces that can no longer be replayed. */
export async function pruneNonces(now = new Date()): Promise<number> {
  const { count } = await prisma.ltiOAuthNonce.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - KEEP_MS) } } });
  return count;
}
