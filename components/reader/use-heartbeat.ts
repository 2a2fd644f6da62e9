"use client";
import { useEffect } from "react";
import { readingApi, sendJson, sendOnExit } from "./api";

const IDLE_AFTER_MS = 2 * 60 * 1000;
const BEAT_EVERY_MS = 30 * 1000;
/** After this long without reading, the next activity starts a new sitting. */
const NEW_SITTING_AFTER_MS = 30 * 60 * 1000;

function newSessionId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16)); // randomUUID needs a secure context
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Counts active reading seconds: the page is visible and the person scrolled, typed, touched or
 * moved the pointer in the last two minutes. Every 30 s, and when the page is hidden or left,
 * it reports the cumulative seconds of this sitting; the server keeps the maximum, so a lost beat
 * is made up by the next and a repeated one adds nothing.
 */
export function useHeartbeat(slug: string, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const url = readingApi.heartbeat(slug);
    let sessionId = newSessionId();
    let seconds = 0;
    let sent = 0;
    let lastInput = Date.now();
    let lastActive = Date.now();

    const beat = (exiting = false) => {
      if (seconds === sent) return;
      const body = { clientSessionId: sessionId, activeSeconds: seconds };
      sent = seconds;
      if (exiting) sendOnExit(url, "POST", body);
      else sendJson(url, "POST", body).catch(() => undefined); // the next beat carries the total
    };
    const onInput = () => {
      const now = Date.now();
      if (now - lastActive > NEW_SITTING_AFTER_MS && seconds > 0) {
        beat(true);
        sessionId = newSessionId();
        seconds = sent = 0;
      }
      lastInput = now;
    };
    const tick = setInterval(() => {
      const now = Date.now();
      if (document.visibilityState === "visible" && now - lastInput < IDLE_AFTER_MS) {
        seconds += 1;
        lastActive = now;
      }
    }, 1000);
    const beats = setInterval(() => beat(), BEAT_EVERY_MS);
    const onVisibility = () => (document.visibilityState === "hidden" ? beat(true) : onInput());
    const onHide = () => beat(true);
    const inputs = ["scroll", "keydown", "pointerdown", "pointermove", "wheel", "touchstart"] as const;
    for (const name of inputs) window.addEventListener(name, onInput, { passive: true });
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", onHide);
    return () => {
      beat(true);
      clearInterval(tick);
      clearInterval(beats);
      for (const name of inputs) window.removeEventListener(name, onInput);
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", onHide);
    };
  }, [slug, enabled]);
}
