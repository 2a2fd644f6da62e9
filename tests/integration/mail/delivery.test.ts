import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { sendMail } from "@/lib/mail/send";
import { deliverMail, MailNotConfiguredError } from "@/lib/mail/deliver";
import { listOutbox } from "@/lib/mail/outbox";
import { configureMail, resetMailSettings } from "@/lib/mail/settings";
import { MAIL_QUEUE } from "@/lib/mail/jobs";
import { getJobQueue } from "@/lib/jobs/queue";
import { startJobWorkers, stopJobWorkers } from "@/lib/jobs/workers";
import OutboxPage from "@/app/dev/outbox/page";
import OutboxMessagePage from "@/app/dev/outbox/[id]/page";
import { SmtpSink, until } from "@/tests/support/smtp-sink";

// How mail leaves Folio: through the queue to a real SMTP server, retried while the server is
// down; into the dev outbox when no server is set; nowhere (and said loudly) in production.

const FAST = { pollingIntervalSeconds: 0.5, retryDelaySeconds: 1, retryLimit: 8 };
const message = { to: "ada@example.org", subject: "Hello from Folio", text: "Plain words.\n", html: "<p>Plain words.</p>" };
let smtp: SmtpSink;
let outbox: string;

beforeAll(async () => {
  smtp = await SmtpSink.start();
});

afterAll(async () => {
  await stopJobWorkers();
  await smtp.stop();
  resetMailSettings();
});

beforeEach(async () => {
  smtp.received.length = 0;
  outbox = await mkdtemp(join(tmpdir(), "folio-outbox-"));
  configureMail({ smtpUrl: smtp.url, outboxDir: outbox, smtpTimeoutMs: 2000, from: "Folio Library <library@example.org>" });
  await (await getJobQueue()).clearStorage();
  await startJobWorkers(FAST);
  return () => rm(outbox, { recursive: true, force: true });
});

describe("sendMail", () => {
  it("delivers through the queue over SMTP, from MAIL_FROM, in text and HTML", async () => {
    await sendMail(message);
    const mail = await until("the mail", () => smtp.received[0]);
    expect(mail).toMatchObject({ from: expect.stringMatching(/^"?Folio Library"? <library@example\.org>$/), to: "ada@example.org", subject: "Hello from Folio", text: "Plain words.\n" });
    expect(mail.html).toContain("<p>Plain words.</p>");
    expect(await readdir(outbox)).toEqual([]);
  });

  it("keeps retrying while the SMTP server is down and delivers once it is back", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await smtp.stop();
    try {
      await sendMail(message);
      // At least one attempt failed and the job waits for another.
      await until("a failed attempt", async () => {
        const [job] = await prisma.$queryRawUnsafe<{ state: string; retry_count: number }[]>(
          `select state::text, retry_count from pgboss.job where name = $1`, MAIL_QUEUE);
        return job && job.retry_count >= 1 && job.state !== "completed" && job;
      });
      expect(smtp.received).toEqual([]);
    } finally {
      await smtp.restart();
    }
    const mail = await until("the mail after the server came back", () => smtp.received[0], 20_000);
    expect(mail.subject).toBe("Hello from Folio");
    expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/^Mail not delivered, will retry: /));
  });

  it("refuses a message with a header injected into its subject before queueing it", async () => {
    await expect(sendMail({ ...message, subject: "Hi\r\nBcc: eve@example.org" })).rejects.toThrow();
    await expect(sendMail({ ...message, to: "not an address" })).rejects.toThrow();
  });
});

describe("without SMTP_URL", () => {
  it("writes each message to the dev outbox as an .eml file with an index, and prints a link to it", async () => {
    configureMail({ smtpUrl: null });
    const info = vi.spyOn(console, "info").mockImplementation(() => undefined);
    await sendMail(message);
    const [entry] = await until("the outbox entry", async () => (await listOutbox(outbox)).length > 0 && listOutbox(outbox));
    expect(entry).toMatchObject({ to: "ada@example.org", subject: "Hello from Folio", text: "Plain words.\n", from: "Folio Library <library@example.org>" });
    const raw = await readFile(join(outbox, `${entry!.id}.eml`), "utf8");
    expect(raw).toMatch(/^Subject: Hello from Folio$/m);
    expect(raw).toMatch(/^To: ada@example.org$/m);
    expect((await readdir(outbox)).sort()).toEqual([`${entry!.id}.eml`, "index.jsonl"]);
    expect(info).toHaveBeenCalledWith(expect.stringContaining(`/dev/outbox/${entry!.id}`));
    expect(smtp.received).toEqual([]);
    // The page lists it.
    const { renderToStaticMarkup } = await import("react-dom/server");
    expect(renderToStaticMarkup(await OutboxPage())).toContain(`href="/dev/outbox/${entry!.id}"`);
    const shown = renderToStaticMarkup(await OutboxMessagePage({ params: Promise.resolve({ id: entry!.id }) }));
    expect(shown).toContain("Plain words.");
  });

  it("in production sends nothing, writes nothing and logs a clear error (so the job is retried)", async () => {
    configureMail({ smtpUrl: null, outboxDir: null });
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expect(deliverMail(message)).rejects.toBeInstanceOf(MailNotConfiguredError);
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/SMTP_URL is not set/));
    expect(await readdir(outbox)).toEqual([]);
  });
});
