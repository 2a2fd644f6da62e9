// Creates a 40-page PDF book with a text layer and an outline (stored as ingestion stores one), a
// plan with it, a reader with that plan and a reader without; printed as JSON.
// Run through tsx by e2e/pdf.spec.ts (lib/ modules need the react-server condition).
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { createPlan, createUser, grantPlan } from "@/tests/support/factories";
import { createPdfPublication } from "@/tests/support/pdf";

const slug = `pdf-e2e-${randomBytes(3).toString("hex")}`;
// Full pages of uncompressed text make a file of a few megabytes, large enough that pdf.js reads it
// by byte ranges (a file under two range chunks is simply fetched whole).
const filler = (i: number) => `Page ${i + 1} of the field guide describes ordinary animals in ordinary places, one paragraph at a time. `.repeat(75);
const pages = Array.from({ length: 40 }, (_, i) => ({
  text: i === 29 ? `On page thirty the striped zebra crossed the river at dawn. A second sentence follows it here. ${filler(i)}` : filler(i),
  ...(i % 10 === 0 ? { outline: `Section ${i / 10 + 1}` } : {}),
}));
const { publication, bytes } = await createPdfPublication({ slug, pages, pdf: { compress: false, fontSize: 7, size: "A4" } });
const plan = await createPlan({ publicationIds: [publication.id] });
const password = "reader violet kettle 2026";
const reader = await createUser({ password, name: "Pia Pdf" });
await grantPlan(reader.id, plan.id);
const outsider = await createUser({ password, name: "Otto Outside" });
process.stdout.write(JSON.stringify({ slug, size: bytes.length, reader: { email: reader.email, password }, outsider: { email: outsider.email, password } }));
await prisma.$disconnect();
