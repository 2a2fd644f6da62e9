import "server-only";
import { BlockList, isIP } from "node:net";
import { env } from "@/lib/env";

// Which URLs that come from a platform or an administrator Folio will store, redirect a browser
// to, put in a page, or fetch. One rule everywhere (decision 15): https to a public host; with
// LTI_ALLOW_PRIVATE_URLS=true (development, tests) also http and loopback/private addresses.
// Anything else (javascript:, data:, file:, credentials in the URL) is refused, on the way in
// and again where the URL is used, so a value stored before this rule cannot slip through.

export type UrlPolicy = { allowPrivate?: boolean };

const allowPrivateDefault = (policy?: UrlPolicy) => policy?.allowPrivate ?? env.LTI_ALLOW_PRIVATE_URLS;

// Addresses that are not the public internet: loopback, private, link-local, CGNAT, multicast,
// documentation and benchmark ranges, and IPv6 forms that embed or translate to IPv4 (BlockList
// checks IPv4-mapped IPv6, ::ffff:a.b.c.d, against the IPv4 rules itself).
const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.88.99.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15],
  ["198.51.100.0", 24], ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  // ::/96 holds ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d; ::ffff:0:0:0/96 is IPv4-translated.
  ["::", 96], ["::ffff:0:0:0", 96], ["64:ff9b::", 96], ["64:ff9b:1::", 48], ["100::", 64],
  ["2001::", 23], ["2001:db8::", 32], ["2002::", 16], ["fc00::", 7], ["fe80::", 10], ["fec0::", 10], ["ff00::", 8],
] as const) blocked.addSubnet(net, prefix, "ipv6");

/** Is this IP address (v4 or v6, as a string) outside the public internet? */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** The host without IPv6 brackets and without trailing dots ("localhost." is "localhost" to a resolver). */
function bareHost(hostname: string): string {
  const host = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return host.replace(/\.+$/, "");
}

/**
 * What is wrong with this URL under the policy, as a sentence for an administrator, or null.
 * Synchronous: a host name is checked again after DNS resolution by the outbound fetch helper.
 */
export function urlPolicyProblem(value: string, policy?: UrlPolicy): string | null {
  const allowPrivate = allowPrivateDefault(policy);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter a full URL starting with https://";
  }
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) {
    return url.protocol === "http:" ? "Use https:// (http:// is allowed only when LTI_ALLOW_PRIVATE_URLS is set, for development)." : "Enter a full URL starting with https://";
  }
  if (url.username || url.password) return "Remove the user name and password from the URL.";
  const host = bareHost(url.hostname).toLowerCase();
  if (!host) return "Enter a full URL starting with https://";
  if (!allowPrivate) {
    const local = host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal");
    if (local || (isIP(host) !== 0 && isNonPublicAddress(host))) {
      return "Use the platform's public address: local and private network addresses are allowed only when LTI_ALLOW_PRIVATE_URLS is set, for development.";
    }
  }
  return null;
}

/** The URL when it passes the policy, else null. */
export function allowedUrl(value: string | null | undefined, policy?: UrlPolicy): URL | null {
  if (!value || urlPolicyProblem(value, policy)) return null;
  return new URL(value);
}
