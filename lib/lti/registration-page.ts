import { escapeHtml } from "@/lib/html/escape-html";
import { PAGE_ICONS } from "@/lib/html/page-icons";
import { htmlPage } from "@/lib/http/html-page";
import { serviceStatus } from "@/lib/lti/service-scopes";

const CLOSE = `document.getElementById("close").addEventListener("click",function(){(window.opener||window.parent).postMessage({subject:"org.imsglobal.lti.close"},"*")})`;

/** Tells the admin registration worked and asks the LMS to close its registration window. */
export function registrationDonePage(result: { integrationName: string; product: string | null; grantedScopes: string[] }): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">${PAGE_ICONS}<meta name="viewport" content="width=device-width">
<title>Folio is registered</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1c1917}
h1{font-size:1.4rem}button{background:#7c2d12;color:#fff;border:0;border-radius:.4rem;padding:.5rem 1rem;font:inherit}</style></head>
<body><h1>Folio is registered${result.product ? ` with ${escapeHtml(result.product)}` : ""}</h1>
<p>The integration “${escapeHtml(result.integrationName)}” now has this platform's details. Enable the tool in your LMS, then add it to a course.</p>
<p>${servicesSentence(result.grantedScopes)}</p>
<button type="button" id="close">Finish</button>
<script>${CLOSE}</script>
</body></html>`;
  return htmlPage(html, { path: "/api/lti", scripts: [CLOSE] });
}

/** Registration failed: the admin sees what went wrong (our own sentence) and the code. */
export function registrationFailedPage(error: { code: string; message: string; status: number }): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">${PAGE_ICONS}<meta name="viewport" content="width=device-width">
<title>Folio registration failed</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1c1917}
code{background:#f1efe9;padding:.1rem .4rem;border-radius:4px}</style></head>
<body><h1>Folio could not be registered</h1><p>${escapeHtml(error.message)}</p><p>Code: <code>${escapeHtml(error.code)}</code></p></body></html>`;
  return htmlPage(html, { path: "/api/lti", status: error.status });
}

// The admin is still in the LMS: this is the moment to switch on what the platform held back.
function servicesSentence(granted: string[]): string {
  const status = serviceStatus(granted);
  const on = [status.grades && "grades", status.roster && "the class roster"].filter(Boolean);
  const off = [!status.grades && "grades (Assignment and Grade Services)", !status.roster && "the class roster (Names and Role Provisioning)"].filter(Boolean);
  if (off.length === 0) return "The platform turned on grades and the class roster.";
  const lead = on.length ? `The platform turned on ${on.join(" and ")}, but not ` : "The platform did not confirm ";
  return `${lead}${off.join(" or ")}: switch ${off.length > 1 ? "them" : "it"} on in the tool's settings for graded readings and the instructor's class view.`;
}
