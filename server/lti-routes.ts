import type { IncomingMessage, ServerResponse } from "node:http";
import { declaresMoreThan, SMALL_BODY_BYTES } from "@/lib/http/body";
import { isNonFormPost, payloadTooLarge, unsupportedMediaType } from "@/lib/http/form-post";
import type { HttpRequest } from "@/lib/http/request";
import { baseHeaders, frameAncestors } from "@/lib/http/security-headers";
import { handleLaunch, handleLogin } from "@/lib/lti/handle-launch";
import { handleLti11Launch } from "@/lib/lti/lti11/launch";

// The LTI launch endpoints, served straight from Node's HTTP server (docs/decisions/0012). They
// run the same handlers as the Next route handlers under app/api/lti (which `next dev` and
// `next start` keep serving); here they skip the framework's request pipeline, which cost a
// launch more CPU than the launch itself. These endpoints take GET or a urlencoded form POST;
// a POST of any other body is refused here with 415 before it is read (Next would buffer all of
// a multipart body). Other methods, and the deep-link form post, go on to Next.

type Handler = (request: HttpRequest) => Promise<Response>;

const ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  "/api/lti/login": { GET: handleLogin, POST: handleLogin },
  "/api/lti/launch": { POST: handleLaunch },
  "/api/lti/11/launch": { POST: handleLti11Launch },
};

/** Larger than any launch: an id_token is at most 100,000 characters, an LTI 1.1 form 64 KB. */
export const MAX_BODY_BYTES = SMALL_BODY_BYTES;

/** Paths where only a form may be posted, whether this server or Next answers them. */
const FORM_PATHS = new Set([...Object.keys(ROUTES), "/api/lti/deep-link"]);

/** Every path served here is an LTI page: it runs in the LMS's iframe. */
const LTI_PAGE_PATH = "/api/lti";

const refuseNonForm: Handler = async () => unsupportedMediaType();

class BodyTooLarge extends Error {}

/** The handler for this request, or null when Next should answer it. */
export function ltiRoute(req: IncomingMessage): Handler | null {
  const url = req.url ?? "/";
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  if (FORM_PATHS.has(path) && isNonFormPost(req.method ?? "GET", nodeHeaders(req))) return refuseNonForm;
  return ROUTES[path]?.[req.method ?? "GET"] ?? null;
}

// A declared length over the limit is refused before reading. An undeclared (chunked) body over
// the limit is read to its end and dropped, so the client gets its 413; one far over it (a
// client that will not stop) loses its connection instead.
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    if (declaresMoreThan(nodeHeaders(req), MAX_BODY_BYTES)) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > 16 * MAX_BODY_BYTES) req.destroy();
    });
    req.on("end", () => (size > MAX_BODY_BYTES ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString("utf8"))));
    req.on("error", reject);
    req.on("close", () => reject(new BodyTooLarge()));
  });
}

function nodeHeaders(req: IncomingMessage): HttpRequest["headers"] {
  return {
    get(name) {
      const value = req.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/** The request as the handlers read it; `origin` is where Folio is served (APP_URL). */
export function toHttpRequest(req: IncomingMessage, origin: string, body: string): HttpRequest {
  return { url: `${origin}${req.url ?? "/"}`, method: req.method ?? "GET", headers: nodeHeaders(req), text: async () => body };
}

/**
 * Writes a web Response to Node's response. Every answer carries the security headers; one
 * without a policy of its own (a redirect, a refusal) gets the strictest.
 */
export async function writeResponse(response: Response, res: ServerResponse, origin: string): Promise<void> {
  const headers: Record<string, string | string[]> = {
    ...baseHeaders(LTI_PAGE_PATH),
    "content-security-policy": `default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors ${frameAncestors(LTI_PAGE_PATH, origin)}`,
  };
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  if (body) headers["content-length"] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}

/** Runs an LTI handler for a Node request. The handlers answer every launch error themselves. */
export async function serveLti(handler: Handler, req: IncomingMessage, res: ServerResponse, origin: string): Promise<void> {
  let body = "";
  try {
    // The refusal is answered before anything is read; "connection: close" drops the rest.
    if (handler !== refuseNonForm && req.method === "POST") body = await readBody(req);
  } catch {
    if (!res.headersSent) await writeResponse(payloadTooLarge(), res, origin);
    return;
  }
  try {
    await writeResponse(await handler(toHttpRequest(req, origin, body)), res, origin);
  } catch (error) {
    console.error("LTI endpoint failed", error);
    if (res.headersSent) return void res.destroy();
    const failed = new Response("Folio could not complete the launch. Please launch again from your course.", { status: 500, headers: { "content-type": "text/plain; charset=utf-8" } });
    await writeResponse(failed, res, origin);
  }
}
