/**
 * A request body of `total` bytes that counts how much of it was pulled, so a test can tell a
 * body refused early from one read to the end. No Content-Length: it is sent chunked.
 */
export function countingBody(total: number, chunk = 64 * 1024) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close();
      const size = Math.min(chunk, total - pulled);
      pulled += size;
      controller.enqueue(new Uint8Array(size).fill(97));
    },
  }, { highWaterMark: 0 });
  return { stream, pulled: () => pulled };
}

/** A POST whose body is `total` bytes streamed; headers as given. */
export function streamingPost(url: string, total: number, headers: Record<string, string>) {
  const body = countingBody(total);
  const request = new Request(url, { method: "POST", headers, body: body.stream, duplex: "half" } as RequestInit);
  return { request, pulled: body.pulled };
}
