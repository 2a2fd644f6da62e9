import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { env } from "@/lib/env";
import { isNonPublicAddress, urlPolicyProblem } from "@/lib/http/url-policy";

// Every request Folio makes to a URL that a platform or an administrator gave it goes through
// here (decision 15): the URL policy (https to a public host unless LTI_ALLOW_PRIVATE_URLS), the
// address checked on the connection itself (the DNS answer the socket uses, so a name cannot
// resolve to a public address for the check and a private one for the connection), no
// redirects, a timeout for the whole exchange, and a size cap enforced while the body streams.
// Messages are safe to show an administrator: they never echo what an address answered.

export type OutboundFailure = "refused-url" | "refused-address" | "redirect" | "status" | "timeout" | "too-large" | "not-json" | "unreachable";

export class OutboundError extends Error {
  constructor(readonly reason: OutboundFailure, message: string, readonly status?: number) {
    super(message);
    this.name = "OutboundError";
  }
}

export type OutboundRequest = {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** The whole exchange, connection to last byte. */
  timeoutMs: number;
  /** The largest body accepted, in bytes. */
  maxBytes: number;
  /** Defaults to LTI_ALLOW_PRIVATE_URLS. */
  allowPrivate?: boolean;
};

export type OutboundResponse = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

const refusedAddress = () => new OutboundError("refused-address", "points to a private or local network address, which Folio does not contact");

/** A DNS lookup for the socket that refuses the connection when any answer is not public. */
function checkedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      if (!allowPrivate && (addresses.length === 0 || addresses.some((a) => isNonPublicAddress(a.address)))) {
        return callback(refusedAddress() as NodeJS.ErrnoException, "", 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** One request under the policy. Any status is returned; 3xx is refused (never followed). */
export function fetchOutbound(target: string, request: OutboundRequest): Promise<OutboundResponse> {
  const allowPrivate = request.allowPrivate ?? env.LTI_ALLOW_PRIVATE_URLS;
  if (urlPolicyProblem(target, { allowPrivate })) {
    return Promise.reject(new OutboundError("refused-url", "is not an allowed address (Folio only contacts https:// URLs on public hosts)"));
  }
  const url = new URL(target);
  const signal = AbortSignal.timeout(request.timeoutMs);
  const timeout = () => new OutboundError("timeout", `did not answer within ${request.timeoutMs} ms`);
  const tooLarge = () => new OutboundError("too-large", `sent more than ${Math.round(request.maxBytes / 1024)} KB`);

  return new Promise<OutboundResponse>((resolve, reject) => {
    let settled = false;
    const fail = (error: OutboundError) => {
      if (settled) return;
      settled = true;
      req.destroy();
      reject(error);
    };
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(url, {
      method: request.method ?? "GET",
      headers: { ...request.headers, ...(request.body !== undefined ? { "content-length": String(Buffer.byteLength(request.body)) } : {}) },
      lookup: checkedLookup(allowPrivate),
      // A fresh connection each time: a pooled socket could have been opened under another policy.
      agent: false,
      signal,
    }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) return fail(new OutboundError("redirect", "answered with a redirect, which Folio does not follow", status));
      const declared = Number(res.headers["content-length"]);
      if (Number.isFinite(declared) && declared > request.maxBytes) return fail(tooLarge());
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > request.maxBytes) return fail(tooLarge());
        chunks.push(chunk);
      });
      res.on("end", () => {
        if (settled) return;
        settled = true;
        resolve({ status, headers: res.headers, body: Buffer.concat(chunks) });
      });
      res.on("error", () => fail(signal.aborted ? timeout() : new OutboundError("unreachable", "could not be reached")));
    });
    req.on("error", (error) => {
      if (error instanceof OutboundError) return fail(error);
      if (signal.aborted) return fail(timeout());
      fail(new OutboundError("unreachable", "could not be reached"));
    });
    req.end(request.body);
  });
}

/** A JSON answer from a 2xx response; anything else is an OutboundError. */
export async function fetchOutboundJson(target: string, request: OutboundRequest): Promise<unknown> {
  const response = await fetchOutbound(target, { ...request, headers: { accept: "application/json", ...request.headers } });
  if (response.status < 200 || response.status >= 300) {
    throw new OutboundError("status", "answered with an error", response.status);
  }
  try {
    return JSON.parse(response.body.toString("utf8"));
  } catch {
    throw new OutboundError("not-json", "did not answer with JSON");
  }
}
