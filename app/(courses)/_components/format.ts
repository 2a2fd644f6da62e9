import type { ReadingStatus } from "@/lib/courses/reading-share";

/** "2 h 05 min", "12 min", "—" for nothing. */
export function formatActive(seconds: number): string {
  if (seconds <= 0) return "—";
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

export const percent = (share: number) => `${Math.round(share * 100)}%`;

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatWhen(value: Date | null): string {
  return value ? `${dateTime.format(value)} UTC` : "—";
}

export const STATUS_LABEL: Record<ReadingStatus, string> = { "not-started": "Not started", reading: "Reading", done: "Done" };
