import { z } from "zod";

// `SMTP_URL=` left empty in a .env file means "not set", not "a bad URL".
const blankIsUnset = (v: unknown) => (v === "" ? undefined : v);

/**
 * Every environment variable Folio reads, parsed once. Nothing else reads process.env.
 * A bad value stops start-up with a message that names the variable.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z
    .string({ error: "is required (a postgresql:// URL)" })
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
  APP_URL: z.url({ error: "must be an absolute URL such as https://folio.example.com" }).default("http://localhost:3000"),
  AUTH_SECRET: z.string({ error: "is required" }).min(32, "must be at least 32 characters"),
  ENCRYPTION_KEY: z
    .string({ error: "is required (32 random bytes, base64)" })
    .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes encoded as base64"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  LTI_JWKS_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3000),
  TRUST_PROXY_HOPS: z.coerce.number({ error: "must be a whole number of proxies (0 to 10)" }).int().min(0).max(10).default(0),
  LTI_ALLOW_PRIVATE_URLS: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
  LAUNCH_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  // Outgoing mail (docs/decisions/0024). Unset outside production: mail goes to MAIL_OUTBOX_DIR.
  SMTP_URL: z.preprocess(blankIsUnset, z
    .url({ error: "must be an smtp:// or smtps:// URL such as smtps://user:password@smtp.example.com:465" })
    .refine((v) => /^smtps?:\/\//.test(v), "must be an smtp:// or smtps:// URL")
    .optional()),
  MAIL_FROM: z.preprocess(blankIsUnset, z
    .string()
    .trim()
    .max(320)
    .regex(/^[^\r\n]*[^\s@<>]+@[^\s@<>]+>?$/, "must be an address, optionally with a name: Folio <library@example.com>")
    .optional()),
  MAIL_OUTBOX_DIR: z.string().min(1).default(".data/outbox"),
  /// Book files live in this directory unless S3_BUCKET is set (lib/storage).
  STORAGE_DIR: z.string().min(1).default(".data/storage"),
  // An S3-compatible bucket for book files instead (docs/decisions/0027).
  S3_BUCKET: z.preprocess(blankIsUnset, z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens")
    .optional()),
  S3_REGION: z.preprocess(blankIsUnset, z.string().regex(/^[a-z0-9-]{2,40}$/, "must be a region name such as us-east-1").default("us-east-1")),
  S3_ENDPOINT: z.preprocess(blankIsUnset, z
    .url({ error: "must be the store's URL, such as https://s3.example.com or http://127.0.0.1:9000" })
    .refine((v) => /^https?:\/\//.test(v), "must be an http:// or https:// URL")
    .optional()),
  S3_ACCESS_KEY_ID: z.preprocess(blankIsUnset, z.string().optional()),
  S3_SECRET_ACCESS_KEY: z.preprocess(blankIsUnset, z.string().optional()),
  S3_FORCE_PATH_STYLE: z.preprocess(blankIsUnset, z.enum(["true", "false"], { error: "must be true or false" }).default("false").transform((v) => v === "true")),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10).optional(),
}).superRefine((v, ctx) => {
  if (!v.S3_ACCESS_KEY_ID !== !v.S3_SECRET_ACCESS_KEY) {
    const missing = v.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID";
    ctx.addIssue({ code: "custom", path: [missing], message: "is required with the other S3 key (set both, or neither to use the instance's role)" });
  }
  if (!v.S3_BUCKET && (v.S3_ENDPOINT || v.S3_ACCESS_KEY_ID || v.S3_SECRET_ACCESS_KEY)) {
    ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "is required when other S3_ variables are set (book files stay in STORAGE_DIR without it)" });
  }
});

export type Env = z.infer<typeof schema>;

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Folio cannot start: bad environment variables.\n${lines.join("\n")}\nSee .env.example.`);
  }
  return result.data;
}

// `next build` loads route modules to learn about them but serves nothing and opens no database
// connection (pages that read it render at request time), so a build needs neither the database
// nor the secrets: stand-ins fill the gaps there, and the server checks the real values when it
// starts (instrumentation.ts, server/main.ts).
const building = process.env.NEXT_PHASE === "phase-production-build";
const buildStandIns = {
  DATABASE_URL: "postgresql://build.invalid/no-database-at-build-time",
  AUTH_SECRET: "build-time-stand-in-never-used-to-sign-anything",
  ENCRYPTION_KEY: Buffer.alloc(32).toString("base64"),
};

export const env: Env = parseEnv(building ? { ...buildStandIns, ...process.env } : process.env);

// next-auth 4 reads its own variables; derive them from ours so there is one source of truth.
process.env.NEXTAUTH_URL ??= env.APP_URL;
process.env.NEXTAUTH_SECRET ??= env.AUTH_SECRET;

export const appOrigin = new URL(env.APP_URL).origin;
export const isSecureOrigin = appOrigin.startsWith("https://") || new URL(appOrigin).hostname === "localhost";
