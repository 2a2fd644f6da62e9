import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";

// A pretend LMS for tests: real RSA keys, real signed id_tokens, and its JWKS served over
// HTTP on 127.0.0.1 so Folio fetches it exactly as it would a real platform's.

type KeyPair = { kid: string; privateKey: CryptoKey; publicJwk: JWK };

async function newKey(): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = `platform-${randomBytes(4).toString("hex")}`;
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" } };
}

export type JwksMode = "ok" | "down" | "slow" | "garbage" | "redirect" | "huge";

export class TestPlatform {
  readonly issuer = `https://lms-${randomBytes(3).toString("hex")}.example.test`;
  readonly clientId = `client-${randomBytes(3).toString("hex")}`;
  readonly deploymentId = "deployment-1";
  readonly authUrl = `${this.issuer}/auth`;
  jwksFetches = 0;
  mode: JwksMode = "ok";
  private keys: KeyPair[] = [];
  private server?: Server;
  private port = 0;

  static async start(): Promise<TestPlatform> {
    const platform = new TestPlatform();
    platform.keys = [await newKey()];
    await platform.listen();
    return platform;
  }

  get jwksUrl(): string {
    return `http://127.0.0.1:${this.port}/jwks`;
  }

  get kid(): string {
    return this.keys[0]!.kid;
  }

  private listen(): Promise<void> {
    this.server = createServer((req, res) => {
      this.jwksFetches++;
      if (this.mode === "slow") return; // never answers
      if (this.mode === "redirect") {
        res.writeHead(302, { location: `http://127.0.0.1:${this.port}/moved` }).end();
        return;
      }
      if (this.mode === "huge") {
        // A key set padded far past any real one, streamed without a length.
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ keys: this.keys.map((k) => k.publicJwk), padding: "x".repeat(2 * 1024 * 1024) }));
        return;
      }
      if (this.mode === "down") {
        res.writeHead(503).end("maintenance");
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(this.mode === "garbage" ? "<html>" : JSON.stringify({ keys: this.keys.map((k) => k.publicJwk) }));
    });
    return new Promise((resolve) => this.server!.listen(0, "127.0.0.1", () => {
      this.port = (this.server!.address() as AddressInfo).port;
      resolve();
    }));
  }

  /** Replaces the signing key (the old one is no longer published). */
  async rotateKey(): Promise<void> {
    this.keys = [await newKey()];
  }

  /** Signs claims as this platform; header overrides let tests forge bad tokens. */
  async sign(claims: Record<string, unknown>, header: { kid?: string | null; key?: CryptoKey } = {}): Promise<string> {
    const kid = header.kid === undefined ? this.kid : header.kid;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", typ: "JWT", ...(kid ? { kid } : {}) })
      .sign(header.key ?? this.keys[0]!.privateKey);
  }

  /** A key the platform does not publish (for forged signatures). */
  static async strangerKey(): Promise<CryptoKey> {
    return (await newKey()).privateKey;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
