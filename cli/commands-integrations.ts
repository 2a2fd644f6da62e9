import { parseArgs } from "node:util";
import { createIntegrationRecord } from "@/lib/integrations/create-integration";
import { setIntegrationEnabledRecord } from "@/lib/integrations/manage-integration";
import { getIntegrationRecord, listIntegrationRecords } from "@/lib/integrations/queries";
import type { IntegrationPatch } from "@/lib/integrations/schemas";
import { lti11LaunchUrl, toolUrls } from "@/lib/integrations/tool-urls";
import { updateIntegrationRecord } from "@/lib/integrations/update-integration";
import { rotateSharedSecret } from "@/lib/integrations/lti11-secret";
import { rotateToolKeys } from "@/lib/lti/keys";
import type { Command } from "./commands-core";
import { UsageError } from "./usage";

// The CLI runs on the server as whoever can reach the database: a trusted caller, so it uses
// the *Record functions that skip the session check.

const FIELD_OPTIONS = {
  kind: { type: "string" },
  name: { type: "string" },
  issuer: { type: "string" },
  "client-id": { type: "string" },
  "deployment-id": { type: "string", multiple: true },
  "auth-url": { type: "string" },
  "token-url": { type: "string" },
  "jwks-url": { type: "string" },
  "consumer-key": { type: "string" },
  "full-access": { type: "boolean" },
  plan: { type: "string" },
  json: { type: "boolean" },
} as const;

function parseFields(argv: string[], withId: boolean) {
  const { values, positionals } = parseArgs({ args: argv, options: FIELD_OPTIONS, allowPositionals: withId });
  if (values["full-access"] && values.plan !== undefined) throw new UsageError("Give either --full-access or --plan SLUG, not both.");
  let kind: "LTI13" | "LTI11" | undefined;
  if (values.kind !== undefined) {
    const k = values.kind.toLowerCase();
    if (k !== "lti13" && k !== "lti11") throw new UsageError("--kind must be lti13 or lti11.");
    kind = k === "lti13" ? "LTI13" : "LTI11";
  }
  const patch: IntegrationPatch = {
    kind,
    name: values.name,
    accessKind: values["full-access"] ? "FULL" : values.plan !== undefined ? "PLAN" : undefined,
    plan: values.plan,
    issuer: values.issuer,
    clientId: values["client-id"],
    // `--deployment-id ""` clears the list.
    deploymentIds: values["deployment-id"]?.filter((d, _, all) => all.length > 1 || d !== ""),
    authUrl: values["auth-url"],
    tokenUrl: values["token-url"],
    jwksUrl: values["jwks-url"],
    consumerKey: values["consumer-key"],
  };
  return { patch, positionals };
}

function onlyId(argv: string[]) {
  const { positionals } = parseArgs({ args: argv, options: { json: { type: "boolean" } }, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError("Give exactly one integration ID.");
  return positionals[0]!;
}

async function showJson(id: string) {
  const detail = await getIntegrationRecord(id);
  return { ...detail, tool: detail.kind === "LTI13" ? toolUrls() : { launchUrl: lti11LaunchUrl() } };
}

export const integrationCommands: Record<string, Command> = {
  "integrations:create": async (argv) => {
    const { patch } = parseFields(argv, false);
    if (!patch.kind) throw new UsageError("Missing --kind lti13|lti11");
    if (patch.name === undefined) throw new UsageError("Missing --name");
    if (!patch.accessKind) throw new UsageError("Give --full-access or --plan SLUG");
    const created = await createIntegrationRecord({ ...patch, name: patch.name, kind: patch.kind, accessKind: patch.accessKind });
    if (created.kind === "LTI11") {
      return { id: created.id, kind: created.kind, name: created.name, launchUrl: lti11LaunchUrl(), consumerKey: created.consumerKey, sharedSecret: created.sharedSecret };
    }
    return { id: created.id, kind: created.kind, name: created.name, tool: toolUrls() };
  },
  "integrations:update": async (argv) => {
    const { patch, positionals } = parseFields(argv, true);
    if (positionals.length !== 1) throw new UsageError("Give exactly one integration ID.");
    if (Object.values(patch).every((v) => v === undefined)) throw new UsageError("Nothing to update: give at least one option.");
    const { id } = await updateIntegrationRecord(positionals[0]!, patch);
    return showJson(id);
  },
  "integrations:list": async (argv) => {
    parseArgs({ args: argv, options: { json: { type: "boolean" } } });
    return listIntegrationRecords();
  },
  "integrations:show": async (argv) => showJson(onlyId(argv)),
  "integrations:disable": async (argv) => setIntegrationEnabledRecord(onlyId(argv), false),
  "integrations:enable": async (argv) => setIntegrationEnabledRecord(onlyId(argv), true),
  "integrations:rotate-secret": async (argv) => {
    const id = onlyId(argv);
    const { sharedSecret } = await rotateSharedSecret(id);
    return { id, sharedSecret };
  },
  "keys:rotate": async (argv) => {
    parseArgs({ args: argv, options: { json: { type: "boolean" } } });
    return rotateToolKeys();
  },
};
