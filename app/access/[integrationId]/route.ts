import { guestEntryResponse } from "@/lib/guest-access/entry-response";

export const dynamic = "force-dynamic";

/**
 * The entry URL a guest integration's institution links to (referrer, IP range or signed link):
 * sets the guest access cookie and redirects, or explains the refusal (docs/decisions/0025).
 */
export async function GET(request: Request, context: { params: Promise<{ integrationId: string }> }) {
  const { integrationId } = await context.params;
  return guestEntryResponse(request, integrationId);
}
