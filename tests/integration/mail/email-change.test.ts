import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { verifyCredentials } from "@/lib/auth/credentials";
import { hashToken } from "@/lib/auth/email-token";
import { resetPassword } from "@/lib/auth/password-reset";
import { setEmailAndPassword } from "@/lib/account/set-email-and-password";
import { cancelEmailChange, checkEmailChangeToken, confirmEmailChange, requestEmailChange, resendEmailConfirmation } from "@/lib/account/email-change";
import { getAccount } from "@/lib/account/get-account";
import { configureMail, resetMailSettings } from "@/lib/mail/settings";
import { getJobQueue } from "@/lib/jobs/queue";
import { startJobWorkers, stopJobWorkers } from "@/lib/jobs/workers";
import { confirmEmailAction } from "@/app/confirm-email/actions";
import { forgotPasswordAction } from "@/app/forgot-password/actions";
import { createUser } from "@/tests/support/factories";
import { redirectOf } from "@/tests/support/next-redirect";
import { SmtpSink, linkToken, until } from "@/tests/support/smtp-sink";
import { launchStudent } from "../account/launch-student";

// A new sign-in email counts once the link sent to it is opened: for a student from an LMS
// adding their first one, and for anyone changing theirs (whose old address is told).

const FAST = { pollingIntervalSeconds: 0.5, retryDelaySeconds: 1, retryLimit: 5 };
const PASSWORD = "violet kettle harbour";
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

const mailTo = (to: string, subject: RegExp) => until(`a mail to ${to}`, () => smtp.to(to).find((m) => subject.test(m.subject)));
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.append(k, v);
  return data;
};

describe("a student from an LMS adding an email", () => {
  it("signs in with it, and can reset by it, only after opening the link sent to it", async () => {
    const student = await launchStudent();
    await setEmailAndPassword({ userId: student.userId, email: "ada.direct@example.org", password: PASSWORD, confirm: PASSWORD });
    const mail = await mailTo("ada.direct@example.org", /Confirm your email/);
    const token = linkToken(mail.text, "/confirm-email");
    expect(await prisma.emailToken.findFirstOrThrow()).toMatchObject({ kind: "EMAIL_CHANGE", email: "ada.direct@example.org", tokenHash: hashToken(token) });

    // Before: no sign-in and no reset mail for the pending address.
    expect(await verifyCredentials({ email: "ada.direct@example.org", password: PASSWORD }, null)).toBeNull();
    await forgotPasswordAction({}, form({ email: "ada.direct@example.org" }));
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.to("ada.direct@example.org").filter((m) => /password/.test(m.subject))).toEqual([]);

    // Opening the link (no session needed: the link is the proof) and pressing the button.
    expect(await checkEmailChangeToken(token)).toEqual({ ok: true, email: "ada.direct@example.org" });
    expect(await redirectOf(confirmEmailAction({}, form({ token })))).toBe("/confirm-email?confirmed=1");
    expect(await getAccount(student.userId)).toMatchObject({ email: "ada.direct@example.org", pendingEmail: null });
    expect((await verifyCredentials({ email: "ada.direct@example.org", password: PASSWORD }, null))?.id).toBe(student.userId);
    expect(await confirmEmailAction({}, form({ token }))).toMatchObject({ ok: false, message: expect.stringMatching(/already used/) });

    await forgotPasswordAction({}, form({ email: "ada.direct@example.org" }));
    const reset = await mailTo("ada.direct@example.org", /password/);
    await resetPassword({ token: linkToken(reset.text, "/reset-password"), password: "amber lantern meadow", confirm: "amber lantern meadow" });
    expect((await verifyCredentials({ email: "ada.direct@example.org", password: "amber lantern meadow" }, null))?.id).toBe(student.userId);
    // No notice: there was no earlier address to tell.
    expect(smtp.received.filter((m) => /being changed/.test(m.subject))).toEqual([]);
  });
});

describe("changing the sign-in email", () => {
  it("needs the password, tells the old address, and switches only when the new one confirms", async () => {
    const ada = await createUser({ email: "ada@example.org", password: PASSWORD });
    await expect(requestEmailChange({ userId: ada.id, email: "ada@new.example", current: "wrong password here" })).rejects.toMatchObject({ fields: { current: expect.any(String) } });
    expect(await requestEmailChange({ userId: ada.id, email: " Ada@New.example ", current: PASSWORD })).toEqual({ pendingEmail: "ada@new.example" });

    const notice = await mailTo("ada@example.org", /being changed/);
    expect(notice.text).toContain("ada@new.example");
    expect(notice.text).toMatch(/\/forgot-password/);
    const token = linkToken((await mailTo("ada@new.example", /Confirm/)).text, "/confirm-email");

    expect((await verifyCredentials({ email: "ada@example.org", password: PASSWORD }, null))?.id).toBe(ada.id);
    expect(await verifyCredentials({ email: "ada@new.example", password: PASSWORD }, null)).toBeNull();
    await confirmEmailChange(token);
    expect(await verifyCredentials({ email: "ada@example.org", password: PASSWORD }, null)).toBeNull();
    expect((await verifyCredentials({ email: "ada@new.example", password: PASSWORD }, null))?.id).toBe(ada.id);
  });

  it("is cancelled by a password reset from the old address (the way back after a stolen session)", async () => {
    const ada = await createUser({ email: "ada@example.org", password: PASSWORD });
    await requestEmailChange({ userId: ada.id, email: "eve@evil.example", current: PASSWORD });
    const token = linkToken((await mailTo("eve@evil.example", /Confirm/)).text, "/confirm-email");
    await forgotPasswordAction({}, form({ email: "ada@example.org" }));
    const reset = linkToken((await mailTo("ada@example.org", /password/)).text, "/reset-password");
    await resetPassword({ token: reset, password: "amber lantern meadow", confirm: "amber lantern meadow" });

    expect(await checkEmailChangeToken(token)).toMatchObject({ ok: false });
    await expect(confirmEmailChange(token)).rejects.toMatchObject({ code: "BAD_INPUT" });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: ada.id } })).toMatchObject({ email: "ada@example.org", pendingEmail: null });
  });

  it("does not take an address another account confirmed first, nor one it already uses", async () => {
    const ada = await createUser({ email: "ada@example.org", password: PASSWORD });
    const bob = await createUser({ email: "bob@example.org", password: PASSWORD });
    await expect(requestEmailChange({ userId: ada.id, email: "bob@example.org", current: PASSWORD })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(requestEmailChange({ userId: ada.id, email: "ada@example.org", current: PASSWORD })).rejects.toMatchObject({ code: "BAD_INPUT" });

    await requestEmailChange({ userId: ada.id, email: "shared@example.org", current: PASSWORD });
    const token = linkToken((await mailTo("shared@example.org", /Confirm/)).text, "/confirm-email");
    await prisma.user.update({ where: { id: bob.id }, data: { email: "shared@example.org" } });
    await expect(confirmEmailChange(token)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: ada.id } })).toMatchObject({ email: "ada@example.org", pendingEmail: "shared@example.org" });
  });

  it("sends a new link on request (the older one stops working) and forgets the address when cancelled", async () => {
    const ada = await createUser({ email: "ada@example.org", password: PASSWORD });
    await requestEmailChange({ userId: ada.id, email: "ada@new.example", current: PASSWORD });
    const first = linkToken((await mailTo("ada@new.example", /Confirm/)).text, "/confirm-email");
    smtp.received.length = 0;
    await resendEmailConfirmation(ada.id);
    const second = linkToken((await mailTo("ada@new.example", /Confirm/)).text, "/confirm-email");
    expect(second).not.toBe(first);
    expect(await checkEmailChangeToken(first)).toMatchObject({ ok: false });
    expect(await checkEmailChangeToken(second)).toMatchObject({ ok: true });

    await cancelEmailChange(ada.id);
    expect(await checkEmailChangeToken(second)).toMatchObject({ ok: false });
    await expect(resendEmailConfirmation(ada.id)).rejects.toMatchObject({ code: "BAD_INPUT" });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: ada.id } })).toMatchObject({ email: "ada@example.org", pendingEmail: null });
  });
});
