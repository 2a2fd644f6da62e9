import { readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { env } from "@/lib/env";

// Tests store book files under STORAGE_DIR, which vitest.config.ts points at .data/test-storage,
// apart from the development server's files.

const root = () => resolve(env.STORAGE_DIR);

/** Every stored file, as its key, sorted. */
export function storedFiles(): string[] {
  try {
    return (readdirSync(root(), { recursive: true, withFileTypes: true }) as { isFile(): boolean; name: string; parentPath: string }[])
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(root().length + 1))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** Empties the test storage directory (refuses to touch anything but .data/test-storage). */
export function clearStoredFiles() {
  if (!root().endsWith(join(".data", "test-storage"))) throw new Error(`Not the test storage directory: ${root()}`);
  rmSync(root(), { recursive: true, force: true });
}

export const storedFilePath = (key: string) => join(root(), key);
