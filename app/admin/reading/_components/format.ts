/** "3 h 20 min", "12 min", "45 s". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** "2026-03-12" → "12 Mar". */
export function formatDay(iso: string): string {
  return day.format(new Date(`${iso}T00:00:00Z`));
}

export function formatDateTime(value: Date): string {
  return `${dateTime.format(value)} UTC`;
}
