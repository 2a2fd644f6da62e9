import { prisma } from "@/lib/db";
import { createUser, grantPlan } from "../../tests/support/factories";

/** A reader with the all-books plan, for the library benchmark. */
export async function createBenchReader() {
  const password = "bench reader violet kettle";
  const user = await createUser({ email: "bench.reader@folio.test", password, name: "Bench Reader" });
  const plan = await prisma.plan.findUniqueOrThrow({ where: { slug: "all-books" } });
  await grantPlan(user.id, plan.id);
  return { email: user.email!, password };
}

/** An administrator, for the PDF upload rows. */
export async function createBenchAdmin() {
  const password = "bench admin amber lantern";
  const user = await createUser({ email: "bench.admin@folio.test", password, name: "Bench Admin", role: "ADMIN" });
  return { email: user.email!, password };
}

/** Publishes an uploaded publication (uploads start as drafts) so the bench reader may open it. */
export async function publishBenchPublication(slug: string) {
  await prisma.publication.update({ where: { slug }, data: { published: true } });
}
