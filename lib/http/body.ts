import { AppError } from "@/lib/errors";

// Every inbound body is capped before it is read (house style): a Content-Length over the cap is
// refused before a byte is read, and the stream is read with a byte counter that stops at the
// cap, so a body that lies about its length (or sends none, chunked) costs at most the cap.

/** Enough for any launch form, JSON call or sign-in: an id_token is at most 100,000 characters. */
export const SMALL_BODY_BYTES = 256 * 1024;

/** The media type of a request or response, lower case, without parameters. */
export function mediaTypeOf(headers: { get(name: string): string | null }): string | undefined {
  return headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() || undefined;
}

/** True when the request declares a body longer than `maxBytes`. */
export function declaresMoreThan(headers: { get(name: string): string | null }, maxBytes: number): boolean {
  const declared = headers.get("content-length");
  return declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes;
}

export function tooLarge(): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", "The request body is too large.");
}

/**
 * Feeds each chunk of a web stream to `onChunk`, counting bytes; past `maxBytes` the stream is
 * cancelled and PAYLOAD_TOO_LARGE thrown. A client that goes away mid-body is BAD_INPUT, not a 500.
 */
export async function pumpBody(body: ReadableStream<Uint8Array> | null, maxBytes: number, onChunk: (chunk: Uint8Array) => void | Promise<void>): Promise<number> {
  if (!body) return 0;
  const reader = body.getReader();
  let size = 0;
  while (true) {
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await reader.read();
    } catch (cause) {
      throw new AppError("BAD_INPUT", "The request body could not be read.", { cause });
    }
    if (step.done) return size;
    size += step.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    await onChunk(step.value);
  }
}

/** The whole body as bytes, at most `maxBytes` of it. */
export async function readBodyBytes(request: Pick<Request, "headers" | "body">, maxBytes: number): Promise<Uint8Array> {
  if (declaresMoreThan(request.headers, maxBytes)) throw tooLarge();
  const chunks: Uint8Array[] = [];
  const size = await pumpBody(request.body, maxBytes, (chunk) => void chunks.push(chunk));
  return Buffer.concat(chunks, size);
}

/** The whole body as UTF-8 text, at most `maxBytes` of it. */
export async function readBodyText(request: Pick<Request, "headers" | "body">, maxBytes: number): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(request, maxBytes));
}
