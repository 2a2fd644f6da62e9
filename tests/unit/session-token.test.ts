import { describe, expect, it } from "vitest";
import { decode, encode } from "next-auth/jwt";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/session-token";

// Folio mints session tokens itself (LTI launches) and next-auth mints them at sign-in: both
// must read each other's.
describe("session tokens", () => {
  const secret = process.env.AUTH_SECRET!;

  it("are read by next-auth, and next-auth's are read by Folio", async () => {
    const ours = await encodeSessionToken({ sub: "u1", role: "READER", sv: 2, sid: "s1", sxp: 1 }, 60);
    expect(await decode({ token: ours, secret })).toMatchObject({ sub: "u1", role: "READER", sv: 2, sid: "s1", sxp: 1 });

    const theirs = await encode({ token: { sub: "u2", role: "ADMIN", sv: 0 }, secret, maxAge: 60 });
    expect(await decodeSessionToken(theirs)).toMatchObject({ sub: "u2", role: "ADMIN", sv: 0 });
  });

  it("refuses a token from another secret, a tampered one, and an expired one", async () => {
    const foreign = await encode({ token: { sub: "u3" }, secret: "another-secret-0123456789-0123456789-xyz", maxAge: 60 });
    expect(await decodeSessionToken(foreign)).toBeNull();

    const ours = await encodeSessionToken({ sub: "u4", role: "READER", sv: 0, sid: "s4", sxp: 1 }, 60);
    const parts = ours.split(".");
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith("AA") ? "BB" : "AA");
    expect(await decodeSessionToken(parts.join("."))).toBeNull();

    const expired = await encodeSessionToken({ sub: "u5", role: "READER", sv: 0, sid: "s5", sxp: 1 }, -60);
    expect(await decodeSessionToken(expired)).toBeNull();
  });
});
