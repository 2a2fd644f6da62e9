import type { HighlightColor } from "@/lib/reading/annotation-schemas";

/** The highlight colours, in the order the toolbar offers them (the server's list, without zod in the bundle). */
export const PALETTE = [
  { color: "yellow", label: "Yellow", swatch: "#facc15" },
  { color: "green", label: "Green", swatch: "#4ade80" },
  { color: "blue", label: "Blue", swatch: "#60a5fa" },
  { color: "pink", label: "Pink", swatch: "#f472b6" },
  { color: "purple", label: "Purple", swatch: "#a78bfa" },
] as const satisfies readonly { color: HighlightColor; label: string; swatch: string }[];

export const DEFAULT_COLOR: HighlightColor = "yellow";

export function swatchOf(color: string | null): string {
  return PALETTE.find((p) => p.color === color)?.swatch ?? PALETTE[0].swatch;
}
