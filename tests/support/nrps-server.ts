import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { createLocalJWKSet, jwtVerify } from "jose";
import { SCOPE } from "@/lib/lti/claims";

// A platform's token endpoint and NRPS memberships endpoint on 127.0.0.1. The token endpoint
// checks Folio's client assertion for real (signature against Folio's published keys, issuer,
// subject, audience, grant type, scope); the memberships endpoint checks the bearer token and
// the media type, and serves the roster in pages linked by `Link: <...>; rel="next"`.

export type RosterMode =
  | "ok" | "bad-json" | "not-a-container" | "huge" | "redirect" | "forbidden" | "down"
  | "second-page-fails" | "next-elsewhere" | "loop" | "revoke-token-once" | "slow";

export type Member = { user_id: string; roles: string[]; name?: string; email?: string; status?: string; [k: string]: unknown };

const MEDIA_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";

export class NrpsServer {
  readonly clientId = `client-${randomBytes(3).toString("hex")}`;
  mode: RosterMode = "ok";
  members: Member[] = [];
  pageSize = 2;
  /**
   * Bearer tokens another token endpoint of the same platform issued (an LMS has one token
   * endpoint for all its services): the end-to-end LMS simulator answers token requests itself.
   */
  acceptToken: ((token: string) => boolean) | null = null;
  /** What the endpoints saw, for assertions. */
  tokenRequests: { scope: string; ok: boolean; error?: string }[] = [];
  pageRequests: { url: string; accept: string | undefined; authorized: boolean }[] = [];
  private issued = new Set<string>();
  private server?: Server;
  private port = 0;

  static async start(): Promise<NrpsServer> {
    const server = new NrpsServer();
    await server.listen();
    return server;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get tokenUrl(): string {
    return `${this.origin}/token`;
  }

  membershipsUrl(context = "course-1"): string {
    return `${this.origin}/contexts/${context}/memberships`;
  }

  private listen(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch(() => res.writeHead(500).end());
    });
    return new Promise((resolve) => this.server!.listen(0, "127.0.0.1", () => {
      this.port = (this.server!.address() as AddressInfo).port;
      resolve();
    }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.origin);
    if (req.method === "POST" && url.pathname === "/token") return this.token(req, res);
    if (req.method === "GET" && url.pathname.endsWith("/memberships")) return this.memberships(req, res, url);
    res.writeHead(404).end();
  }

  private async token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const form = new URLSearchParams(raw);
    const scope = form.get("scope") ?? "";
    const refuse = (error: string) => {
      this.tokenRequests.push({ scope, ok: false, error });
      res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error }));
    };
    if (form.get("grant_type") !== "client_credentials") return refuse("unsupported_grant_type");
    if (form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") return refuse("invalid_client");
    try {
      // Imported here: the end-to-end tests load this file outside the server (no "server-only").
      const { listPublicJwks } = await import("@/lib/lti/keys");
      await jwtVerify(form.get("client_assertion") ?? "", createLocalJWKSet({ keys: await listPublicJwks() }), {
        algorithms: ["RS256"], issuer: this.clientId, subject: this.clientId, audience: this.tokenUrl, requiredClaims: ["jti", "exp", "iat"],
      });
    } catch {
      return refuse("invalid_client");
    }
    if (!scope.split(" ").includes(SCOPE.memberships)) return refuse("invalid_scope");
    const token = randomBytes(16).toString("hex");
    this.issued.add(token);
    this.tokenRequests.push({ scope, ok: true });
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ access_token: token, token_type: "bearer", expires_in: 3600, scope }));
  }

  private memberships(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const authorized = !!bearer && (this.issued.has(bearer) || !!this.acceptToken?.(bearer));
    this.pageRequests.push({ url: url.toString(), accept: req.headers.accept, authorized });
    if (!authorized) return void res.writeHead(401).end();
    if (this.mode === "revoke-token-once") {
      // The platform forgets every token it issued, once: Folio must ask for a new one.
      this.issued.clear();
      this.mode = "ok";
      return void res.writeHead(401).end();
    }
    if (!(req.headers.accept ?? "").includes(MEDIA_TYPE)) return void res.writeHead(406).end();
    if (this.mode === "slow") {
      // Answers, but only after the view has stopped waiting for it.
      this.mode = "ok";
      return void setTimeout(() => this.answer(res, url), 2_500);
    }
    this.answer(res, url);
  }

  private answer(res: ServerResponse, url: URL): void {
    const page = Number(url.searchParams.get("page") ?? "1");
    switch (this.mode) {
      case "forbidden": return void res.writeHead(403).end();
      case "down": return void res.writeHead(503).end("maintenance");
      case "redirect": return void res.writeHead(302, { location: `${this.origin}/elsewhere` }).end();
      case "bad-json": return void res.writeHead(200, { "content-type": MEDIA_TYPE }).end("{\"members\": [");
      case "not-a-container": return void res.writeHead(200, { "content-type": MEDIA_TYPE }).end(JSON.stringify({ people: [] }));
      case "huge":
        res.writeHead(200, { "content-type": MEDIA_TYPE });
        return void res.end(JSON.stringify({ members: [], padding: "x".repeat(9 * 1024 * 1024) }));
      case "second-page-fails":
        if (page > 1) return void res.writeHead(500).end();
        break;
      default:
        break;
    }
    const start = (page - 1) * this.pageSize;
    const members = this.members.slice(start, start + this.pageSize);
    const headers: Record<string, string> = { "content-type": MEDIA_TYPE };
    const hasNext = start + this.pageSize < this.members.length;
    if (this.mode === "next-elsewhere") headers.link = `<http://localhost:${this.port}${url.pathname}?page=${page + 1}>; rel="next"`;
    else if (this.mode === "loop") headers.link = `<${url.pathname}?page=1>; rel="next"`;
    else if (hasNext) headers.link = `<${url.pathname}?page=${page + 1}>; rel="next", <${url.pathname}?page=1>; rel="first"`;
    res.writeHead(200, headers).end(JSON.stringify({
      id: url.toString(),
      context: { id: "course-1", label: "C1", title: "Course one" },
      members,
    }));
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
