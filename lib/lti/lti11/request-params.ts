import type { HttpRequest } from "@/lib/http/request";
import type { OAuthParam } from "@/lib/lti/lti11/signature";

export const MAX_LAUNCH_BODY_BYTES = 64 * 1024;

export type ReadParamsResult =
  | { ok: true; params: OAuthParam[] }
  | { ok: false; reason: "not-form" | "too-large" | "bad-header" };

function pairs(search: URLSearchParams): OAuthParam[] {
  return [...search.entries()];
}

// RFC 5849 §3.5.1: parameters in an "OAuth" Authorization header, percent-encoded, "realm" excluded.
function headerParams(header: string | null): OAuthParam[] | null {
  if (!header || !/^OAuth\s/i.test(header)) return [];
  const found: OAuthParam[] = [];
  try {
    for (const m of header.slice(6).matchAll(/([^\s=,]+)\s*=\s*"([^"]*)"/g)) {
      const name = decodeURIComponent(m[1]!);
      if (name !== "realm") found.push([name, decodeURIComponent(m[2]!)]);
    }
  } catch {
    return null;
  }
  return found;
}

/**
 * Every parameter that takes part in the signature (RFC 5849 §3.4.1.3.1): the Authorization
 * header's OAuth parameters, the query string and the form body, each occurrence kept, in the
 * order received. Query and body are decoded as application/x-www-form-urlencoded ("+" is a space).
 */
export async function readRequestParams(request: HttpRequest): Promise<ReadParamsResult> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") return { ok: false, reason: "not-form" };
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_LAUNCH_BODY_BYTES) return { ok: false, reason: "too-large" };
  const body = await request.text();
  if (Buffer.byteLength(body) > MAX_LAUNCH_BODY_BYTES) return { ok: false, reason: "too-large" };
  const fromHeader = headerParams(request.headers.get("authorization"));
  if (!fromHeader) return { ok: false, reason: "bad-header" };
  const query = new URL(request.url).searchParams;
  return { ok: true, params: [...fromHeader, ...pairs(query), ...pairs(new URLSearchParams(body))] };
}

/** Every value a parameter has, in the order received. */
export function paramValues(params: readonly OAuthParam[], name: string): string[] {
  return params.filter(([n]) => n === name).map(([, v]) => v);
}
