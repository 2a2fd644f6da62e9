// Creates a reader with a password in the end-to-end database and prints it as JSON.
// Run by e2e/support/accounts.ts through tsx (lib/ modules need the react-server condition).
import { createUser } from "@/tests/support/factories";
import { prisma } from "@/lib/db";

const password = "reader violet kettle 2026";
const user = await createUser({ password, name: "Ada Reader" });
process.stdout.write(JSON.stringify({ email: user.email, password, publicId: user.publicId }));
await prisma.$disconnect();
