import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { getStorage } from "@/lib/storage";
import { s3Storage } from "@/lib/storage/s3";
import { createPublication } from "@/tests/support/factories";
import { startS3Server } from "@/tests/support/s3-server";

const exec = promisify(execFile);

async function cli(...args: string[]) {
  return cliWith({}, ...args);
}

async function cliWith(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await exec("npx", ["tsx", "--conditions=react-server", "cli/index.ts", ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("npm run cli", () => {
  it("creates a plan from publication slugs and lists it as JSON", async () => {
    await createPublication({ slug: "emma" });
    await createPublication({ slug: "persuasion" });
    const created = await cli("plans:create", "--name", "Austen", "--slug", "austen", "--publications", "emma,persuasion", "--json");
    expect(created.code).toBe(0);
    const listed = await cli("plans:list", "--json");
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ slug: "austen", publications: ["emma", "persuasion"] })]);
  });

  it("creates an administrator who appears in users:list", async () => {
    expect((await cli("users:create-admin", "--email", "owner@example.test", "--password", "violet kettle harbour")).code).toBe(0);
    const users = JSON.parse((await cli("users:list", "--json")).stdout);
    expect(users).toEqual([expect.objectContaining({ email: "owner@example.test", role: "ADMIN", origin: "direct" })]);
    expect(users[0].publicId).toMatch(/^[0-9A-Z]{8}$/);
  });

  it("answers bad arguments with the usage and exit code 2, refused input with 1", async () => {
    const missing = await cli("plans:create", "--name", "X");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Missing --slug, --publications");
    expect((await cli("no-such-command")).code).toBe(2);
    const unknownBook = await cli("plans:create", "--name", "X", "--slug", "x", "--publications", "nope");
    expect(unknownBook.code).toBe(1);
    expect(unknownBook.stderr).toContain("No publication with slug nope");
  });

  it("storage:migrate moves book files kept in the database to storage, and a second run moves none", async () => {
    const bytes = Buffer.from("an EPUB from before the storage backend");
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const { id } = await createPublication({ slug: "old-file" });
    await prisma.publicationFile.create({ data: { publicationId: id, data: new Uint8Array(bytes), sha256, size: bytes.length } });
    const first = await cli("storage:migrate", "--json");
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ moved: 1, bytes: bytes.length, remaining: 0 });
    const file = await prisma.publicationFile.findUniqueOrThrow({ where: { publicationId: id } });
    expect(file).toMatchObject({ data: null, storageKey: `publications/${id}/${sha256}.epub` });
    expect(await getStorage().size(file.storageKey!)).toBe(bytes.length);
    expect(JSON.parse((await cli("storage:migrate", "--json")).stdout)).toEqual({ moved: 0, bytes: 0, remaining: 0 });
  }, 60_000);

  it("storage:migrate moves them to the S3 bucket when S3_BUCKET is set", async () => {
    const server = await startS3Server();
    try {
      const bytes = Buffer.from("an EPUB bound for the bucket");
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      const { id } = await createPublication({ slug: "to-the-bucket" });
      await prisma.publicationFile.create({ data: { publicationId: id, data: new Uint8Array(bytes), sha256, size: bytes.length } });
      const s3 = { S3_BUCKET: server.bucket, S3_ENDPOINT: server.endpoint, S3_ACCESS_KEY_ID: server.accessKeyId, S3_SECRET_ACCESS_KEY: server.secretAccessKey, S3_FORCE_PATH_STYLE: "true" };
      const moved = await cliWith(s3, "storage:migrate", "--json");
      expect(moved.code).toBe(0);
      expect(JSON.parse(moved.stdout)).toMatchObject({ moved: 1 });
      const key = `publications/${id}/${sha256}.epub`;
      const bucket = s3Storage({ bucket: server.bucket, region: "us-east-1", endpoint: server.endpoint, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey, forcePathStyle: true });
      expect(await bucket.size(key)).toBe(bytes.length);
      // Not in the directory backend.
      expect(await getStorage().size(key)).toBeNull();
    } finally {
      await server.stop();
    }
  }, 60_000);
});
