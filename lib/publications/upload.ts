import "server-only";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppError, isAppError } from "@/lib/errors";
import { declaresMoreThan, mediaTypeOf, pumpBody } from "@/lib/http/body";

// An upload is streamed to a temporary file, never held whole in memory on its way in: the
// bytes are counted as they arrive and the upload stops the moment it passes the limit. The
// caller has checked the administrator before this reads a byte (docs/decisions/0016).

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const EPUB_TYPES = new Set(["application/epub+zip", "application/octet-stream"]);

const onFile = (code: "BAD_INPUT" | "PAYLOAD_TOO_LARGE", message: string) => new AppError(code, message, { fields: { file: message } });
const tooLarge = () => onFile("PAYLOAD_TOO_LARGE", `That file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB, the most Folio accepts.`);

/** Runs `ingest` with the path of the uploaded file, then deletes the file whatever happened. */
export async function withUploadedFile<T>(request: Request, ingest: (path: string) => Promise<T>, maxBytes = MAX_UPLOAD_BYTES): Promise<T> {
  if (!EPUB_TYPES.has(mediaTypeOf(request.headers) ?? "")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the EPUB file itself as the request body (Content-Type: application/epub+zip).");
  }
  if (declaresMoreThan(request.headers, maxBytes)) throw tooLarge();
  const dir = await mkdtemp(join(tmpdir(), "folio-upload-"));
  try {
    const path = join(dir, "upload.epub");
    const file = await open(path, "wx", 0o600);
    let size: number;
    try {
      size = await pumpBody(request.body, maxBytes, async (chunk) => {
        for (let offset = 0; offset < chunk.byteLength; ) offset += (await file.write(chunk, offset)).bytesWritten;
      });
    } catch (error) {
      throw isAppError(error) && error.code === "PAYLOAD_TOO_LARGE" ? tooLarge() : error;
    } finally {
      await file.close();
    }
    if (size === 0) throw onFile("BAD_INPUT", "Choose an EPUB file to upload.");
    return await ingest(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
