import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { verifyCredentials } from "@/lib/auth/credentials";
import { getCurrentUser } from "@/lib/auth/session";
import { PAIR_LIMIT } from "@/lib/auth/login-throttle";
import { changePassword } from "@/lib/account/change-password";
import { createUser } from "@/tests/support/factories";
import { setRequestHeaders, signInAs } from "@/tests/support/request-context";

const PASSWORD = "violet kettle harbour";
const NEXT = "amber lantern meadow";
const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as { code: string; fields?: Record<string, string> });

describe("changePassword", () => {
  it("ends other sessions (their token's sv is old) and keeps this browser signed in", async () => {
    const user = await createUser({ email: "ada@example.org", password: PASSWORD });
    const otherBrowser = await signInAs(user);
    const { sessionCookie } = await changePassword({ userId: user.id, current: PASSWORD, next: NEXT, confirm: NEXT });

    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(user.sessionVersion + 1);
    setRequestHeaders({ cookie: otherBrowser });
    expect(await getCurrentUser()).toBeNull();
    setRequestHeaders({ cookie: sessionCookie.split(";")[0]! });
    expect((await getCurrentUser())?.id).toBe(user.id);

    expect(await verifyCredentials({ email: "ada@example.org", password: PASSWORD }, null)).toBeNull();
    expect((await verifyCredentials({ email: "ada@example.org", password: NEXT }, null))?.sessionVersion).toBe(1);
  });

  it("needs the right current password, and counts wrong ones like failed sign-ins", async () => {
    const user = await createUser({ email: "ada@example.org", password: PASSWORD });
    for (let i = 0; i < PAIR_LIMIT.max; i++) {
      expect(await errorOf(changePassword({ userId: user.id, current: `guess ${i}`, next: NEXT, confirm: NEXT }))).toMatchObject({
        code: "BAD_INPUT",
        fields: { current: expect.any(String) },
      });
    }
    expect(await errorOf(changePassword({ userId: user.id, current: PASSWORD, next: NEXT, confirm: NEXT }))).toMatchObject({ code: "RATE_LIMITED" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(0);
  });

  it("applies the password policy and the confirmation", async () => {
    const user = await createUser({ email: "ada.lovelace@example.org", password: PASSWORD });
    const check = (next: string, confirm = next) => errorOf(changePassword({ userId: user.id, current: PASSWORD, next, confirm }));
    expect(await check("short")).toMatchObject({ fields: { next: expect.stringMatching(/at least 10/) } });
    expect(await check("qwertyuiop")).toMatchObject({ fields: { next: expect.stringMatching(/used password/) } });
    expect(await check("Summer2024!")).toMatchObject({ fields: { next: expect.stringMatching(/Add more words/) } });
    expect(await check("ada.lovelace-1815")).toMatchObject({ fields: { next: expect.stringMatching(/email/) } });
    expect(await check(NEXT, `${NEXT}.`)).toMatchObject({ fields: { confirm: expect.any(String) } });
    expect(await check(PASSWORD)).toMatchObject({ fields: { next: expect.any(String) } });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(0);
  });

  it("is not for accounts without a password", async () => {
    const user = await createUser();
    expect(await errorOf(changePassword({ userId: user.id, current: "", next: NEXT, confirm: NEXT }))).toMatchObject({ code: "BAD_INPUT" });
  });
});
