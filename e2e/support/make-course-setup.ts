// For e2e/courses.spec.ts: a tiny book (short chapters, so reading them counts in seconds) and an
// LTI 1.3 integration for the LMS simulator whose values come as JSON on the command line.
// Prints { integrationId, slug } as JSON. Run through tsx (lib/ modules need the react-server condition).
import { prisma } from "@/lib/db";
import { ingestPublication } from "@/lib/publications/ingest";
import { buildEpub, chapterXhtml, opf } from "@/tests/support/epub";

const TINY_BOOK = "the-lighthouse-keeper";

const platform = JSON.parse(process.argv[2] ?? "{}") as { issuer: string; clientId: string; authUrl: string; jwksUrl: string; tokenUrl: string; deploymentId: string };

const CHAPTERS = [
  ["one", "Arrival", "The keeper came to the island in spring. The boat left him on the rocks with a crate of oil, a box of books and a letter from the board."],
  ["two", "The Lamp", "Every evening he climbed the ninety steps, trimmed the wick and lit the lamp. Ships he never saw passed safely in the dark, and he wrote their lights in his log."],
  ["three", "The Storm", "In November the sea rose over the lower rooms. He kept the lamp burning through three nights, and on the fourth morning a fishing boat came to ask whether he was still alive."],
  ["four", "Afterword", "The lighthouse was automated the following year."],
] as const;

if (!(await prisma.publication.findUnique({ where: { slug: TINY_BOOK }, select: { id: true } }))) {
  const files: Record<string, string | null> = {
    "OEBPS/content.opf": opf({
      title: "The Lighthouse Keeper",
      manifest: `<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
        ${CHAPTERS.map(([id]) => `<item id="${id}" href="${id}.xhtml" media-type="application/xhtml+xml"/>`).join("\n")}
        <item id="css" href="style.css" media-type="text/css"/>`,
      spine: CHAPTERS.map(([id]) => `<itemref idref="${id}"/>`).join(""),
    }),
    "OEBPS/nav.xhtml": `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Contents</title></head>
<body><nav epub:type="toc"><ol>${CHAPTERS.map(([id, title]) => `<li><a href="${id}.xhtml">${title}</a></li>`).join("")}</ol></nav></body></html>`,
    "OEBPS/one.xhtml": null, "OEBPS/two.xhtml": null, "OEBPS/images/pic.png": null,
  };
  for (const [id, title, text] of CHAPTERS) files[`OEBPS/${id}.xhtml`] = chapterXhtml(title, `<p>${text}</p>`);
  await ingestPublication({ data: await buildEpub(files), slug: TINY_BOOK, isFree: false, priceCents: 0, published: true });
}

const integration = await prisma.integration.create({
  data: {
    name: "Northfield Academy Canvas",
    kind: "LTI13",
    enabled: true,
    accessKind: "FULL",
    issuer: platform.issuer,
    clientId: platform.clientId,
    authUrl: platform.authUrl,
    tokenUrl: platform.tokenUrl,
    jwksUrl: platform.jwksUrl,
    deployments: { create: [{ deploymentId: platform.deploymentId }] },
  },
});
process.stdout.write(JSON.stringify({ integrationId: integration.id, slug: TINY_BOOK }));
await prisma.$disconnect();
