// Demo data: an administrator, the demo books and a PDF made from one (ingested through the same path as an upload)
// and two plans. Safe to run again: it only adds what is missing.
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { createAdmin } from "@/lib/users/admins";
import { createPlan } from "@/lib/plans/plans";
import { seedDemoBooks } from "@/lib/publications/seed-demo-books";

async function seedAdmin() {
  if (await prisma.user.count({ where: { role: "ADMIN" } })) return;
  const email = env.ADMIN_EMAIL ?? "admin@folio.local";
  const password = env.ADMIN_PASSWORD ?? randomBytes(12).toString("base64url");
  await createAdmin({ email, password, name: "Store owner" });
  console.log("\n  Store administrator created");
  console.log(`    email:    ${email}`);
  if (!env.ADMIN_PASSWORD) console.log(`    password: ${password}   (shown once; set ADMIN_PASSWORD to choose it)`);
  console.log("");
}

async function seedPlans() {
  const plans: { name: string; slug: string; publications: "all" | string[] }[] = [
    { name: "All books", slug: "all-books", publications: "all" },
    { name: "Classics starter", slug: "classics-starter", publications: ["alice-in-wonderland", "pride-and-prejudice"] },
  ];
  for (const plan of plans) {
    if (await prisma.plan.findUnique({ where: { slug: plan.slug } })) continue;
    const existing = plan.publications === "all" ? "all" : (
      await prisma.publication.findMany({ where: { slug: { in: plan.publications } }, select: { slug: true } })
    ).map((p) => p.slug);
    await createPlan({ ...plan, publications: existing });
  }
}

await seedAdmin();
await seedDemoBooks();
await seedPlans();
await prisma.$disconnect();
