import type { Lti13ToolUrls } from "@/lib/integrations/tool-urls";
import { CopyValue } from "./copy-value";

/** The LTI 1.3 values the owner sends to the institution. */
export function ToolValues({ urls }: { urls: Lti13ToolUrls }) {
  return (
    <dl className="divide-y divide-stone-100">
      <CopyValue label="Tool URL (target link URI)" value={urls.targetLinkUri} hint="Where launches go. Also called launch URL or redirect URL." />
      <CopyValue label="OIDC login initiation URL" value={urls.loginUrl} hint="Also called initiate login URL or login URL." />
      <CopyValue label="Redirection URI(s)" value={urls.redirectUris.join("\n")} hint="One per line when the LMS asks for several." />
      <CopyValue label="Public keyset (JWKS) URL" value={urls.jwksUrl} hint="Folio's public keys. Choose 'Keyset URL' rather than pasting a key." />
      <CopyValue label="Deep-linking URL" value={urls.deepLinkingUrl} hint="Lets teachers pick which book a course link opens (content selection)." />
    </dl>
  );
}
