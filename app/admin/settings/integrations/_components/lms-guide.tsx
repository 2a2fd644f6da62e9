// Where each value goes in the LMSs institutions use most. Menu names follow their current
// admin screens; wording differs a little between versions.
const GUIDES: { lms: string; where: string; steps: string[] }[] = [
  {
    lms: "Moodle",
    where: "Site administration → Plugins → Activity modules → External tool → Manage tools → configure a tool manually",
    steps: [
      "LTI version: LTI 1.3. Public key type: Keyset URL → public keyset (JWKS) URL.",
      "Tool URL → tool URL; Initiate login URL → OIDC login initiation URL; Redirection URI(s) → redirection URI.",
      "Tick “Supports Deep Linking (Content-Item Message)” and set Content Selection URL → deep-linking URL.",
      "Save, then open “View configuration details” (the list icon) and send back Platform ID (issuer), Client ID, Deployment ID, Public keyset URL, Access token URL and Authentication request URL.",
    ],
  },
  {
    lms: "Canvas",
    where: "Admin → Developer Keys → + Developer Key → + LTI Key",
    steps: [
      "Method: Manual entry. Target Link URI → tool URL; OpenID Connect Initiation URL → OIDC login initiation URL; Redirect URIs → redirection URI.",
      "JWK Method: Public JWK URL → public keyset URL. Under LTI Advantage Services nothing is needed.",
      "Save, set the key to ON, copy the Client ID (the number in the Details column); then Settings → Apps → + App → By Client ID and copy the Deployment ID.",
      "Issuer: https://canvas.instructure.com (or the beta/test one); auth URL https://sso.canvaslms.com/api/lti/authorize_redirect; token URL https://sso.canvaslms.com/login/oauth2/token; JWKS URL https://sso.canvaslms.com/api/lti/security/jwks.",
    ],
  },
  {
    lms: "Schoology",
    where: "App Center → (developer app) → LTI 1.3 configuration",
    steps: [
      "Create a developer app of type LTI 1.3. Login initiation URL → OIDC login initiation URL; Redirect URL → tool URL; JWKS URL → public keyset URL; enable Deep Linking with the deep-linking URL.",
      "Install the app for the school: the app shows Client ID and Deployment ID.",
      "Issuer: https://schoology.schoology.com; auth URL https://lti-service.svc.schoology.com/lti-service/authorize-redirect; token URL https://lti-service.svc.schoology.com/lti-service/access-token; JWKS URL https://lti-service.svc.schoology.com/lti-service/.well-known/jwks.",
    ],
  },
  {
    lms: "Blackboard Learn",
    where: "Administrator Panel → Integrations → LTI Tool Providers → Register LTI 1.3/Advantage Tool",
    steps: [
      "A Blackboard tool is registered once on the Anthology developer portal (developer.anthology.com) with the tool URL, login URL, redirect URIs and JWKS URL; the portal gives an Application (Client) ID.",
      "In Learn, register the tool with that Client ID; Learn shows the Deployment ID. Issuer: https://blackboard.com; auth URL https://developer.blackboard.com/api/v1/gateway/oidcauth; token URL https://developer.blackboard.com/api/v1/gateway/oauth2/jwttoken; JWKS URL https://developer.blackboard.com/api/v1/management/applications/<client ID>/jwks.json.",
    ],
  },
  {
    lms: "D2L Brightspace",
    where: "Admin Tools → Manage Extensibility → LTI Advantage → Register Tool",
    steps: [
      "Standard registration. Domain → this site's address; Redirect URLs → redirection URI; OpenID Connect Login URL → OIDC login initiation URL; Target Link URI → tool URL; Keyset URL → public keyset URL. Tick Deep Linking.",
      "After saving, the registration shows Client ID, Brightspace Keyset URL, OAuth2 Access Token URL, OpenID Connect Authentication Endpoint and Issuer; then New Deployment gives the Deployment ID.",
    ],
  },
];

export function LmsGuide() {
  return (
    <div className="divide-y divide-stone-100">
      {GUIDES.map((g) => (
        <details key={g.lms} className="group py-2">
          <summary className="cursor-pointer list-none py-1 text-sm font-medium text-stone-800 marker:hidden">
            <span className="mr-1 inline-block text-stone-400 transition group-open:rotate-90">›</span> {g.lms}
          </summary>
          <p className="mt-1 text-xs font-medium text-stone-600">{g.where}</p>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-xs leading-relaxed text-stone-600">
            {g.steps.map((s) => <li key={s}>{s}</li>)}
          </ul>
        </details>
      ))}
    </div>
  );
}
