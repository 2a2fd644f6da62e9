import { createHmac, timingSafeEqual } from "node:crypto";
import { percentEncode } from "@/lib/lti/lti11/percent-encode";

/** A request parameter as received; repeated names appear once per occurrence. */
export type OAuthParam = readonly [name: string, value: string];

/**
 * The normalized parameter string (RFC 5849 §3.4.1.3.2): every parameter except
 * oauth_signature, names and values percent-encoded, sorted by encoded name then encoded value
 * in byte order (these strings are ASCII, so code-unit order is byte order), joined by "&".
 */
export function normalizeParameters(params: readonly OAuthParam[]): string {
  return params
    .filter(([name]) => name !== "oauth_signature")
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

/**
 * The base string URI (RFC 5849 §3.4.1.2): scheme and host lower-case, the port only when it
 * is not the scheme's default, the path, no query and no fragment. WHATWG URL does exactly this.
 */
export function baseStringUri(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}

/** The signature base string (RFC 5849 §3.4.1.1). */
export function signatureBaseString(method: string, url: string, params: readonly OAuthParam[]): string {
  return [method.toUpperCase(), baseStringUri(url), normalizeParameters(params)].map(percentEncode).join("&");
}

/** HMAC-SHA1 (RFC 5849 §3.4.2): key is encoded consumer secret "&" encoded token secret. */
export function hmacSha1Signature(baseString: string, consumerSecret: string, tokenSecret = ""): string {
  const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
  return createHmac("sha1", key).update(baseString, "utf8").digest("base64");
}

/**
 * Compares the received signature with the expected one in constant time. The expected value is
 * always 28 base64 characters, so the early length check reveals nothing about the secret.
 */
export function signaturesMatch(expected: string, received: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(received, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
