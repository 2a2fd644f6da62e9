import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { verifyCredentials } from "@/lib/auth/credentials";
import { canRead } from "@/lib/access/can-read";
import { getAccount } from "@/lib/account/get-account";
import { setEmailAndPassword } from "@/lib/account/set-email-and-password";
import { createPlan, createPublication, createUser } from "@/tests/support/factories";
import { stopJobQueue } from "@/lib/jobs/queue";
import { launchStudent } from "./launch-student";

// Confirmation links are queued; this file runs no worker (tests/integration/mail/email-change.test.ts does).
afterAll(() => stopJobQueue());

const PASSWORD = "violet kettle harbour";
const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as { code: string; message: string; fields?: Record<string, string> });

describe("setEmailAndPassword", () => {
  it("sets a student's password at once and keeps the new email pending until it is confirmed, on the same account and plan", async () => {
    const book = await createPublication();
    const plan = await createPlan({ publicationIds: [book.id] });
    const student = await launchStudent({ planId: plan.id });
    const before = await getAccount(student.userId);
    expect(before).toMatchObject({ origin: "lti", canSetCredentials: true, hasPassword: false, email: null });
    expect(before.access).toMatchObject([{ kind: "PLAN", plan: { slug: plan.slug }, source: "INTEGRATION" }]);

    const result = await setEmailAndPassword({ userId: student.userId, email: " Ada.Direct@Example.org ", password: PASSWORD, confirm: PASSWORD });
    expect(result).toEqual({ email: "ada.direct@example.org", pending: true, sessionCookie: null });

    // Not a sign-in email until its link is opened.
    expect(await verifyCredentials({ email: "ada.direct@example.org", password: PASSWORD }, "198.51.100.1")).toBeNull();
    expect(await canRead(student.userId, book.id)).toBe(true);
    expect((await student.launchAgain()).status).toBe(303);
    expect(await prisma.user.count()).toBe(1);
    expect(await getAccount(student.userId)).toMatchObject({ publicId: before.publicId, email: null, pendingEmail: "ada.direct@example.org", hasPassword: true });
  });

  it("refuses an email another account uses, without saying whose, and accepts a different one", async () => {
    const other = await createUser({ email: "ada@school.example", password: PASSWORD, name: "Ada Admin" });
    const student = await launchStudent({ email: "ada@school.example" });
    expect(student.userId).not.toBe(other.id);
    const error = await errorOf(setEmailAndPassword({ userId: student.userId, email: "ADA@school.example", password: PASSWORD, confirm: PASSWORD }));
    expect(error).toMatchObject({ code: "CONFLICT", fields: { email: expect.stringMatching(/already used/) } });
    expect(JSON.stringify(error)).not.toMatch(new RegExp(`${other.publicId}|Ada Admin|${other.id}`));
    expect((await prisma.user.findUniqueOrThrow({ where: { id: student.userId } })).passwordHash).toBeNull();
    await setEmailAndPassword({ userId: student.userId, email: "ada.personal@example.org", password: PASSWORD, confirm: PASSWORD });
    expect((await verifyCredentials({ email: "ada@school.example", password: PASSWORD }, null))?.id).toBe(other.id);
  });

  it("applies the password policy and the confirmation, reporting every field at once", async () => {
    const student = await launchStudent();
    const short = await errorOf(setEmailAndPassword({ userId: student.userId, email: "not-an-email", password: "short", confirm: "shorter" }));
    expect(short).toMatchObject({ code: "BAD_INPUT", fields: { email: expect.any(String), password: expect.stringMatching(/at least 10/), confirm: expect.any(String) } });
    const common = await errorOf(setEmailAndPassword({ userId: student.userId, email: "a@example.org", password: "password123", confirm: "password123" }));
    expect(common).toMatchObject({ fields: { password: expect.stringMatching(/commonly used password/) } });
    for (const weak of ["Password1!", "Qwerty123!", "Summer2024!"]) {
      expect(await errorOf(setEmailAndPassword({ userId: student.userId, email: "a@example.org", password: weak, confirm: weak }))).toMatchObject({
        code: "BAD_INPUT",
        fields: { password: expect.stringMatching(/Add more words that are less common/) },
      });
    }
    // The name the LMS sent ("Ada Student") counts as the person's own details.
    const named = await errorOf(setEmailAndPassword({ userId: student.userId, email: "a@example.org", password: "Student1987!", confirm: "Student1987!" }));
    expect(named).toMatchObject({ fields: { password: expect.stringMatching(/personal/) } });
    const mismatch = await errorOf(setEmailAndPassword({ userId: student.userId, email: "a@example.org", password: PASSWORD, confirm: `${PASSWORD}!` }));
    expect(mismatch).toMatchObject({ fields: { confirm: "The two passwords do not match." } });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: student.userId } })).email).toBeNull();
  });

  it("is refused to an account that never came through an integration and has no email", async () => {
    const stranger = await createUser();
    const error = await errorOf(setEmailAndPassword({ userId: stranger.id, email: "x@example.org", password: PASSWORD, confirm: PASSWORD }));
    expect(error).toMatchObject({ code: "FORBIDDEN" });
    expect(await getAccount(stranger.id)).toMatchObject({ origin: "direct", canSetCredentials: false });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: stranger.id } })).passwordHash).toBeNull();
  });

  it("asks for the current password before replacing one, and then ends other sessions", async () => {
    const student = await launchStudent();
    await setEmailAndPassword({ userId: student.userId, email: "ada@example.org", password: PASSWORD, confirm: PASSWORD });
    const next = "amber lantern meadow";
    const missing = await errorOf(setEmailAndPassword({ userId: student.userId, email: "ada2@example.org", password: next, confirm: next }));
    expect(missing).toMatchObject({ code: "BAD_INPUT", fields: { current: expect.any(String) } });
    const done = await setEmailAndPassword({ userId: student.userId, email: "ada2@example.org", password: next, confirm: next, current: PASSWORD });
    expect(done.sessionCookie).toMatch(/session=/);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: student.userId } })).sessionVersion).toBe(1);
  });
});
