import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { verifyCredentials } from "@/lib/auth/credentials";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS } from "@/lib/auth/login-throttle";
import { getCurrentUser, requireAdmin, requireUser } from "@/lib/auth/session";
import { createAdminUser, createUser } from "@/tests/support/factories";
import { setRequestHeaders, signInAs } from "@/tests/support/request-context";

const PASSWORD = "violet kettle harbour";

describe("signing in with email and password", () => {
  it("accepts the right password, case-insensitively on the email", async () => {
    const user = await createUser({ email: "ada@example.test", password: PASSWORD });
    expect(await verifyCredentials({ email: "ADA@example.test", password: PASSWORD }, "10.0.0.1")).toMatchObject({ id: user.id, role: "READER" });
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    await createUser({ email: "ada@example.test", password: PASSWORD });
    expect(await verifyCredentials({ email: "ada@example.test", password: "wrong password" }, null)).toBeNull();
    expect(await verifyCredentials({ email: "nobody@example.test", password: PASSWORD }, null)).toBeNull();
  });

  it("locks an account after repeated failures, even with the right password", async () => {
    await createUser({ email: "ada@example.test", password: PASSWORD });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      expect(await verifyCredentials({ email: "ada@example.test", password: `guess ${i}` }, `10.0.0.${i}`)).toBeNull();
    }
    await expect(verifyCredentials({ email: "ada@example.test", password: PASSWORD }, "10.0.9.9")).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });

  it("limits one address trying many accounts", async () => {
    await createUser({ email: "ada@example.test", password: PASSWORD });
    await prisma.loginAttempt.createMany({ data: Array.from({ length: MAX_FAILURES_PER_ADDRESS }, () => ({ key: "ip:10.1.1.1" })) });
    await expect(verifyCredentials({ email: "ada@example.test", password: PASSWORD }, "10.1.1.1")).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await verifyCredentials({ email: "ada@example.test", password: PASSWORD }, "10.2.2.2")).not.toBeNull();
  });
});

describe("sessions", () => {
  it("knows nobody without a cookie and refuses a forged one", async () => {
    expect(await getCurrentUser()).toBeNull();
    setRequestHeaders({ cookie: "folio.session=not-a-token" });
    await expect(requireUser()).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("lets an administrator through requireAdmin and stops a reader", async () => {
    const admin = await createAdminUser();
    await signInAs(admin);
    expect((await requireAdmin()).id).toBe(admin.id);

    const reader = await createUser();
    await signInAs(reader);
    await expect(requireAdmin()).rejects.toMatchObject({ code: "FORBIDDEN", status: 403 });
  });

  it("ends a session when the user's session version moves on (password change)", async () => {
    const reader = await createUser();
    await signInAs(reader);
    await prisma.user.update({ where: { id: reader.id }, data: { sessionVersion: { increment: 1 } } });
    await expect(requireUser()).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
