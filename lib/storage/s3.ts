import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { checkKey, checkRange, RangeNotSatisfiableError } from "./keys";
import type { ByteRange, Storage, StoredObject } from "./types";

export type S3Options = {
  bucket: string;
  region: string;
  /** Any S3-compatible store (MinIO, Ceph, R2, ...); unset: AWS S3 itself. */
  endpoint?: string;
  /** Both or neither; neither: the SDK's usual chain (AWS_* variables, instance or task role). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `endpoint/bucket/key` instead of `bucket.endpoint/key`: what most self-hosted stores need. */
  forcePathStyle?: boolean;
  /** Bytes per part of a multipart upload (at least 5 MiB, S3's minimum). */
  partSize?: number;
};

/** Files larger than one part go up in parts; at most QUEUE parts are held in memory at once. */
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE = 2;

const statusOf = (error: unknown) =>
  error instanceof S3ServiceException ? error.$metadata.httpStatusCode : (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;

/** `bytes 0-99/1234` → the range sent and the whole object's size. */
function parseContentRange(header: string | undefined): { start: number; end: number; size: number } | undefined {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header ?? "");
  return match ? { start: Number(match[1]), end: Number(match[2]), size: Number(match[3]) } : undefined;
}

/**
 * Book files in a bucket of an S3-compatible object store, so that several app instances serve
 * the same files. The bucket stays private: Folio reads objects with its own credentials and
 * serves them after its own access checks, and never hands out an object URL.
 */
export function s3Storage(options: S3Options): Storage & { readonly client: S3Client; readonly bucket: string } {
  const { bucket } = options;
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle ?? false,
    credentials: options.accessKeyId && options.secretAccessKey ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } : undefined,
    // Checksums only where S3 requires them: newer SDKs otherwise send streamed uploads in
    // aws-chunked encoding with trailing checksums, which many S3-compatible stores refuse.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 3,
    // A store that stops answering fails the request instead of hanging it.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 120_000 },
  });
  const partSize = Math.max(options.partSize ?? PART_SIZE, 5 * 1024 * 1024);

  return {
    kind: "s3",
    client,
    bucket,
    async putFile(key, path, contentType) {
      // Streamed from disk: a file larger than one part is sent as a multipart upload, and a
      // failed one is aborted, so no half object is left in the bucket.
      const upload = new Upload({
        client,
        params: { Bucket: bucket, Key: checkKey(key), Body: createReadStream(path), ContentType: contentType },
        partSize,
        queueSize: QUEUE,
        leavePartsOnError: false,
      });
      await upload.done();
    },
    async putBytes(key, bytes, contentType) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: checkKey(key), Body: bytes, ContentType: contentType, ContentLength: bytes.byteLength }));
    },
    async get(key, range?: ByteRange): Promise<StoredObject | null> {
      checkKey(key);
      if (range) checkRange(range);
      let response;
      try {
        response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
      } catch (error) {
        const status = statusOf(error);
        if (status === 404) return null;
        if (status === 416 && range) {
          const size = await this.size(key);
          if (size === null) return null;
          throw new RangeNotSatisfiableError(size);
        }
        throw error;
      }
      const body = response.Body as Readable | undefined;
      if (!body) throw new Error(`S3 answered GetObject for ${key} without a body.`);
      const contentLength = response.ContentLength ?? 0;
      if (!range) return { body, size: contentLength, contentLength };
      const sent = parseContentRange(response.ContentRange);
      if (!sent) {
        // A store that ignored Range would answer with the whole object, not the range asked for.
        body.destroy();
        throw new Error(`S3 answered a range request for ${key} without Content-Range.`);
      }
      // What the store says it sent, so a caller's Content-Range always matches the body.
      return { body, size: sent.size, contentLength, range: { start: sent.start, end: sent.end } };
    },
    async size(key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: checkKey(key) }));
        return head.ContentLength ?? 0;
      } catch (error) {
        if (statusOf(error) === 404) return null;
        throw error;
      }
    },
    async delete(key) {
      // S3 answers a delete of a missing key with success too.
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: checkKey(key) }));
    },
  };
}
