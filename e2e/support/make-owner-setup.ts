// For e2e/owner.spec.ts: an LTI 1.3 integration for the LMS simulator (values as JSON on the
// command line) that gives its students the seed's "Classics starter" plan. Prints
// { integrationId } as JSON. Run through tsx (lib/ modules need the react-server condition).
import { prisma } from "@/lib/db";
import { createLti13Integration } from "@/tests/support/factories";

const platform = JSON.parse(process.argv[2] ?? "{}") as { issuer: string; clientId: string; authUrl: string; jwksUrl: string; deploymentId: string; name: string };
const plan = await prisma.plan.findUniqueOrThrow({ where: { slug: "classics-starter" }, select: { id: true } });
const integration = await createLti13Integration(platform, { name: platform.name, planId: plan.id });
process.stdout.write(JSON.stringify({ integrationId: integration.id }));
await prisma.$disconnect();
