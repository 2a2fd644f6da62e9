"use client";
import { useLayoutEffect } from "react";
import type { Theme } from "./use-reader-settings";

/** Whether this page is shown inside another page's frame (an LMS course page). */
function isFramed(): boolean {
  try {
    return window.self !== window.top;
  } catch {
    return true; // a cross-origin parent may refuse even the comparison
  }
}

/**
 * The page around the reader follows it: the theme colours the whole page (the site header and
 * footer too, reader.css), and inside an LMS frame the site header and footer give way to the
 * reader's own bar (book title, back to the library). Set on <html>, undone when the reader goes.
 */
export function usePageChrome(theme: Theme) {
  useLayoutEffect(() => {
    const html = document.documentElement;
    html.dataset.readerTheme = theme;
    return () => { delete html.dataset.readerTheme; };
  }, [theme]);
  useLayoutEffect(() => {
    const html = document.documentElement;
    if (isFramed()) html.dataset.framed = "";
    return () => { delete html.dataset.framed; };
  }, []);
}
