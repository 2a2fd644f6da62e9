import "server-only";
import { z } from "zod";
import { prisma, type Prisma } from "@/lib/db";
import { appOrigin } from "@/lib/env";
import { LtiError } from "@/lib/lti/errors";
import { createDeepLinkingResponse, readDeepLinkContext } from "@/lib/lti/deep-linking";
import { getCurrentUser } from "@/lib/auth/session";
import { listCatalog, type CatalogEntry } from "@/lib/publications/catalog";

// The instructor's side of deep linking: the launch left a signed context token; the picker
// page lists the books and the chosen one goes back to the LMS as a resource link whose
// custom parameter `publication` opens that book on every student launch.

async function contextForCurrentUser(token: string) {
  const context = await readDeepLinkContext(token);
  const user = await getCurrentUser();
  // The context names the person the launch signed in: another browser cannot use it.
  if (!user || user.id !== context.userId) {
    throw new LtiError("LTI_DEEP_LINK_CONTEXT_INVALID", "This page belongs to another launch: add the activity again from the course.", { status: 403 });
  }
  return context;
}

/**
 * The publications this integration's access covers: every published one for FULL (or a plan
 * that includes all), else the plan's published ones. A course may link only what its students
 * can open. Null when the integration is gone or disabled.
 */
async function linkableScope(integrationId: string): Promise<Prisma.PublicationWhereInput | null> {
  const integration = await prisma.integration.findUnique({
    where: { id: integrationId },
    select: { enabled: true, accessKind: true, planId: true, plan: { select: { allPublications: true } } },
  });
  if (!integration?.enabled) return null;
  if (integration.accessKind === "FULL" || integration.plan?.allPublications) return { published: true };
  if (!integration.planId) return null;
  return { published: true, plans: { some: { planId: integration.planId } } };
}

const disabled = (integrationId: string) =>
  new LtiError("LTI_INTEGRATION_DISABLED", "This integration is no longer enabled.", { status: 403, integrationId });

/** What the picker page shows: the books an instructor can link, or an LtiError. */
export async function getDeepLinkPicker(token: string): Promise<{ books: CatalogEntry[] }> {
  const context = await contextForCurrentUser(token);
  const scope = await linkableScope(context.integrationId);
  if (!scope) throw disabled(context.integrationId);
  const books = await listCatalog();
  if (!scope.plans) return { books };
  const inPlan = await prisma.publication.findMany({ where: scope, select: { slug: true } });
  const slugs = new Set(inPlan.map((p) => p.slug));
  return { books: books.filter((b) => slugs.has(b.slug)) };
}

const choiceSchema = z.object({ token: z.string().min(1).max(4000), slug: z.string().min(1).max(200) });

/** Builds the signed LtiDeepLinkingResponse for the chosen book and the page that posts it back. */
export async function respondToDeepLink(input: unknown): Promise<Response> {
  const parsed = choiceSchema.safeParse(input);
  if (!parsed.success) throw new LtiError("LTI_DEEP_LINK_CHOICE_INVALID", "Choose a book to add to the course.", { status: 422 });
  const context = await contextForCurrentUser(parsed.data.token);
  const [integration, scope] = await Promise.all([
    prisma.integration.findUnique({ where: { id: context.integrationId }, select: { issuer: true, clientId: true, enabled: true } }),
    linkableScope(context.integrationId),
  ]);
  if (!integration?.enabled || !integration.issuer || !integration.clientId || !scope) throw disabled(context.integrationId);
  const publication = await prisma.publication.findFirst({ where: { ...scope, slug: parsed.data.slug }, select: { slug: true, title: true } });
  if (!publication) throw new LtiError("LTI_DEEP_LINK_CHOICE_INVALID", "That book is not available to this course: choose one from the list.", { status: 422 });
  const { response } = await createDeepLinkingResponse({
    integration: { issuer: integration.issuer, clientId: integration.clientId },
    deploymentId: context.deploymentId,
    returnUrl: context.returnUrl,
    data: context.data,
    items: [{ title: publication.title, url: `${appOrigin}/api/lti/launch`, custom: { publication: publication.slug } }],
  });
  return response;
}
