// `npm run cli -- <command>`: operations people script. Output is a table or "name: value"
// lines for people, JSON with --json;
// bad arguments print the usage and exit 2, refused operations print the reason and exit 1.
import { ZodError } from "zod";
import { isAppError } from "@/lib/errors";
import { coreCommands, type Command } from "./commands-core";
import { integrationCommands } from "./commands-integrations";
import { publicationCommands } from "./commands-publications";
import { formatResult } from "./format";
import { USAGE, UsageError } from "./usage";

const commands: Record<string, Command> = { ...coreCommands, ...integrationCommands, ...publicationCommands };

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`${name ? `Unknown command: ${name}\n\n` : ""}${USAGE}`);
    return 2;
  }
  try {
    const result = await command(rest);
    process.stdout.write(`${formatResult(result, rest.includes("--json"))}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ZodError) {
      process.stderr.write(`Invalid input:\n${error.issues.map((i) => `  ${i.path.join(".") || "value"}: ${i.message}`).join("\n")}\n`);
      return 2;
    }
    if (isAppError(error)) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

const { prisma } = await import("@/lib/db");
const code = await main(process.argv.slice(2));
await prisma.$disconnect();
process.exit(code);
