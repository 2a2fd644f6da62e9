import "server-only";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppError, isAppError } from "@/lib/errors";
import { declaresMoreThan, mediaTypeOf, pumpBody } from "@/lib/http/body";
import { DEFAULT_PDF_LIMITS, looksLikePdf } from "@/lib/publications/pdf/limits";

// An upload is streamed to a temporary file, never held whole in memory on its way in: the
// bytes are counted as they arrive and the upload stops the moment it passes the limit. The
// caller has checked the administrator before this reads a byte (docs/decisions/0016).
//
// EPUB and PDF arrive at the same endpoint. Which one a file is comes from its first bytes
// (`%PDF-`), not from what the request says; a body sent as application/pdf must be one.

/** EPUB files are read whole into memory to be unzipped, so they keep the smaller limit. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** PDF files stream to storage and are parsed in a worker (docs/decisions/0026). */
export const MAX_PDF_UPLOAD_BYTES = DEFAULT_PDF_LIMITS.maxBytes;

export type UploadKind = "epub" | "pdf";
const TYPES: Record<string, UploadKind | "either"> = {
  "application/epub+zip": "epub",
  "application/pdf": "pdf",
  "application/octet-stream": "either",
};
const limitOf = (kind: UploadKind | "either") => (kind === "epub" ? MAX_UPLOAD_BYTES : MAX_PDF_UPLOAD_BYTES);
const HEAD_BYTES = 1024;

const onFile = (code: "BAD_INPUT" | "PAYLOAD_TOO_LARGE", message: string) => new AppError(code, message, { fields: { file: message } });
const tooLarge = (kind: UploadKind | "either") =>
  onFile("PAYLOAD_TOO_LARGE", `That file is larger than ${limitOf(kind) / 1024 / 1024} MB, the most Folio accepts${kind === "either" ? "" : ` for ${kind === "pdf" ? "a PDF" : "an EPUB"}`}.`);

/**
 * Runs `ingest` with the path of the uploaded file and what kind of book it is, then deletes the
 * file whatever happened.
 */
export async function withUploadedFile<T>(
  request: Request,
  ingest: (path: string, kind: UploadKind) => Promise<T>,
  options: { only?: "epub" } = {},
): Promise<T> {
  const sent = TYPES[mediaTypeOf(request.headers) ?? ""];
  if (!sent || (options.only === "epub" && sent === "pdf")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", options.only === "epub"
      ? "Send the EPUB file itself as the request body (Content-Type: application/epub+zip)."
      : "Send the book file itself as the request body (Content-Type: application/epub+zip or application/pdf).");
  }
  // Where only an EPUB will do (a new edition), the EPUB limit applies from the first byte: a
  // 320 MB PDF is never streamed in, let alone read whole by the EPUB reader.
  const declared: UploadKind | "either" = options.only ?? sent;
  if (declaresMoreThan(request.headers, limitOf(declared))) throw tooLarge(declared);
  // The process id in the name: a test can tell its own leftovers from another process's uploads.
  const dir = await mkdtemp(join(tmpdir(), `folio-upload-${process.pid}-`));
  try {
    const path = join(dir, "upload.bin");
    const file = await open(path, "wx", 0o600);
    let head = Buffer.alloc(0);
    let kind: UploadKind | null = declared === "either" ? null : declared;
    let size = 0;
    try {
      await pumpBody(request.body, limitOf(declared), async (chunk) => {
        size += chunk.byteLength;
        if (head.byteLength < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.byteLength)]);
        // Sent without a type: once the head shows it is not a PDF, the EPUB limit applies.
        if (!kind && head.byteLength >= HEAD_BYTES) kind = looksLikePdf(head) ? "pdf" : "epub";
        if (kind && size > limitOf(kind)) throw tooLarge(kind);
        for (let offset = 0; offset < chunk.byteLength; ) offset += (await file.write(chunk, offset)).bytesWritten;
      });
    } catch (error) {
      throw isAppError(error) && error.code === "PAYLOAD_TOO_LARGE" ? tooLarge(kind ?? declared) : error;
    } finally {
      await file.close();
    }
    if (size === 0) throw onFile("BAD_INPUT", declared === "pdf" ? "Choose a PDF file to upload." : "Choose an EPUB file to upload.");
    const isPdf = looksLikePdf(head);
    if (options.only === "epub" && isPdf) throw onFile("BAD_INPUT", "This file is a PDF; a new edition of this book must be an EPUB file.");
    if (declared === "pdf" && !isPdf) throw onFile("BAD_INPUT", "This file is not a PDF (it does not start with %PDF-). Choose a PDF or an EPUB file.");
    if (!isPdf && size > MAX_UPLOAD_BYTES) throw tooLarge("epub");
    return await ingest(path, isPdf ? "pdf" : "epub");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
