import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { createLocalJWKSet, jwtVerify, type JWK } from "jose";

// A pretend LMS's LTI Advantage services for tests, over real HTTP on 127.0.0.1: an OAuth 2 token
// endpoint that verifies the client assertion (signature against the tool's published JWKS, and
// its claims) and AGS line item and score endpoints that check the bearer token, its scopes, the
// media types and the shape of what Folio sends. It can be down (503) or gone (connection
// refused) and come back on the same port.

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const AGS = "https://purl.imsglobal.org/spec/lti-ags/scope/";
export const AGS_SCOPES = { lineItem: `${AGS}lineitem`, lineItemReadOnly: `${AGS}lineitem.readonly`, score: `${AGS}score` };
const LINE_ITEM = "application/vnd.ims.lis.v2.lineitem+json";
const SCORE = "application/vnd.ims.lis.v1.score+json";
const ACTIVITY = ["Initialized", "Started", "InProgress", "Submitted", "Completed"];
const GRADING = ["FullyGraded", "Pending", "PendingManual", "Failed", "NotReady"];
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(Z|[+-]\d\d:\d\d)$/;

export type ReceivedScore = {
  lineItemId: string;
  query: string;
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
  activityProgress: string;
  gradingProgress: string;
  timestamp: string;
  comment?: string;
};
export type LineItemRecord = { id: string; label: string; scoreMaximum: number; resourceLinkId?: string; resourceId?: string };
export type Mode = "ok" | "down" | "gone";

export class PlatformServices {
  readonly clientId: string;
  mode: Mode = "ok";
  /** When set, the score endpoint refuses with this status and reason. */
  refuseScores: { status: number; reason: string } | null = null;
  /** Scopes the platform grants; a token request for any other is refused (invalid_scope). */
  allowedScopes = new Set(Object.values(AGS_SCOPES));
  readonly tokenRequests: { scopes: string[] }[] = [];
  /** Every assertion problem the token endpoint found (a passing test expects none). */
  readonly assertionProblems: string[] = [];
  readonly problems: string[] = [];
  readonly scores: ReceivedScore[] = [];
  readonly lineItems = new Map<string, LineItemRecord>();
  lineItemReads = 0;
  private tokens = new Map<string, Set<string>>();
  private jtis = new Set<string>();
  private server?: Server;
  private port = 0;

  /** The tool's published keys, which assertions must verify against (tests swap them). */
  toolKeys: () => Promise<JWK[]>;

  private constructor(clientId: string, toolKeys: () => Promise<JWK[]>) {
    this.clientId = clientId;
    this.toolKeys = toolKeys;
  }

  /** `toolJwks`: the tool's published keys (Folio's listPublicJwks), which assertions must verify against. */
  static async start(toolJwks: () => Promise<JWK[]>, clientId = `client-${randomBytes(3).toString("hex")}`): Promise<PlatformServices> {
    const services = new PlatformServices(clientId, toolJwks);
    await services.listen(0);
    return services;
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get tokenUrl(): string {
    return `${this.base}/token`;
  }
  /** The context's line items URL (with a query, as some platforms send it). */
  get lineItemsUrl(): string {
    return `${this.base}/ctx/1/lineitems?type_id=7`;
  }

  /** A line item the platform made (as when the instructor's deep link asked for one). */
  addLineItem(item: Omit<LineItemRecord, "id">): string {
    const id = `${this.base}/ctx/1/lineitems/${this.lineItems.size + 1}/lineitem?type_id=7`;
    this.lineItems.set(this.lineItemKey(id), { ...item, id });
    return id;
  }

  private lineItemKey(url: string): string {
    return new URL(url, this.base).pathname.replace(/\/scores$/, "");
  }

  private listen(port: number): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res).catch((error: Error) => {
      this.problems.push(`handler: ${error.message}`);
      res.writeHead(500).end();
    }));
    return new Promise((resolve) => this.server!.listen(port, "127.0.0.1", () => {
      this.port = (this.server!.address() as AddressInfo).port;
      resolve();
    }));
  }

  /** Stops accepting connections (connection refused) until `comeBack`. */
  async goAway(): Promise<void> {
    this.mode = "gone";
    await this.closeServer();
  }

  async comeBack(): Promise<void> {
    if (this.mode === "gone") await this.listen(this.port);
    this.mode = "ok";
  }

  private async closeServer(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  async close(): Promise<void> {
    await this.closeServer();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (this.mode === "down") return void res.writeHead(503, { "retry-after": "1" }).end("maintenance");
    const url = new URL(req.url ?? "/", this.base);
    if (url.pathname === "/token" && req.method === "POST") return this.token(req, body, res);
    if (url.pathname === "/ctx/1/lineitems" && req.method === "POST") return this.createLineItem(req, body, res);
    if (/^\/ctx\/1\/lineitems\/\d+\/lineitem$/.test(url.pathname) && req.method === "GET") return this.readLineItem(req, url, res);
    if (/^\/ctx\/1\/lineitems\/\d+\/lineitem\/scores$/.test(url.pathname) && req.method === "POST") return this.score(req, url, body, res);
    res.writeHead(404).end();
  }

  private async token(req: IncomingMessage, body: string, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(body);
    const problems: string[] = [];
    if (!String(req.headers["content-type"]).startsWith("application/x-www-form-urlencoded")) problems.push("content type");
    if (form.get("grant_type") !== "client_credentials") problems.push("grant_type");
    if (form.get("client_assertion_type") !== ASSERTION_TYPE) problems.push("client_assertion_type");
    const scopes = (form.get("scope") ?? "").split(" ").filter(Boolean);
    if (scopes.length === 0) problems.push("no scope");
    try {
      const { payload, protectedHeader } = await jwtVerify(form.get("client_assertion") ?? "", createLocalJWKSet({ keys: await this.toolKeys() }), {
        algorithms: ["RS256"], issuer: this.clientId, subject: this.clientId, audience: this.tokenUrl, requiredClaims: ["exp", "iat", "jti"],
      });
      if (!protectedHeader.kid) problems.push("kid");
      if (typeof payload.jti !== "string" || this.jtis.has(payload.jti)) problems.push("jti reused");
      else this.jtis.add(payload.jti);
      if ((payload.exp ?? 0) - Math.floor(Date.now() / 1000) > 3600) problems.push("exp too far");
    } catch (error) {
      problems.push(`assertion: ${(error as Error).message}`);
    }
    this.tokenRequests.push({ scopes });
    if (problems.length) {
      this.assertionProblems.push(...problems);
      return json(res, 401, { error: "invalid_client", error_description: problems.join("; ") });
    }
    if (scopes.some((s) => !this.allowedScopes.has(s))) return json(res, 400, { error: "invalid_scope" });
    const token = randomBytes(16).toString("hex");
    this.tokens.set(token, new Set(scopes));
    json(res, 200, { access_token: token, token_type: "Bearer", expires_in: 3600, scope: scopes.join(" ") });
  }

  /** Whether this platform issued `token` with `scope` (its other services check bearers here). */
  grants(token: string, scope: string): boolean {
    return this.tokens.get(token)?.has(scope) ?? false;
  }

  /** Drops every token it issued (the next service call gets a 401). */
  revokeTokens(): void {
    this.tokens.clear();
  }

  private authorized(req: IncomingMessage, res: ServerResponse, scopes: string[]): boolean {
    const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "");
    const granted = match ? this.tokens.get(match[1]!) : undefined;
    if (!granted) {
      json(res, 401, { error: "invalid_token" });
      return false;
    }
    if (!scopes.some((s) => granted.has(s))) {
      this.problems.push(`token lacks ${scopes.join(" or ")}`);
      json(res, 403, { error: "insufficient_scope" });
      return false;
    }
    return true;
  }

  private readLineItem(req: IncomingMessage, url: URL, res: ServerResponse): void {
    if (!this.authorized(req, res, [AGS_SCOPES.lineItem, AGS_SCOPES.lineItemReadOnly])) return;
    if (!String(req.headers.accept).includes(LINE_ITEM)) this.problems.push(`line item read accept: ${req.headers.accept}`);
    const item = this.lineItems.get(url.pathname);
    if (!item) return void res.writeHead(404).end();
    this.lineItemReads++;
    res.writeHead(200, { "content-type": LINE_ITEM }).end(JSON.stringify(item));
  }

  private createLineItem(req: IncomingMessage, body: string, res: ServerResponse): void {
    if (!this.authorized(req, res, [AGS_SCOPES.lineItem])) return;
    if (req.headers["content-type"] !== LINE_ITEM) return this.refuse(res, `line item content type: ${req.headers["content-type"]}`);
    const item = parse(body);
    if (!item || typeof item.label !== "string" || !item.label || typeof item.scoreMaximum !== "number" || !(item.scoreMaximum > 0)) {
      return this.refuse(res, "line item needs a label and a positive scoreMaximum");
    }
    if (typeof item.resourceLinkId !== "string") return this.refuse(res, "line item without resourceLinkId");
    const id = this.addLineItem({ label: item.label, scoreMaximum: item.scoreMaximum, resourceLinkId: item.resourceLinkId, resourceId: item.resourceId as string | undefined });
    res.writeHead(201, { "content-type": LINE_ITEM }).end(JSON.stringify(this.lineItems.get(this.lineItemKey(id))));
  }

  private score(req: IncomingMessage, url: URL, body: string, res: ServerResponse): void {
    if (!this.authorized(req, res, [AGS_SCOPES.score])) return;
    if (req.headers["content-type"] !== SCORE) return this.refuse(res, `score content type: ${req.headers["content-type"]}`);
    const item = this.lineItems.get(this.lineItemKey(url.pathname));
    if (!item) return this.refuse(res, "no such line item", 404);
    if (url.search !== "?type_id=7") return this.refuse(res, `score URL lost its query: ${url.search}`);
    const s = parse(body);
    if (!s) return this.refuse(res, "score is not JSON");
    const shape = [
      typeof s.userId === "string" && s.userId.length > 0 || "userId",
      ACTIVITY.includes(s.activityProgress as string) || "activityProgress",
      GRADING.includes(s.gradingProgress as string) || "gradingProgress",
      typeof s.timestamp === "string" && ISO_MS.test(s.timestamp) || "timestamp",
      s.scoreGiven === undefined || (typeof s.scoreGiven === "number" && s.scoreGiven >= 0) || "scoreGiven",
      s.scoreGiven === undefined || (typeof s.scoreMaximum === "number" && s.scoreMaximum > 0) || "scoreMaximum",
    ].filter((v) => v !== true);
    if (shape.length) return this.refuse(res, `bad score fields: ${shape.join(", ")}`);
    if (this.refuseScores) return json(res, this.refuseScores.status, { error: this.refuseScores.reason });
    this.scores.push({ ...(s as unknown as ReceivedScore), lineItemId: item.id, query: url.search });
    res.writeHead(200).end();
  }

  private refuse(res: ServerResponse, problem: string, status = 400): void {
    this.problems.push(problem);
    json(res, status, { error: problem });
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

function parse(body: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(body) as unknown;
    return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
