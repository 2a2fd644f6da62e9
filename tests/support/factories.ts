import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { generatePublicId } from "@/lib/auth/public-id";

// Factories shared by the Vitest suites and the Playwright set-up. Each returns the created row.

const unique = () => randomBytes(4).toString("hex");

export async function createUser(overrides: { email?: string; password?: string; role?: "ADMIN" | "READER"; name?: string } = {}) {
  return prisma.user.create({
    data: {
      publicId: generatePublicId(),
      email: overrides.email ?? (overrides.password ? `reader-${unique()}@example.test` : undefined),
      passwordHash: overrides.password ? await hashPassword(overrides.password) : undefined,
      role: overrides.role ?? "READER",
      name: overrides.name ?? "Test Reader",
    },
  });
}

export function createAdminUser(overrides: { email?: string; password?: string } = {}) {
  return createUser({ role: "ADMIN", password: "correct horse battery", ...overrides, name: "Test Admin" });
}

export async function createPublication(overrides: { slug?: string; title?: string; isFree?: boolean; published?: boolean; chapters?: string[] } = {}) {
  const slug = overrides.slug ?? `book-${unique()}`;
  const chapters = overrides.chapters ?? ["<p>Chapter one text.</p>", "<p>Chapter two text.</p>"];
  return prisma.publication.create({
    data: {
      slug,
      title: overrides.title ?? `Book ${slug}`,
      author: "Test Author",
      isFree: overrides.isFree ?? false,
      published: overrides.published ?? true,
      toc: chapters.map((_, i) => ({ title: `Chapter ${i + 1}`, chapterIndex: i })),
      chapters: {
        create: chapters.map((html, index) => ({ index, href: `ch${index}.xhtml`, title: `Chapter ${index + 1}`, html, wordCount: html.split(/\s+/).length })),
      },
    },
  });
}

export async function createPlan(overrides: { slug?: string; name?: string; publicationIds?: string[]; all?: boolean } = {}) {
  const slug = overrides.slug ?? `plan-${unique()}`;
  return prisma.plan.create({
    data: {
      slug,
      name: overrides.name ?? `Plan ${slug}`,
      allPublications: overrides.all ?? false,
      publications: { create: (overrides.publicationIds ?? []).map((publicationId) => ({ publicationId })) },
    },
  });
}

export async function grantPlan(userId: string, planId: string) {
  return prisma.accessGrant.create({ data: { userId, planId, kind: "PLAN", source: "ADMIN" } });
}

/** An LTI 1.1 integration with a known shared secret (stored encrypted, as the app does). */
export async function createLti11Integration(
  overrides: { consumerKey?: string; sharedSecret?: string; enabled?: boolean; planId?: string; name?: string } = {},
) {
  const { encryptSecret } = await import("@/lib/crypto/secret-box");
  const sharedSecret = overrides.sharedSecret ?? randomBytes(32).toString("base64url");
  const integration = await prisma.integration.create({
    data: {
      name: overrides.name ?? "Test LMS (LTI 1.1)",
      kind: "LTI11",
      enabled: overrides.enabled ?? true,
      accessKind: overrides.planId ? "PLAN" : "FULL",
      planId: overrides.planId,
      consumerKey: overrides.consumerKey ?? `key-${unique()}`,
      sharedSecretEnc: encryptSecret(sharedSecret),
    },
  });
  return { integration, consumerKey: integration.consumerKey!, sharedSecret };
}

/** An LTI 1.3 integration registered for a test platform (tests/support/lti-platform.ts). */
export async function createLti13Integration(
  platform: { issuer: string; clientId: string; authUrl: string; jwksUrl: string; deploymentId: string },
  overrides: { enabled?: boolean; planId?: string; name?: string; deploymentIds?: string[] } = {},
) {
  return prisma.integration.create({
    data: {
      name: overrides.name ?? "Test LMS (LTI 1.3)",
      kind: "LTI13",
      enabled: overrides.enabled ?? true,
      accessKind: overrides.planId ? "PLAN" : "FULL",
      planId: overrides.planId,
      issuer: platform.issuer,
      clientId: platform.clientId,
      authUrl: platform.authUrl,
      tokenUrl: `${platform.issuer}/token`,
      jwksUrl: platform.jwksUrl,
      deployments: { create: (overrides.deploymentIds ?? [platform.deploymentId]).map((deploymentId) => ({ deploymentId })) },
    },
  });
}
