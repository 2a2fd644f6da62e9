import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { appOrigin } from "@/lib/env";
import { LtiError } from "@/lib/lti/errors";
import { createDeepLinkingResponse, readDeepLinkContext } from "@/lib/lti/deep-linking";
import { getCurrentUser } from "@/lib/auth/session";
import { listCatalog } from "@/lib/publications/catalog";

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

/** What the picker page shows: the books an instructor can link, or an LtiError. */
export async function getDeepLinkPicker(token: string) {
  await contextForCurrentUser(token);
  return { books: await listCatalog() };
}

const choiceSchema = z.object({ token: z.string().min(1).max(4000), slug: z.string().min(1).max(200) });

/** Builds the signed LtiDeepLinkingResponse for the chosen book and the page that posts it back. */
export async function respondToDeepLink(input: unknown): Promise<Response> {
  const parsed = choiceSchema.safeParse(input);
  if (!parsed.success) throw new LtiError("LTI_DEEP_LINK_CHOICE_INVALID", "Choose a book to add to the course.", { status: 422 });
  const context = await contextForCurrentUser(parsed.data.token);
  const [integration, publication] = await Promise.all([
    prisma.integration.findUnique({ where: { id: context.integrationId }, select: { issuer: true, clientId: true, enabled: true } }),
    prisma.publication.findFirst({ where: { slug: parsed.data.slug, published: true }, select: { slug: true, title: true } }),
  ]);
  if (!integration?.enabled || !integration.issuer || !integration.clientId) {
    throw new LtiError("LTI_INTEGRATION_DISABLED", "This integration is no longer enabled.", { status: 403, integrationId: context.integrationId });
  }
  if (!publication) throw new LtiError("LTI_DEEP_LINK_CHOICE_INVALID", "That book is not available any more.", { status: 422 });
  const { response } = await createDeepLinkingResponse({
    integration: { issuer: integration.issuer, clientId: integration.clientId },
    deploymentId: context.deploymentId,
    returnUrl: context.returnUrl,
    data: context.data,
    items: [{ title: publication.title, url: `${appOrigin}/api/lti/launch`, custom: { publication: publication.slug } }],
  });
  return response;
}
