import "server-only";
import { sql } from "@/lib/sql";

/**
 * Recomputes a person's search text (docs/decisions/0022). Inserting an LTI identity fires no
 * trigger (first launches write the text with the account): whatever adds an identity to an
 * existing person calls this afterwards.
 */
export async function refreshSearchText(userId: string): Promise<void> {
  await sql("users-refresh-search-text", `
    update "User" u set "searchText" = folio_user_search_text(u.id, u."publicId", u.name, u.email)
    where u.id = $1 and u."searchText" is distinct from folio_user_search_text(u.id, u."publicId", u.name, u.email)`, [userId]);
}
