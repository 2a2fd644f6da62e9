const absolute = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** "12 Mar 2026, 14:05 UTC": unambiguous when read out over the phone. */
export function formatTime(iso: string | null): string {
  return iso ? `${absolute.format(new Date(iso))} UTC` : "Never";
}

/** "3 min ago", for the counters; the absolute time goes in the title. */
export function timeAgo(iso: string | null, now = Date.now()): string {
  if (!iso) return "Never";
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (seconds < 60) return "Just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}
