"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Reloads the page's data every few seconds while the import still has rows to run. */
export function AutoRefresh({ active, seconds = 2 }: { active: boolean; seconds?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(() => router.refresh(), seconds * 1000);
    return () => clearTimeout(timer);
  });
  return null;
}
