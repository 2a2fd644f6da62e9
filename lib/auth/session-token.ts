import "server-only";
import { hkdfSync, randomUUID } from "node:crypto";
import { EncryptJWT, jwtDecrypt, type JWTPayload } from "jose";
import { env } from "@/lib/env";

// The session token, in next-auth's own format (a JWE, "dir" + A256GCM, with a key derived from
// AUTH_SECRET by HKDF), so that tokens next-auth issues at sign-in and the ones Folio mints at a
// launch are one and the same. next-auth derives the key again for every token; deriving it
// once per process took a launch's and a page's share of HKDF off every request.

const INFO = "NextAuth.js Generated Encryption Key";
let derived: { secret: string; key: Uint8Array } | null = null;

function encryptionKey(): Uint8Array {
  if (derived?.secret !== env.AUTH_SECRET) {
    derived = { secret: env.AUTH_SECRET, key: new Uint8Array(hkdfSync("sha256", env.AUTH_SECRET, "", INFO, 32)) };
  }
  return derived.key;
}

/**
 * `sid` names the session: signing out records it as revoked (lib/auth/sign-out.ts). `sxp` is when
 * the session ends for good, in seconds: next-auth re-issues the token with a later `exp` whenever
 * its session endpoint is called, so `exp` alone would let a session (and a revoked one) live on.
 */
export type SessionClaims = { sub: string; role: string; sv: number; sid: string; sxp: number };

/** A fresh session ID and its absolute end, for a token minted at sign-in or launch. */
export function newSessionClaims(maxAgeSeconds: number): { sid: string; sxp: number } {
  return { sid: randomUUID(), sxp: Math.floor(Date.now() / 1000) + maxAgeSeconds };
}

export async function encodeSessionToken(claims: SessionClaims, maxAgeSeconds: number): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new EncryptJWT({ ...claims })
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt(now)
    .setExpirationTime(now + maxAgeSeconds)
    .setJti(randomUUID())
    .encrypt(encryptionKey());
}

/** The token's claims, or null when it is not one of ours, was tampered with, or has expired. */
export async function decodeSessionToken(token: string): Promise<JWTPayload | null> {
  try {
    const { payload } = await jwtDecrypt(token, encryptionKey(), { clockTolerance: 15 });
    return payload;
  } catch {
    return null;
  }
}
