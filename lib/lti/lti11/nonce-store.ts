import "server-only";
import { sql } from "@/lib/sql";

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
  const rows = await sql("lti11-consume-nonce", `
    insert into "LtiOAuthNonce" ("consumerKey", nonce, timestamp, "createdAt") values ($1, $2, $3, now())
    on conflict do nothing returning 1`, [consumerKey, nonce, timestamp]);
  return rows.length === 1;
}

/** Deletes nonces that can no longer be replayed. */
export async function pruneNonces(now = new Date()): Promise<number> {
  const rows = await sql("lti11-prune-nonces", `delete from "LtiOAuthNonce" where "createdAt" < $1 returning 1`, [new Date(now.getTime() - KEEP_MS)]);
  return rows.length;
}
