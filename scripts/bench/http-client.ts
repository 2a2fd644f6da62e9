import http from "node:http";

// The load generator's HTTP client: node:http on keep-alive sockets. It shares the machine's
// cores with the app and Postgres, so it should cost as little CPU per request as it can.

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

export type BenchResponse = { status: number; location: string | null; setCookies: string[]; body: string };

export function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string; readBody?: boolean } = {}): Promise<BenchResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? "GET", headers: options.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => {
        if (options.readBody !== false) chunks.push(chunk);
      });
      res.on("end", () => resolve({
        status: res.statusCode ?? 0,
        location: typeof res.headers.location === "string" ? res.headers.location : null,
        setCookies: res.headers["set-cookie"] ?? [],
        body: Buffer.concat(chunks).toString("utf8"),
      }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

/** "name=value" of the first Set-Cookie whose name contains `part`, for a Cookie header. */
export function cookieFrom(setCookies: string[], part: string): string {
  return setCookies.find((c) => c.split("=")[0]!.includes(part))?.split(";")[0] ?? "";
}
