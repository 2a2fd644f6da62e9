import "server-only";
import PgBoss from "pg-boss";
import { env } from "@/lib/env";

// The process's job queue: pg-boss on the app's own database, in a schema of its own (`pgboss`),
// so jobs survive restarts and any instance may run them (docs/decisions/0020). Started lazily on
// the first send or when the workers start; one instance per process, kept on globalThis because
// the production server and Next's bundle each load their own copy of this module.

export const JOB_SCHEMA = "pgboss";

export type JobQueueOptions = {
  /** How often an idle worker looks for jobs (pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds: number;
  /** First retry delay; retries back off exponentially from it. */
  retryDelaySeconds: number;
  retryLimit: number;
  /** At most one score delivery per link and person in this window (a final score is not held back). */
  scoreThrottleSeconds: number;
};

const DEFAULTS: JobQueueOptions = { pollingIntervalSeconds: 2, retryDelaySeconds: 30, retryLimit: 10, scoreThrottleSeconds: 30 };

type State = { boss?: PgBoss; starting?: Promise<PgBoss>; options: JobQueueOptions; queues: Set<string> };
const g = globalThis as unknown as { folioJobs?: State };
const state = (g.folioJobs ??= { options: { ...DEFAULTS }, queues: new Set() });

/** Changes the queue's timings (tests poll fast); takes effect for queues and workers made after. */
export function configureJobQueue(options: Partial<JobQueueOptions>): void {
  state.options = { ...state.options, ...options };
}

export function jobQueueOptions(): JobQueueOptions {
  return state.options;
}

async function start(): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: env.DATABASE_URL, schema: JOB_SCHEMA, max: 4, application_name: "folio-jobs" });
  // pg-boss reports its own trouble (a lost connection, a failed poll) here; without a listener
  // an EventEmitter "error" would end the process.
  boss.on("error", (error) => console.warn(`Job queue: ${error.message}`));
  await boss.start();
  state.queues.clear();
  return boss;
}

/** The started queue of this process. */
export async function getJobQueue(): Promise<PgBoss> {
  if (state.boss) return state.boss;
  state.starting ??= start().then(
    (boss) => {
      state.boss = boss;
      state.starting = undefined;
      return boss;
    },
    (error: unknown) => {
      state.starting = undefined;
      throw error;
    },
  );
  return state.starting;
}

/**
 * The queue `name`, created once per process with the retry policy: exponential backoff from
 * retryDelaySeconds, retryLimit retries. A job whose worker died is failed (and so retried) after
 * expireInSeconds.
 */
export async function ensureQueue(name: string): Promise<PgBoss> {
  const boss = await getJobQueue();
  if (!state.queues.has(name)) {
    const { retryLimit, retryDelaySeconds } = state.options;
    const queue = { name, retryLimit, retryDelay: retryDelaySeconds, retryBackoff: true, expireInSeconds: 120 };
    if (await boss.getQueue(name)) await boss.updateQueue(name, queue);
    else await boss.createQueue(name, queue);
    state.queues.add(name);
  }
  return boss;
}

/** Stops this process's queue: workers finish their current jobs (up to `timeoutMs`), then it closes. */
export async function stopJobQueue(timeoutMs = 10_000): Promise<void> {
  const boss = state.boss ?? (state.starting ? await state.starting.catch(() => undefined) : undefined);
  state.boss = undefined;
  state.queues.clear();
  if (!boss) return;
  // Jobs still running at the timeout are failed, and so retried by the next worker.
  await boss.stop({ graceful: true, timeout: timeoutMs, wait: true }).catch((error: Error) => console.warn(`Job queue: stopping failed (${error.message})`));
}
