import "./helpers";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createPlanAction, updatePlanAction } from "@/app/admin/plans/actions";
import { countPlanHolders, getPlanForAdmin } from "@/lib/plans/plan-admin";
import { createAdminUser, createPlan, createPublication, createUser, grantPlan } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";
import { accessStatusOf, formOf, redirectOf } from "./helpers";

describe("plan actions", () => {
  it("creates a plan with chosen publications", async () => {
    await signInAs(await createAdminUser());
    await createPublication({ slug: "one" });
    await createPublication({ slug: "two" });
    await prisma.collection.create({ data: { slug: "poetry", name: "Poetry" } });
    const to = await redirectOf(createPlanAction({}, formOf({ name: "Year 9", slug: "year-9", scope: "chosen", publications: ["one", "two"], collections: ["poetry"] })));
    const plan = await prisma.plan.findUniqueOrThrow({ where: { slug: "year-9" } });
    expect(to).toBe(`/admin/plans?saved=${plan.id}`);
    expect(await getPlanForAdmin(plan.id)).toEqual({ id: plan.id, name: "Year 9", slug: "year-9", allPublications: false, publications: ["one", "two"], collections: ["poetry"] });
  });

  it("answers bad fields next to them and keeps the ticked publications", async () => {
    await signInAs(await createAdminUser());
    await createPublication({ slug: "one" });
    const state = await createPlanAction({}, formOf({ name: "", slug: "Not OK!", scope: "chosen", publications: ["one"] }));
    expect(state.fields).toMatchObject({ name: "Give the plan a name.", slug: expect.stringMatching(/lower-case/) });
    expect(state.values).toEqual({ name: "", slug: "Not OK!", scope: "chosen", publications: "one", collections: "" });
    await createPlan({ slug: "taken" });
    const taken = await createPlanAction({}, formOf({ name: "Again", slug: "taken", scope: "all" }));
    expect(taken.fields).toEqual({ slug: "Already in use." });
    expect(await prisma.plan.count()).toBe(1);
  });

  it("edits a plan, switching to all publications, and refuses a reader", async () => {
    const book = await createPublication({ slug: "one" });
    const plan = await createPlan({ slug: "p", publicationIds: [book.id] });
    const holder = await createUser();
    await grantPlan(holder.id, plan.id);
    await signInAs(holder);
    expect(await accessStatusOf(updatePlanAction(plan.id, {}, formOf({ name: "X", slug: "p", scope: "all" })))).toBe(403);
    await signInAs(await createAdminUser());
    expect(await updatePlanAction(plan.id, {}, formOf({ name: "Everything", slug: "p", scope: "all" }))).toMatchObject({ ok: true });
    expect(await getPlanForAdmin(plan.id)).toMatchObject({ name: "Everything", allPublications: true, publications: [] });
    expect((await countPlanHolders()).get(plan.id)).toEqual({ people: 1, integrations: 0 });
    expect((await updatePlanAction("missing", {}, formOf({ name: "X", slug: "q", scope: "all" }))).message).toBe("That plan no longer exists.");
  });
});
