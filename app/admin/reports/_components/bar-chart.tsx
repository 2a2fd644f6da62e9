// The SVG scales to its box (about 450 px wide beside the other chart): a viewBox near that width
// keeps its 12-unit text readable, where 720 units shrank it to about 6 px.
const W = 480;
const H = 160;
const PAD = { top: 12, bottom: 24, left: 40 };

export type Bar = { label: string; value: number; title: string };

/**
 * Bars as inline SVG, drawn on the server: no chart library, nothing to load, and it prints.
 * Each bar's title gives its numbers; the caption lists them for screen readers.
 */
export function BarChart({ label, bars, format = (n) => Math.round(n).toLocaleString("en") }: { label: string; bars: Bar[]; format?: (n: number) => string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const step = (W - PAD.left) / Math.max(bars.length, 1);
  const plot = H - PAD.top - PAD.bottom;
  const ticks = Array.from(new Set([0, max / 2, max]));
  const labelEvery = Math.ceil(bars.length / 8);
  return (
    <figure className="break-inside-avoid">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={label}>
        {ticks.map((t) => {
          const y = PAD.top + plot - (t / max) * plot;
          return (
            <g key={t}>
              <line x1={PAD.left} x2={W} y1={y} y2={y} className="stroke-stone-200" strokeDasharray={t ? "3 3" : undefined} />
              <text x={PAD.left - 6} y={y + 4} textAnchor="end" className="fill-stone-600 text-[12px]">{format(t)}</text>
            </g>
          );
        })}
        {bars.map((b, i) => {
          const h = (b.value / max) * plot;
          const x = PAD.left + i * step;
          return (
            <g key={`${b.label}-${i}`}>
              <rect x={x + step * 0.15} y={PAD.top + plot - h} width={step * 0.7} height={Math.max(h, b.value ? 1 : 0)} rx={2} className="fill-brand">
                <title>{b.title}</title>
              </rect>
              {i % labelEvery === 0 && <text x={x + step / 2} y={H - 6} textAnchor="middle" className="fill-stone-600 text-[12px]">{b.label}</text>}
            </g>
          );
        })}
      </svg>
      <figcaption className="sr-only">{bars.map((b) => b.title).join("; ")}</figcaption>
    </figure>
  );
}
