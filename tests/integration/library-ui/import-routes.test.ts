import "./helpers";
import JSZip from "jszip";
import { describe, expect, it, vi } from "vitest";
import { POST as postCsv } from "@/app/api/admin/publications/imports/route";
import { POST as postZip } from "@/app/api/admin/publications/imports/[id]/files/route";
import ImportReportPage from "@/app/admin/publications/import/[id]/page";
import { prisma } from "@/lib/db";
import { getImportReport } from "@/lib/publications/import/report";
import { runImportRow } from "@/lib/publications/import/run-row";
import { buildEpub, opf } from "@/tests/support/epub";
import { createAdminUser, createUser } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";
import { renderToStaticMarkup } from "react-dom/server";

// The report page refreshes itself through the App Router, which a static render has not mounted.
vi.mock("next/navigation", async (original) => ({ ...(await original<typeof import("next/navigation")>()), useRouter: () => ({ refresh: () => undefined, push: () => undefined }) }));

const BASE = "http://localhost:3000/api/admin/publications/imports";
const csvRequest = (body: string) => postCsv(new Request(BASE, { method: "POST", headers: { "content-type": "text/csv" }, body }), { params: Promise.resolve({}) });
const zipRequest = (id: string, body: Uint8Array) =>
  postZip(new Request(`${BASE}/${id}/files`, { method: "POST", headers: { "content-type": "application/zip" }, body: new Uint8Array(body) }), { params: Promise.resolve({ id }) });

describe("the Control Panel's import endpoints", () => {
  it("are for administrators only", async () => {
    await signInAs(await createUser());
    expect((await csvRequest("file\na.epub\n")).status).toBe(403);
    expect(await prisma.publicationImport.count()).toBe(0);
  });

  it("take a CSV, then the zip; the report page shows each row", async () => {
    await signInAs(await createAdminUser());
    const created = await csvRequest("file,title,colour\nemma.epub,Emma,blue\nnot-there.epub,X,red\n");
    expect(created.status).toBe(201);
    const { id, rows, unknownColumns } = await created.json();
    expect({ rows, unknownColumns }).toEqual({ rows: 2, unknownColumns: ["colour"] });

    const zip = new JSZip();
    zip.file("emma.epub", await buildEpub({ "OEBPS/content.opf": opf({ title: "Emma" }) }));
    const staged = await zipRequest(id, await zip.generateAsync({ type: "uint8array" }));
    expect(await staged.json()).toEqual({ staged: 1, missing: 1 });
    // The job's work, run here directly (the queue's delivery is covered in tests/integration/library/import.test.ts).
    for (const row of await prisma.publicationImportRow.findMany({ where: { importId: id, status: "PENDING" } })) await runImportRow(row.id);
    expect((await getImportReport(id))!.counts).toMatchObject({ imported: 1, failed: 1 });

    const html = renderToStaticMarkup(await ImportReportPage({ params: Promise.resolve({ id }) }));
    expect(html).toContain("2 of 2 rows done: 1 imported, 0 skipped, 1 failed");
    expect(html).toContain("Columns not used: colour.");
    expect(html).toContain("The file &quot;not-there.epub&quot; is not in the zip.");

    // A second zip for the same import is refused before it is read.
    expect((await zipRequest(id, new Uint8Array(10))).status).toBe(409);
  });

  it("refuses a CSV that cannot be read, with the reason", async () => {
    await signInAs(await createAdminUser());
    const refused = await csvRequest("title\nEmma\n");
    expect(refused.status).toBe(422);
    expect((await refused.json()).error.message).toMatch(/needs a "file" column/);
  });
});
