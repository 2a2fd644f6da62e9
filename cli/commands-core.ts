import { parseArgs } from "node:util";
import { createAdmin } from "@/lib/users/admins";
import { listUsers } from "@/lib/users/list-users";
import { createPlan, listPlans } from "@/lib/plans/plans";
import { moveFilesToStorage } from "@/lib/publications/move-files-to-storage";
import { UsageError } from "./usage";

export type Command = (argv: string[]) => Promise<unknown>;

function required(values: Record<string, unknown>, ...names: string[]) {
  const missing = names.filter((n) => typeof values[n] !== "string" || values[n] === "");
  if (missing.length) throw new UsageError(`Missing ${missing.map((m) => `--${m}`).join(", ")}`);
}

export const coreCommands: Record<string, Command> = {
  "users:create-admin": async (argv) => {
    const { values } = parseArgs({ args: argv, options: { email: { type: "string" }, password: { type: "string" }, name: { type: "string" }, json: { type: "boolean" } } });
    required(values, "email", "password");
    const user = await createAdmin({ email: values.email!, password: values.password!, name: values.name });
    return { id: user.id, publicId: user.publicId, email: user.email, role: user.role };
  },
  "users:list": async (argv) => {
    parseArgs({ args: argv, options: { json: { type: "boolean" } } });
    return listUsers();
  },
  "plans:create": async (argv) => {
    const { values } = parseArgs({ args: argv, options: { name: { type: "string" }, slug: { type: "string" }, publications: { type: "string" }, json: { type: "boolean" } } });
    required(values, "name", "slug", "publications");
    const publications = values.publications === "all" ? "all" : values.publications!.split(",").map((s) => s.trim()).filter(Boolean);
    const plan = await createPlan({ name: values.name!, slug: values.slug!, publications });
    return { id: plan.id, name: plan.name, slug: plan.slug, allPublications: plan.allPublications };
  },
  "plans:list": async (argv) => {
    parseArgs({ args: argv, options: { json: { type: "boolean" } } });
    return listPlans();
  },
  "storage:migrate": async (argv) => {
    const { values } = parseArgs({ args: argv, options: { json: { type: "boolean" }, quiet: { type: "boolean" } } });
    const log = values.quiet || values.json ? undefined : (line: string) => process.stderr.write(`${line}\n`);
    return moveFilesToStorage({ log });
  },
};
