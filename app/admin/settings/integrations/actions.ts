"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActionAdmin } from "@/lib/auth/session";
import {
  createIntegration, deleteIntegration, revealIntegrationSecret, rotateIntegrationSecret, setIntegrationEnabled, updateIntegration,
} from "@/lib/integrations/admin";
import { formErrorFrom } from "@/lib/integrations/field-errors";
import { retryFailedScores } from "@/lib/courses/score-deliveries";
import { makeSignedLink, revealLinkKey, rotateLinkKey } from "@/lib/guest-access/admin";
import { INTEGRATION_KINDS, type IntegrationKindName } from "@/lib/integrations/schemas";
import type { FormState } from "@/components/ui/form-state";

// Thin: check the administrator (a 403 for anyone else), read the form, call the lib function
// (which checks again), answer the form.

const LIST = "/admin/settings/integrations";

function text(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}

function valuesOf(form: FormData): Record<string, string> {
  return Object.fromEntries([...form.entries()].filter(([k, v]) => typeof v === "string" && !k.startsWith("$")) as [string, string][]);
}

function failed(error: unknown, form: FormData, prev: FormState): FormState {
  const { message, fields } = formErrorFrom(error);
  return { message, fields, values: valuesOf(form), version: (prev.version ?? 0) + 1 };
}

export async function createIntegrationAction(prev: FormState, form: FormData): Promise<FormState> {
  await requireActionAdmin();
  let id: string;
  try {
    const given = text(form, "kind");
    const kind = INTEGRATION_KINDS.find((k) => k === given);
    const created = await createIntegration({
      name: text(form, "name") ?? "",
      kind: kind as IntegrationKindName,
      accessKind: text(form, "accessKind") as "FULL" | "PLAN",
      plan: text(form, "plan"),
      consumerKey: kind === "LTI11" ? text(form, "consumerKey") : undefined,
      referrerPrefixes: kind === "REFERRER" ? text(form, "referrerPrefixes") : undefined,
      ipRanges: kind === "IP_RANGE" ? text(form, "ipRanges") : undefined,
    });
    id = created.id;
  } catch (error) {
    return failed(error, form, prev);
  }
  revalidatePath(LIST);
  redirect(`${LIST}/${id}?created=1`);
}

export async function saveGeneralAction(id: string, prev: FormState, form: FormData): Promise<FormState> {
  await requireActionAdmin();
  try {
    await updateIntegration(id, {
      name: text(form, "name") ?? "",
      accessKind: text(form, "accessKind") as "FULL" | "PLAN",
      plan: text(form, "plan"),
      consumerKey: text(form, "consumerKey"),
    });
  } catch (error) {
    return failed(error, form, prev);
  }
  revalidatePath(`${LIST}/${id}`);
  return { ok: true, message: "Saved.", values: valuesOf(form), version: (prev.version ?? 0) + 1 };
}

export async function saveRegistrationAction(id: string, prev: FormState, form: FormData): Promise<FormState> {
  await requireActionAdmin();
  try {
    const lines = (text(form, "deploymentIds") ?? "").split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    await updateIntegration(id, {
      issuer: text(form, "issuer") ?? "",
      clientId: text(form, "clientId") ?? "",
      deploymentIds: lines,
      authUrl: text(form, "authUrl") ?? "",
      tokenUrl: text(form, "tokenUrl") ?? "",
      jwksUrl: text(form, "jwksUrl") ?? "",
    });
  } catch (error) {
    return failed(error, form, prev);
  }
  revalidatePath(`${LIST}/${id}`);
  return { ok: true, message: "Saved. Launches use these values from now on.", values: valuesOf(form), version: (prev.version ?? 0) + 1 };
}

export async function setEnabledAction(id: string, enabled: boolean): Promise<void> {
  await requireActionAdmin();
  await setIntegrationEnabled(id, enabled);
  revalidatePath(`${LIST}/${id}`);
  revalidatePath(LIST);
}

export async function deleteIntegrationAction(id: string): Promise<{ error: string } | void> {
  await requireActionAdmin();
  let name: string;
  try {
    name = (await deleteIntegration(id)).name;
  } catch (error) {
    return { error: formErrorFrom(error).message };
  }
  revalidatePath(LIST);
  redirect(`${LIST}?deleted=${encodeURIComponent(name)}`);
}

export type SecretResult = { secret: string } | { error: string };

export async function revealSecretAction(id: string): Promise<SecretResult> {
  await requireActionAdmin();
  try {
    return { secret: (await revealIntegrationSecret(id)).sharedSecret };
  } catch (error) {
    return { error: formErrorFrom(error).message };
  }
}

export async function rotateSecretAction(id: string): Promise<SecretResult> {
  await requireActionAdmin();
  try {
    return { secret: (await rotateIntegrationSecret(id)).sharedSecret };
  } catch (error) {
    return { error: formErrorFrom(error).message };
  }
}

/** Puts the integration's failed score deliveries back in the queue. */
export async function retryFailedScoresAction(id: string): Promise<void> {
  await requireActionAdmin();
  await retryFailedScores(id);
  revalidatePath(`${LIST}/${id}`);
}

/** Guest integrations: URL prefixes (REFERRER) or IP ranges (IP_RANGE), one per line. */
export async function saveGuestListAction(id: string, field: "referrerPrefixes" | "ipRanges", prev: FormState, form: FormData): Promise<FormState> {
  await requireActionAdmin();
  try {
    await updateIntegration(id, { [field]: text(form, field) ?? "" });
  } catch (error) {
    return failed(error, form, prev);
  }
  revalidatePath(`${LIST}/${id}`);
  return { ok: true, message: "Saved. The next visitor is checked against this list.", version: (prev.version ?? 0) + 1 };
}

export type SignedLinkResult = { link: string; expiresAt: string } | { error: string };

export async function makeSignedLinkAction(id: string, days: number): Promise<SignedLinkResult> {
  await requireActionAdmin();
  try {
    return await makeSignedLink(id, days);
  } catch (error) {
    return { error: formErrorFrom(error).message };
  }
}

export async function revealLinkKeyAction(id: string): Promise<SecretResult> {
  await requireActionAdmin();
  try {
    return { secret: (await revealLinkKey(id)).key };
  } catch (error) {
    return { error: formErrorFrom(error).message };
  }
}

/** Voids every signed link at once (confirmed in the page before it is called). */
export async function rotateLinkKeyAction(id: string): Promise<SecretResult> {
  await requireActionAdmin();
  try {
    const { key } = await rotateLinkKey(id);
    revalidatePath(`${LIST}/${id}`);
    return { secret: key };
  } catch (error) {
    return { error: formErrorFrom(error).message };
  }
}
