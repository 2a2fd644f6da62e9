import "server-only";
import { z } from "zod";
import { urlPolicyProblem } from "@/lib/http/url-policy";
import { parseCidrList } from "@/lib/guest-access/cidr";
import { parseReferrerPrefixList } from "@/lib/guest-access/referrer";

// What an administrator (form or CLI) may say about an integration. One schema validates the
// whole integration: creating parses the input, updating parses the stored values merged with
// the change, so a partial update is held to exactly the same rules as a full create.

// undefined = not given (keep what is stored), "" = cleared (stored as null).
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} can be at most ${max} characters.`)
    .transform((v) => (v === "" ? null : v))
    .nullish();

// The URL policy (lib/http/url-policy.ts): https to a public host; http and local hosts only
// with LTI_ALLOW_PRIVATE_URLS. Checked again where each URL is used.
const optionalUrl = optionalText(2048, "The URL").superRefine((value, ctx) => {
  const problem = value ? urlPolicyProblem(value) : null;
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const deploymentIdsSchema = z
  .array(z.string().trim().min(1, "A deployment ID can't be empty.").max(255, "A deployment ID can be at most 255 characters."))
  .max(100, "At most 100 deployment IDs.")
  .superRefine((ids, ctx) => {
    const seen = new Set<string>();
    ids.forEach((id, index) => {
      if (seen.has(id)) ctx.addIssue({ code: "custom", path: [index], message: `"${id}" is listed twice.` });
      seen.add(id);
    });
  });

export const INTEGRATION_KINDS = ["LTI13", "LTI11", "REFERRER", "IP_RANGE", "SIGNED_LINK"] as const;
export type IntegrationKindName = (typeof INTEGRATION_KINDS)[number];
export const isGuestKind = (kind: string) => kind === "REFERRER" || kind === "IP_RANGE" || kind === "SIGNED_LINK";

// A list typed into a textarea (one entry per line) or given as an array (the CLI, stored values),
// parsed strictly by lib/guest-access; every bad entry is reported, each with its reason.
const guestList = (parse: (text: string) => { errors: string[] } & Record<string, string[]>, key: string) =>
  z
    .union([z.string().max(20_000, "The list is too long."), z.array(z.string().max(500)).max(1000)])
    .transform((value, ctx) => {
      const { errors, ...rest } = parse(Array.isArray(value) ? value.join("\n") : value);
      if (errors.length) ctx.addIssue({ code: "custom", message: errors.join(" ") });
      return rest[key] ?? [];
    })
    .optional();

export const integrationSchema = z
  .object({
    name: z.string({ error: "Give the integration a name." }).trim().min(1, "Give the integration a name.").max(120, "The name can be at most 120 characters."),
    kind: z.enum(INTEGRATION_KINDS, { error: "Choose the kind of integration." }),
    accessKind: z.enum(["FULL", "PLAN"], { error: "Choose full access or a plan." }),
    /** Plan slug; required when accessKind is PLAN. */
    plan: optionalText(60, "The plan"),
    issuer: optionalUrl,
    clientId: optionalText(255, "The client ID"),
    deploymentIds: deploymentIdsSchema.optional(),
    authUrl: optionalUrl,
    tokenUrl: optionalUrl,
    jwksUrl: optionalUrl,
    consumerKey: optionalText(100, "The consumer key").superRefine((value, ctx) => {
      if (value && !/^[A-Za-z0-9._-]+$/.test(value)) {
        ctx.addIssue({ code: "custom", message: "Use only letters, digits, dots, hyphens and underscores." });
      }
    }),
    /** REFERRER: URL prefixes, e.g. https://intranet.school.example/library/ */
    referrerPrefixes: guestList(parseReferrerPrefixList, "prefixes"),
    /** IP_RANGE: IPv4/IPv6 CIDR ranges. */
    ipRanges: guestList(parseCidrList, "ranges"),
  })
  .superRefine((data, ctx) => {
    const issue = (field: string, message: string) => ctx.addIssue({ code: "custom", path: [field], message });
    if (data.accessKind === "PLAN" && !data.plan) issue("plan", data.kind === "LTI13" || data.kind === "LTI11" ? "Choose the plan LTI users get." : "Choose the plan visitors get.");
    if (data.kind !== "REFERRER" && data.referrerPrefixes?.length) issue("referrerPrefixes", "Only referring-URL integrations have URL prefixes.");
    if (data.kind !== "IP_RANGE" && data.ipRanges?.length) issue("ipRanges", "Only IP-range integrations have IP ranges.");
    if (isGuestKind(data.kind)) {
      for (const field of ["issuer", "clientId", "authUrl", "tokenUrl", "jwksUrl", "consumerKey"] as const) {
        if (data[field]) issue(field, "Only LTI integrations have this value.");
      }
      if (data.deploymentIds?.length) issue("deploymentIds", "Only LTI 1.3 integrations have deployment IDs.");
    } else if (data.kind === "LTI11") {
      if (!data.consumerKey) issue("consumerKey", "Enter a consumer key.");
      for (const field of ["issuer", "clientId", "authUrl", "tokenUrl", "jwksUrl"] as const) {
        if (data[field]) issue(field, "Only LTI 1.3 integrations have this value.");
      }
      if (data.deploymentIds?.length) issue("deploymentIds", "Only LTI 1.3 integrations have deployment IDs.");
    } else if (data.consumerKey) {
      issue("consumerKey", "Only LTI 1.1 integrations have a consumer key.");
    }
  });

export type IntegrationInput = z.input<typeof integrationSchema>;
export type IntegrationData = z.output<typeof integrationSchema>;

/** A change to an existing integration: any subset of the fields. The kind never changes. */
export type IntegrationPatch = Partial<Omit<IntegrationInput, "kind">> & { kind?: IntegrationInput["kind"] };
