import { env } from "@/lib/env";
import { directoryStorage } from "./directory";
import { s3Storage } from "./s3";
import type { Storage } from "./types";

export type { ByteRange, Storage, StoredObject } from "./types";
export { RangeNotSatisfiableError } from "./keys";

let storage: Storage | undefined;

/** The configured storage backend: the S3 bucket when S3_BUCKET is set, else STORAGE_DIR. */
export function getStorage(): Storage {
  storage ??= env.S3_BUCKET
    ? s3Storage({
        bucket: env.S3_BUCKET,
        region: env.S3_REGION,
        endpoint: env.S3_ENDPOINT,
        accessKeyId: env.S3_ACCESS_KEY_ID,
        secretAccessKey: env.S3_SECRET_ACCESS_KEY,
        forcePathStyle: env.S3_FORCE_PATH_STYLE,
      })
    : directoryStorage(env.STORAGE_DIR);
  return storage;
}

/** Where a publication's book file is kept: content-addressed, so a replaced file never shadows a cached one. */
export const publicationFileKey = (publicationId: string, sha256: string, extension: "epub" | "pdf") =>
  `publications/${publicationId}/${sha256}.${extension}`;
