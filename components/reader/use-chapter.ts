"use client";
import { useEffect, useState } from "react";
import { chapterApiUrl } from "@/lib/publications/urls";
import { getJson, ReaderApiError } from "./api";
import type { ReaderChapter } from "./types";

/**
 * The chapter at `index`, from the chapter API (which checks access on every request). Chapters
 * seen in this visit are kept, and the next one is fetched ahead so "Next" is instant.
 */
export function useChapter(slug: string, index: number, initial: ReaderChapter | null) {
  const [chapters, setChapters] = useState<ReadonlyMap<number, ReaderChapter>>(() => new Map(initial ? [[initial.index, initial]] : []));
  const [failure, setFailure] = useState<{ index: number; message: string } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const chapter = chapters.get(index) ?? null;
  const nextIndex = chapter?.next?.index;

  useEffect(() => {
    const wanted = [index, nextIndex].filter((n): n is number => n !== undefined && !chapters.has(n));
    if (!wanted.length) return;
    const controller = new AbortController();
    for (const n of wanted) {
      getJson<ReaderChapter>(chapterApiUrl(slug, n), { signal: controller.signal }).then(
        (loaded) => setChapters((map) => new Map(map).set(n, loaded)),
        (error: unknown) => {
          if (controller.signal.aborted || n !== index) return;
          const message = error instanceof ReaderApiError ? error.message : "This chapter could not be loaded. Check your connection and try again.";
          setFailure({ index: n, message });
        },
      );
    }
    return () => controller.abort();
  }, [slug, index, nextIndex, chapters, attempt]);

  const error = !chapter && failure?.index === index ? failure.message : null;
  return { chapter, loading: !chapter && !error, error, retry: () => { setFailure(null); setAttempt((n) => n + 1); } };
}
