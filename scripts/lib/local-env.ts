import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

/**
 * Makes sure .env.local holds the secrets a first run needs (never committed), then loads
 * .env and .env.local into process.env without overriding what the shell already set.
 */
export function prepareLocalEnv(): void {
  const file = ".env.local";
  const current = existsSync(file) ? readFileSync(file, "utf8") : "";
  const additions: string[] = [];
  if (!/^AUTH_SECRET=/m.test(current) && !process.env.AUTH_SECRET) {
    additions.push(`AUTH_SECRET=${randomBytes(32).toString("base64url")}`);
  }
  if (!/^ENCRYPTION_KEY=/m.test(current) && !process.env.ENCRYPTION_KEY) {
    additions.push(`ENCRYPTION_KEY=${randomBytes(32).toString("base64")}`);
  }
  if (additions.length) {
    const header = current ? "" : "# Generated on first run. Keep it secret; losing ENCRYPTION_KEY makes stored LTI secrets unreadable.\n";
    writeFileSync(file, `${current}${current && !current.endsWith("\n") ? "\n" : ""}${header}${additions.join("\n")}\n`, { mode: 0o600 });
    console.log(`Wrote new secrets to ${file}.`);
  }
  for (const name of [".env.local", ".env"]) {
    if (existsSync(name)) process.loadEnvFile(name);
  }
}
