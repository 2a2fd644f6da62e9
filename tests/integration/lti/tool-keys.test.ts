import { beforeEach, describe, expect, it } from "vitest";
import { compactVerify, importJWK, type JWK } from "jose";
import { prisma } from "@/lib/db";
import { GET as jwksGet } from "@/app/api/lti/jwks/route";
import { clearSigningKeyCache, getSigningKey, rotateToolKeys } from "@/lib/lti/keys";
import { createDeepLinkingResponse } from "@/lib/lti/deep-linking";

beforeEach(() => clearSigningKeyCache());

async function servedKids(): Promise<string[]> {
  const response = await jwksGet();
  expect(response.status).toBe(200);
  const body = (await response.json()) as { keys: JWK[] };
  for (const key of body.keys) expect(key).not.toHaveProperty("d");
  return body.keys.map((k) => k.kid!);
}

describe("tool keys and JWKS", () => {
  it("creates a key on first use, private half encrypted at rest, public half served", async () => {
    const kids = await servedKids();
    expect(kids).toHaveLength(1);
    const row = await prisma.toolKey.findUniqueOrThrow({ where: { kid: kids[0] } });
    expect(row.privateKeyEnc).toMatch(/^v1\./);
    expect(row.privateKeyEnc).not.toContain('"d"');
    expect((await getSigningKey()).kid).toBe(kids[0]);
  });

  it("rotates: the new key signs, the previous one is still served, older ones retire", async () => {
    const k1 = (await getSigningKey()).kid;
    const r2 = await rotateToolKeys();
    expect(r2).toMatchObject({ previousKid: k1, retiredKids: [] });
    expect((await getSigningKey()).kid).toBe(r2.activeKid);
    expect(new Set(await servedKids())).toEqual(new Set([k1, r2.activeKid]));

    const r3 = await rotateToolKeys();
    expect(r3).toMatchObject({ previousKid: r2.activeKid, retiredKids: [k1] });
    expect(new Set(await servedKids())).toEqual(new Set([r2.activeKid, r3.activeKid]));
    expect((await prisma.toolKey.findUniqueOrThrow({ where: { kid: k1 } })).retiredAt).not.toBeNull();
  });

  it("signs deep-linking responses that verify against the served JWKS", async () => {
    await rotateToolKeys();
    const { jwt } = await createDeepLinkingResponse({
      integration: { issuer: "https://lms.example.test", clientId: "client-1" },
      deploymentId: "d1",
      returnUrl: "https://lms.example.test/return",
      items: [{ title: "Book", url: "http://localhost:3000/api/lti/launch" }],
    });
    const body = (await (await jwksGet()).json()) as { keys: JWK[] };
    const kid = JSON.parse(Buffer.from(jwt.split(".")[0]!, "base64url").toString()).kid;
    const jwk = body.keys.find((k) => k.kid === kid)!;
    await expect(compactVerify(jwt, await importJWK(jwk, "RS256"))).resolves.toBeTruthy();
  });
});
