import type { IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { addressInRanges, parseCidr, parseCidrList } from "@/lib/guest-access/cidr";
import { parseReferrerPrefix, parseReferrerPrefixList, referrerMatches } from "@/lib/guest-access/referrer";
import { signLinkParams, verifyLinkParams } from "@/lib/guest-access/signed-link";
import { exactClientAddress } from "@/lib/auth/client-address";
import { recordPeerAddress } from "@/lib/http/peer-address";

describe("CIDR ranges", () => {
  it("parses IPv4 and IPv6 ranges into a canonical form", () => {
    expect(parseCidr("192.0.2.0/24")).toEqual({ family: 4, canonical: "192.0.2.0/24" });
    expect(parseCidr(" 198.51.100.7 ")).toEqual({ family: 4, canonical: "198.51.100.7/32" });
    expect(parseCidr("2001:DB8:0:0::/32")).toEqual({ family: 6, canonical: "2001:db8::/32" });
    expect(parseCidr("2001:db8:1200::/40").canonical).toBe("2001:db8:1200::/40");
    expect(parseCidr("2001:db8::1").canonical).toBe("2001:db8::1/128");
    expect(parseCidr("::ffff:192.0.2.0/120").canonical).toBe("::ffff:c000:200/120");
  });

  it("rejects bad entries with a sentence naming the entry and the fix", () => {
    expect(() => parseCidr("192.0.2.1/24")).toThrow('"192.0.2.1/24" has bits set past /24: the range starts at 192.0.2.0/24.');
    expect(() => parseCidr("2001:db8::1/32")).toThrow("the range starts at 2001:db8::/32");
    expect(() => parseCidr("192.0.2.0/33")).toThrow("after the / write a number from 0 to 32");
    expect(() => parseCidr("2001:db8::/129")).toThrow("from 0 to 128");
    expect(() => parseCidr("192.0.2.0/")).toThrow("bad prefix length");
    expect(() => parseCidr("192.0.2.0/2a")).toThrow("bad prefix length");
    expect(() => parseCidr("256.0.0.0/8")).toThrow("is not an IPv4 address");
    expect(() => parseCidr("010.0.0.0/8")).toThrow("without leading zeros");
    expect(() => parseCidr("192.0.2")).toThrow("is not an IPv4 address");
    expect(() => parseCidr("intranet.school.example")).toThrow("is not an IPv4 or IPv6 range");
    expect(() => parseCidr("fe80::1%eth0")).toThrow("zone index");
    expect(() => parseCidr("0.0.0.0/0")).toThrow("wider than /8");
    expect(() => parseCidr("::/0")).toThrow("wider than /16");
  });

  it("reports every bad line of a list at once and drops duplicates", () => {
    expect(parseCidrList("192.0.2.0/24\n# campus\n2001:db8::/32, 192.0.2.0/24")).toEqual({ ranges: ["192.0.2.0/24", "2001:db8::/32"], errors: [] });
    const { errors } = parseCidrList("192.0.2.0/24\nnot-a-range\n10.0.0.1/8");
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain('"not-a-range"');
    expect(errors[1]).toContain('"10.0.0.1/8"');
  });

  it("matches IPv4, IPv6 and IPv4-mapped addresses, and nothing else", () => {
    const ranges = ["192.0.2.0/24", "2001:db8:1200::/40"];
    expect(addressInRanges("192.0.2.200", ranges)).toBe(true);
    expect(addressInRanges("192.0.3.1", ranges)).toBe(false);
    expect(addressInRanges("::ffff:192.0.2.9", ranges)).toBe(true);
    expect(addressInRanges("2001:db8:12ff::1", ranges)).toBe(true);
    expect(addressInRanges("2001:db8:1300::1", ranges)).toBe(false);
    expect(addressInRanges(null, ranges)).toBe(false);
    expect(addressInRanges("192.0.2.1", [])).toBe(false);
    expect(addressInRanges("not an address", ranges)).toBe(false);
  });
});

describe("client address for IP ranges (TRUST_PROXY_HOPS)", () => {
  afterEach(() => {
    delete (globalThis as { folioPeerHeaderIsOurs?: boolean }).folioPeerHeaderIsOurs;
  });
  const through = (socket: string, headers: Record<string, string> = {}) => {
    const req = { headers: { ...headers }, socket: { remoteAddress: socket } } as unknown as IncomingMessage;
    recordPeerAddress(req);
    return new Headers(req.headers as Record<string, string>);
  };
  // The client claims to be on campus (192.0.2.50); the proxies wrote what they saw.
  const forwarded = { "x-forwarded-for": "192.0.2.50, 203.0.113.7, 10.0.0.2" };

  it("0 hops: the connection's address, X-Forwarded-For ignored", () => {
    expect(exactClientAddress(through("198.51.100.4", forwarded), 0)).toBe("198.51.100.4");
    expect(exactClientAddress(through("2001:db8:1200::abcd", forwarded), 0)).toBe("2001:db8:1200::abcd");
  });

  it("1 hop: the last entry, which our proxy wrote", () => {
    expect(exactClientAddress(through("10.0.0.9", forwarded), 1)).toBe("10.0.0.2");
  });

  it("2 hops: the second from the right, never the client's own entries further left", () => {
    expect(exactClientAddress(through("10.0.0.9", forwarded), 2)).toBe("203.0.113.7");
    expect(addressInRanges(exactClientAddress(through("10.0.0.9", forwarded), 2), ["192.0.2.0/24"])).toBe(false);
  });

  it("keeps the whole IPv6 address (not the /64 sign-in limits count)", () => {
    expect(exactClientAddress(through("10.0.0.9", { "x-forwarded-for": "[2001:db8:1200::5]:443" }), 1)).toBe("2001:db8:1200::5");
  });
});

describe("referrer prefixes", () => {
  const prefixes = [parseReferrerPrefix("https://intranet.school.example/library/")];

  it("matches pages under the prefix on the same host", () => {
    expect(referrerMatches("https://intranet.school.example/library/", prefixes)).toBe(true);
    expect(referrerMatches("https://intranet.school.example/library/books?x=1", prefixes)).toBe(true);
    expect(referrerMatches("https://INTRANET.school.example:443/library/a", prefixes)).toBe(true);
  });

  it("does not match look-alike hosts, other paths, schemes or ports", () => {
    expect(referrerMatches("https://intranet.school.example.evil.test/library/", prefixes)).toBe(false);
    expect(referrerMatches("https://intranet.school.example@evil.test/library/", prefixes)).toBe(false);
    expect(referrerMatches("https://evil.test/https://intranet.school.example/library/", prefixes)).toBe(false);
    expect(referrerMatches("https://intranet.school.example/library-old/", prefixes)).toBe(false);
    expect(referrerMatches("https://intranet.school.example/", prefixes)).toBe(false);
    expect(referrerMatches("http://intranet.school.example/library/", prefixes)).toBe(false);
    expect(referrerMatches("https://intranet.school.example:8443/library/", prefixes)).toBe(false);
    expect(referrerMatches(null, prefixes)).toBe(false);
    expect(referrerMatches("not a url", prefixes)).toBe(false);
  });

  it("a prefix without a trailing slash covers its path segment only", () => {
    const p = [parseReferrerPrefix("https://intranet.school.example/library")];
    expect(referrerMatches("https://intranet.school.example/library", p)).toBe(true);
    expect(referrerMatches("https://intranet.school.example/library/x", p)).toBe(true);
    expect(referrerMatches("https://intranet.school.example/libraryx", p)).toBe(false);
  });

  it("rejects prefixes that cannot be matched safely", () => {
    const { errors } = parseReferrerPrefixList("intranet.school.example/library\nftp://x.example/\nhttps://u:p@x.example/\nhttps://x.example/a?b=1\nhttps://intranet/");
    expect(errors).toHaveLength(5);
    expect(errors[0]).toContain("start it with https://");
  });
});

describe("signed links", () => {
  const secret = "k".repeat(43);
  const id = "cintegration000000000000";
  const now = Date.UTC(2026, 0, 1);
  const exp = Math.floor(now / 1000) + 3600;
  const sig = signLinkParams(secret, id, exp);

  it("accepts a valid link and refuses an expired, tampered or incomplete one", () => {
    expect(verifyLinkParams(secret, id, { exp: String(exp), sig }, now)).toBe("ok");
    expect(verifyLinkParams(secret, id, { exp: String(exp), sig }, (exp + 1) * 1000)).toBe("expired");
    expect(verifyLinkParams(secret, id, { exp: String(exp + 86400), sig }, now)).toBe("bad-signature");
    expect(verifyLinkParams(secret, "cotherintegration0000000", { exp: String(exp), sig }, now)).toBe("bad-signature");
    expect(verifyLinkParams("x".repeat(43), id, { exp: String(exp), sig }, now)).toBe("bad-signature");
    const flipped = (sig[0] === "A" ? "B" : "A") + sig.slice(1);
    expect(verifyLinkParams(secret, id, { exp: String(exp), sig: flipped }, now)).toBe("bad-signature");
    expect(verifyLinkParams(secret, id, { exp: String(exp), sig: null }, now)).toBe("missing");
  });
});
