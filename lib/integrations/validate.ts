import "server-only";
import { ZodError, type core } from "zod";
import { prisma, isUniqueViolation } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { integrationSchema, type IntegrationData, type IntegrationInput } from "./schemas";

/**
 * Parses an integration and resolves its plan, reporting every problem at once (so a form shows
 * all of them next to their fields). Throws a ZodError: the CLI answers it with exit code 2.
 */
export async function validateIntegration(input: IntegrationInput): Promise<{ data: IntegrationData; planId: string | null }> {
  const parsed = integrationSchema.safeParse(input);
  const issues: core.$ZodIssue[] = parsed.success ? [] : [...parsed.error.issues];
  let planId: string | null = null;
  const slug = typeof input.plan === "string" ? input.plan.trim() : "";
  if (input.accessKind === "PLAN" && slug && !issues.some((i) => i.path[0] === "plan")) {
    const plan = await prisma.plan.findUnique({ where: { slug }, select: { id: true } });
    if (plan) planId = plan.id;
    else issues.push({ code: "custom", path: ["plan"], message: `There is no plan "${slug}". Create it first or pick another.`, input: slug });
  }
  if (issues.length || !parsed.success) throw new ZodError(issues);
  return { data: parsed.data, planId };
}

/**
 * Turns a unique-constraint violation into a CONFLICT on the field the owner must change.
 * The constraint decided; this look-up only finds out which one to name.
 */
export async function conflictFrom(error: unknown, data: IntegrationData, ownId?: string): Promise<never> {
  if (!isUniqueViolation(error)) throw error;
  const notSelf = ownId ? { NOT: { id: ownId } } : {};
  if (data.consumerKey) {
    const clash = await prisma.integration.findFirst({ where: { consumerKey: data.consumerKey, ...notSelf }, select: { name: true } });
    if (clash) {
      throw new AppError("CONFLICT", `The consumer key "${data.consumerKey}" is already used by the integration "${clash.name}".`, {
        fields: { consumerKey: "Another integration already uses this consumer key. Choose another one." },
        cause: error,
      });
    }
  }
  const clash = await prisma.integration.findFirst({ where: { issuer: data.issuer, clientId: data.clientId, ...notSelf }, select: { name: true } });
  throw new AppError("CONFLICT", `The integration "${clash?.name ?? "another"}" already has this issuer and client ID.`, {
    fields: { clientId: "Another integration already has this issuer and client ID. Each LMS registration can be used once." },
    cause: error,
  });
}

/** The Integration columns a validated create or update writes (kind and secret are the caller's). */
export function integrationColumns(data: IntegrationData, planId: string | null) {
  return {
    name: data.name,
    accessKind: data.accessKind,
    planId: data.accessKind === "PLAN" ? planId : null,
    issuer: data.issuer ?? null,
    clientId: data.clientId ?? null,
    authUrl: data.authUrl ?? null,
    tokenUrl: data.tokenUrl ?? null,
    jwksUrl: data.jwksUrl ?? null,
    consumerKey: data.consumerKey ?? null,
    referrerPrefixes: data.referrerPrefixes ?? [],
    ipRanges: data.ipRanges ?? [],
  };
}
