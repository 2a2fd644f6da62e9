import type { Metadata } from "next";
import { LibraryView } from "./_components/library-view";

export const metadata: Metadata = { title: "My library" };

/**
 * Where a signed-in person (and every LTI launch without a linked book) lands. The page is the
 * same for everyone and served from cache; the person's books come from /api/library
 * (docs/decisions/0013), so a class launching at once costs one small request each.
 */
export default function LibraryPage() {
  return <LibraryView />;
}
