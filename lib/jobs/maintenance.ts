import "server-only";
import { pruneLoginThrottle } from "@/lib/auth/login-throttle";
import { pruneLaunchLog } from "@/lib/lti/launch-log";
import { purgeExpiredStates } from "@/lib/lti/login-state";
import { pruneNonces } from "@/lib/lti/lti11/nonce-store";
import { backfillCovers } from "@/lib/publications/covers/store";

// The scheduled clean-up (docs/decisions/0023). The launch paths still prune on about one request
// in a hundred; this job makes the retention period hold when launches stop, and keeps a quiet
// installation's tables small.

export const MAINTENANCE_QUEUE = "maintenance";
/** Every hour, at a minute chosen to stay away from the top of the hour. */
export const MAINTENANCE_CRON = "17 * * * *";

export type MaintenanceResult = { launchLog: number; loginStates: number; nonces: number; loginThrottle: number; covers: number };

/** Deletes launch log rows and tallies past LAUNCH_LOG_RETENTION_DAYS, expired login states, old LTI 1.1 nonces and spent sign-in limits. */
export async function runMaintenance(now = new Date()): Promise<MaintenanceResult> {
  // One after another: each is a single delete, and the job is in no hurry.
  const launchLog = await pruneLaunchLog(now);
  const loginStates = await purgeExpiredStates(now);
  const nonces = await pruneNonces(now);
  const loginThrottle = await pruneLoginThrottle(now);
  // Books stored before cover thumbnails existed get theirs here, a hundred an hour (docs/decisions/0030).
  const covers = (await backfillCovers({ limit: 100 })).made;
  return { launchLog, loginStates, nonces, loginThrottle, covers };
}
