import { BlockList, isIPv4, isIPv6 } from "node:net";

// IP ranges for IP_RANGE integrations (docs/decisions/0025). Parsing is ours and strict, so the
// owner learns about a typo when saving rather than by a school that cannot get in; matching is
// node:net's BlockList (IPv4, IPv6 and IPv4-mapped IPv6, no dependency to keep up to date).

export type Cidr = { family: 4 | 6; canonical: string };

export const MAX_RANGES = 200;

function v4Bytes(address: string): number[] {
  return address.split(".").map(Number);
}

/** The 16 bytes of an IPv6 address (with an embedded dotted IPv4 tail, if any). */
function v6Bytes(address: string): number[] {
  let text = address.toLowerCase();
  const tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  let tailBytes: number[] = [];
  if (tail) {
    tailBytes = v4Bytes(tail[1]!);
    text = text.slice(0, -tail[1]!.length) + "0:0";
  }
  const [head, rest] = text.split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = rest ? rest.split(":") : [];
  const groups = rest === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  const bytes = groups.flatMap((g) => {
    const n = Number.parseInt(g || "0", 16);
    return [n >> 8, n & 0xff];
  });
  if (tailBytes.length) bytes.splice(12, 4, ...tailBytes);
  return bytes;
}

function v6Text(bytes: number[]): string {
  const groups = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i]! << 8) | bytes[2 * i + 1]!).toString(16));
  // RFC 5952: the longest run (of two or more) of zero groups becomes "::".
  let best = { at: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== "0") { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > best.length && j - i >= 2) best = { at: i, length: j - i };
    i = j;
  }
  if (best.at < 0) return groups.join(":");
  return `${groups.slice(0, best.at).join(":")}::${groups.slice(best.at + best.length).join(":")}`;
}

/** Clears every bit past `prefix`. */
function masked(bytes: number[], prefix: number): number[] {
  return bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
}

/**
 * One range: "192.0.2.0/24", "2001:db8::/32", or a single address (taken as /32 or /128).
 * Throws an Error whose message names the entry and says what is wrong.
 */
export function parseCidr(input: string): Cidr {
  const text = input.trim();
  const say = (why: string) => new Error(`"${text}" ${why}`);
  if (!text) throw new Error("An empty line is not a range.");
  if (text.length > 60) throw say("is too long to be an IP range.");
  const slash = text.indexOf("/");
  const address = slash === -1 ? text : text.slice(0, slash);
  const prefixText = slash === -1 ? null : text.slice(slash + 1);
  if (address.includes("%")) throw say("has a zone index (%…); list the range without it.");
  const family = isIPv4(address) ? 4 : isIPv6(address) ? 6 : 0;
  if (family === 0) {
    throw say(/^\d+(\.\d+){0,3}$/.test(address)
      ? "is not an IPv4 address: write four numbers from 0 to 255 without leading zeros, e.g. 192.0.2.0/24."
      : "is not an IPv4 or IPv6 range. Write it as address/prefix, e.g. 192.0.2.0/24 or 2001:db8::/32.");
  }
  const bits = family === 4 ? 32 : 128;
  let prefix = bits;
  if (prefixText !== null) {
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) {
      throw say(`has a bad prefix length: after the / write a number from 0 to ${bits}.`);
    }
    prefix = Number(prefixText);
  }
  if (prefix < (family === 4 ? 8 : 16)) {
    throw say(`is wider than /${family === 4 ? 8 : 16}: that is a large part of the Internet, not one institution's network.`);
  }
  const bytes = family === 4 ? v4Bytes(address) : v6Bytes(address);
  const network = masked(bytes, prefix);
  const networkText = family === 4 ? network.join(".") : v6Text(network);
  if (network.some((b, i) => b !== bytes[i])) {
    throw say(`has bits set past /${prefix}: the range starts at ${networkText}/${prefix}. Write that (or check the prefix length).`);
  }
  return { family, canonical: `${networkText}/${prefix}` };
}

/**
 * A list of ranges, one per line or separated by commas or spaces; "#" starts a comment.
 * Returns the canonical forms without duplicates, or every problem at once.
 */
export function parseCidrList(text: string): { ranges: string[]; errors: string[] } {
  const entries = text.split(/\r?\n/).map((line) => line.replace(/#.*$/, "")).join(" ").split(/[\s,]+/).filter(Boolean);
  const ranges: string[] = [];
  const errors: string[] = [];
  for (const entry of entries) {
    try {
      const { canonical } = parseCidr(entry);
      if (!ranges.includes(canonical)) ranges.push(canonical);
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  if (ranges.length > MAX_RANGES) errors.push(`At most ${MAX_RANGES} ranges; this list has ${ranges.length}.`);
  return { ranges, errors };
}

/** Whether the address (IPv4, IPv6 or IPv4-mapped IPv6) is in one of the canonical ranges. */
export function addressInRanges(address: string | null, ranges: readonly string[]): boolean {
  if (!address || ranges.length === 0) return false;
  const family = isIPv4(address) ? "ipv4" : isIPv6(address) && !address.includes("%") ? "ipv6" : null;
  if (!family) return false;
  const list = new BlockList();
  for (const range of ranges) {
    const [net, prefix] = range.split("/") as [string, string];
    list.addSubnet(net, Number(prefix), isIPv4(net) ? "ipv4" : "ipv6");
  }
  return list.check(address, family);
}
