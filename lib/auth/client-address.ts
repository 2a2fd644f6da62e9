/**
 * The client's address for rate limiting: the first X-Forwarded-For hop (set by the reverse
 * proxy in front of Folio) or X-Real-IP. Returns null when neither is present.
 */
export function clientAddress(headers: Headers | Record<string, string | string[] | undefined>): string | null {
  const get = (name: string) => {
    if (headers instanceof Headers) return headers.get(name);
    const value = headers[name];
    return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
  };
  const forwarded = get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || get("x-real-ip")?.trim() || null;
}
