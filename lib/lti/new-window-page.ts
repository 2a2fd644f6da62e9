import { escapeHtml } from "@/lib/html/escape-html";
import { PAGE_ICONS } from "@/lib/html/page-icons";
import { htmlPage } from "@/lib/http/html-page";

/**
 * The browser blocks Folio's cookies inside the course page (and the platform offers no
 * storage): a button starts the same launch again in a window of its own, where Folio is
 * first-party. It goes through the platform again, so nothing here can sign anyone in.
 */
export function newWindowPage(relaunchUrl: string): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">${PAGE_ICONS}<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Open Folio in a new window</title>
<style>
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:#f6f5f2;color:#1f2328}
main{max-width:34rem;margin:8vh auto;padding:2rem;background:#fff;border:1px solid #e3e0d8;border-radius:12px}
h1{font-size:1.3rem;margin:0 0 .75rem}a.button{display:inline-block;margin-top:.75rem;background:#7c2d12;color:#fff;text-decoration:none;padding:.6rem 1.1rem;border-radius:8px;font-weight:600}
</style></head>
<body><main>
<h1>Folio opens in its own window</h1>
<p>Your browser keeps Folio from signing you in inside the course page. Open it in a new window to start reading; your course stays open here.</p>
<a class="button" href="${escapeHtml(relaunchUrl)}" target="_blank" rel="noopener">Open Folio in a new window</a>
</main></body></html>`;
  return htmlPage(html, { path: "/api/lti" });
}
