"use client";
import { useEffect, useRef } from "react";

type Props = { side: "left" | "right"; open: boolean; title: string; onClose: () => void; children: React.ReactNode; id: string };

/**
 * A side panel: on a phone it covers the page with a backdrop; from `lg` up it sits beside the
 * text without a backdrop, so jumping to a passage keeps it open.
 */
export function Drawer({ side, open, title, onClose, children, id }: Props) {
  const closeRef = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  // Keyboard and screen-reader users land in the panel they opened, and back on the button that
  // opened it when it closes (unless they moved on elsewhere meanwhile).
  useEffect(() => {
    if (!open) return;
    const active = document.activeElement;
    opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
    closeRef.current?.focus({ preventScroll: true });
    const panel = closeRef.current?.closest("aside");
    return () => {
      const back = opener.current;
      const focus = document.activeElement;
      const focusWasInside = !focus || focus === document.body || !!panel?.contains(focus);
      if (back?.isConnected && focusWasInside) back.focus({ preventScroll: true });
    };
  }, [open]);
  return (
    <>
      {open && <div aria-hidden className="fixed inset-0 z-30 bg-black/30 lg:hidden" onClick={onClose} />}
      <aside id={id} aria-label={title} hidden={!open}
        className={`fixed bottom-0 top-0 z-40 flex w-[min(22rem,100vw)] flex-col border-(--reader-border) bg-(--reader-panel) shadow-xl ${side === "left" ? "left-0 border-r" : "right-0 border-l"}`}>
        <div className="flex items-center justify-between border-b border-(--reader-border) px-4 py-3">
          <h2 className="text-sm font-semibold uppercase tracking-wide text-(--reader-muted)">{title}</h2>
          <button ref={closeRef} type="button" onClick={onClose} className="rounded-md px-2 py-1 text-sm hover:bg-(--reader-hover)" aria-label={`Close ${title.toLowerCase()}`}>
            <span aria-hidden>✕</span>
          </button>
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto overscroll-contain">{children}</div>
      </aside>
    </>
  );
}
