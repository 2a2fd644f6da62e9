import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { backfillCovers } from "@/lib/publications/covers/store";
import { importFromDirectory } from "@/lib/publications/import/create";
import { MAX_CSV_BYTES } from "@/lib/publications/import/csv";
import { formatImportReport, getImportReport } from "@/lib/publications/import/report";
import type { Command } from "./commands-core";
import { UsageError } from "./usage";

export const publicationCommands: Record<string, Command> = {
  "publications:import": async (argv) => {
    const { values } = parseArgs({ args: argv, options: { csv: { type: "string" }, dir: { type: "string" }, json: { type: "boolean" } } });
    if (!values.csv || !values.dir) throw new UsageError("Missing --csv or --dir");
    const csv = await readFile(values.csv).catch(() => {
      throw new UsageError(`Cannot read ${values.csv}`);
    });
    if (csv.byteLength > MAX_CSV_BYTES) throw new UsageError(`The CSV is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB; split it.`);
    const id = await importFromDirectory({
      csv, dir: values.dir,
      onRow: values.json ? undefined : (r) => process.stderr.write(`line ${r.line} ${r.file}: ${r.status.toLowerCase()}${r.reason ? ` - ${r.reason}` : ""}\n`),
    });
    const report = (await getImportReport(id))!;
    // A string is printed as is: the same report the Control Panel shows.
    return values.json ? report : formatImportReport(report);
  },
  "publications:covers": async (argv) => {
    parseArgs({ args: argv, options: { json: { type: "boolean" } } });
    const result = await backfillCovers();
    return { made: result.made, failed: result.failed.length, ...(result.failed.length ? { problems: result.failed.map((f) => `${f.slug}: ${f.reason}`).join("; ") } : {}) };
  },
};
