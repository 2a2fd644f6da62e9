"use client";
import { useCallback, useEffect, useState } from "react";
import { getJson, readingApi, ReaderApiError, sendJson } from "./api";
import type { Annotation } from "./types";

export type NewAnnotation =
  | { kind: "HIGHLIGHT"; chapterIndex: number; startOffset: number; endOffset: number; quote: string; color: string; note?: string }
  | { kind: "NOTE"; note: string; chapterIndex?: number };

const byReadingOrder = (a: Annotation, b: Annotation) =>
  (a.chapterIndex ?? Infinity) - (b.chapterIndex ?? Infinity) ||
  (a.startOffset ?? Infinity) - (b.startOffset ?? Infinity) ||
  a.createdAt.localeCompare(b.createdAt);

const messageOf = (error: unknown) => (error instanceof ReaderApiError ? error.message : "That did not save. Check your connection and try again.");

/** The person's highlights and notes in this book, and the calls that change them. */
export function useAnnotations(slug: string, enabled: boolean) {
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!enabled) return;
    getJson<{ annotations: Annotation[] }>(readingApi.annotations(slug)).then(
      (r) => setAnnotations(r.annotations),
      (e: unknown) => setError(messageOf(e)),
    );
  }, [slug, enabled]);

  const run = useCallback(async <T,>(work: () => Promise<T>): Promise<T | null> => {
    try {
      const result = await work();
      setError(null);
      return result;
    } catch (e) {
      setError(messageOf(e));
      return null;
    }
  }, []);

  const create = useCallback((input: NewAnnotation) => run(async () => {
    // A highlight over the person's own merges with them on the server: `replaced` are gone, and
    // `annotation` may be one already in the list, grown.
    const { annotation, replaced = [] } = await sendJson<{ annotation: Annotation; replaced?: string[] }>(readingApi.annotations(slug), "POST", input);
    const gone = new Set([...replaced, annotation.id]);
    setAnnotations((list) => [...list.filter((a) => !gone.has(a.id)), annotation].sort(byReadingOrder));
    return annotation;
  }), [slug, run]);

  const update = useCallback((id: string, changes: { color?: string; note?: string | null }) => run(async () => {
    const { annotation } = await sendJson<{ annotation: Annotation }>(readingApi.annotation(id), "PATCH", changes);
    setAnnotations((list) => list.map((a) => (a.id === id ? annotation : a)));
    return annotation;
  }), [run]);

  const remove = useCallback((id: string) => run(async () => {
    await sendJson<void>(readingApi.annotation(id), "DELETE");
    setAnnotations((list) => list.filter((a) => a.id !== id));
    return true;
  }), [run]);

  return { annotations, error, clearError: () => setError(null), create, update, remove };
}
