import { afterAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { fakeNextHeaders, signInAs } from "@/tests/support/request-context";
import { createUser } from "@/tests/support/factories";
import { changePasswordAction, setEmailAndPasswordAction, type AccountFormState } from "@/app/(account)/account/actions";
import { stopJobQueue } from "@/lib/jobs/queue";
import { launchStudent } from "./launch-student";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

// Confirmation links are queued; this file runs no worker, so the queue only has to stop.
afterAll(() => stopJobQueue());

const PASSWORD = "violet kettle harbour";
const initial: AccountFormState = { ok: false, message: null, fields: {} };
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.append(k, v);
  return data;
};

describe("account server actions", () => {
  it("refuse a visitor who is not signed in", async () => {
    const state = await setEmailAndPasswordAction(initial, form({ email: "a@example.org", password: PASSWORD, confirm: PASSWORD }));
    expect(state).toEqual({ ok: false, message: "Sign in to continue.", fields: {}, email: "a@example.org" });
  });

  it("act on the signed-in person only: an ID in the form cannot claim another account", async () => {
    const target = await launchStudent({ userId: "victim" });
    const victim = await prisma.user.findUniqueOrThrow({ where: { id: target.userId } });
    const me = await launchStudent({ userId: "me" });
    await signInAs(await prisma.user.findUniqueOrThrow({ where: { id: me.userId } }));
    // Success sends the browser back to the account page, which confirms it (a Next redirect).
    await expect(setEmailAndPasswordAction(
      initial,
      form({ email: "me@example.org", password: PASSWORD, confirm: PASSWORD, userId: victim.id, publicId: victim.publicId }),
    )).rejects.toMatchObject({ digest: expect.stringContaining("/account?saved=confirm") });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: victim.id } })).toMatchObject({ email: null, pendingEmail: null });
    // The new address waits for its confirmation link (tests/integration/mail/email-change.test.ts).
    expect(await prisma.user.findUniqueOrThrow({ where: { id: me.userId } })).toMatchObject({ email: null, pendingEmail: "me@example.org" });
  });

  it("return field errors as a plain object", async () => {
    const student = await launchStudent();
    await signInAs(await prisma.user.findUniqueOrThrow({ where: { id: student.userId } }));
    const state = await setEmailAndPasswordAction(initial, form({ email: "nope", password: "short", confirm: "other" }));
    expect(state.ok).toBe(false);
    expect(Object.keys(state.fields).sort()).toEqual(["confirm", "email", "password"]);
    expect(Object.getPrototypeOf(state.fields)).toBe(Object.prototype);
  });

  it("give this browser a fresh session cookie after a password change", async () => {
    const user = await createUser({ email: "ada@example.org", password: PASSWORD });
    await signInAs(user);
    const set = vi.fn();
    const original = fakeNextHeaders.cookies;
    vi.spyOn(fakeNextHeaders, "cookies").mockImplementation(async () => ({ ...(await original()), set }));
    const next = "amber lantern meadow";
    const state = await changePasswordAction(initial, form({ current: PASSWORD, next, confirm: next }));
    expect(state).toMatchObject({ ok: true, fields: {} });
    expect(set).toHaveBeenCalledWith(SESSION_COOKIE, expect.any(String), expect.objectContaining({ httpOnly: true }));
  });
});
