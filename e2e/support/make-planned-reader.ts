// Creates a reader with a password and the plan named on the command line (a slug), printed as JSON.
// Run through tsx by e2e/reader.spec.ts (lib/ modules need the react-server condition).
import { prisma } from "@/lib/db";
import { createUser, grantPlan } from "@/tests/support/factories";

const planSlug = process.argv[2] ?? "all-books";
const password = "reader violet kettle 2026";
const plan = await prisma.plan.findUniqueOrThrow({ where: { slug: planSlug } });
const user = await createUser({ password, name: "Petra Planned" });
await grantPlan(user.id, plan.id);
process.stdout.write(JSON.stringify({ email: user.email, password, publicId: user.publicId }));
await prisma.$disconnect();
