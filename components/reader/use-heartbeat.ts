"use client";
import { useEffect, useRef } from "react";
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

/** Where the reader is: the chapter on screen and how far through it, 0..1. */
export type ReaderSpot = { chapterIndex: number; position: number };

/**
 * Counts active reading seconds: the page is visible and the person scrolled, typed, touched or
 * moved the pointer in the last two minutes. Every 30 s, and when the page is hidden or left,
 * it reports the cumulative seconds of this sitting; the server keeps the maximum, so a lost beat
 * is made up by the next and a repeated one adds nothing.
 *
 * Each beat also names the chapter the time was spent in and the furthest point reached in it
 * since the last beat (so the server can tell a chapter read from one scrolled through); turning
 * to another chapter sends a beat for the one left first.
 */
export function useHeartbeat(slug: string, enabled: boolean, locate: () => ReaderSpot | null) {
  const locateRef = useRef(locate);
  useEffect(() => {
    locateRef.current = locate;
  });
  useEffect(() => {
    if (!enabled) return;
    const url = readingApi.heartbeat(slug);
    let sessionId = newSessionId();
    let seconds = 0;
    let sent = 0;
    let lastInput = Date.now();
    let lastActive = Date.now();
    let spot: ReaderSpot | null = null;
    let spotSent = -1;

    const beat = (exiting = false) => {
      if (seconds === sent && (!spot || spot.position <= spotSent)) return;
      const body = { clientSessionId: sessionId, activeSeconds: seconds, ...(spot ?? {}) };
      sent = seconds;
      spotSent = spot?.position ?? -1;
      if (exiting) sendOnExit(url, "POST", body);
      else sendJson(url, "POST", body).catch(() => undefined); // the next beat carries the total
    };
    const look = () => {
      const now = locateRef.current();
      if (!now) return;
      if (spot && now.chapterIndex !== spot.chapterIndex) {
        beat(); // the time so far belongs to the chapter being left
        spot = null;
        spotSent = -1;
      }
      spot = { chapterIndex: now.chapterIndex, position: Math.max(now.position, spot?.position ?? 0) };
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
      look();
      if (document.visibilityState === "visible" && now - lastInput < IDLE_AFTER_MS) {
        seconds += 1;
        lastActive = now;
      }
    }, 1000);
    const beats = setInterval(() => {
      look();
      beat();
    }, BEAT_EVERY_MS);
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
