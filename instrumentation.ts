// Runs once when a Next server starts (`next start`, `next dev`), never during `next build`:
// the environment is parsed here (a missing or bad variable stops the server at once, naming
// it) and ENCRYPTION_KEY is checked against the database's secrets. The production server
// (server/main.ts) makes the same checks before it listens. Then the job workers start (grade
// delivery; docs/decisions/0020) and stop on SIGTERM.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  await import("@/lib/env");
  const { assertEncryptionKeyMatches } = await import("@/lib/crypto/encryption-key-check");
  await assertEncryptionKeyMatches();
  const { startJobWorkers, stopJobWorkersOnSignals } = await import("@/lib/jobs/workers");
  stopJobWorkersOnSignals();
  // A queue that cannot start (its schema being migrated by another instance, say) must not stop
  // the server from serving: deliveries wait in ScoreSync and the queue until a worker runs.
  await startJobWorkers().catch((error: Error) => console.warn(`Job workers did not start: ${error.message}`));
}
