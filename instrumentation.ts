// Runs once when a Next server starts (`next start`, `next dev`), never during `next build`:
// the environment is parsed here (a missing or bad variable stops the server at once, naming
// it) and ENCRYPTION_KEY is checked against the database's secrets. The production server
// (server/main.ts) makes the same checks before it listens.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  await import("@/lib/env");
  const { assertEncryptionKeyMatches } = await import("@/lib/crypto/encryption-key-check");
  await assertEncryptionKeyMatches();
}
