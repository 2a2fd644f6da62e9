import { isIP } from "node:net";
import { env } from "@/lib/env";
import { peerAddress } from "@/lib/http/peer-address";

type HeaderSource = Headers | { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function headerReader(headers: HeaderSource): (name: string) => string | null {
  if (typeof (headers as Headers).get === "function") return (name) => (headers as Headers).get(name);
  const record = headers as Record<string, string | string[] | undefined>;
  return (name) => {
    const value = record[name];
    return Array.isArray(value) ? value.join(", ") : (value ?? null);
  };
}

/**
 * An address as a client or proxy wrote it, cleaned: "[v6]:port" and "v4:port" lose the port,
 * the zone index goes, IPv4-mapped IPv6 becomes IPv4. Returns an IPv4 or (lower-case) IPv6
 * address, or null when it is not an address.
 */
export function cleanAddress(raw: string | null | undefined): string | null {
  let value = raw?.trim() ?? "";
  // "[v6]:port" and "v4:port", as some proxies write them.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.replace(/%.*$/, "").toLowerCase(); // zone index
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/.exec(value);
  if (mapped) value = mapped[1]!;
  return isIP(value) ? value : null;
}

/**
 * The address that sign-in limits are kept for, normalised: an IPv4 address, or an IPv6 /64
 * (one subscriber usually holds a whole /64, so counting single IPv6 addresses would let one
 * client be millions of addresses). Returns null when the address cannot be known.
 */
export function normalizeAddress(raw: string | null | undefined): string | null {
  const value = cleanAddress(raw);
  if (!value || isIP(value) === 4) return value;
  return `${expandIpv6(value).slice(0, 4).join(":")}::/64`;
}

function expandIpv6(address: string): string[] {
  let text = address;
  const v4 = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1]!.split(".").map(Number) as [number, number, number, number];
    text = text.slice(0, -v4[1]!.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...middle, ...right].map((group) => Number.parseInt(group || "0", 16).toString(16));
}

/**
 * The client's address as it reached the outermost proxy we trust, uncleaned. With
 * TRUST_PROXY_HOPS=0 (the default) X-Forwarded-For is ignored: anyone can write it, so believing
 * it would let a client pick its own address. With N proxies in front, each appends the address
 * it was reached from, so the Nth entry from the right is the one the outermost proxy saw; the
 * entries left of it are the client's own words.
 */
function rawClientAddress(headers: HeaderSource, hops: number): string | null {
  const get = headerReader(headers);
  if (hops === 0) return peerAddress(get);
  const forwarded = (get("x-forwarded-for") ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  if (forwarded.length === 0) return peerAddress(get);
  // Fewer entries than proxies: the request skipped the outer ones; the leftmost was still written
  // by a proxy we trust.
  return forwarded[Math.max(0, forwarded.length - hops)]!;
}

/** The client's address for sign-in limits (IPv6 counted per /64, see normalizeAddress). */
export function clientAddress(headers: HeaderSource, hops: number = env.TRUST_PROXY_HOPS): string | null {
  return normalizeAddress(rawClientAddress(headers, hops));
}

/** The client's exact address (IPv4 or IPv6), for matching IP ranges; same proxy rule. */
export function exactClientAddress(headers: HeaderSource, hops: number = env.TRUST_PROXY_HOPS): string | null {
  return cleanAddress(rawClientAddress(headers, hops));
}
