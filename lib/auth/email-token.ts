import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { appOrigin } from "@/lib/env";
import type { EmailTokenKind } from "@/lib/db";

// Links sent by email (docs/decisions/0024): 32 random bytes in the link, only their SHA-256 in
// the database, so a copy of the database opens no account. A new link of a kind replaces the
// person's unused ones of that kind; each works once and for TOKEN_TTL_MS.

export const TOKEN_TTL_MS = 60 * 60_000;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export const hashToken = (raw: string) => createHash("sha256").update(raw).digest("hex");

/** Makes a token for `email` and returns the raw value, which only the mail will carry. */
export async function issueEmailToken(input: { kind: EmailTokenKind; userId: string; email: string; requestedById?: string | null; now?: Date }): Promise<string> {
  const now = input.now ?? new Date();
  const raw = randomBytes(32).toString("base64url");
  await prisma.$transaction([
    prisma.emailToken.deleteMany({ where: { userId: input.userId, kind: input.kind, usedAt: null } }),
    prisma.emailToken.create({
      data: {
        kind: input.kind, userId: input.userId, email: input.email, tokenHash: hashToken(raw),
        requestedById: input.requestedById ?? null, expiresAt: new Date(now.getTime() + TOKEN_TTL_MS),
      },
    }),
  ]);
  return raw;
}

export type TokenProblem = "invalid" | "used" | "expired";
export type FoundToken = { id: string; userId: string; email: string; expiresAt: Date };

/** The token behind a link, if it can still be used; otherwise why not. */
export async function findEmailToken(raw: unknown, kind: EmailTokenKind, now = new Date()): Promise<{ token: FoundToken } | { problem: TokenProblem }> {
  if (typeof raw !== "string" || !TOKEN_SHAPE.test(raw)) return { problem: "invalid" };
  const row = await prisma.emailToken.findUnique({
    where: { tokenHash: hashToken(raw) },
    select: { id: true, kind: true, userId: true, email: true, expiresAt: true, usedAt: true },
  });
  if (!row || row.kind !== kind) return { problem: "invalid" };
  if (row.usedAt) return { problem: "used" };
  if (row.expiresAt <= now) return { problem: "expired" };
  return { token: { id: row.id, userId: row.userId, email: row.email, expiresAt: row.expiresAt } };
}

export function tokenLink(path: string, raw: string): string {
  return `${appOrigin}${path}?token=${raw}`;
}

/** Deletes tokens past their expiry (a bounded batch): the mail worker calls it now and then. */
export async function pruneEmailTokens(now = new Date()): Promise<number> {
  return prisma.$executeRaw`delete from "EmailToken" where id in (select id from "EmailToken" where "expiresAt" < ${now} limit 1000)`;
}
