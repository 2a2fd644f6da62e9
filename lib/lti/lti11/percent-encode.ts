/**
 * RFC 3986 percent-encoding as OAuth 1.0a requires it (RFC 5849 §3.6): every byte outside
 * ALPHA / DIGIT / "-" / "." / "_" / "~" is encoded as %XX with upper-case hex digits, over UTF-8.
 * encodeURIComponent leaves !'()* alone, so those are encoded here.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
