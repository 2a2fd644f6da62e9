import "server-only";
import { requireAdmin } from "@/lib/auth/session";
import { revealSharedSecret, rotateSharedSecret } from "@/lib/integrations/lti11-secret";
import { createIntegrationRecord } from "./create-integration";
import { deleteIntegrationRecord, setIntegrationEnabledRecord } from "./manage-integration";
import { countUnattributedFailures, getIntegrationRecord, listIntegrationRecords } from "./queries";
import type { IntegrationInput, IntegrationPatch } from "./schemas";
import { updateIntegrationRecord } from "./update-integration";

// The integration functions for pages and server actions: each checks that the caller is a
// store administrator itself (a layout does not protect a server action). The *Record
// functions they wrap have no session check and serve trusted callers such as the CLI.

export async function createIntegration(input: IntegrationInput) {
  await requireAdmin();
  return createIntegrationRecord(input);
}

export async function updateIntegration(id: string, patch: IntegrationPatch) {
  await requireAdmin();
  return updateIntegrationRecord(id, patch);
}

export async function setIntegrationEnabled(id: string, enabled: boolean) {
  await requireAdmin();
  return setIntegrationEnabledRecord(id, enabled);
}

export async function deleteIntegration(id: string) {
  await requireAdmin();
  return deleteIntegrationRecord(id);
}

export async function listIntegrations() {
  await requireAdmin();
  return listIntegrationRecords();
}

/** Failed launches of the last 24 hours that no integration could be blamed for. */
export async function getUnattributedFailureCount() {
  await requireAdmin();
  return countUnattributedFailures();
}

export async function getIntegration(id: string) {
  await requireAdmin();
  return getIntegrationRecord(id);
}

export async function rotateIntegrationSecret(id: string) {
  await requireAdmin();
  return rotateSharedSecret(id);
}

export async function revealIntegrationSecret(id: string) {
  await requireAdmin();
  return revealSharedSecret(id);
}
