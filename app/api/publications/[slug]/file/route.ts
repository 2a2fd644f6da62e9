import { Readable } from "node:stream";
import { z } from "zod";
import { handleRoute, readParams } from "@/lib/http/handle-route";
import { decideRange, etagFor, ifRangeAllows, notModified } from "@/lib/http/byte-range";
import { bookFileSize, locateBookFile, readBookFile } from "@/lib/publications/book-file";
import { currentViewer } from "@/lib/publications/viewer";

export const dynamic = "force-dynamic";

const params = z.object({ slug: z.string().min(1).max(80) });

/**
 * The book file, for readers with access (checked on every request, ranges included): whole, or
 * one byte range (206) so the PDF reader fetches only the pages it shows. Never cached by shared
 * caches; the browser revalidates with the ETag (the file's SHA-256), which still passes the
 * access check before any 304.
 */
async function serve(request: Request, context: { params: Promise<{ slug: string }> }, withBody: boolean): Promise<Response> {
  const { slug } = await readParams(context, params);
  const file = await locateBookFile({ ...(await currentViewer()), slug });
  const size = await bookFileSize(file);
  const etag = etagFor(file.sha256);
  const headers = new Headers({
    "content-type": file.mediaType,
    "accept-ranges": "bytes",
    etag,
    "cache-control": "private, no-cache",
    "content-disposition": `inline; filename="${file.slug}.${file.format === "PDF" ? "pdf" : "epub"}"`,
    "x-content-type-options": "nosniff",
    // Opened directly, the file gets no script, no plug-in and no other origin's resources.
    "content-security-policy": "default-src 'none'; sandbox",
    "cross-origin-resource-policy": "same-origin",
  });
  if (notModified(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });

  const asked = ifRangeAllows(request.headers.get("if-range"), etag) ? decideRange(request.headers.get("range"), size) : { kind: "whole" as const };
  if (asked.kind === "unsatisfiable") {
    headers.set("content-range", `bytes */${size}`);
    headers.delete("content-type");
    return new Response(null, { status: 416, headers });
  }
  const range = asked.kind === "partial" ? { start: asked.start, end: asked.end } : undefined;
  const length = range ? range.end - range.start + 1 : size;
  headers.set("content-length", String(length));
  if (range) headers.set("content-range", `bytes ${range.start}-${range.end}/${size}`);
  const status = range ? 206 : 200;
  if (!withBody) return new Response(null, { status, headers });
  const { body } = await readBookFile(file, range);
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, { status, headers });
}

export const GET = handleRoute<{ slug: string }>((request, context) => serve(request, context, true));
export const HEAD = handleRoute<{ slug: string }>((request, context) => serve(request, context, false));
