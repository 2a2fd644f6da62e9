import type { IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { clientAddress, normalizeAddress } from "@/lib/auth/client-address";
import { PEER_HEADER, recordPeerAddress } from "@/lib/http/peer-address";

// What the production server does for each request (server/main.ts).
function throughOurServer(socketAddress: string, headers: Record<string, string> = {}): Headers {
  const req = { headers: { ...headers }, socket: { remoteAddress: socketAddress } } as unknown as IncomingMessage;
  recordPeerAddress(req);
  return new Headers(req.headers as Record<string, string>);
}

afterEach(() => {
  delete (globalThis as { folioPeerHeaderIsOurs?: boolean }).folioPeerHeaderIsOurs;
});

describe("clientAddress", () => {
  it("with no proxy configured, ignores X-Forwarded-For and uses the connection's address", () => {
    const headers = throughOurServer("203.0.113.9", { "x-forwarded-for": "198.51.100.1", "x-real-ip": "198.51.100.2" });
    expect(clientAddress(headers, 0)).toBe("203.0.113.9");
  });

  it("does not let a client write the connection's address itself", () => {
    const headers = throughOurServer("203.0.113.9", { [PEER_HEADER]: "198.51.100.1" });
    expect(clientAddress(headers, 0)).toBe("203.0.113.9");
    // Not through the production server (next start): the header proves nothing.
    delete (globalThis as { folioPeerHeaderIsOurs?: boolean }).folioPeerHeaderIsOurs;
    expect(clientAddress(new Headers({ [PEER_HEADER]: "198.51.100.1", "x-forwarded-for": "198.51.100.1" }), 0)).toBeNull();
  });

  it("behind N proxies, takes the Nth address from the right", () => {
    const headers = throughOurServer("10.0.0.2", { "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.1" });
    expect(clientAddress(headers, 1)).toBe("10.0.0.1");
    expect(clientAddress(headers, 2)).toBe("203.0.113.9");
    // Fewer entries than proxies: the leftmost, which a trusted proxy wrote.
    expect(clientAddress(throughOurServer("10.0.0.2", { "x-forwarded-for": "203.0.113.9" }), 2)).toBe("203.0.113.9");
    // No header at all: the connection.
    expect(clientAddress(throughOurServer("10.0.0.2"), 1)).toBe("10.0.0.2");
  });

  it("reads repeated headers as Node gives them", () => {
    expect(clientAddress({ "x-forwarded-for": ["6.6.6.6", "203.0.113.9"] }, 1)).toBe("203.0.113.9");
  });
});

describe("normalizeAddress", () => {
  it("counts an IPv6 /64 as one address, and IPv4-mapped IPv6 as IPv4", () => {
    expect(normalizeAddress("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(normalizeAddress("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(normalizeAddress("[2001:db8::1]:443")).toBe("2001:db8:0:0::/64");
    expect(normalizeAddress("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(normalizeAddress("203.0.113.9:5123")).toBe("203.0.113.9");
    expect(normalizeAddress("not an address")).toBeNull();
    expect(normalizeAddress("")).toBeNull();
  });
});
