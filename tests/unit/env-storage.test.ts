import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

// Where book files live is chosen by the environment (docs/decisions/0027): a bad combination
// stops start-up with a sentence naming the variable.

const base = { NODE_ENV: "test" as const, DATABASE_URL: "postgresql://localhost/folio", AUTH_SECRET: "x".repeat(32), ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64") };
const refusal = (extra: Record<string, string>) => {
  try {
    parseEnv({ ...base, ...extra });
  } catch (error) {
    return (error as Error).message;
  }
  return null;
};

describe("storage variables", () => {
  it("default to the directory .data/storage, with S3 off", () => {
    const env = parseEnv(base);
    expect(env).toMatchObject({ STORAGE_DIR: ".data/storage", S3_REGION: "us-east-1", S3_FORCE_PATH_STYLE: false });
    expect(env.S3_BUCKET).toBeUndefined();
  });

  it("take an S3-compatible store with its endpoint, keys and path-style addressing", () => {
    const env = parseEnv({ ...base, S3_BUCKET: "folio-books", S3_ENDPOINT: "http://127.0.0.1:9000", S3_REGION: "eu-west-3", S3_ACCESS_KEY_ID: "id", S3_SECRET_ACCESS_KEY: "secret", S3_FORCE_PATH_STYLE: "true" });
    expect(env).toMatchObject({ S3_BUCKET: "folio-books", S3_ENDPOINT: "http://127.0.0.1:9000", S3_REGION: "eu-west-3", S3_FORCE_PATH_STYLE: true });
    // No keys: the SDK's own chain (an instance or task role).
    const roleOnly = parseEnv({ ...base, S3_BUCKET: "folio-books", S3_ENDPOINT: "" });
    expect([roleOnly.S3_BUCKET, roleOnly.S3_ENDPOINT, roleOnly.S3_ACCESS_KEY_ID]).toEqual(["folio-books", undefined, undefined]);
  });

  it("refuse bad values and half-given settings with the variable's name", () => {
    expect(refusal({ S3_BUCKET: "Folio_Books" })).toMatch(/S3_BUCKET: must be a bucket name/);
    expect(refusal({ S3_BUCKET: "folio", S3_ENDPOINT: "ftp://store.example" })).toMatch(/S3_ENDPOINT: must be an http:\/\/ or https:\/\/ URL/);
    expect(refusal({ S3_BUCKET: "folio", S3_ENDPOINT: "not a url" })).toMatch(/S3_ENDPOINT: must be the store's URL/);
    expect(refusal({ S3_BUCKET: "folio", S3_ACCESS_KEY_ID: "id" })).toMatch(/S3_SECRET_ACCESS_KEY: is required with the other S3 key/);
    expect(refusal({ S3_BUCKET: "folio", S3_SECRET_ACCESS_KEY: "secret" })).toMatch(/S3_ACCESS_KEY_ID: is required with the other S3 key/);
    expect(refusal({ S3_ENDPOINT: "https://s3.example.com" })).toMatch(/S3_BUCKET: is required when other S3_ variables are set/);
    expect(refusal({ S3_BUCKET: "folio", S3_FORCE_PATH_STYLE: "yes" })).toMatch(/S3_FORCE_PATH_STYLE: must be true or false/);
    // The message never repeats a secret's value.
    expect(refusal({ S3_BUCKET: "folio", S3_SECRET_ACCESS_KEY: "very-secret-value" })).not.toContain("very-secret-value");
  });
});
