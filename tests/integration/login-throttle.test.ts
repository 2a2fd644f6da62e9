import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { verifyCredentials } from "@/lib/auth/credentials";
import {
  ACCOUNT_LIMIT,
  ADDRESS_LIMIT,
  PAIR_LIMIT,
  pruneLoginThrottle,
  recordSignInSuccess,
  reserveSignInAttempt,
} from "@/lib/auth/login-throttle";
import { createUser } from "@/tests/support/factories";

const PASSWORD = "violet kettle harbour";
const OWNER_AT_HOME = "198.51.100.7";
const MINUTE = 60_000;

async function outcome(run: () => Promise<unknown>): Promise<"checked" | string> {
  try {
    await run();
    return "checked";
  } catch (error) {
    return (error as Error).message;
  }
}

describe("sign-in limits", () => {
  it("lets at most the limit of 30 simultaneous guesses reach the password check", async () => {
    await createUser({ email: "ada@example.test", password: PASSWORD });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => outcome(() => verifyCredentials({ email: "ada@example.test", password: `guess ${i}` }, "203.0.113.9"))),
    );
    // A refused attempt throws before scrypt runs: "checked" is exactly "reached the password check".
    expect(results.filter((r) => r === "checked")).toHaveLength(PAIR_LIMIT.max);
    expect(results.filter((r) => r === "Too many attempts. Try again in 15 minutes.")).toHaveLength(30 - PAIR_LIMIT.max);
  });

  it("does not let a stranger's failures at their address lock the owner out at theirs", async () => {
    const owner = await createUser({ email: "ada@example.test", password: PASSWORD });
    for (let i = 0; i < PAIR_LIMIT.max; i++) {
      expect(await verifyCredentials({ email: "ada@example.test", password: `guess ${i}` }, "203.0.113.9")).toBeNull();
    }
    await expect(verifyCredentials({ email: "ada@example.test", password: PASSWORD }, "203.0.113.9")).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect((await verifyCredentials({ email: "ada@example.test", password: PASSWORD }, OWNER_AT_HOME))?.id).toBe(owner.id);
  });

  it("says how many minutes are left, and lets the person in once the window has passed", async () => {
    const t0 = new Date("2026-11-30T10:00:00Z");
    for (let i = 0; i < PAIR_LIMIT.max; i++) await reserveSignInAttempt("ada@example.test", "203.0.113.9", { now: new Date(t0.getTime() + i * 1000) });
    await expect(reserveSignInAttempt("ada@example.test", "203.0.113.9", { now: new Date(t0.getTime() + 10 * MINUTE) }))
      .rejects.toThrow("Too many attempts. Try again in 5 minutes.");
    await expect(reserveSignInAttempt("ada@example.test", "203.0.113.9", { now: new Date(t0.getTime() + 15 * MINUTE + 500) }))
      .resolves.toMatchObject({ stamp: expect.any(Date) });
  });

  it("clears the account+address counter when the right password is given", async () => {
    const owner = await createUser({ email: "ada@example.test", password: PASSWORD });
    for (let i = 0; i < PAIR_LIMIT.max - 1; i++) await verifyCredentials({ email: "ada@example.test", password: `typo ${i}` }, OWNER_AT_HOME);
    expect((await verifyCredentials({ email: "ada@example.test", password: PASSWORD }, OWNER_AT_HOME))?.id).toBe(owner.id);
    for (let i = 0; i < PAIR_LIMIT.max - 1; i++) await verifyCredentials({ email: "ada@example.test", password: `typo ${i}` }, OWNER_AT_HOME);
    expect((await verifyCredentials({ email: "ada@example.test", password: PASSWORD }, OWNER_AT_HOME))?.id).toBe(owner.id);
  });

  it("stops guessing spread over many addresses, but not the owner at an address they signed in from", async () => {
    const owner = await createUser({ email: "ada@example.test", password: PASSWORD });
    expect((await verifyCredentials({ email: "ada@example.test", password: PASSWORD }, OWNER_AT_HOME))?.id).toBe(owner.id);
    const t0 = new Date();
    // A stranger uses up the account's hourly allowance, a few guesses from each of many addresses.
    for (let i = 0; i < ACCOUNT_LIMIT.max; i++) {
      await reserveSignInAttempt("ada@example.test", `192.0.2.${Math.floor(i / PAIR_LIMIT.max)}`, { now: new Date(t0.getTime() + i) });
    }
    await expect(reserveSignInAttempt("ada@example.test", "192.0.2.200", { now: new Date(t0.getTime() + 10 * MINUTE) }))
      .rejects.toThrow("Too many attempts. Try again in 50 minutes.");
    // The refused attempt gave its account+address slot back.
    const pair = await prisma.loginThrottle.findUnique({ where: { key: "pair:ada@example.test 192.0.2.200" } });
    expect(pair?.attempts ?? []).toHaveLength(0);
    // The owner at home is not affected; nor is anybody after the hour.
    expect((await verifyCredentials({ email: "ada@example.test", password: PASSWORD }, OWNER_AT_HOME))?.id).toBe(owner.id);
    await expect(reserveSignInAttempt("ada@example.test", "192.0.2.200", { now: new Date(t0.getTime() + ACCOUNT_LIMIT.windowMs + 100) }))
      .resolves.toMatchObject({ pairKey: "pair:ada@example.test 192.0.2.200" });
  });

  it("limits one address trying many accounts, except for accounts that signed in from it", async () => {
    const regular = await createUser({ email: "regular@example.test", password: PASSWORD });
    expect((await verifyCredentials({ email: "regular@example.test", password: PASSWORD }, "10.1.1.1"))?.id).toBe(regular.id);
    for (let i = 0; i < ADDRESS_LIMIT.max; i++) await reserveSignInAttempt(`victim${i}@example.test`, "10.1.1.1");
    await expect(reserveSignInAttempt("one-more@example.test", "10.1.1.1")).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await expect(reserveSignInAttempt("one-more@example.test", "10.2.2.2")).resolves.toBeDefined();
    expect((await verifyCredentials({ email: "regular@example.test", password: PASSWORD }, "10.1.1.1"))?.id).toBe(regular.id);
  });

  it("does not count successful sign-ins against the shared limits", async () => {
    for (let i = 0; i < ADDRESS_LIMIT.max + 5; i++) {
      const reservation = await reserveSignInAttempt(`student${i}@example.test`, "10.9.9.9");
      await recordSignInSuccess(reservation);
    }
    await expect(reserveSignInAttempt("latecomer@example.test", "10.9.9.9")).resolves.toBeDefined();
  });

  it("prunes rows that no longer count, on a sample of attempts", async () => {
    const old = new Date(Date.now() - 2 * ACCOUNT_LIMIT.windowMs);
    await reserveSignInAttempt("gone@example.test", "10.3.3.3", { now: old, random: () => 0.99 });
    await reserveSignInAttempt("live@example.test", "10.3.3.4", { random: () => 0.99 });
    expect(await prisma.loginThrottle.count()).toBe(6);
    // random() → 0: this attempt is one of the sample that prunes.
    await reserveSignInAttempt("live@example.test", "10.3.3.4", { random: () => 0 });
    await expect.poll(() => prisma.loginThrottle.count()).toBe(3);
    expect((await prisma.loginThrottle.findMany({ select: { key: true } })).map((r) => r.key).sort())
      .toEqual(["account:live@example.test", "address:10.3.3.4", "pair:live@example.test 10.3.3.4"]);
    expect(await pruneLoginThrottle()).toBe(0);
  });
});
