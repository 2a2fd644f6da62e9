import "server-only";
import { createTransport, type Transporter } from "nodemailer";
import { appOrigin } from "@/lib/env";
import { mailSettings } from "@/lib/mail/settings";
import { writeToOutbox } from "@/lib/mail/outbox";
import { mailMessageSchema, type MailMessage } from "@/lib/mail/message";

/** No SMTP server in production: the message cannot go anywhere (the job is retried). */
export class MailNotConfiguredError extends Error {
  constructor() {
    super("Mail not sent: SMTP_URL is not set. Set SMTP_URL (and MAIL_FROM) and restart; queued mail is retried.");
    this.name = "MailNotConfiguredError";
  }
}

// One SMTP transport per URL and timeout (settings change only in tests).
let cached: { key: string; transport: Transporter } | null = null;

function smtpTransport(url: string, timeoutMs: number): Transporter {
  const key = `${url} ${timeoutMs}`;
  if (cached?.key !== key) {
    cached?.transport.close();
    cached = {
      key,
      transport: createTransport({ url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs, disableFileAccess: true, disableUrlAccess: true }),
    };
  }
  return cached.transport;
}

// Builds the same RFC 5322 message SMTP would carry, for the outbox.
const composer = createTransport({ streamTransport: true, buffer: true, newline: "unix", disableFileAccess: true, disableUrlAccess: true });

/**
 * Sends one message now: over SMTP, or into the development outbox. Throws when it could not be
 * handed over (the mail job is then retried). Call sendMail (lib/mail/send.ts) instead from a
 * request: it queues the message, so a slow server never holds a page.
 */
export async function deliverMail(input: MailMessage): Promise<void> {
  const message = mailMessageSchema.parse(input);
  const settings = mailSettings();
  const envelope = { from: settings.from, to: message.to, subject: message.subject, text: message.text, html: message.html };
  if (settings.smtpUrl) {
    await smtpTransport(settings.smtpUrl, settings.smtpTimeoutMs).sendMail(envelope);
    return;
  }
  if (!settings.outboxDir) {
    const error = new MailNotConfiguredError();
    console.error(`${error.message} (a message to ${message.to}, "${message.subject}")`);
    throw error;
  }
  const info = await composer.sendMail(envelope);
  const entry = await writeToOutbox(settings.outboxDir, info.message as Buffer, {
    from: settings.from, to: message.to, subject: message.subject, text: message.text,
  });
  console.info(`Mail to ${message.to} ("${message.subject}") is in the dev outbox: ${appOrigin}/dev/outbox/${entry.id}`);
}
