import "server-only";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppError, isAppError } from "@/lib/errors";
import { declaresMoreThan, mediaTypeOf, pumpBody } from "@/lib/http/body";
import { MAX_IMPORT_ZIP_BYTES } from "./zip";

const ZIP_TYPES = new Set(["application/zip", "application/x-zip-compressed", "application/octet-stream"]);
const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `The zip is larger than ${MAX_IMPORT_ZIP_BYTES / 1024 ** 3} GB; split the import.`, { fields: { zip: "Too large." } });

/** Streams the request's zip body to a temporary file (capped), runs `run` with its path, deletes it. */
export async function withUploadedZip<T>(request: Request, run: (path: string) => Promise<T>): Promise<T> {
  if (!ZIP_TYPES.has(mediaTypeOf(request.headers) ?? "")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the zip file itself as the request body (Content-Type: application/zip).");
  }
  if (declaresMoreThan(request.headers, MAX_IMPORT_ZIP_BYTES)) throw tooLarge();
  const dir = await mkdtemp(join(tmpdir(), "folio-import-upload-"));
  try {
    const path = join(dir, "books.zip");
    const file = await open(path, "wx", 0o600);
    let size: number;
    try {
      size = await pumpBody(request.body, MAX_IMPORT_ZIP_BYTES, async (chunk) => {
        for (let offset = 0; offset < chunk.byteLength; ) offset += (await file.write(chunk, offset)).bytesWritten;
      });
    } catch (error) {
      throw isAppError(error) && error.code === "PAYLOAD_TOO_LARGE" ? tooLarge() : error;
    } finally {
      await file.close();
    }
    if (size === 0) throw new AppError("BAD_INPUT", "Choose the zip of the books.", { fields: { zip: "Choose the zip of the books." } });
    return await run(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
