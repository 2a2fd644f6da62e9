import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { verifyCredentials } from "@/lib/auth/credentials";
import { readSession } from "@/lib/auth/session";
import { hashToken } from "@/lib/auth/email-token";
import { checkResetToken, resetPassword, sendPasswordResetLink, RESET_REQUESTED } from "@/lib/auth/password-reset";
import { RESET_LIMITS } from "@/lib/auth/mail-throttle";
import { configureMail, resetMailSettings } from "@/lib/mail/settings";
import { MAIL_QUEUE } from "@/lib/mail/jobs";
import { getJobQueue } from "@/lib/jobs/queue";
import { startJobWorkers, stopJobWorkers } from "@/lib/jobs/workers";
import { forgotPasswordAction } from "@/app/forgot-password/actions";
import { resetPasswordAction } from "@/app/reset-password/actions";
import { createAdminUser, createUser } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";
import { redirectOf } from "@/tests/support/next-redirect";
import { SmtpSink, linkToken, until } from "@/tests/support/smtp-sink";

// Password reset over a real SMTP server started here: the form's answer, the one mail, the
// link's token (hashed at rest, single use, short-lived), and what a reset does to sessions.

const FAST = { pollingIntervalSeconds: 0.5, retryDelaySeconds: 1, retryLimit: 5 };
const OLD = "violet kettle harbour";
const NEW = "amber lantern meadow";
let smtp: SmtpSink;

beforeAll(async () => {
  smtp = await SmtpSink.start();
});

afterAll(async () => {
  await stopJobWorkers();
  await smtp.stop();
  resetMailSettings();
});

beforeEach(async () => {
  configureMail({ smtpUrl: smtp.url, outboxDir: null, smtpTimeoutMs: 2000 });
  smtp.received.length = 0;
  await (await getJobQueue()).clearStorage();
  await startJobWorkers(FAST);
});

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.append(k, v);
  return data;
};

/** The mail jobs of this test, once none is waiting or running. */
async function mailJobsSettled() {
  return until("the mail jobs to finish", async () => {
    const jobs = await prisma.$queryRawUnsafe<{ state: string }[]>(`select state::text from pgboss.job where name = $1`, MAIL_QUEUE);
    return jobs.length > 0 && jobs.every((j) => j.state === "completed") && jobs;
  });
}

describe("asking for a reset link", () => {
  it("answers the same for a known and an unknown email, queues the same work, and mails only the known one", async () => {
    const ada = await createUser({ email: "ada@example.org", password: OLD });
    const known = await forgotPasswordAction({}, form({ email: "Ada@Example.org " }));
    const unknown = await forgotPasswordAction({}, form({ email: "nobody@example.org" }));
    expect(known).toEqual({ ok: true, message: RESET_REQUESTED, values: { email: "Ada@Example.org " } });
    expect({ ...unknown, values: undefined }).toEqual({ ...known, values: undefined });

    const jobs = await mailJobsSettled();
    expect(jobs).toHaveLength(2);
    const mail = await until("the reset mail", () => smtp.to("ada@example.org")[0]);
    // Give a wrongly sent second mail the time to arrive before counting.
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received).toHaveLength(1);
    expect(mail.subject).toBe("Choose a new Folio password");
    expect(mail.html).toContain("/reset-password?token=");
    const token = linkToken(mail.text, "/reset-password");

    // Only the hash is stored: neither the token table nor the queue's tables hold the raw token.
    const rows = await prisma.emailToken.findMany();
    expect(rows).toMatchObject([{ kind: "PASSWORD_RESET", userId: ada.id, email: "ada@example.org", tokenHash: hashToken(token), requestedById: null }]);
    const everywhere = await prisma.$queryRawUnsafe<{ n: bigint }[]>(
      `select (select count(*) from "EmailToken" t where t::text like $1) + (select count(*) from pgboss.job j where j::text like $1)
            + (select count(*) from pgboss.archive a where a::text like $1) as n`, `%${token}%`);
    expect(Number(everywhere[0]!.n)).toBe(0);
    const expires = rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime();
    expect(expires).toBeGreaterThanOrEqual(30 * 60_000);
    expect(expires).toBeLessThanOrEqual(60 * 60_000);
  });

  it("refuses a malformed address without queueing anything", async () => {
    const state = await forgotPasswordAction({}, form({ email: "not an email" }));
    expect(state).toMatchObject({ ok: false, fields: { email: expect.any(String) } });
    expect(await prisma.$queryRawUnsafe<unknown[]>(`select 1 from pgboss.job where name = $1`, MAIL_QUEUE)).toEqual([]);
  });

  it("limits requests per email and address alike for known and unknown emails", async () => {
    await createUser({ email: "ada@example.org", password: OLD });
    for (const email of ["ada@example.org", "nobody@example.org"]) {
      for (let i = 0; i < RESET_LIMITS.pair.max; i++) expect((await forgotPasswordAction({}, form({ email }))).ok).toBe(true);
      const limited = await forgotPasswordAction({}, form({ email }));
      expect(limited).toMatchObject({ ok: false, message: expect.stringMatching(/^Too many attempts\. Try again in \d+ minutes?\.$/) });
    }
    await mailJobsSettled();
    expect(smtp.to("ada@example.org")).toHaveLength(RESET_LIMITS.pair.max);
  });
});

describe("using a reset link", () => {
  async function linkFor(email: string) {
    smtp.received.length = 0;
    await forgotPasswordAction({}, form({ email }));
    return linkToken((await until("the reset mail", () => smtp.to(email)[0])).text, "/reset-password");
  }

  it("sets the password once, ends every other session, and the new password signs in", async () => {
    const ada = await createUser({ email: "ada@example.org", password: OLD });
    const cookie = await signInAs(ada);
    const session = cookie.slice(cookie.indexOf("=") + 1);
    expect(await readSession(session)).not.toBeNull();
    const token = await linkFor("ada@example.org");
    expect(await checkResetToken(token)).toEqual({ ok: true, email: "ada@example.org" });

    // A weak password is refused without spending the link.
    expect(await resetPasswordAction({}, form({ token, password: "password123", confirm: "password123" }))).toMatchObject({ ok: false, fields: { password: expect.any(String) } });
    expect(await redirectOf(resetPasswordAction({}, form({ token, password: NEW, confirm: NEW })))).toBe("/login?reset=done");

    expect(await readSession(session)).toBeNull();
    expect(await verifyCredentials({ email: "ada@example.org", password: OLD }, "198.51.100.7")).toBeNull();
    expect((await verifyCredentials({ email: "ada@example.org", password: NEW }, "198.51.100.7"))?.id).toBe(ada.id);

    expect(await checkResetToken(token)).toEqual({ ok: false, message: expect.stringMatching(/already used/) });
    await expect(resetPassword({ token, password: "another fine sentence", confirm: "another fine sentence" })).rejects.toMatchObject({ code: "BAD_INPUT" });
    expect((await verifyCredentials({ email: "ada@example.org", password: NEW }, "198.51.100.7"))?.id).toBe(ada.id);
  });

  it("refuses an expired link, a replaced one, one for an old address, and a made-up one", async () => {
    const ada = await createUser({ email: "ada@example.org", password: OLD });
    const first = await linkFor("ada@example.org");
    const second = await linkFor("ada@example.org");
    expect(await checkResetToken(first)).toMatchObject({ ok: false, message: expect.stringMatching(/not valid/) });

    await prisma.emailToken.updateMany({ where: { tokenHash: hashToken(second) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await checkResetToken(second)).toMatchObject({ ok: false, message: expect.stringMatching(/expired/) });
    await expect(resetPassword({ token: second, password: NEW, confirm: NEW })).rejects.toMatchObject({ message: expect.stringMatching(/expired/) });

    const third = await linkFor("ada@example.org");
    await prisma.user.update({ where: { id: ada.id }, data: { email: "ada.new@example.org" } });
    await expect(resetPassword({ token: third, password: NEW, confirm: NEW })).rejects.toMatchObject({ message: expect.stringMatching(/no longer signs in/) });

    expect(await checkResetToken("A".repeat(43))).toMatchObject({ ok: false, message: expect.stringMatching(/not valid/) });
    expect(await checkResetToken(undefined)).toMatchObject({ ok: false });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: ada.id } })).sessionVersion).toBe(0);
  });

  it("lets only one of two simultaneous uses through", async () => {
    await createUser({ email: "ada@example.org", password: OLD });
    const token = await linkFor("ada@example.org");
    const results = await Promise.allSettled([
      resetPassword({ token, password: NEW, confirm: NEW }),
      resetPassword({ token, password: "another fine sentence", confirm: "another fine sentence" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });
});

describe("the owner's reset link", () => {
  it("mails the person a link that says who sent it, and keeps who asked", async () => {
    const admin = await createAdminUser();
    const ada = await createUser({ email: "ada@example.org" });
    await sendPasswordResetLink({ userId: ada.id, requestedBy: admin.id });
    const mail = await until("the reset mail", () => smtp.to("ada@example.org")[0]);
    expect(mail.text).toMatch(/administrator sent you this link/);
    const token = linkToken(mail.text, "/reset-password");
    expect(await prisma.emailToken.findFirstOrThrow()).toMatchObject({ requestedById: admin.id, tokenHash: hashToken(token) });
    // The owner's audit log says who sent it to whom.
    expect(await prisma.auditEvent.findMany()).toMatchObject([{ actorUserId: admin.id, action: "user.password-reset-link", targetUserId: ada.id }]);
    // A person without a password yet gets one this way.
    await resetPassword({ token, password: NEW, confirm: NEW });
    expect((await verifyCredentials({ email: "ada@example.org", password: NEW }, null))?.id).toBe(ada.id);
  });

  it("is refused for a reader asking, and for a person without a confirmed email", async () => {
    const reader = await createUser({ email: "eve@example.org", password: OLD });
    const ada = await createUser({ email: "ada@example.org" });
    await expect(sendPasswordResetLink({ userId: ada.id, requestedBy: reader.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const admin = await createAdminUser();
    const pending = await prisma.user.create({ data: { publicId: "PENDING1", pendingEmail: "p@example.org" } });
    await expect(sendPasswordResetLink({ userId: pending.id, requestedBy: admin.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await prisma.$queryRawUnsafe<unknown[]>(`select 1 from pgboss.job where name = $1`, MAIL_QUEUE)).toEqual([]);
  });
});
