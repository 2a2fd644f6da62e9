import "server-only";
import { ensureQueue } from "@/lib/jobs/queue";
import { MAIL_QUEUE, mailJobSchema, type MailJob } from "@/lib/mail/jobs";
import { mailMessageSchema, type MailMessage } from "@/lib/mail/message";

/** Queues a mail job; a worker delivers it, retrying with backoff while the server is away. */
export async function enqueueMail(job: MailJob): Promise<void> {
  const data = mailJobSchema.parse(job);
  await (await ensureQueue(MAIL_QUEUE)).send(MAIL_QUEUE, data);
}

/** Sends a message: queued at once, delivered by the mail worker (lib/mail/deliver.ts). */
export async function sendMail(message: MailMessage): Promise<void> {
  await enqueueMail({ type: "message", message: mailMessageSchema.parse(message) });
}
