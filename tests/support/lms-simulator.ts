import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { escapeHtml } from "../../lib/html/escape-html";
import { TestPlatform } from "./lti-platform";

// A small LMS for end-to-end tests and benchmarks: a course page that launches Folio in an
// iframe or a new window, an OIDC authorization endpoint that answers Folio's auth request
// with a signed id_token in a form post, and the platform JWKS. It runs on 127.0.0.1, a
// different site from Folio's localhost, so the browser treats Folio as third-party.

const LTI = "https://purl.imsglobal.org/spec/lti/claim/";

export type SimulatorOptions = { folioOrigin: string; host?: string };
export type Student = { sub: string; name: string; email?: string };

export class LmsSimulator {
  readonly platform: TestPlatform;
  readonly folioOrigin: string;
  private server?: Server;
  private port = 0;
  private readonly host: string;
  /** Custom claims the next launches carry (e.g. { publication: "alice" }). */
  custom: Record<string, string> = {};
  students = new Map<string, Student>([["student-1", { sub: "student-1", name: "Ada Student", email: "ada@school.example" }]]);

  private constructor(platform: TestPlatform, options: SimulatorOptions) {
    this.platform = platform;
    this.folioOrigin = options.folioOrigin;
    this.host = options.host ?? "127.0.0.1";
  }

  static async start(options: SimulatorOptions): Promise<LmsSimulator> {
    const sim = new LmsSimulator(await TestPlatform.start(), options);
    await sim.listen();
    return sim;
  }

  get origin() { return `http://${this.host}:${this.port}`; }
  get authUrl() { return `${this.origin}/auth`; }
  get jwksUrl() { return this.platform.jwksUrl; }
  get issuer() { return this.platform.issuer; }
  get clientId() { return this.platform.clientId; }
  get deploymentId() { return this.platform.deploymentId; }

  /** Folio's login initiation URL for a student, as the LMS builds it for its activity link. */
  loginUrl(sub = "student-1"): string {
    const url = new URL(`${this.folioOrigin}/api/lti/login`);
    url.search = new URLSearchParams({
      iss: this.issuer, login_hint: sub, target_link_uri: `${this.folioOrigin}/api/lti/launch`,
      client_id: this.clientId, lti_deployment_id: this.deploymentId, lti_message_hint: "resource-link-1",
    }).toString();
    return url.toString();
  }

  /** The signed id_token the platform would send for this auth request. */
  async idTokenFor(params: URLSearchParams): Promise<string> {
    const student = this.students.get(params.get("login_hint") ?? "") ?? { sub: params.get("login_hint") ?? "unknown", name: "Student" };
    const now = Math.floor(Date.now() / 1000);
    return this.platform.sign({
      iss: this.issuer, aud: this.clientId, sub: student.sub, iat: now, exp: now + 300,
      nonce: params.get("nonce"), name: student.name, ...(student.email ? { email: student.email } : {}),
      [`${LTI}message_type`]: "LtiResourceLinkRequest",
      [`${LTI}version`]: "1.3.0",
      [`${LTI}deployment_id`]: this.deploymentId,
      [`${LTI}target_link_uri`]: `${this.folioOrigin}/api/lti/launch`,
      [`${LTI}resource_link`]: { id: "resource-link-1", title: "Course reading" },
      [`${LTI}roles`]: ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
      [`${LTI}context`]: { id: "course-1", title: "English Literature 101" },
      [`${LTI}custom`]: this.custom,
    });
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
    await this.platform.close();
  }
}
