// For e2e/owner.spec.ts: sittings with known seconds, so the institution report's totals are
// known. The heartbeat's seconds depend on the wall clock; what the report adds up does not.
// Reads JSON { integrationId, sittings: [{ subject | "outsider", slug, daysAgo, seconds }] }:
// `subject` is the LMS user ID of a student of that integration; "outsider" is a reader with no
// identity on it (created here), whose reading the report must leave out.
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { createUser } from "@/tests/support/factories";

type Sitting = { subject: string; slug: string; daysAgo: number; seconds: number };
const input = JSON.parse(process.argv[2] ?? "{}") as { integrationId: string; sittings: Sitting[] };

let outsider: string | null = null;
for (const s of input.sittings) {
  let userId: string;
  if (s.subject === "outsider") {
    outsider ??= (await createUser({ name: "Otto Outsider" })).id;
    userId = outsider;
  } else {
    const identity = await prisma.ltiIdentity.findFirstOrThrow({ where: { integrationId: input.integrationId, subject: s.subject }, select: { userId: true } });
    userId = identity.userId;
  }
  const publication = await prisma.publication.findUniqueOrThrow({ where: { slug: s.slug }, select: { id: true } });
  const startedAt = new Date(Date.now() - s.daysAgo * 86_400_000);
  await prisma.readingSession.create({
    data: { userId, publicationId: publication.id, clientId: randomUUID(), startedAt, lastActiveAt: new Date(startedAt.getTime() + s.seconds * 1000), activeSeconds: s.seconds },
  });
}
process.stdout.write(JSON.stringify({ ok: true }));
await prisma.$disconnect();
