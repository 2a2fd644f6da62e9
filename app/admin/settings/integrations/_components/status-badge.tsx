/** Enabled / disabled / waiting for the LMS's values, as a small pill. */
export function StatusBadge({ enabled, missing }: { enabled: boolean; missing: string[] }) {
  const [label, tone] = !enabled
    ? ["Disabled", "bg-stone-100 text-stone-600 ring-stone-200"]
    : missing.length
      ? ["Needs LMS values", "bg-amber-50 text-amber-800 ring-amber-200"]
      : ["Enabled", "bg-green-50 text-green-800 ring-green-200"];
  return (
    <span title={missing.length ? `Missing: ${missing.join(", ")}` : undefined}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}>
      {label}
    </span>
  );
}

const KIND_LABELS: Record<string, string> = {
  LTI13: "LTI 1.3", LTI11: "LTI 1.1", REFERRER: "Referring URL", IP_RANGE: "IP range", SIGNED_LINK: "Signed link",
};

export function KindLabel({ kind }: { kind: string }) {
  return <span className="whitespace-nowrap font-mono text-xs text-stone-600">{KIND_LABELS[kind] ?? kind}</span>;
}
