import { createHash } from "node:crypto";
import { appOrigin } from "@/lib/env";
import { baseHeaders, handwrittenPagePolicy } from "@/lib/http/security-headers";

/** sha256 of an inline script, as a CSP hash source takes it. */
export const scriptHash = (script: string) => createHash("sha256").update(script, "utf8").digest("base64");

type PageInit = {
  /** Where the page is served: decides who may frame it (LTI pages: any LMS). */
  path: string;
  status?: number;
  headers?: Record<string, string>;
  /** The exact text of each inline <script> in the page: only these run. */
  scripts?: string[];
  /** Origins a form on the page posts to, besides Folio (the platform's return URL). */
  formOrigins?: string[];
};

/**
 * A page Folio writes by hand (the LTI pages the route handlers and the launch server answer),
 * with its security headers: a CSP that lets exactly its own scripts run, by hash.
 */
export function htmlPage(html: string, init: PageInit): Response {
  const policy = handwrittenPagePolicy(init.path, { appOrigin, scriptHashes: init.scripts?.map(scriptHash), formOrigins: init.formOrigins });
  return new Response(html, {
    status: init.status ?? 200,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      ...baseHeaders(init.path),
      "content-security-policy": policy,
      ...init.headers,
    },
  });
}
