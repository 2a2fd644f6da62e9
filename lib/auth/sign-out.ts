import "server-only";
import type { JWTPayload } from "jose";
import { sql } from "@/lib/sql";

// Signing out records the session's ID as revoked until the session would have ended anyway
// (`sxp`); the session check (lib/auth/session.ts) refuses revoked IDs in the statement that
// already reads the user, so this costs signed-in requests no extra round trip. Expired rows
// are deleted by the sign-outs that come after them, a bounded batch each time.
const REVOKE = `
  with pruned as (
    delete from "RevokedSession" where sid in (select sid from "RevokedSession" where "expiresAt" < now() limit 100)
  )
  insert into "RevokedSession" (sid, "expiresAt") values ($1, $2)
  on conflict (sid) do update set "expiresAt" = greatest("RevokedSession"."expiresAt", excluded."expiresAt")`;

/** Ends the session this token belongs to, on the server: its cookie stops working everywhere. */
export async function revokeSession(token: JWTPayload | null | undefined): Promise<void> {
  const sid = typeof token?.sid === "string" ? token.sid : null;
  if (!sid) return; // not a session Folio can name, and the session check refuses such tokens
  const ends = typeof token?.sxp === "number" ? token.sxp : typeof token?.exp === "number" ? token.exp : null;
  // Without an end (never issued so) keep the record for the longest a session can last.
  const expiresAt = new Date(ends !== null ? ends * 1000 : Date.now() + 31 * 24 * 3600 * 1000);
  await sql("session-revoke", REVOKE, [sid, expiresAt]);
}
