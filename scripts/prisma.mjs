// `node scripts/prisma.mjs <args>`: the Prisma CLI without the two warnings that this set-up
// triggers on every command by design (docs/decisions/0002): the `queryCompiler` and
// `driverAdapters` preview flags (without them the 6.19 CLI downloads an engine) and the
// datasource `url` (without it the 6.19 CLI refuses the schema). Everything else passes through.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const NOISE = [
  /^warn Preview feature "(queryCompiler|driverAdapters)" is deprecated/,
  /^WARNING: Your schema specifies the following datasource properties but you are using a Driver Adapter/,
  /^- url$/,
  /^The values from your schema will NOT be used!$/,
  /^We recommend you to remove those properties from your schema/,
  /^Prisma config detected, skipping environment variable loading\.$/,
  /^Loaded Prisma config from prisma\.config\.ts\.$/,
];

const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], { stdio: ["inherit", "pipe", "pipe"], env: process.env });

function filter(source, sink) {
  let pending = "";
  let blank = false;
  source.on("data", (chunk) => {
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      const plain = line.replace(/\x1b\[[0-9;]*m/g, "");
      if (NOISE.some((re) => re.test(plain))) continue;
      if (!plain.trim()) {
        if (blank) continue;
        blank = true;
      } else blank = false;
      sink.write(`${line}\n`);
    }
  });
  source.on("end", () => pending && sink.write(pending));
}
filter(child.stdout, process.stdout);
filter(child.stderr, process.stderr);
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
