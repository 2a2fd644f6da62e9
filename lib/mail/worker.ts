import "server-only";
import type PgBoss from "pg-boss";
import { deliverMail } from "@/lib/mail/deliver";
import { MAIL_QUEUE, mailJobSchema } from "@/lib/mail/jobs";
import { deliverPasswordReset } from "@/lib/auth/password-reset";
import { deliverEmailConfirmation } from "@/lib/account/email-confirmation";
import { pruneEmailTokens } from "@/lib/auth/email-token";

/** One job in this many also deletes expired email tokens (a bounded batch). */
const PRUNE_ONE_IN = 20;

async function runMailJob(data: unknown): Promise<void> {
  const parsed = mailJobSchema.safeParse(data);
  // A job this version cannot read will never succeed: drop it rather than retry it for hours.
  if (!parsed.success) {
    console.warn(`Mail job dropped: ${parsed.error.issues[0]?.message ?? "unreadable"}`);
    return;
  }
  const job = parsed.data;
  if (job.type === "message") await deliverMail(job.message);
  else if (job.type === "password-reset") await deliverPasswordReset(job);
  else await deliverEmailConfirmation(job);
}

/**
 * The "mail" queue's handler: each job of the batch on its own; the ones that threw (SMTP down,
 * refused, timed out) are failed, so pg-boss retries exactly those with backoff.
 */
export async function runMailJobs(boss: PgBoss, jobs: PgBoss.Job<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(jobs.map((job) => runMailJob(job.data)));
  await Promise.all(results.map((result, i) => {
    if (result.status === "fulfilled") return undefined;
    const message = result.reason instanceof Error ? result.reason.message : String(result.reason);
    console.warn(`Mail not delivered, will retry: ${message}`);
    return boss.fail(MAIL_QUEUE, jobs[i]!.id, { message });
  }));
  if (Math.random() * PRUNE_ONE_IN < 1) {
    await pruneEmailTokens().catch((error: Error) => console.warn(`Pruning email tokens failed (${error.message})`));
  }
}
