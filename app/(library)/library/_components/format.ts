/** "2 h 05 min", "12 min", "under a minute". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return seconds > 0 ? "under a minute" : "0 min";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

export function formatPercent(fraction: number): string {
  return `${Math.round(Math.min(Math.max(fraction, 0), 1) * 100)}%`;
}

const date = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export function formatDate(value: string | null): string {
  return value ? date.format(new Date(value)) : "—";
}
