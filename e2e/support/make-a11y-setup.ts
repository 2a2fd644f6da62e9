// For e2e/a11y.spec.ts: a reader with every book, and the ids the Control Panel's detail pages
// need (a plan, a publication, a person, an LTI 1.3 integration, a finished backlist import). Printed as JSON. Run through tsx
// (lib/ modules need the react-server condition).
import { prisma } from "@/lib/db";
import { createLti13Integration, createUser, grantPlan } from "@/tests/support/factories";

const password = "reader violet kettle 2026";
const plan = await prisma.plan.findUniqueOrThrow({ where: { slug: "all-books" }, select: { id: true } });
const reader = await createUser({ password, name: "Ines Axe" });
await grantPlan(reader.id, plan.id);
const publication = await prisma.publication.findFirstOrThrow({ where: { slug: "war-and-peace" }, select: { id: true } });
const suffix = reader.publicId.slice(0, 8);
const integration = await createLti13Integration({
  issuer: `https://lms-${suffix}.example`, clientId: `client-${suffix}`, authUrl: `https://lms-${suffix}.example/auth`,
  jwksUrl: `https://lms-${suffix}.example/jwks`, deploymentId: "1",
}, { name: "Axe College Moodle", planId: plan.id });
// A finished import with one row of each outcome, as the import report page shows them.
const backlist = await prisma.publicationImport.create({
  data: {
    source: "upload", unknownColumns: ["shelf"],
    rows: {
      create: [
        { line: 2, file: "books/war-and-peace.epub", status: "IMPORTED", publicationId: publication.id },
        { line: 3, file: "books/war-and-peace-copy.epub", status: "SKIPPED", reason: "The same file as War and Peace." },
        { line: 4, file: "books/missing.epub", status: "FAILED", reason: 'The file "books/missing.epub" is not in the zip.' },
      ],
    },
  },
});
process.stdout.write(JSON.stringify({
  reader: { email: reader.email, password },
  ids: { plan: plan.id, publication: publication.id, user: reader.id, integration: integration.id, backlistImport: backlist.id },
}));
await prisma.$disconnect();
