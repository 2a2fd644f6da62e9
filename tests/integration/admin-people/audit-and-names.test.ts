import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { listAuditEvents } from "@/lib/audit/list";
import { getIntegrationRecord } from "@/lib/integrations/queries";
import { statsByPerson } from "@/lib/reading/admin-stats";
import { displayName } from "@/lib/users/display-name";
import { createPublication, createUser } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";
import { lti11Integration, signInAdmin } from "./helpers";

describe("the audit log", () => {
  it("pages newest first and filters by person (also once deleted) and action", async () => {
    const { admin } = await signInAdmin();
    const ann = await createUser({ name: "Ann" });
    const bob = await createUser({ name: "Bob" });
    const start = Date.parse("2026-02-01T00:00:00Z");
    await prisma.auditEvent.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({
        at: new Date(start + i * 1000), actorUserId: admin.id, action: i % 2 ? "access.grant" : "user.export",
        targetUserId: i < 30 ? ann.id : bob.id, details: { publicId: i < 30 ? ann.publicId : bob.publicId, name: i < 30 ? "Ann" : "Bob" },
      })),
    });
    await recordAudit({ actorUserId: null, action: "integration.prune", details: { removed: 3 } });

    const first = await listAuditEvents();
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0]).toMatchObject({ action: "integration.prune", actor: null, target: null });
    expect(first.rows[1]).toMatchObject({ action: "access.grant", actor: { id: admin.id, name: "Test Admin" }, target: { id: bob.id, name: "Bob", exists: true } });
    const second = await listAuditEvents({ after: first.next! });
    expect(second.rows).toHaveLength(11);
    expect(second.next).toBeNull();
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(61);
    expect(first.actions).toEqual(["access.grant", "integration.prune", "user.export"]);

    expect((await listAuditEvents({ person: ann.id })).rows).toHaveLength(30);
    expect((await listAuditEvents({ person: ann.publicId.toLowerCase() })).rows).toHaveLength(30);
    expect((await listAuditEvents({ person: ann.id, action: "access.grant" })).rows).toHaveLength(15);
    await prisma.user.delete({ where: { id: ann.id } });
    const gone = await listAuditEvents({ person: ann.publicId });
    expect(gone.rows).toHaveLength(30);
    expect(gone.rows[0]!.target).toEqual({ id: ann.id, name: "Ann", exists: false });

    await signInAs(await createUser());
    await expect(listAuditEvents()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("names wherever people appear", () => {
  it("prefers the LMS name, then their own, then the public ID", () => {
    expect(displayName({ name: "Own", nameHint: "From LMS", publicId: "P1" })).toBe("From LMS");
    expect(displayName({ name: "Own", nameHint: "  ", publicId: "P1" })).toBe("Own");
    expect(displayName({ name: null, nameHint: null, publicId: "P1" })).toBe("P1");
  });

  it("in the integration's launch log and the reading statistics by person", async () => {
    await signInAdmin();
    const lms = await lti11Integration();
    const student = await lms.launch({ user_id: "S-5", lis_person_name_full: "Grace Hopper" });
    const anonymous = await lms.launch({ user_id: "S-6", lis_person_name_full: "", lis_person_contact_email_primary: "" });
    const anon = await prisma.user.findUniqueOrThrow({ where: { id: anonymous } });

    const launches = (await getIntegrationRecord(lms.integration.id)).latestLaunches;
    expect(launches.map((l) => ({ userId: l.userId, person: l.person })).sort((a, b) => a.person!.localeCompare(b.person!)))
      .toEqual([{ userId: student, person: "Grace Hopper" }, { userId: anonymous, person: anon.publicId }].sort((a, b) => a.person.localeCompare(b.person)));

    const book = await createPublication();
    await prisma.readingSession.create({ data: { userId: student, publicationId: book.id, clientId: "x", activeSeconds: 120 } });
    expect(await statsByPerson()).toMatchObject([{ userId: student, displayName: "Grace Hopper", nameHint: "Grace Hopper", seconds: 120 }]);
  });
});
