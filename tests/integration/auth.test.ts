import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { verifyCredentials } from "@/lib/auth/credentials";
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
  // The limits on attempts are in login-throttle.test.ts.
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
