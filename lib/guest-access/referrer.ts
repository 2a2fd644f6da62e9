// URL prefixes for REFERRER integrations (docs/decisions/0025). Prefixes and the Referer header
// are compared as parsed URLs (scheme, host, port, then the path on segment boundaries), never as
// strings: "https://intranet.school.example.evil.test/" and
// "https://intranet.school.example@evil.test/" are other hosts, and "/library" does not cover
// "/library-old".

export const MAX_PREFIXES = 50;

type Prefix = { origin: string; path: string };

function split(url: URL): Prefix {
  return { origin: url.origin, path: url.pathname };
}

/**
 * One prefix as the owner types it ("https://intranet.school.example/library/"), normalised the
 * way a browser writes a Referer. Throws an Error naming the entry.
 */
export function parseReferrerPrefix(input: string): string {
  const text = input.trim();
  const say = (why: string) => new Error(`"${text}" ${why}`);
  if (text.length > 500) throw say("is too long (500 characters at most).");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw say("is not a full address: start it with https:// (or http://) and the host, e.g. https://intranet.school.example/library/.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw say("must start with https:// or http://.");
  if (url.username || url.password) throw say("must not contain a user name or password.");
  if (!url.hostname.includes(".") && url.hostname !== "localhost") throw say("needs a full host name, such as intranet.school.example.");
  // Browsers leave the fragment out of Referer, and a query cannot be a prefix we can reason about.
  if (url.hash || url.search) throw say("must not contain ? or #: give the start of the path only.");
  return `${url.origin}${url.pathname}`;
}

export function parseReferrerPrefixList(text: string): { prefixes: string[]; errors: string[] } {
  const prefixes: string[] = [];
  const errors: string[] = [];
  for (const line of text.split(/[\r\n]+/).map((l) => l.trim()).filter(Boolean)) {
    try {
      const prefix = parseReferrerPrefix(line);
      if (!prefixes.includes(prefix)) prefixes.push(prefix);
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  if (prefixes.length > MAX_PREFIXES) errors.push(`At most ${MAX_PREFIXES} prefixes; this list has ${prefixes.length}.`);
  return { prefixes, errors };
}

function pathCovers(prefixPath: string, path: string): boolean {
  if (prefixPath === "/" || path === prefixPath) return true;
  const base = prefixPath.endsWith("/") ? prefixPath : `${prefixPath}/`;
  return path.startsWith(base);
}

/** Whether a Referer header value starts with one of the (normalised) prefixes. */
export function referrerMatches(referer: string | null, prefixes: readonly string[]): boolean {
  if (!referer || referer.length > 4096) return false;
  let url: URL;
  try {
    url = new URL(referer);
  } catch {
    return false;
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password) return false;
  const seen = split(url);
  return prefixes.some((text) => {
    const prefix = split(new URL(text));
    return prefix.origin === seen.origin && pathCovers(prefix.path, seen.path);
  });
}
