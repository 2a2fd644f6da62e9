import { revalidatePath } from "next/cache";
import { forgetCatalogFacets } from "@/lib/publications/catalog";
import { CATALOG_SHELVES } from "@/lib/publications/catalog-shelves";

/** After a publication changes: every cached catalog shelf (and so `/`) renders anew, with fresh filters. */
export function refreshCatalog(): void {
  forgetCatalogFacets();
  for (const shelf of CATALOG_SHELVES) revalidatePath(`/shelf/${shelf}`);
}
