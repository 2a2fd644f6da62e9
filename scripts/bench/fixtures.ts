import { prisma } from "@/lib/db";
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
