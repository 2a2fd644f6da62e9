import { prisma } from "@/lib/db";
import { encryptSecret } from "@/lib/crypto/secret-box";
import type { LmsSimulator } from "../../tests/support/lms-simulator";

/** An LTI 1.3 integration for the simulator, with a plan of all publications for its students. */
export async function createBenchIntegration(sim: LmsSimulator) {
  const plan = await prisma.plan.create({ data: { name: "Bench plan", slug: "bench-plan", allPublications: true } });
  await prisma.integration.create({
    data: {
      name: "Bench LMS", kind: "LTI13", accessKind: "PLAN", planId: plan.id,
      issuer: sim.issuer, clientId: sim.clientId, authUrl: sim.authUrl, jwksUrl: sim.jwksUrl,
      tokenUrl: `${sim.origin}/token`, deployments: { create: [{ deploymentId: sim.deploymentId }] },
    },
  });
}

export const BENCH_LTI11 = { consumerKey: "bench.lms", secret: "bench-shared-secret-0123456789-abcdefghij" };

/** An LTI 1.1 integration with a known secret, sharing the bench plan. */
export async function createBenchLti11Integration() {
  const plan = await prisma.plan.findUniqueOrThrow({ where: { slug: "bench-plan" } });
  await prisma.integration.create({
    data: {
      name: "Bench LMS (1.1)", kind: "LTI11", accessKind: "PLAN", planId: plan.id,
      consumerKey: BENCH_LTI11.consumerKey, sharedSecretEnc: encryptSecret(BENCH_LTI11.secret),
    },
  });
}

/** A shelf of published books for the landing page to list, as a course's library would. */
export async function createBenchShelf(count = 12) {
  await prisma.publication.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      slug: `bench-book-${i + 1}`, title: `Bench Book ${i + 1}: A Novel`, author: `Author ${i + 1}`,
      description: "A book on the benchmark's shelf.", published: true, isFree: i % 4 === 0, priceCents: 499,
    })),
  });
}
