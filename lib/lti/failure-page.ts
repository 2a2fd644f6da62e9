import type { LtiError } from "@/lib/lti/errors";
import { escapeHtml } from "@/lib/html/escape-html";
import { PAGE_ICONS } from "@/lib/html/page-icons";
import { htmlPage } from "@/lib/http/html-page";

// Failures that launching again cannot fix get a sentence of their own instead of "launch again".
const SWITCHED_OFF = "Your institution's access to Folio is switched off at the moment, so launching again will not help. Your account, highlights and notes are kept. Ask your instructor or your institution's LMS administrator: they can have the access switched back on.";
const ADVICE: Record<string, string> = {
  LTI_INTEGRATION_DISABLED: SWITCHED_OFF,
  LTI11_INTEGRATION_DISABLED: SWITCHED_OFF,
  LTI_ACCOUNT_DISABLED: "Your Folio account is switched off by the store, so launching again will not help. Your highlights and notes are kept. Ask your instructor or your institution's LMS administrator to contact the store.",
  LTI_DEEP_LINK_ROLE_REFUSED: "Only instructors, teaching assistants, content developers and administrators can add Folio books to a course. Ask your instructor to add the book; you can open it from the course once it is there.",
};

/** The page a student sees when a launch fails: what to do and a code to pass on. Nothing else. */
export function ltiFailureResponse(error: LtiError): Response {
  const code = escapeHtml(error.code);
  const specific = ADVICE[error.code];
  const advice = specific
    ? `${escapeHtml(specific)} Code: <code>${code}</code>`
    : `Launch Folio again from your course. If it keeps happening, give your institution this code: <code>${code}</code>`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">${PAGE_ICONS}<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Launch could not be completed · Folio</title>
<style>
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:#f6f5f2;color:#1f2328}
main{max-width:34rem;margin:10vh auto;padding:2rem;background:#fff;border:1px solid #e3e0d8;border-radius:12px}
h1{font-size:1.3rem;margin:0 0 .75rem}code{font:600 1rem ui-monospace,monospace;background:#f1efe9;padding:.1rem .4rem;border-radius:4px}
p{margin:.5rem 0}
</style></head>
<body><main>
<h1>This launch could not be completed</h1>
<p>${advice}</p>
</main></body></html>`;
  return htmlPage(html, { path: "/api/lti", status: error.status, headers: { "x-lti-error": error.code } });
}
