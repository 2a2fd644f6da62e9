import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "@20minutes/s3rver";

// A real S3-protocol server on 127.0.0.1, on a free port, for the S3 storage backend's tests:
// @20minutes/s3rver (the maintained fork of s3rver) checks SigV4 signatures and speaks S3's
// wire protocol (PUT, GET with Range, HEAD, DELETE, multipart uploads) over HTTP, keeping the
// objects in a temporary directory that stop() removes.

export type S3TestServer = {
  endpoint: string;
  bucket: string;
  /** The credentials the server accepts; requests signed with anything else are refused. */
  accessKeyId: string;
  secretAccessKey: string;
  stop: () => Promise<void>;
};

export async function startS3Server(bucket = "folio-test"): Promise<S3TestServer> {
  const directory = await mkdtemp(join(tmpdir(), "folio-s3-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
