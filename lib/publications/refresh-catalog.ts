import { revalidatePath } from "next/cache";
import { CATALOG_SHELVES } from "@/lib/publications/catalog-shelves";

/** After a publication changes: every cached catalog shelf (and so `/`) renders anew. */
export function refreshCatalog(): void {
  for (const shelf of CATALOG_SHELVES) revalidatePath(`/shelf/${shelf}`);
}
