import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { GET } from "@/app/api/admin/reports/route";
import { bucketFor, buildInstitutionReport, getInstitutionReport, presetPeriod } from "@/lib/reports/institution-report";
import { reportCsvRecord } from "@/lib/reports/report-csv";
import { createPublication } from "@/tests/support/factories";
import { institution, signInAdmin, signInReader, sitting, student } from "./helpers";

const at = (s: string) => new Date(`${s}Z`);
const PERIOD = { from: "2025-01-05", to: "2025-03-30" };

/** North: Ada (old account) and Bob (new) read, Cy (new, an instructor) does not; South's Dee reads too. */
async function seed() {
  const north = await institution("North College");
  const south = await institution("South School");
  const physics = await createPublication({ title: "Physics" });
  const chemistry = await createPublication({ title: "Chemistry" });
  const ada = await student(north, "ada", { nameHint: "Ada Lovelace", createdAt: at("2024-12-01T09:00:00") });
  const bob = await student(north, "bob", { nameHint: null, name: "Bob Account", createdAt: at("2025-01-05T08:00:00") });
  const cy = await student(north, "cy", { createdAt: at("2025-02-01T08:00:00") });
  const dee = await student(south, "dee", { createdAt: at("2025-01-06T08:00:00") });
  await sitting(ada.id, physics.id, at("2025-01-06T10:00:00"), 1800);
  await sitting(ada.id, chemistry.id, at("2025-02-10T10:00:00"), 600);
  await sitting(bob.id, physics.id, at("2025-01-07T10:00:00"), 1200);
  await sitting(bob.id, physics.id, at("2025-01-04T23:59:00"), 999); // the day before the period
  await sitting(bob.id, chemistry.id, at("2025-03-31T00:00:00"), 777); // the day after
  await sitting(dee.id, physics.id, at("2025-01-06T10:00:00"), 5000);
  const course = (contextId: string, title: string) => prisma.course.create({ data: { integrationId: north.id, contextId, title } });
  const mechanics = await course("m", "Mechanics");
  const labs = await course("l", "Labs");
  await prisma.courseMembership.createMany({ data: [
    { courseId: mechanics.id, userId: ada.id, subject: "ada", roles: ["Learner"] },
    { courseId: mechanics.id, userId: bob.id, subject: "bob", roles: ["Learner"] },
    { courseId: mechanics.id, userId: cy.id, subject: "cy", roles: ["Instructor"], instructor: true },
    { courseId: labs.id, userId: bob.id, subject: "bob", roles: ["Learner"] },
  ] });
  return { north, south, physics, chemistry, ada, bob, cy, dee, mechanics, labs };
}

async function readChunks(body: ReadableStream<Uint8Array>): Promise<string[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const chunks: string[] = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return chunks;
    chunks.push(decoder.decode(value));
  }
}

describe("the institution report", () => {
  it("totals the institution's readers only, in the period only", async () => {
    const s = await seed();
    await signInAdmin();
    const report = await getInstitutionReport({ integrationId: s.north.id, ...PERIOD });
    expect(report.totals).toEqual({ activeReaders: 2, newAccounts: 2, seconds: 3600, sessions: 3, titles: 2, people: 3 });
    expect(report.bucket).toBe("week");
    expect(report.series[0]).toEqual({ start: "2024-12-30", activeReaders: 0, newAccounts: 1, sessions: 0, seconds: 0 });
    expect(report.series.find((b) => b.start === "2025-01-06")).toEqual({ start: "2025-01-06", activeReaders: 2, newAccounts: 0, sessions: 2, seconds: 3000 });
    expect(report.series.find((b) => b.start === "2025-02-10")).toMatchObject({ activeReaders: 1, seconds: 600 });
    expect(report.series.reduce((n, b) => n + b.seconds, 0)).toBe(3600);
    expect(report.series.reduce((n, b) => n + b.newAccounts, 0)).toBe(2);
    expect(report.series).toHaveLength(13);
    expect(report.titles.map((t) => [t.title, t.readers, t.sessions, t.seconds])).toEqual([["Physics", 2, 2, 3000], ["Chemistry", 1, 1, 600]]);
    // Per course: the members who are not its instructors.
    expect(report.courses.map((c) => [c.name, c.learners, c.activeReaders, c.sessions, c.seconds])).toEqual([
      ["Mechanics", 2, 2, 3, 3600],
      ["Labs", 1, 1, 1, 1200],
    ]);

    const south = await buildInstitutionReport({ integrationId: s.south.id, ...PERIOD });
    expect(south.totals).toMatchObject({ activeReaders: 1, seconds: 5000, sessions: 1, newAccounts: 1 });
    expect(south.courses).toEqual([]);
  });

  it("counts months for a year, and names the presets' periods", async () => {
    expect(presetPeriod("30d", at("2025-03-30T15:00:00"))).toEqual({ from: "2025-03-01", to: "2025-03-30" });
    expect(presetPeriod("term", at("2025-03-30T15:00:00"))).toEqual({ from: "2024-12-01", to: "2025-03-30" });
    expect(presetPeriod("year", at("2025-03-30T15:00:00"))).toEqual({ from: "2024-03-31", to: "2025-03-30" });
    expect(bucketFor(presetPeriod("year"))).toBe("month");
    const s = await seed();
    const year = await buildInstitutionReport({ integrationId: s.north.id, from: "2024-04-01", to: "2025-03-31" });
    expect(year.series.map((b) => b.start)).toHaveLength(12);
    expect(year.series.find((b) => b.start === "2025-01-01")).toMatchObject({ activeReaders: 2, sessions: 3, seconds: 3999, newAccounts: 1 });
    expect(year.totals).toMatchObject({ seconds: 5376, sessions: 5 });
  });

  it("refuses a period that ends before it starts", async () => {
    const s = await seed();
    await expect(buildInstitutionReport({ integrationId: s.north.id, from: "2025-02-01", to: "2025-01-01" })).rejects.toThrow(/ends before it starts/);
  });

  it("downloads as CSV, streamed in pieces, with the totals first", async () => {
    const s = await seed();
    await signInAdmin();
    const response = await GET(new Request(`http://localhost:3000/api/admin/reports?integration=${s.north.id}&from=${PERIOD.from}&to=${PERIOD.to}`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="North-College-report-${PERIOD.from}-to-${PERIOD.to}.csv"`);
    const chunks = await readChunks(response.body!);
    // Totals, weeks, titles, the course header, a course batch, the readers' header, a readers' batch.
    expect(chunks.length).toBeGreaterThanOrEqual(7);
    expect(chunks[0]).toContain("Totals");
    expect(chunks[0]).not.toContain("Readers\r\n");
    const lines = chunks.join("").split("\r\n");
    const after = (title: string, n: number) => lines.slice(lines.indexOf(title) + 1, lines.indexOf(title) + 1 + n);
    expect(after("Totals", 8)).toEqual([
      "Metric,Value", "Active readers,2", "New accounts,2", "Reading time (hours),1", "Reading time (seconds),3600", "Sessions,3", "Titles read,2",
      "People with an account at the end of the period,3",
    ]);
    expect(after("Most read titles", 3)).toEqual(["Title,Author,Readers,Sessions,Reading time (hours)", "Physics,Test Author,2,2,0.83", "Chemistry,Test Author,1,1,0.17"]);
    expect(lines).toContain("Mechanics,,2,2,3,1");
    const readers = after("Readers", 10).filter((l) => l && !l.startsWith("Name,"));
    expect(readers.map((l) => l.split(",").slice(0, 3).join(","))).toEqual(expect.arrayContaining([`Ada Lovelace,${s.ada.publicId},ada`, `Bob Account,${s.bob.publicId},bob`]));
    expect(readers).toHaveLength(2);
  });

  it("reads readers and courses from the database a batch at a time", async () => {
    const s = await seed();
    const { body } = await reportCsvRecord({ integrationId: s.north.id, ...PERIOD }, { batchSize: 1 });
    const chunks = await readChunks(body);
    // Two course batches and, over three identities, one chunk per identity that read (Ada, Bob).
    expect(chunks.filter((c) => /^(Mechanics|Labs),/.test(c))).toHaveLength(2);
    expect(chunks.filter((c) => /^(Ada Lovelace|Bob Account),/.test(c))).toHaveLength(2);
  });

  it("is for administrators only", async () => {
    const s = await seed();
    const url = `http://localhost:3000/api/admin/reports?integration=${s.north.id}&from=${PERIOD.from}&to=${PERIOD.to}`;
    expect((await GET(new Request(url))).status).toBe(401);
    await signInReader();
    const refused = await GET(new Request(url));
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain("Ada");
    await expect(getInstitutionReport({ integrationId: s.north.id, ...PERIOD })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await signInAdmin();
    expect((await GET(new Request(`http://localhost:3000/api/admin/reports?integration=${s.north.id}&from=bad&to=${PERIOD.to}`))).status).toBe(422);
  });
});
