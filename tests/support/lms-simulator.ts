import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { escapeHtml } from "../../lib/html/escape-html";
import { SCOPE } from "../../lib/lti/claims";
import { TestPlatform } from "./lti-platform";
import { NrpsServer } from "./nrps-server";
import { AGS_SCOPES, PlatformServices } from "./platform-services";

// A small LMS for end-to-end tests and benchmarks: a course page that launches Folio in an
// iframe or a new window, an OIDC authorization endpoint that answers Folio's auth request
// with a signed id_token in a form post, and the platform JWKS. It runs on 127.0.0.1, a
// different site from Folio's localhost, so the browser treats Folio as third-party.
//
// With `services`, it is also an LTI Advantage platform: deep linking requests that offer AGS,
// a return URL that verifies Folio's deep linking response against Folio's JWKS and adds the
// links (and line items) it carries, resource link launches of those links with their custom
// parameters and the AGS and NRPS claims, and the token, score and memberships endpoints
// (tests/support/platform-services.ts, tests/support/nrps-server.ts) behind one token endpoint.

const LTI = "https://purl.imsglobal.org/spec/lti/claim/";
const DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";
const ROLE = "http://purl.imsglobal.org/vocab/lis/v2/membership#";
const CONTEXT = { id: "course-1", title: "English Literature 101", label: "ENG101" };

export type SimulatorOptions = { folioOrigin: string; host?: string; services?: boolean };
export type Student = { sub: string; name: string; email?: string; instructor?: boolean };
/** A link the course got from a deep linking response. */
export type CourseLink = { id: string; title: string; custom: Record<string, string>; lineItemUrl: string | null };

export class LmsSimulator {
  readonly platform: TestPlatform;
  readonly folioOrigin: string;
  private server?: Server;
  private port = 0;
  private readonly host: string;
  /** Custom claims the next launches carry (e.g. { publication: "alice" }). */
  custom: Record<string, string> = {};
  students = new Map<string, Student>([["student-1", { sub: "student-1", name: "Ada Student", email: "ada@school.example" }]]);
  /** Token, AGS and NRPS endpoints (with `services`). */
  services?: PlatformServices;
  nrps?: NrpsServer;
  /** Links added by deep linking responses, by id. */
  readonly links = new Map<string, CourseLink>();
  /** What the return URL refused in deep linking responses (a passing test expects none). */
  readonly deepLinkProblems: string[] = [];

  private constructor(platform: TestPlatform, options: SimulatorOptions) {
    this.platform = platform;
    this.folioOrigin = options.folioOrigin;
    this.host = options.host ?? "127.0.0.1";
  }

  static async start(options: SimulatorOptions): Promise<LmsSimulator> {
    const sim = new LmsSimulator(await TestPlatform.start(), options);
    if (options.services) {
      // Folio's client assertions verify against the keys Folio publishes, fetched as a platform would.
      const folioKeys = createRemoteJWKSet(new URL(`${options.folioOrigin}/api/lti/jwks`));
      sim.folioKeys = folioKeys;
      sim.services = await PlatformServices.start(async () => {
        const res = await fetch(`${options.folioOrigin}/api/lti/jwks`);
        return ((await res.json()) as { keys: [] }).keys;
      }, sim.clientId);
      sim.services.allowedScopes.add(SCOPE.memberships);
      sim.nrps = await NrpsServer.start();
      const services = sim.services;
      sim.nrps.acceptToken = (token) => services.grants(token, SCOPE.memberships);
    }
    await sim.listen();
    return sim;
  }

  get origin() { return `http://${this.host}:${this.port}`; }
  get authUrl() { return `${this.origin}/auth`; }
  get jwksUrl() { return this.platform.jwksUrl; }
  get issuer() { return this.platform.issuer; }
  get clientId() { return this.platform.clientId; }
  get deploymentId() { return this.platform.deploymentId; }
  /** The platform's one token endpoint (with `services`). */
  get tokenUrl() { return this.services?.tokenUrl ?? `${this.origin}/token`; }
  get deepLinkReturnUrl() { return `${this.origin}/deep-link-return`; }

  private folioKeys?: ReturnType<typeof createRemoteJWKSet>;
  private deepLinkData = new Set<string>();

  /**
   * Folio's login initiation URL, as the LMS builds it: for the default activity link, for a
   * link deep linking added (`link:<id>`), or for adding an activity (`deep-link`).
   */
  loginUrl(sub = "student-1", messageHint = "resource-link-1"): string {
    const url = new URL(`${this.folioOrigin}/api/lti/login`);
    url.search = new URLSearchParams({
      iss: this.issuer, login_hint: sub, target_link_uri: `${this.folioOrigin}/api/lti/launch`,
      client_id: this.clientId, lti_deployment_id: this.deploymentId, lti_message_hint: messageHint,
    }).toString();
    return url.toString();
  }

  /** The signed id_token the platform would send for this auth request. */
  async idTokenFor(params: URLSearchParams): Promise<string> {
    const person = this.students.get(params.get("login_hint") ?? "") ?? { sub: params.get("login_hint") ?? "unknown", name: "Student" };
    const now = Math.floor(Date.now() / 1000);
    return this.platform.sign({
      iss: this.issuer, aud: this.clientId, sub: person.sub, iat: now, exp: now + 300,
      nonce: params.get("nonce"), name: person.name, ...(person.email ? { email: person.email } : {}),
      [`${LTI}version`]: "1.3.0",
      [`${LTI}deployment_id`]: this.deploymentId,
      [`${LTI}target_link_uri`]: `${this.folioOrigin}/api/lti/launch`,
      [`${LTI}roles`]: [`${ROLE}${person.instructor ? "Instructor" : "Learner"}`],
      [`${LTI}context`]: CONTEXT,
      ...this.messageClaims(params.get("lti_message_hint") ?? ""),
    });
  }

  /** The claims of the message the hint names. */
  private messageClaims(hint: string): Record<string, unknown> {
    const link = hint.startsWith("link:") ? this.links.get(hint.slice(5)) : undefined;
    if (hint === "deep-link") {
      const data = `dl-${this.deepLinkData.size + 1}`;
      this.deepLinkData.add(data);
      return {
        [`${LTI}message_type`]: "LtiDeepLinkingRequest",
        [`${DL}deep_linking_settings`]: {
          deep_link_return_url: this.deepLinkReturnUrl, accept_types: ["ltiResourceLink"],
          accept_presentation_document_targets: ["iframe", "window"], accept_multiple: false, accept_lineitem: true, data,
        },
        ...(this.services ? { "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
          scope: [AGS_SCOPES.lineItem, AGS_SCOPES.score], lineitems: this.services.lineItemsUrl,
        } } : {}),
      };
    }
    return {
      [`${LTI}message_type`]: "LtiResourceLinkRequest",
      [`${LTI}resource_link`]: link ? { id: link.id, title: link.title } : { id: "resource-link-1", title: "Course reading" },
      [`${LTI}custom`]: link ? link.custom : this.custom,
      ...(this.services ? { "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
        scope: [AGS_SCOPES.lineItem, AGS_SCOPES.score], lineitems: this.services.lineItemsUrl,
        ...(link?.lineItemUrl ? { lineitem: link.lineItemUrl } : {}),
      } } : {}),
      ...(this.nrps ? { "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": {
        context_memberships_url: this.nrps.membershipsUrl(CONTEXT.id), service_versions: ["2.0"],
      } } : {}),
    };
  }

  /**
   * The deep linking response: verified against Folio's published keys as a platform does, then
   * each ltiResourceLink becomes a course link, with a line item when it asked for one.
   */
  private async deepLinkReturn(body: string): Promise<CourseLink[]> {
    const jwt = new URLSearchParams(body).get("JWT") ?? "";
    if (!this.folioKeys) throw new Error("deep linking needs the simulator's services");
    const { payload } = await jwtVerify(jwt, this.folioKeys, { algorithms: ["RS256"], issuer: this.clientId, audience: this.issuer, requiredClaims: ["iat", "exp", "nonce"] });
    const problems: string[] = [];
    if (payload[`${LTI}message_type`] !== "LtiDeepLinkingResponse") problems.push("message_type");
    if (payload[`${LTI}version`] !== "1.3.0") problems.push("version");
    if (payload[`${LTI}deployment_id`] !== this.deploymentId) problems.push("deployment_id");
    const data = payload[`${DL}data`];
    if (typeof data !== "string" || !this.deepLinkData.delete(data)) problems.push("data not echoed");
    const items = payload[`${DL}content_items`];
    if (!Array.isArray(items)) problems.push("content_items");
    const added: CourseLink[] = [];
    for (const item of Array.isArray(items) ? items as Record<string, unknown>[] : []) {
      if (item.type !== "ltiResourceLink" || typeof item.title !== "string") {
        problems.push(`content item ${JSON.stringify(item).slice(0, 200)}`);
        continue;
      }
      const id = `link-${this.links.size + 1}`;
      const custom = (item.custom ?? {}) as Record<string, string>;
      let lineItemUrl: string | null = null;
      const lineItem = item.lineItem as { scoreMaximum?: unknown; label?: unknown; resourceId?: unknown } | undefined;
      if (lineItem) {
        if (typeof lineItem.scoreMaximum !== "number" || !(lineItem.scoreMaximum > 0)) problems.push("lineItem.scoreMaximum");
        else if (!this.services) problems.push("lineItem without AGS");
        else lineItemUrl = this.services.addLineItem({
          label: typeof lineItem.label === "string" ? lineItem.label : item.title, scoreMaximum: lineItem.scoreMaximum,
          resourceLinkId: id, resourceId: typeof lineItem.resourceId === "string" ? lineItem.resourceId : undefined,
        });
      }
      const link = { id, title: item.title, custom, lineItemUrl };
      this.links.set(id, link);
      added.push(link);
    }
    this.deepLinkProblems.push(...problems);
    return added;
  }

  private pages = new Map<string, string>();

  /** Serves a page of the test's own at this path (say, an LTI 1.1 launch form). */
  servePage(path: string, html: string): string {
    this.pages.set(path, html);
    return `${this.origin}${path}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", this.origin);
    const page = this.pages.get(url.pathname);
    if (page) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
      return;
    }
    if (url.pathname === "/deep-link-return" && req.method === "POST") {
      let body = "";
      for await (const chunk of req) body += chunk;
      const added = await this.deepLinkReturn(body).catch((error: Error) => {
        this.deepLinkProblems.push(`response: ${error.message}`);
        return null;
      });
      res.writeHead(added ? 200 : 400, { "content-type": "text/html; charset=utf-8" });
      res.end(added
        ? `<!doctype html><title>Activity added</title><h1>English Literature 101</h1><p role="status">Added to the course: ${added.map((l) => escapeHtml(l.title)).join(", ")}</p>`
        : `<!doctype html><title>Not added</title><p role="alert">The course could not add this activity.</p>`);
      return;
    }
    if (url.pathname === "/course") {
      const sub = url.searchParams.get("student") ?? "student-1";
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><title>English Literature 101</title><h1>English Literature 101</h1>
        <p><a id="new-window" href="${escapeHtml(this.loginUrl(sub))}" target="_blank" rel="opener">Open Folio in a new window</a></p>
        <iframe id="folio" title="Folio" src="${escapeHtml(this.loginUrl(sub))}" style="width:100%;height:80vh;border:1px solid #ccc"
          allow="clipboard-write" sandbox="allow-scripts allow-same-origin allow-forms allow-popups allow-top-navigation-by-user-activation allow-storage-access-by-user-activation"></iframe>`);
      return;
    }
    if (url.pathname === "/auth") {
      const p = url.searchParams;
      if (p.get("client_id") !== this.clientId || p.get("response_mode") !== "form_post" || !p.get("redirect_uri")?.startsWith(this.folioOrigin)) {
        res.writeHead(400, { "content-type": "text/plain" }).end("invalid_request");
        return;
      }
      const idToken = await this.idTokenFor(p);
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><title>Launching…</title><form id="f" method="post" action="${escapeHtml(p.get("redirect_uri")!)}">
        <input type="hidden" name="id_token" value="${escapeHtml(idToken)}"><input type="hidden" name="state" value="${escapeHtml(p.get("state") ?? "")}">
        </form><script>document.getElementById("f").submit()</script>`);
      return;
    }
    res.writeHead(404).end();
  }

  private listen(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res).catch(() => res.writeHead(500).end()));
    return new Promise((resolve) => this.server!.listen(0, this.host, () => {
      this.port = (this.server!.address() as AddressInfo).port;
      resolve();
    }));
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    await Promise.all([this.platform.close(), this.services?.close(), this.nrps?.close()]);
  }
}
