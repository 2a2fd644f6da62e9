import { z } from "zod";

/** One message as Folio sends it: plain text always, HTML optionally (the same content). */
export const mailMessageSchema = z.object({
  to: z.email().max(320),
  subject: z.string().min(1).max(300).refine((s) => !/[\r\n]/.test(s), "a subject is one line"),
  text: z.string().min(1).max(100_000),
  html: z.string().max(200_000).optional(),
});

export type MailMessage = z.infer<typeof mailMessageSchema>;
