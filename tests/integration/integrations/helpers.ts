import { prisma } from "@/lib/db";
import { createLti11Integration, createPlan, createUser } from "@/tests/support/factories";

export const LMS = {
  issuer: "https://moodle.example.edu",
  authUrl: "https://moodle.example.edu/mod/lti/auth.php",
  tokenUrl: "https://moodle.example.edu/mod/lti/token.php",
  jwksUrl: "https://moodle.example.edu/mod/lti/certs.php",
};

/** A person who came in through an integration, with a grant and a note, as a launch leaves them. */
export async function personThrough(integration: { id: string; kind: string; issuer?: string | null; clientId?: string | null; consumerKey?: string | null }, subject = "student-1") {
  const user = await createUser({ name: `Student ${subject}` });
  const platformKey = integration.kind === "LTI11" ? `lti11|${integration.consumerKey}` : `lti13|${integration.issuer}|${integration.clientId}`;
  await prisma.ltiIdentity.create({ data: { userId: user.id, integrationId: integration.id, platformKey, subject } });
  await prisma.accessGrant.create({ data: { userId: user.id, integrationId: integration.id, kind: "FULL", source: "INTEGRATION" } });
  return user;
}

export async function noteBy(userId: string) {
  const publication = await prisma.publication.create({ data: { slug: `b-${userId}`, title: "Book", author: "A" } });
  return prisma.annotation.create({ data: { userId, publicationId: publication.id, kind: "NOTE", note: "Remember this." } });
}

export { createLti11Integration, createPlan };
