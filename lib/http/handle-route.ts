import "server-only";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { ZodError, type ZodType } from "zod";
import { appOrigin } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import { mediaTypeOf, readBodyText, SMALL_BODY_BYTES } from "@/lib/http/body";

export type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (request: Request, context: RouteContext<P>) => Promise<Response> | Response;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** JSON with `Cache-Control: no-store` unless told otherwise: these answers are personal. */
export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  if (!headers.has("cache-control")) headers.set("cache-control", "no-store");
  return Response.json(data, { ...init, headers });
}

/** The one place errors become responses: zod → 422, AppError → its status, anything else → 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ZodError) {
    const fields: Record<string, string> = {};
    for (const issue of error.issues) fields[issue.path.join(".") || "_"] ??= issue.message;
    const first = error.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    return json({ error: { code: "BAD_INPUT", message: `${where}${first?.message ?? "Invalid input."}`, fields } }, { status: 422 });
  }
  if (isAppError(error)) {
    return json({ error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } }, { status: error.status });
  }
  const requestId = randomUUID();
  // The cause goes to the server log with the id; the person sees only the id.
  console.error(`[${requestId}] unhandled error in route handler`, error);
  return json(
    { error: { code: "INTERNAL", message: `Something went wrong on our side. If it keeps happening, quote request ${requestId}.`, requestId } },
    { status: 500 },
  );
}

/**
 * Cookies are SameSite=None so Folio works inside an LMS iframe, so a state-changing request
 * must come from Folio's own pages: a browser always sends Origin on a cross-site POST.
 */
function assertSameOrigin(request: Request) {
  const origin = request.headers.get("origin");
  if (origin && origin !== appOrigin) throw new AppError("FORBIDDEN", "This request did not come from Folio's own pages.");
}

/** Wraps a route handler: origin check for writes, and every failure answered by errorResponse. */
export function handleRoute<P = Record<string, never>>(handler: Handler<P>) {
  return async (request: Request, context?: RouteContext<P>): Promise<Response> => {
    try {
      if (!SAFE_METHODS.has(request.method)) assertSameOrigin(request);
      return await handler(request, context ?? { params: Promise.resolve({} as P) });
    } catch (error) {
      unstable_rethrow(error);
      return errorResponse(error);
    }
  };
}

/** Reads a JSON body (size-capped, JSON content type only) and parses it with the schema. */
export async function readJson<T>(request: Request, schema: ZodType<T>): Promise<T> {
  if (mediaTypeOf(request.headers) !== "application/json") {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the request body as JSON (Content-Type: application/json).");
  }
  // Read with a byte counter that stops at the cap; a client that goes away mid-body (a tab
  // closing during a heartbeat) is a BAD_INPUT, not a server error.
  const text = await readBodyText(request, SMALL_BODY_BYTES);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("BAD_INPUT", "The request body is not valid JSON.");
  }
  return schema.parse(body);
}

/** Route params, parsed with the schema; a malformed param is a 404, not a 422 (the URL names nothing). */
export async function readParams<T>(context: RouteContext<unknown>, schema: ZodType<T>): Promise<T> {
  const result = schema.safeParse(await context.params);
  if (!result.success) throw new AppError("NOT_FOUND", "There is nothing at this address.");
  return result.data;
}
