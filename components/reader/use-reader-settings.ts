"use client";
import { useCallback, useEffect, useState } from "react";

export const FONT_SIZES = [15, 17, 19, 21, 24, 28] as const;
export const THEMES = [
  { value: "light", label: "Light" },
  { value: "sepia", label: "Sepia" },
  { value: "dark", label: "Dark" },
] as const;
export type Theme = (typeof THEMES)[number]["value"];
export type ReaderSettings = { fontStep: number; theme: Theme };

const KEY = "folio:reader-settings";
const DEFAULTS: ReaderSettings = { fontStep: 2, theme: "light" };

function load(): ReaderSettings {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? "null") as Partial<ReaderSettings> | null;
    const fontStep = Number.isInteger(saved?.fontStep) ? Math.min(Math.max(saved!.fontStep!, 0), FONT_SIZES.length - 1) : DEFAULTS.fontStep;
    const theme = THEMES.some((t) => t.value === saved?.theme) ? saved!.theme! : DEFAULTS.theme;
    return { fontStep, theme };
  } catch {
    return DEFAULTS; // storage blocked (some LMS iframes): defaults for this visit
  }
}

/** Font size and theme, remembered on this device. */
export function useReaderSettings() {
  const [settings, setSettings] = useState<ReaderSettings>(DEFAULTS);
  // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only after hydration
  useEffect(() => setSettings(load()), []);
  const update = useCallback((change: Partial<ReaderSettings>) => {
    setSettings((current) => {
      const next = { ...current, ...change };
      try {
        localStorage.setItem(KEY, JSON.stringify(next));
      } catch {
        // not persisted; still applied
      }
      return next;
    });
  }, []);
  return {
    ...settings,
    fontSize: FONT_SIZES[settings.fontStep]!,
    canShrink: settings.fontStep > 0,
    canGrow: settings.fontStep < FONT_SIZES.length - 1,
    shrink: () => update({ fontStep: Math.max(settings.fontStep - 1, 0) }),
    grow: () => update({ fontStep: Math.min(settings.fontStep + 1, FONT_SIZES.length - 1) }),
    setTheme: (theme: Theme) => update({ theme }),
  };
}
