import { describe, expect, it } from "vitest";
import { parse } from "cookie";
import { prisma } from "@/lib/db";
import { getCurrentUser, readSession } from "@/lib/auth/session";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/session-token";
import { createUser } from "@/tests/support/factories";
import { callNextAuth } from "@/tests/support/next-auth";
import { setRequestHeaders, signInAs } from "@/tests/support/request-context";

const tokenOf = (cookie: string) => cookie.slice(cookie.indexOf("=") + 1);

describe("signing out", () => {
  it("ends the session on the server: the old cookie value no longer signs anyone in", async () => {
    const user = await createUser();
    const old = tokenOf(await signInAs(user));
    const otherBrowser = tokenOf(await signInAs(user));
    expect((await readSession(old))?.id).toBe(user.id);

    const out = await callNextAuth(["signout"], { cookies: { [SESSION_COOKIE]: old }, body: { callbackUrl: "/" } });
    expect(out.url).toBe("http://localhost:3000/");
    expect(out.setCookies.some((c) => c.startsWith(`${SESSION_COOKIE}=;`))).toBe(true);

    // Someone who kept a copy of the cookie (or the browser, had it kept it) is not signed in.
    expect(await readSession(old)).toBeNull();
    setRequestHeaders({ cookie: `${SESSION_COOKIE}=${old}` });
    expect(await getCurrentUser()).toBeNull();
    // Signing out in one browser leaves the others signed in.
    expect((await readSession(otherBrowser))?.id).toBe(user.id);
  });

  it("keeps a revoked session for as long as it could have lasted, and prunes it after", async () => {
    const user = await createUser();
    const token = tokenOf(await signInAs(user));
    const claims = await decodeSessionToken(token);
    await callNextAuth(["signout"], { cookies: { [SESSION_COOKIE]: token } });
    const row = await prisma.revokedSession.findUniqueOrThrow({ where: { sid: claims!.sid as string } });
    expect(row.expiresAt.getTime()).toBe((claims!.sxp as number) * 1000);

    await prisma.revokedSession.update({ where: { sid: row.sid }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await callNextAuth(["signout"], { cookies: { [SESSION_COOKIE]: tokenOf(await signInAs(user)) } });
    expect(await prisma.revokedSession.findUnique({ where: { sid: row.sid } })).toBeNull();
    expect(await prisma.revokedSession.count()).toBe(1);
  });

  it("refuses tokens without a session ID or past the session's end", async () => {
    const user = await createUser();
    const base = { sub: user.id, role: user.role, sv: user.sessionVersion };
    expect(await readSession(await encodeSessionToken(base as never, 60))).toBeNull();
    const ended = await encodeSessionToken({ ...base, sid: "s-1", sxp: Math.floor(Date.now() / 1000) - 1 }, 60);
    expect(await readSession(ended)).toBeNull();
    const fine = await encodeSessionToken({ ...base, sid: "s-2", sxp: Math.floor(Date.now() / 1000) + 60 }, 60);
    expect((await readSession(fine))?.id).toBe(user.id);
  });
});

describe("signing in through next-auth", () => {
  it("issues a token with a session ID that signing out can end", async () => {
    const user = await createUser({ email: "ada@example.test", password: "violet kettle harbour" });
    const signIn = await callNextAuth(["callback", "credentials"], { body: { email: "ada@example.test", password: "violet kettle harbour" } });
    const sessionCookie = signIn.setCookies.map((c) => parse(c)).find((c) => c[SESSION_COOKIE])?.[SESSION_COOKIE];
    expect(sessionCookie).toBeTruthy();
    expect(await decodeSessionToken(sessionCookie!)).toMatchObject({ sub: user.id, sid: expect.any(String), sxp: expect.any(Number) });
    expect((await readSession(sessionCookie!))?.id).toBe(user.id);
    await callNextAuth(["signout"], { cookies: { [SESSION_COOKIE]: sessionCookie! } });
    expect(await readSession(sessionCookie!)).toBeNull();
  });

  it("tells the login page how long to wait when a limit is reached", async () => {
    await createUser({ email: "ada@example.test", password: "violet kettle harbour" });
    for (let i = 0; i < 5; i++) await callNextAuth(["callback", "credentials"], { body: { email: "ada@example.test", password: `guess ${i}` } });
    const limited = await callNextAuth(["callback", "credentials"], { body: { email: "ada@example.test", password: "violet kettle harbour" } });
    expect(new URL(limited.url!).searchParams.get("error")).toBe("RateLimited:15");
  });

  it("does not redirect off Folio's origin, whatever callbackUrl says", async () => {
    for (const callbackUrl of ["https://evil.example/", "/\\evil.example/", "//evil.example"]) {
      const out = await callNextAuth(["signout"], { body: { callbackUrl } });
      expect(new URL(out.url!).origin).toBe("http://localhost:3000");
    }
  });
});
