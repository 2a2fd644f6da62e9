import "server-only";
import { escapeHtml } from "@/lib/html/escape-html";
import { PAGE_ICONS } from "@/lib/html/page-icons";
import { allowedUrl } from "@/lib/http/url-policy";
import { htmlPage } from "@/lib/http/html-page";

// LTI client-side postMessage storage (lti_storage_target): where the browser keeps no
// third-party cookie, the browser binding value is kept by the platform's own frame instead.
// The target frame name travels inside the state ("<random>.<base64url(target)>") so that no
// column is needed; the state is opaque to the platform. Messages go only to the origin of the
// integration's OIDC auth URL, never to "*".

const targetSchema = /^[A-Za-z0-9_.-]{1,64}$/;

export function isStorageTarget(value: string | undefined): value is string {
  return value !== undefined && targetSchema.test(value);
}

export function stateWithTarget(random: string, target: string | undefined): string {
  return target ? `${random}.${Buffer.from(target).toString("base64url")}` : random;
}

export function targetFromState(state: string): string | null {
  const encoded = state.split(".")[1];
  if (!encoded) return null;
  const target = Buffer.from(encoded, "base64url").toString("utf8");
  return targetSchema.test(target) ? target : null;
}

export const storageKey = (state: string) => `folio_browser_${state.split(".")[0]!.slice(0, 16)}`;

const json = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

function page(body: string, script: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">${PAGE_ICONS}<title>Folio</title></head><body>${body}<script>${script}</script></body></html>`;
  return htmlPage(html, { path: "/api/lti", scripts: [script] });
}

// Sends one message to the platform frame and calls back with the answer (or null after a delay).
const ASK = `function ask(t,o,m,cb){var id=Math.random().toString(36).slice(2);m.message_id=id;var done=false;
function on(e){if(e.origin!==o||!e.data||e.data.message_id!==id)return;done=true;removeEventListener("message",on);cb(e.data.error?null:e.data)}
addEventListener("message",on);var p=window.parent!==window?window.parent:window.opener;var f=t==="_parent"?p:(p&&p.frames[t]);
try{f.postMessage(m,o)}catch(x){}setTimeout(function(){if(!done){removeEventListener("message",on);cb(null)}},2000)}`;

/** Login answer when the platform offers storage: store the binding value, then go to the auth URL. */
export function storeAndRedirectPage(opts: { target: string; platformOrigin: string; key: string; value: string; authUrl: string; setCookie: string }): Response {
  // The page navigates with script: only a URL that passes the policy may get there.
  const auth = allowedUrl(opts.authUrl);
  if (!auth || auth.origin !== opts.platformOrigin) throw new Error("storeAndRedirectPage needs an auth URL that passes the URL policy, on the platform origin.");
  const script = `${ASK}ask(${json(opts.target)},${json(opts.platformOrigin)},{subject:"lti.put_data",key:${json(opts.key)},value:${json(opts.value)}},
function(){location.replace(${json(opts.authUrl)})})`;
  const response = page(`<p>Connecting to your course…</p>`, script);
  response.headers.set("set-cookie", opts.setCookie);
  return response;
}

/** Launch answer when the cookie did not come back: read the value from the platform and post again. */
export function fetchAndResubmitPage(opts: { target: string; platformOrigin: string; key: string; idToken: string; state: string; action: string }): Response {
  if (allowedUrl(opts.platformOrigin)?.origin !== opts.platformOrigin) throw new Error("fetchAndResubmitPage needs a platform origin that passes the URL policy.");
  const body = `<form id="f" method="post" action="${escapeHtml(opts.action)}"><input type="hidden" name="id_token" value="${escapeHtml(opts.idToken)}">
<input type="hidden" name="state" value="${escapeHtml(opts.state)}"><input type="hidden" name="lti_browser" id="b" value=""></form>`;
  const script = `${ASK}ask(${json(opts.target)},${json(opts.platformOrigin)},{subject:"lti.get_data",key:${json(opts.key)}},
function(r){document.getElementById("b").value=(r&&typeof r.value==="string")?r.value:"";document.getElementById("f").submit()})`;
  return page(body, script);
}
