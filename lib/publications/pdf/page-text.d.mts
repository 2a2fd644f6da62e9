/** A run of text as the PDF parser reports it (its position is transform[4], transform[5]). */
export type TextRun = { str?: string; hasEOL?: boolean; height?: number; transform?: number[] };

export type PageText = { html: string; text: string; wordCount: number };

export function cleanText(text: string): string;
export function escapeText(text: string): string;
export function paragraphsOf(runs: TextRun[], maxChars: number): string[];
export function pageHtml(runs: TextRun[], maxChars: number): PageText;
