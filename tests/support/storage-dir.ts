import { readdirSync, rmSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { env } from "@/lib/env";

// Tests store book files under STORAGE_DIR, which vitest.config.ts points at a fresh temporary
// directory of the run (folio-test-storage-*), apart from the development server's files.

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

/** Empties the test storage directory (refuses to touch anything but the run's folio-test-storage-*). */
export function clearStoredFiles() {
  if (!basename(root()).startsWith("folio-test-storage-")) throw new Error(`Not the test storage directory: ${root()}`);
  rmSync(root(), { recursive: true, force: true });
}

export const storedFilePath = (key: string) => join(root(), key);
