// Memory and time of storing and reading back one large book file through each storage backend:
//   npm run bench:storage -- [megabytes]   (default 320)
// The S3 backend talks to a real S3-protocol server (tests/support/s3-server.ts) in a child
// process, so only Folio's side is in this process's memory. Prints, per backend and step, the
// time, MB/s, and the resident memory's growth over what it was before the step.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { directoryStorage } from "../../lib/storage/directory";
import { s3Storage } from "../../lib/storage/s3";
import type { Storage } from "../../lib/storage/types";

if (process.argv[2] === "--serve") {
  const { startS3Server } = await import("../../tests/support/s3-server");
  const server = await startS3Server("folio-bench");
  console.log(JSON.stringify({ endpoint: server.endpoint, bucket: server.bucket }));
  process.on("SIGTERM", () => void server.stop().then(() => process.exit(0)));
} else {
  const megabytes = Number(process.argv[2] ?? 320);
  if (!Number.isInteger(megabytes) || megabytes < 1 || megabytes > 4096) throw new Error("Give the file size in MB (1 to 4096).");
  const scratch = await mkdtemp(join(tmpdir(), "folio-bench-storage-"));
  const child = spawn("npx", ["tsx", "scripts/bench/storage.ts", "--serve"], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
    const { endpoint, bucket } = JSON.parse(line) as { endpoint: string; bucket: string };

    // The book: random bytes (nothing compresses), written in 1 MB pieces.
    const source = join(scratch, "book.pdf");
    const out = createWriteStream(source);
    const hash = createHash("sha256");
    for (let i = 0; i < megabytes; i++) {
      const piece = randomBytes(1024 * 1024);
      hash.update(piece);
      if (!out.write(piece)) await once(out, "drain");
    }
    out.end();
    await once(out, "finish");
    const expected = hash.digest("hex");

    const backends: [string, Storage][] = [
      ["directory", directoryStorage(join(scratch, "store"))],
      ["s3", s3Storage({ bucket, region: "us-east-1", endpoint, accessKeyId: "S3RVER", secretAccessKey: "S3RVER", forcePathStyle: true })],
    ];
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    for (const [name, storage] of backends) {
      for (const step of ["put", "get"] as const) {
        global.gc?.();
        const before = process.memoryUsage().rss;
        let peak = before;
        const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
        const started = performance.now();
        if (step === "put") {
          await storage.putFile("publications/bench/book.pdf", source, "application/pdf");
        } else {
          const object = await storage.get("publications/bench/book.pdf");
          const check = createHash("sha256");
          for await (const chunk of object!.body) check.update(chunk as Uint8Array);
          if (check.digest("hex") !== expected) throw new Error(`${name}: the bytes read back differ from the bytes stored`);
        }
        clearInterval(sampler);
        peak = Math.max(peak, process.memoryUsage().rss);
        const seconds = (performance.now() - started) / 1000;
        console.log(`${name.padEnd(9)} ${step}: ${megabytes} MB in ${seconds.toFixed(1)} s (${(megabytes / seconds).toFixed(0)} MB/s), rss before ${mb(before)} MB, growth ${mb(peak - before)} MB`);
      }
      await storage.delete("publications/bench/book.pdf");
    }
  } finally {
    child.kill("SIGTERM");
    await rm(scratch, { recursive: true, force: true });
  }
}
