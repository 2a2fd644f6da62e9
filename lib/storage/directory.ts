import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { checkKey, checkRange, RangeNotSatisfiableError } from "./keys";
import type { ByteRange, Storage, StoredObject } from "./types";

export { checkKey } from "./keys";

/** Book files in a local directory (the default: `.data/storage` in development). */
export function directoryStorage(root: string): Storage {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const path = join(base, checkKey(key));
    if (!path.startsWith(base + sep)) throw new Error(`Bad storage key: ${JSON.stringify(key)}`);
    return path;
  };
  // Writes go to a temporary name first and are renamed into place, so a reader never sees half a
  // file; the name is unique per write, so two writes of one key at once never share it.
  const writeAtomically = async (key: string, write: (tmp: string) => Promise<void>) => {
    const path = pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${randomUUID()}.part`;
    try {
      await write(tmp);
      await rename(tmp, path);
    } finally {
      await rm(tmp, { force: true });
    }
  };
  return {
    kind: "directory",
    putFile: (key, source) => writeAtomically(key, (tmp) => copyFile(source, tmp)),
    putBytes: (key, bytes) => writeAtomically(key, (tmp) => writeFile(tmp, bytes, { mode: 0o600 })),
    async get(key, range?: ByteRange): Promise<StoredObject | null> {
      if (range) checkRange(range);
      const size = await this.size(key);
      if (size === null) return null;
      if (!range) return { body: createReadStream(pathOf(key)), size, contentLength: size };
      if (range.start >= size) throw new RangeNotSatisfiableError(size);
      const end = Math.min(range.end, size - 1);
      return { body: createReadStream(pathOf(key), { start: range.start, end }), size, contentLength: end - range.start + 1, range: { start: range.start, end } };
    },
    async size(key) {
      try {
        const info = await stat(pathOf(key));
        return info.isFile() ? info.size : null;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(key) {
      try {
        await rm(pathOf(key), { force: true });
      } catch (error) {
        // A file where a folder of the key should be: the object cannot exist.
        if ((error as NodeJS.ErrnoException).code !== "ENOTDIR") throw error;
      }
    },
  };
}
