import "server-only";
import { escapeHtml } from "@/lib/html/escape-html";
import { PAGE_ICONS } from "@/lib/html/page-icons";
import { htmlPage } from "@/lib/http/html-page";
import { enterAsGuest, GuestEntryError } from "./entry";

/** The entry URL's answer: 303 with the guest cookie, or a page saying why not (403/404). */
export async function guestEntryResponse(request: Request, integrationId: string): Promise<Response> {
  const url = new URL(request.url);
  try {
    const { location, setCookie } = await enterAsGuest({ integrationId, url, headers: request.headers });
    return new Response(null, { status: 303, headers: { location, "set-cookie": setCookie, "cache-control": "no-store" } });
  } catch (error) {
    if (!(error instanceof GuestEntryError)) throw error;
    const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">${PAGE_ICONS}<meta name="viewport" content="width=device-width, initial-scale=1">
<title>No access · Folio</title>
<style>
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:#f6f5f2;color:#1f2328}
main{max-width:34rem;margin:10vh auto;padding:2rem;background:#fff;border:1px solid #e3e0d8;border-radius:12px}
h1{font-size:1.3rem;margin:0 0 .75rem}code{font:600 .9rem ui-monospace,monospace;background:#f1efe9;padding:.1rem .4rem;border-radius:4px}
</style></head>
<body><main>
<h1>Folio could not let you in</h1>
<p>${escapeHtml(error.message)}</p>
<p>If you have a Folio account, <a href="/login">sign in</a>. Code: <code>${escapeHtml(error.refusal)}</code></p>
</main></body></html>`;
    return htmlPage(html, { path: url.pathname, status: error.status });
  }
}
