import "server-only";
import { resolve } from "node:path";
import { appOrigin, env } from "@/lib/env";

// Where mail goes (docs/decisions/0024): SMTP when SMTP_URL is set; otherwise, outside
// production, a local outbox the developer reads at /dev/outbox; in production, nowhere (each
// attempt fails with a logged error and is retried, so mail sent before SMTP_URL is set still
// goes out once it is and the server restarts within the retry window).

export type MailSettings = {
  smtpUrl: string | null;
  from: string;
  /** The dev outbox's folder; null in production, where mail never lands on disk. */
  outboxDir: string | null;
  /** Connecting, the greeting and each reply: a server that stops answering fails the attempt. */
  smtpTimeoutMs: number;
};

function fromEnv(): MailSettings {
  return {
    smtpUrl: env.SMTP_URL ?? null,
    from: env.MAIL_FROM ?? `Folio <no-reply@${new URL(appOrigin).hostname}>`,
    outboxDir: env.NODE_ENV === "production" ? null : resolve(env.MAIL_OUTBOX_DIR),
    smtpTimeoutMs: 15_000,
  };
}

const g = globalThis as unknown as { folioMail?: MailSettings };

export function mailSettings(): MailSettings {
  return (g.folioMail ??= fromEnv());
}

/** Overrides the settings for this process (tests start their own SMTP server on a free port). */
export function configureMail(settings: Partial<MailSettings>): void {
  g.folioMail = { ...mailSettings(), ...settings };
}

/** Back to what the environment says. */
export function resetMailSettings(): void {
  g.folioMail = undefined;
}
