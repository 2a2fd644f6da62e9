import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpRequest } from "@/lib/http/request";
import { handleLaunch, handleLogin } from "@/lib/lti/handle-launch";
import { handleLti11Launch } from "@/lib/lti/lti11/launch";

// The LTI launch endpoints, served straight from Node's HTTP server (docs/decisions/0012). They
// run the same handlers as the Next route handlers under app/api/lti (which `next dev` and
// `next start` keep serving); here they skip the framework's request pipeline, which cost a
// launch more CPU than the launch itself. Only what these endpoints take is served here: GET,
// or a urlencoded form POST. Anything else goes on to Next.

type Handler = (request: HttpRequest) => Promise<Response>;

const ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  "/api/lti/login": { GET: handleLogin, POST: handleLogin },
  "/api/lti/launch": { POST: handleLaunch },
  "/api/lti/11/launch": { POST: handleLti11Launch },
};

/** Larger than any launch: an id_token is at most 100,000 characters, an LTI 1.1 form 64 KB. */
export const MAX_BODY_BYTES = 256 * 1024;

class BodyTooLarge extends Error {}

/** The handler for this request, or null when Next should answer it. */
export function ltiRoute(req: IncomingMessage): Handler | null {
  const url = req.url ?? "/";
  const query = url.indexOf("?");
  const handler = ROUTES[query === -1 ? url : url.slice(0, query)]?.[req.method ?? "GET"];
  if (!handler) return null;
  if (req.method === "POST" && req.headers["content-type"]?.split(";")[0]?.trim().toLowerCase() !== "application/x-www-form-urlencoded") return null;
  return handler;
}

// A body over the limit is read to its end and dropped, so the client gets its 413; one far over
// it (a client that will not stop) loses its connection instead.
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
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

/** The request as the handlers read it; `origin` is where Folio is served (APP_URL). */
export function toHttpRequest(req: IncomingMessage, origin: string, body: string): HttpRequest {
  return {
    url: `${origin}${req.url ?? "/"}`,
    method: req.method ?? "GET",
    headers: {
      get(name) {
        const value = req.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
    },
    text: async () => body,
  };
}

/** Writes a web Response to Node's response. */
export async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
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
    if (req.method === "POST") body = await readBody(req);
  } catch {
    if (!res.headersSent) {
      res.writeHead(413, { "content-type": "text/plain; charset=utf-8", connection: "close" }).end("The launch request is too large.");
    }
    return;
  }
  try {
    await writeResponse(await handler(toHttpRequest(req, origin, body)), res);
  } catch (error) {
    console.error("LTI endpoint failed", error);
    if (res.headersSent) return void res.destroy();
    res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("Folio could not complete the launch. Please launch again from your course.");
  }
}
