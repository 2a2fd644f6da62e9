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
 * The address that sign-in limits are kept for, normalised: an IPv4 address, or an IPv6 /64
 * (one subscriber usually holds a whole /64, so counting single IPv6 addresses would let one
 * client be millions of addresses). Returns null when the address cannot be known.
 */
export function normalizeAddress(raw: string | null | undefined): string | null {
  let value = raw?.trim() ?? "";
  // "[v6]:port" and "v4:port", as some proxies write them.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.replace(/%.*$/, "").toLowerCase(); // zone index
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/.exec(value);
  if (mapped) value = mapped[1]!;
  const kind = isIP(value);
  if (kind === 4) return value;
  if (kind !== 6) return null;
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
 * The client's address for sign-in limits. With TRUST_PROXY_HOPS=0 (the default) X-Forwarded-For
 * is ignored: anyone can write it, so believing it would let a client pick its own address. With
 * N proxies in front, each appends the address it was reached from, so the Nth entry from the
 * right is the one the outermost proxy saw; the entries left of it are the client's own words.
 */
export function clientAddress(headers: HeaderSource, hops: number = env.TRUST_PROXY_HOPS): string | null {
  const get = headerReader(headers);
  if (hops === 0) return normalizeAddress(peerAddress(get));
  const forwarded = (get("x-forwarded-for") ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  if (forwarded.length === 0) return normalizeAddress(peerAddress(get));
  // Fewer entries than proxies: the request skipped the outer ones; the leftmost was still written
  // by a proxy we trust.
  return normalizeAddress(forwarded[Math.max(0, forwarded.length - hops)]);
}
