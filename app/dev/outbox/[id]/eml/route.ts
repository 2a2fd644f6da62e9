import { mailSettings } from "@/lib/mail/settings";
import { readOutboxRaw } from "@/lib/mail/outbox";

/** The raw message, for a mail program. Not in production (no outbox there). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const dir = mailSettings().outboxDir;
  const { id } = await params;
  const raw = dir ? await readOutboxRaw(dir, id) : null;
  if (!raw) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(new Uint8Array(raw), {
    headers: { "content-type": "message/rfc822", "content-disposition": `attachment; filename="${id}.eml"`, "cache-control": "no-store" },
  });
}
