// How the CLI prints a result: `--json` gives JSON for scripts; otherwise a table for a list
// and "name: value" lines for one record, for people.

type Value = unknown;

function cell(value: Value): string {
  if (value === null || value === undefined) return "—";
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.every((v) => typeof v !== "object" || v === null) ? value.join(", ") : `${value.length} items`;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function table(rows: Record<string, Value>[]): string {
  if (!rows.length) return "(none)";
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cells = rows.map((row) => columns.map((c) => cell(row[c])));
  const widths = columns.map((c, i) => Math.min(48, Math.max(c.length, ...cells.map((r) => r[i]!.length))));
  const line = (values: string[]) => values.map((v, i) => (v.length > widths[i]! ? `${v.slice(0, widths[i]! - 1)}…` : v.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(columns), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}

function record(value: Record<string, Value>, indent = ""): string {
  const width = Math.max(...Object.keys(value).map((k) => k.length));
  return Object.entries(value)
    .map(([key, v]) => {
      if (Array.isArray(v) && v.some((item) => typeof item === "object" && item !== null)) {
        return `${indent}${key}:\n${table(v as Record<string, Value>[]).replace(/^/gm, `${indent}  `)}`;
      }
      if (v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date)) {
        return `${indent}${key}:\n${record(v as Record<string, Value>, `${indent}  `)}`;
      }
      return `${indent}${`${key}:`.padEnd(width + 1)} ${cell(v)}`;
    })
    .join("\n");
}

export function formatResult(result: Value, json: boolean): string {
  if (json) return JSON.stringify(result, null, 2);
  if (Array.isArray(result)) return table(result as Record<string, Value>[]);
  if (result && typeof result === "object") return record(result as Record<string, Value>);
  return cell(result);
}
