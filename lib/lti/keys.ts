import "server-only";
import { randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { prisma } from "@/lib/db";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";

// Folio's own RSA signing keys (deep-linking responses, later service calls). Several are
// served at once so a platform that cached the JWKS keeps verifying while a new key takes over.

export type SigningKey = { kid: string; privateKey: CryptoKey };

// Decrypted keys by kid; which kid signs is read from the database each time, so a rotation
// made by the CLI in another process takes effect at once.
const imported = new Map<string, Promise<CryptoKey>>();

async function createToolKey() {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const kid = `folio-${new Date().toISOString().slice(0, 10)}-${randomBytes(6).toString("hex")}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  const privateJwk = await exportJWK(privateKey);
  return prisma.toolKey.create({
    data: { kid, publicJwk, privateKeyEnc: encryptSecret(JSON.stringify(privateJwk)) },
  });
}

async function activeKeys() {
  return prisma.toolKey.findMany({ where: { retiredAt: null }, orderBy: [{ createdAt: "desc" }, { kid: "desc" }] });
}

/** The key that signs: the newest active one, created on first use. */
export async function getSigningKey(): Promise<SigningKey> {
  const row = (await activeKeys())[0] ?? (await createToolKey());
  let privateKey = imported.get(row.kid);
  if (!privateKey) {
    const jwk = JSON.parse(decryptSecret(row.privateKeyEnc)) as JWK;
    privateKey = importJWK(jwk, "RS256").then((k) => k as CryptoKey);
    imported.set(row.kid, privateKey);
    privateKey.catch(() => imported.delete(row.kid));
  }
  return { kid: row.kid, privateKey: await privateKey };
}

/** Public halves of every active key, newest first (created on first use). */
export async function listPublicJwks(): Promise<JWK[]> {
  let rows = await activeKeys();
  if (rows.length === 0) rows = [await createToolKey()];
  return rows.map((r) => r.publicJwk as JWK);
}

/**
 * Adds a new signing key and retires every key older than the one it replaces, so the
 * previous key is still served for platforms that cached the JWKS.
 */
export async function rotateToolKeys(): Promise<{ activeKid: string; previousKid: string | null; retiredKids: string[] }> {
  const created = await createToolKey();
  const others = (await activeKeys()).filter((k) => k.kid !== created.kid);
  const [previous, ...older] = others;
  if (older.length) {
    await prisma.toolKey.updateMany({ where: { kid: { in: older.map((k) => k.kid) } }, data: { retiredAt: new Date() } });
  }
  return { activeKid: created.kid, previousKid: previous?.kid ?? null, retiredKids: older.map((k) => k.kid) };
}

/** For tests: forget the decrypted keys held in this process. */
export function clearSigningKeyCache(): void {
  imported.clear();
}
