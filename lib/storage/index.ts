import { env } from "@/lib/env";
import { directoryStorage } from "./directory";
import type { Storage } from "./types";

export type { ByteRange, Storage, StoredObject } from "./types";

let storage: Storage | undefined;

/** The configured storage backend (STORAGE_DIR by default). */
export function getStorage(): Storage {
  storage ??= directoryStorage(env.STORAGE_DIR);
  return storage;
}

/** Where a publication's book file is kept: content-addressed, so a replaced file never shadows a cached one. */
export const publicationFileKey = (publicationId: string, sha256: string, extension: "epub" | "pdf") =>
  `publications/${publicationId}/${sha256}.${extension}`;
