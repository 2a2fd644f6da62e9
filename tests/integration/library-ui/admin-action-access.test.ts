import "./helpers";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import * as plans from "@/app/admin/plans/actions";
import * as publications from "@/app/admin/publications/actions";
import * as catalog from "@/app/admin/publications/catalog-actions";
import * as integrations from "@/app/admin/settings/integrations/actions";
import { createAdminUser, createPlan, createPublication, createUser } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";
import { accessStatusOf, formOf } from "./helpers";

// A reader (or a visitor) calling a Control Panel server action gets a clean 403 (401), not a
// 500 and not a form message: Next answers forbidden()/unauthorized() with that status.

async function everyAction() {
  const book = await createPublication({ published: false });
  const plan = await createPlan({ slug: "p" });
  const integration = await prisma.integration.create({ data: { name: "Moodle", kind: "LTI11", consumerKey: "k" } });
  const form = formOf({ name: "X", slug: "x", title: "T", author: "A", kind: "LTI11", consumerKey: "k2" });
  return {
    createPlan: () => plans.createPlanAction({}, form),
    updatePlan: () => plans.updatePlanAction(plan.id, {}, form),
    savePublication: () => publications.savePublicationAction(book.id, {}, form),
    setPublished: () => publications.setPublishedAction(book.id, true),
    deletePublication: () => publications.deletePublicationAction(book.id),
    saveCatalogMetadata: () => catalog.saveCatalogMetadataAction(book.id, {}, formOf({ isbn: "9780141439518", collections: "Stolen shelf" })),
    createIntegration: () => integrations.createIntegrationAction({}, form),
    saveGeneral: () => integrations.saveGeneralAction(integration.id, {}, form),
    saveRegistration: () => integrations.saveRegistrationAction(integration.id, {}, form),
    setEnabled: () => integrations.setEnabledAction(integration.id, false),
    deleteIntegration: () => integrations.deleteIntegrationAction(integration.id),
    revealSecret: () => integrations.revealSecretAction(integration.id),
    rotateSecret: () => integrations.rotateSecretAction(integration.id),
    retryFailedScores: () => integrations.retryFailedScoresAction(integration.id),
  };
}

describe("the Control Panel's server actions", () => {
  it("answer a reader with 403 and change nothing", async () => {
    const actions = await everyAction();
    await signInAs(await createUser());
    for (const [name, run] of Object.entries(actions)) expect(await accessStatusOf(run()), name).toBe(403);
    expect(await prisma.publication.findFirstOrThrow()).toMatchObject({ published: false });
    expect(await prisma.integration.findFirstOrThrow()).toMatchObject({ enabled: true, name: "Moodle", sharedSecretEnc: null });
    expect(await prisma.plan.count()).toBe(1);
    expect(await prisma.publication.findFirstOrThrow()).toMatchObject({ isbn: null });
    expect(await prisma.collection.count()).toBe(0);
  });

  it("answer a visitor with 401", async () => {
    const actions = await everyAction();
    for (const [name, run] of Object.entries(actions)) expect(await accessStatusOf(run()), name).toBe(401);
  });

  it("still run for an administrator", async () => {
    const actions = await everyAction();
    await signInAs(await createAdminUser());
    expect(await accessStatusOf(actions.setPublished())).toBeNull();
    expect(await prisma.publication.findFirstOrThrow()).toMatchObject({ published: true });
    expect(await actions.saveCatalogMetadata()).toMatchObject({ ok: true });
    expect(await prisma.publication.findFirstOrThrow()).toMatchObject({ isbn: "9780141439518" });
    expect(await prisma.collection.findMany({ select: { slug: true } })).toEqual([{ slug: "stolen-shelf" }]);
  });
});
