import { CopyButton } from "./copy-button";

/** One value the institution pastes into its LMS, with where it goes and a copy button. */
export function CopyValue({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="py-3">
      <dt className="text-sm font-medium text-stone-800">{label}</dt>
      {/* A <dl> group holds only <dt> and <dd>: the hint belongs to the value. */}
      <dd className="mt-1">
        <div className="flex items-center gap-2">
          <code className="min-w-0 flex-1 select-all break-all rounded-md bg-stone-50 px-2.5 py-1.5 font-mono text-xs text-stone-800 ring-1 ring-stone-200">{value}</code>
          <CopyButton value={value} />
        </div>
        {hint && <p className="mt-1 text-xs text-stone-600">{hint}</p>}
      </dd>
    </div>
  );
}
