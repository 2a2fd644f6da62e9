import type { ReadingStatus } from "@/lib/courses/reading-share";
import { STATUS_LABEL } from "./format";

const TONE: Record<ReadingStatus, string> = {
  "not-started": "bg-stone-100 text-stone-600",
  reading: "bg-amber-100 text-amber-900",
  done: "bg-green-100 text-green-800",
};

export function StatusBadge({ status }: { status: ReadingStatus }) {
  return <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${TONE[status]}`}>{STATUS_LABEL[status]}</span>;
}

/** A share of the range as a thin bar with its percentage. */
export function ShareBar({ share }: { share: number }) {
  const pct = Math.round(share * 100);
  return (
    <span className="inline-flex items-center gap-2">
      <span className="h-1.5 w-20 overflow-hidden rounded-full bg-stone-200" aria-hidden>
        <span className="block h-full bg-brand" style={{ width: `${pct}%` }} />
      </span>
      <span className="tabular-nums">{pct}%</span>
    </span>
  );
}
