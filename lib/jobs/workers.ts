import "server-only";
import type PgBoss from "pg-boss";
import { deliverScore } from "@/lib/courses/grade-delivery";
import { SCORE_QUEUE, type ScoreJob } from "@/lib/courses/grade-sync";
import { MAINTENANCE_CRON, MAINTENANCE_QUEUE, runMaintenance } from "@/lib/jobs/maintenance";
import { configureJobQueue, ensureQueue, jobQueueOptions, stopJobQueue, type JobQueueOptions } from "@/lib/jobs/queue";
import { MAIL_QUEUE } from "@/lib/mail/jobs";
import { runMailJobs } from "@/lib/mail/worker";
import { IMPORT_QUEUE, importJobSchema, type ImportJob } from "@/lib/publications/import/jobs";
import { runImportRow } from "@/lib/publications/import/run-row";
import { mailSettings } from "@/lib/mail/settings";

// The workers of the running server: every instance runs them, pg-boss hands each job to one.
// Started by instrumentation.ts (next dev, next start) and by the production server. Queues:
// score delivery (lib/courses/grade-delivery.ts) and mail (lib/mail/worker.ts).

/** Jobs a worker loop takes per fetch; they run in parallel, each settled on its own. */
const BATCH_SIZE = 10;
/**
 * Worker loops per process. A loop waits for its whole batch, so one slow platform holds up only
 * its own loop's batch. In flight: LOOPS × BATCH_SIZE deliveries, each a few statements on the
 * app's database pool: 100 in flight starved launches of the pool (bench:courses: launches fell
 * from 105/s to 8.5/s during a backlog); 20 delivered 490 scores/s alone, 295/s beside launches.
 */
const LOOPS = 2;
/** Mail: a few at a time, so one slow SMTP server holds few connections. */
const MAIL_BATCH_SIZE = 5;

const g = globalThis as unknown as { folioWorkers?: { started?: Promise<void>; signals?: boolean } };
const state = (g.folioWorkers ??= {});

async function runScoreJobs(boss: PgBoss, jobs: PgBoss.JobWithMetadata<ScoreJob>[]): Promise<void> {
  // Jobs for the same link and person in one batch (a throttled update and the final score, say)
  // are one delivery: the row holds the latest share, so one post covers them all.
  const byKey = new Map<string, PgBoss.JobWithMetadata<ScoreJob>>();
  for (const job of jobs) {
    const key = `${job.data.resourceLinkId}:${job.data.userId}`;
    const seen = byKey.get(key);
    if (!seen || job.retryCount > seen.retryCount) byKey.set(key, job);
  }
  const lead = [...byKey.values()];
  const results = await Promise.allSettled(lead.map((job) => deliverScore(job.data, job)));
  // The handler's return completes every job of the batch that is still active; fail the ones
  // that threw first, so the queue retries exactly those.
  await Promise.all(results.map((result, i) => result.status === "rejected"
    ? boss.fail(SCORE_QUEUE, lead[i]!.id, { message: result.reason instanceof Error ? result.reason.message : String(result.reason) })
    : undefined));
}

/** Starts this process's job workers (once; later calls wait for the first). */
export function startJobWorkers(options: Partial<JobQueueOptions> = {}): Promise<void> {
  configureJobQueue(options);
  state.started ??= (async () => {
    const boss = await ensureQueue(SCORE_QUEUE);
    const options = { batchSize: BATCH_SIZE, includeMetadata: true as const, pollingIntervalSeconds: jobQueueOptions().pollingIntervalSeconds };
    for (let i = 0; i < LOOPS; i++) {
      const loop = { id: "" };
      loop.id = await boss.work<ScoreJob>(SCORE_QUEUE, options, async (jobs) => {
        try {
          await runScoreJobs(boss, jobs);
        } finally {
          // pg-boss sleeps the polling interval after every batch, which caps a loop at
          // BATCH_SIZE per interval (10 per 2 s was 5 scores a second). A full batch means
          // more are waiting: fetch again at once. Idle, the loop still polls at the interval.
          if (jobs.length === BATCH_SIZE && loop.id) boss.notifyWorker(loop.id);
        }
      });
    }
    // The schedule lives in the database: every instance may set it (the same row), and pg-boss's
    // cron monitor sends each tick's job once, which one worker then runs.
    await ensureQueue(MAINTENANCE_QUEUE);
    await boss.schedule(MAINTENANCE_QUEUE, MAINTENANCE_CRON, {}, { tz: "UTC" });
    // An hourly job need not be looked for every poll: ten times less often than the scores.
    await boss.work(MAINTENANCE_QUEUE, { pollingIntervalSeconds: jobQueueOptions().pollingIntervalSeconds * 10 }, async () => {
      await runMaintenance();
    });
    await ensureQueue(MAIL_QUEUE);
    await boss.work(MAIL_QUEUE, { batchSize: MAIL_BATCH_SIZE, pollingIntervalSeconds: jobQueueOptions().pollingIntervalSeconds },
      (jobs) => runMailJobs(boss, jobs));
    // Backlist imports: one row (one book) at a time per instance (lib/publications/import).
    await ensureQueue(IMPORT_QUEUE);
    await boss.work<ImportJob>(IMPORT_QUEUE, { batchSize: 1, pollingIntervalSeconds: jobQueueOptions().pollingIntervalSeconds },
      async ([job]) => {
        if (job) await runImportRow(importJobSchema.parse(job.data).rowId);
      });
    const mail = mailSettings();
    if (!mail.smtpUrl && !mail.outboxDir) console.warn("Mail: SMTP_URL is not set, so reset and confirmation links cannot be sent (docs/decisions/0024).");
  })().catch((error: unknown) => {
    state.started = undefined;
    throw error;
  });
  return state.started;
}

/** Stops the workers and the queue: running jobs get `timeoutMs` to finish, the rest are retried later. */
export async function stopJobWorkers(timeoutMs?: number): Promise<void> {
  state.started = undefined;
  await stopJobQueue(timeoutMs);
}

/**
 * Stops the workers on SIGTERM / SIGINT. When nothing else listens for the signal (next dev),
 * the process then exits as it would have without this listener.
 */
export function stopJobWorkersOnSignals(): void {
  if (state.signals) return;
  state.signals = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      const others = process.listenerCount(signal) > 0;
      void stopJobWorkers(5_000).finally(() => {
        if (!others) process.exit(0);
      });
    });
  }
}
