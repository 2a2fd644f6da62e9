import { z } from "zod";
import { mailMessageSchema } from "@/lib/mail/message";

// What a job on the "mail" queue carries. A message with a link in it is not rendered here: its
// token is made when the job runs and lives only in the worker's memory and the sent mail, so
// the queue's tables (which keep finished jobs for days) never hold a working link.

export const MAIL_QUEUE = "mail";

export const mailJobSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("message"), message: mailMessageSchema }),
  /** A reset link: to the account signed in with `email` (typed on /forgot-password; none, no mail), or to `userId`. */
  z.object({
    type: z.literal("password-reset"),
    email: z.string().max(320).optional(),
    userId: z.string().max(100).optional(),
    requestedBy: z.string().max(100).nullable(),
  }),
  /** A confirmation link to the person's pending email, if it is still `email`. */
  z.object({ type: z.literal("email-confirm"), userId: z.string().max(100), email: z.string().max(320) }),
]);

export type MailJob = z.infer<typeof mailJobSchema>;
