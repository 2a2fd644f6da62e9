// Runs once when a Next server starts (`next start`, `next dev`), never during `next build`:
// the environment is checked here, so a missing or bad variable stops the server at once with
// a message that names it, instead of failing the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  await import("@/lib/env");
}
