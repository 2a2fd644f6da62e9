import type { DailyReaders } from "@/lib/reading/admin-stats";
import { formatDay, formatDuration } from "./format";

const W = 720;
const H = 180;
const PAD = { top: 12, bottom: 24, left: 28 };

/** Active readers per UTC day as inline SVG bars; each bar's title gives the day's numbers. */
export function DailyChart({ days }: { days: DailyReaders[] }) {
  const max = Math.max(1, ...days.map((d) => d.readers));
  const step = (W - PAD.left) / Math.max(days.length, 1);
  const plot = H - PAD.top - PAD.bottom;
  const ticks = Array.from(new Set([0, Math.ceil(max / 2), max]));
  const labelEvery = Math.ceil(days.length / 8);
  return (
    <figure>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={`Active readers per day, ${days.length} days; peak ${max}`}>
        {ticks.map((t) => {
          const y = PAD.top + plot - (t / max) * plot;
          return (
            <g key={t}>
              <line x1={PAD.left} x2={W} y1={y} y2={y} className="stroke-stone-200" strokeDasharray={t ? "3 3" : undefined} />
              <text x={PAD.left - 6} y={y + 4} textAnchor="end" className="fill-stone-400 text-[10px]">{t}</text>
            </g>
          );
        })}
        {days.map((d, i) => {
          const h = (d.readers / max) * plot;
          const x = PAD.left + i * step;
          return (
            <g key={d.day}>
              <rect x={x + step * 0.15} y={PAD.top + plot - h} width={step * 0.7} height={Math.max(h, d.readers ? 1 : 0)} rx={2} className="fill-brand">
                <title>{`${formatDay(d.day)}: ${d.readers} ${d.readers === 1 ? "reader" : "readers"}, ${formatDuration(d.seconds)}`}</title>
              </rect>
              {i % labelEvery === 0 && <text x={x + step / 2} y={H - 6} textAnchor="middle" className="fill-stone-500 text-[10px]">{formatDay(d.day)}</text>}
            </g>
          );
        })}
      </svg>
      <figcaption className="sr-only">
        {days.filter((d) => d.readers).map((d) => `${formatDay(d.day)}: ${d.readers}`).join("; ") || "No reading in this period."}
      </figcaption>
    </figure>
  );
}
