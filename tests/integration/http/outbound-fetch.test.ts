import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { lookup } from "node:dns/promises";
import { hostname } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { fetchOutbound, fetchOutboundJson, OutboundError } from "@/lib/http/outbound-fetch";
import { isNonPublicAddress, urlPolicyProblem } from "@/lib/http/url-policy";

// The one way Folio fetches a platform's URL. The suite runs with LTI_ALLOW_PRIVATE_URLS=true
// (its platforms are on 127.0.0.1); these tests pass allowPrivate: false to prove the rule.

let server: Server | undefined;
let hits: string[] = [];
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
  hits = [];
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<number> {
  server = createServer((req, res) => {
    hits.push(req.url ?? "");
    handler(req, res);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

async function failure(promise: Promise<unknown>): Promise<OutboundError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(OutboundError);
  return error as OutboundError;
}

const opts = { timeoutMs: 1000, maxBytes: 64 * 1024 };

describe("URL policy", () => {
  it("allows https to public hosts only, unless private URLs are allowed", () => {
    expect(urlPolicyProblem("https://lms.example.edu/auth", { allowPrivate: false })).toBeNull();
    for (const bad of [
      "javascript:alert(document.domain)", "data:text/html,<script>1</script>", "file:///etc/passwd", "ftp://lms.example.edu/",
      "http://lms.example.edu/auth", "https://localhost/x", "https://127.0.0.1/x", "https://10.1.2.3/", "https://172.20.0.1/",
      "https://192.168.1.1/", "https://169.254.169.254/latest/meta-data", "https://100.64.0.1/", "https://[::1]/",
      "https://[fd00::1]/", "https://[fe80::1]/", "https://[::ffff:127.0.0.1]/", "https://0.0.0.0/", "https://user:pw@lms.example.edu/",
      "not a url",
    ]) {
      expect(urlPolicyProblem(bad, { allowPrivate: false }), bad).not.toBeNull();
    }
    expect(urlPolicyProblem("http://127.0.0.1:8080/jwks", { allowPrivate: true })).toBeNull();
    expect(urlPolicyProblem("javascript:alert(1)", { allowPrivate: true })).not.toBeNull();
    expect(urlPolicyProblem("data:application/json,{}", { allowPrivate: true })).not.toBeNull();
  });

  it("refuses local names written with a trailing dot, as a resolver reads them", () => {
    // "localhost." is the fully qualified form of "localhost": a resolver answers both alike.
    for (const bad of ["https://localhost./x", "https://LOCALHOST./x", "https://a.localhost./x", "https://printer.local./", "https://metadata.google.internal./", "https://localhost../x"]) {
      expect(urlPolicyProblem(bad, { allowPrivate: false }), bad).not.toBeNull();
    }
    expect(urlPolicyProblem("https://lms.example.edu./auth", { allowPrivate: false })).toBeNull();
  });

  it("knows the non-public ranges", () => {
    for (const a of ["127.0.0.1", "10.0.0.1", "100.100.1.1", "169.254.1.1", "192.168.0.1", "::1", "fc00::1", "::ffff:10.0.0.1", "64:ff9b::a00:1",
      // IPv4-compatible (::a.b.c.d, deprecated) and IPv4-translated (::ffff:0:a.b.c.d) forms of loopback
      "::7f00:1", "::ffff:0:7f00:1", "::a00:1"]) {
      expect(isNonPublicAddress(a), a).toBe(true);
    }
    for (const a of ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"]) expect(isNonPublicAddress(a), a).toBe(false);
  });
});

describe("fetchOutbound", () => {
  it("refuses http, data: and private addresses before connecting when private URLs are not allowed", async () => {
    const port = await serve((_req, res) => res.end("{}"));
    for (const url of [`http://127.0.0.1:${port}/`, `https://127.0.0.1:${port}/`, "data:application/json,{}", `https://localhost:${port}/`]) {
      expect((await failure(fetchOutboundJson(url, { ...opts, allowPrivate: false }))).reason, url).toBe("refused-url");
    }
    expect(hits).toEqual([]);
  });

  it("refuses a host name that resolves to a private address (checked on the connection's own lookup)", async () => {
    const name = hostname();
    const resolved = await lookup(name, { all: true });
    expect(resolved.every((a) => isNonPublicAddress(a.address)), `${name} resolves to a local address on test machines`).toBe(true);
    const port = await serve((_req, res) => res.end("{}"));
    const error = await failure(fetchOutboundJson(`https://${name}:${port}/`, { ...opts, allowPrivate: false }));
    expect(error.reason).toBe("refused-address");
    expect(hits).toEqual([]);
  });

  it("does not follow redirects", async () => {
    const port = await serve((req, res) => {
      if (req.url === "/next") return res.end("{}");
      res.writeHead(302, { location: "/next" }).end();
    });
    const error = await failure(fetchOutboundJson(`http://127.0.0.1:${port}/start`, opts));
    expect(error.reason).toBe("redirect");
    expect(hits).toEqual(["/start"]);
  });

  it("refuses a declared Content-Length over the cap without reading the body", async () => {
    const port = await serve((_req, res) => {
      res.writeHead(200, { "content-length": String(300 * 1024 * 1024) });
      res.write("{");
      // and never finishes: a helper that waited for the body would time out instead
    });
    const error = await failure(fetchOutbound(`http://127.0.0.1:${port}/`, opts));
    expect(error.reason).toBe("too-large");
  });

  it("stops reading a streamed body as soon as it passes the cap", async () => {
    const port = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write(Buffer.alloc(opts.maxBytes + 1, 32));
      // and never ends: only a cap enforced while streaming can answer before the timeout
    });
    const started = Date.now();
    const error = await failure(fetchOutbound(`http://127.0.0.1:${port}/`, { ...opts, timeoutMs: 5000 }));
    expect(error.reason).toBe("too-large");
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it("gives up after the timeout", async () => {
    const port = await serve(() => undefined);
    const error = await failure(fetchOutbound(`http://127.0.0.1:${port}/`, { ...opts, timeoutMs: 200 }));
    expect(error.reason).toBe("timeout");
  });

  it("reports an error status and non-JSON without echoing what the address answered", async () => {
    const port = await serve((req, res) => {
      if (req.url === "/html") return res.end("<html>secret-internal-banner</html>");
      res.writeHead(503).end("secret-internal-banner");
    });
    const status = await failure(fetchOutboundJson(`http://127.0.0.1:${port}/down`, opts));
    expect(status.reason).toBe("status");
    expect(status.message).not.toMatch(/503|secret/);
    const html = await failure(fetchOutboundJson(`http://127.0.0.1:${port}/html`, opts));
    expect(html.reason).toBe("not-json");
    expect(html.message).not.toMatch(/secret/);
  });

  it("returns the parsed JSON of a good answer and sends the body of a POST", async () => {
    const port = await serve((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => res.end(JSON.stringify({ got: JSON.parse(body), method: req.method })));
    });
    const answer = await fetchOutboundJson(`http://127.0.0.1:${port}/`, { ...opts, method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ a: 1 }) });
    expect(answer).toEqual({ got: { a: 1 }, method: "POST" });
  });
});
