import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";

// A real SMTP server on 127.0.0.1 for the mail tests: it accepts every message, parses it with
// mailparser and keeps it. It can be stopped and started again on the same port, as an SMTP
// server that goes away and comes back would.

export type ReceivedMail = { from: string; to: string; subject: string; text: string; html: string | null; raw: string };

export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** Sessions that connected, delivered or not. */
  connections = 0;
  private server: SMTPServer | null = null;
  port = 0;

  /** On `port`, or a free one. */
  static async start(port = 0): Promise<SmtpSink> {
    const sink = new SmtpSink();
    await sink.listen(port);
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  private listen(port: number): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onConnect: (_session, callback) => {
        this.connections++;
        callback();
      },
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw).then((mail) => {
            const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(", ") : (mail.to?.text ?? "");
            this.received.push({ from: mail.from?.text ?? "", to, subject: mail.subject ?? "", text: mail.text ?? "", html: mail.html || null, raw: raw.toString("utf8") });
            callback();
          }, (error: Error) => callback(error));
        });
      },
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.on("error", reject);
      server.listen(port, "127.0.0.1", () => {
        this.port = (server.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  /** Stops accepting connections (as a server that is down). */
  stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  /** Starts again on the same port. */
  restart(): Promise<void> {
    return this.listen(this.port);
  }

  /** Messages to `to`. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.toLowerCase().includes(address.toLowerCase()));
  }
}

/** Waits for `check` to return something truthy. */
export async function until<T>(what: string, check: () => T | null | undefined | false | Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The token in a Folio link of `path` inside a message's text. */
export function linkToken(text: string, path: string): string {
  const match = new RegExp(`https?://[^\\s/]+${path.replace("/", "\\/")}\\?token=([A-Za-z0-9_-]{43})`).exec(text);
  if (!match) throw new Error(`No ${path} link in: ${text}`);
  return match[1]!;
}
