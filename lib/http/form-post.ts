import { declaresMoreThan, mediaTypeOf, readBodyText, SMALL_BODY_BYTES } from "@/lib/http/body";
import { isAppError } from "@/lib/errors";
import type { HttpRequest } from "@/lib/http/request";

// The LTI endpoints take GET or an HTML form POST (application/x-www-form-urlencoded), nothing
// else: a multipart body would make the framework buffer all of it (400 MB took a server from
// 141 to 1,479 MB), so it is refused with 415 before a byte is read. The launch server
// (server/lti-routes.ts) and the Next route handlers answer the same way.

export const FORM_MEDIA_TYPE = "application/x-www-form-urlencoded";

const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", connection: "close" } });

export const unsupportedMediaType = () => plain(415, "Folio takes this address only as an HTML form post (application/x-www-form-urlencoded).");
export const payloadTooLarge = () => plain(413, "The launch request is too large.");

/** True for a POST whose body is not a urlencoded form. */
export function isNonFormPost(method: string, headers: { get(name: string): string | null }): boolean {
  return method === "POST" && mediaTypeOf(headers) !== FORM_MEDIA_TYPE;
}

/**
 * The request as the LTI handlers read it, its form body read with a cap; or the refusal to
 * send instead (415 for another body type, 413 past the cap).
 */
export async function readFormPost(request: Request, maxBytes = SMALL_BODY_BYTES): Promise<HttpRequest | Response> {
  let body = "";
  if (request.method === "POST") {
    if (isNonFormPost(request.method, request.headers)) return unsupportedMediaType();
    if (declaresMoreThan(request.headers, maxBytes)) return payloadTooLarge();
    try {
      body = await readBodyText(request, maxBytes);
    } catch (error) {
      if (isAppError(error) && error.code === "PAYLOAD_TOO_LARGE") return payloadTooLarge();
      return plain(400, "The request body could not be read.");
    }
  }
  return { url: request.url, method: request.method, headers: request.headers, text: async () => body };
}

/** A Next route handler for an LTI endpoint: the body is checked and capped before the handler runs. */
export function formRoute(handler: (request: HttpRequest) => Promise<Response>): (request: Request) => Promise<Response> {
  return async (request) => {
    const read = await readFormPost(request);
    return read instanceof Response ? read : handler(read);
  };
}
