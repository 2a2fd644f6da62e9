// Next calls register() once when a server starts (`next start`, `next dev`; never during
// `next build`). The production server (server/main.ts) makes the same check before it listens.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertEncryptionKeyMatches } = await import("@/lib/crypto/encryption-key-check");
  await assertEncryptionKeyMatches();
}
