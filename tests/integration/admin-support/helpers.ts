import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { refreshSearchText } from "@/lib/users/search-text";
import { createAdminUser, createLti11Integration, createUser } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";

const id = (prefix: string) => `${prefix}${randomBytes(8).toString("hex")}`;

/** An LTI 1.1 integration and its platform key. */
export async function institution(name = "North College") {
  const { integration } = await createLti11Integration({ name });
  return { ...integration, platformKey: `lti11|${integration.consumerKey}` };
}

/** A person who came in through the integration, with the name their LMS sent. */
export async function student(integration: { id: string; platformKey: string }, subject: string, options: { nameHint?: string | null; name?: string; createdAt?: Date } = {}) {
  const user = await createUser({ name: options.name ?? "" });
  await prisma.user.update({ where: { id: user.id }, data: { name: options.name ?? null } });
  await prisma.ltiIdentity.create({
    data: { userId: user.id, integrationId: integration.id, platformKey: integration.platformKey, subject, nameHint: options.nameHint === undefined ? `Name ${subject}` : options.nameHint, createdAt: options.createdAt },
  });
  // As every path that adds an identity to an existing person does (decision 22).
  await refreshSearchText(user.id);
  return user;
}

/** A launch log row at a given time. */
export function launch(data: { integrationId: string | null; userId?: string | null; outcome?: "SUCCESS" | "FAILURE"; errorCode?: string | null; at: Date; detail?: string }) {
  return prisma.launchLog.create({
    data: {
      id: id("ll"), integrationId: data.integrationId, userId: data.userId ?? null, outcome: data.outcome ?? (data.errorCode ? "FAILURE" : "SUCCESS"),
      errorCode: data.errorCode ?? null, detail: data.detail ?? null, ltiVersion: "1.1", createdAt: data.at,
    },
  });
}

/** A reading sitting. */
export function sitting(userId: string, publicationId: string, startedAt: Date, activeSeconds: number) {
  return prisma.readingSession.create({ data: { userId, publicationId, clientId: id("c"), startedAt, lastActiveAt: new Date(startedAt.getTime() + activeSeconds * 1000), activeSeconds } });
}

export async function signInAdmin() {
  const admin = await createAdminUser();
  await signInAs(admin);
  return admin;
}

export async function signInReader() {
  const reader = await createUser({ role: "READER" });
  await signInAs(reader);
  return reader;
}

export const hoursAgo = (h: number, now = Date.now()) => new Date(now - h * 3_600_000);
export const daysAgo = (d: number, now = Date.now()) => new Date(now - d * 86_400_000);
export const day = (d: Date) => d.toISOString().slice(0, 10);
