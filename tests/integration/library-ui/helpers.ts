import { vi } from "vitest";
export { redirectOf } from "@/tests/support/next-redirect";

// Server actions call revalidatePath (needs Next's request store) and redirect (throws).
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

export function formOf(entries: Record<string, string | string[] | Blob>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(entries)) {
    for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
  }
  return form;
}

/** The HTTP status a server action answers with when it throws forbidden() or unauthorized(), else null. */
export async function accessStatusOf(run: Promise<unknown>): Promise<number | null> {
  try {
    await run;
    return null;
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (!digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;")) throw error;
    return Number(digest.split(";")[1]);
  }
}
