// Where each value goes in the LMSs institutions use most, and which services to switch on for
// graded readings (Assignment and Grade Services), the class roster (Names and Role
// Provisioning) and picking readings (Deep Linking). Menu names follow the LMSs' admin screens;
// where they differ between versions the step says what to look for instead of naming a menu.
const GUIDES: { lms: string; where: string; steps: string[]; services: string[] }[] = [
  {
    lms: "Moodle",
    where: "Site administration → Plugins → Activity modules → External tool → Manage tools → configure a tool manually",
    steps: [
      "LTI version: LTI 1.3. Public key type: Keyset URL → public keyset (JWKS) URL.",
      "Tool URL → tool URL; Initiate login URL → OIDC login initiation URL; Redirection URI(s) → redirection URI.",
      "Tick “Supports Deep Linking (Content-Item Message)” and set Content Selection URL → deep-linking URL.",
      "Save, then open “View configuration details” (the list icon) and send back Platform ID (issuer), Client ID, Deployment ID, Public keyset URL, Access token URL and Authentication request URL.",
    ],
    services: [
      "Services: IMS LTI Assignment and Grade Services → “Use this service for grade sync and column management”; IMS LTI Names and Role Provisioning → “Use this service to retrieve members' information as per privacy settings”.",
      "Privacy: “Share launcher's name with tool” and “Share launcher's email with tool” → Always; “Accept grades from the tool” → Always (or Delegate to teacher).",
      "Dynamic registration asks for all of this; open the tool's settings afterwards to check nothing was switched off, and activate the tool if Moodle lists it as pending.",
    ],
  },
  {
    lms: "Canvas",
    where: "Admin → Developer Keys → + Developer Key → + LTI Key",
    steps: [
      "Easiest: Method “Paste JSON” with Folio's Canvas configuration below, or “Enter URL” with its configuration URL; Redirect URIs → redirection URI. This sets the URLs, placements, privacy level and services at once.",
      "By hand instead: Method “Manual entry”. Target Link URI → tool URL; OpenID Connect Initiation URL → OIDC login initiation URL; Redirect URIs → redirection URI; JWK Method: Public JWK URL → public keyset URL.",
      "Save, set the key to ON, copy the Client ID (the number in the Details column); then Settings → Apps → + App → By Client ID and copy the Deployment ID.",
      "Issuer: https://canvas.instructure.com (or the beta/test one); auth URL https://sso.canvaslms.com/api/lti/authorize_redirect; token URL https://sso.canvaslms.com/login/oauth2/token; JWKS URL https://sso.canvaslms.com/api/lti/security/jwks.",
    ],
    services: [
      "The JSON already asks for them. With manual entry, switch on every LTI Advantage Service about line items, results and scores (grades) and the one about the course's users (roster).",
      "Privacy level: Public, so Folio gets names and emails. Placements: course navigation, link selection, assignment selection and editor button.",
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
    services: [
      "Privacy: “Send Name and Email/Username of user who launches the tool”.",
      "Switch on grade passback (Assignment and Grade Services) and the roster service (Names and Role Provisioning) where the app's configuration offers them.",
    ],
  },
  {
    lms: "Blackboard Learn",
    where: "Administrator Panel → Integrations → LTI Tool Providers → Register LTI 1.3/Advantage Tool",
    steps: [
      "A Blackboard tool is registered once on the Anthology developer portal (developer.anthology.com) with the tool URL, login URL, redirect URIs and JWKS URL; the portal gives an Application (Client) ID.",
      "In Learn, register the tool with that Client ID; Learn shows the Deployment ID. Issuer: https://blackboard.com; auth URL https://developer.blackboard.com/api/v1/gateway/oidcauth; token URL https://developer.blackboard.com/api/v1/gateway/oauth2/jwttoken; JWKS URL https://developer.blackboard.com/api/v1/management/applications/<client ID>/jwks.json.",
    ],
    services: [
      "On the tool's registration in Learn, under Institution Policies: User Fields to Send → Role in Course, Name and Email Address; “Allow grade service access” → Yes; “Allow Membership Service access” → Yes.",
      "Add a deep-linking placement with the deep-linking URL so instructors can pick readings.",
    ],
  },
  {
    lms: "D2L Brightspace",
    where: "Admin Tools → Manage Extensibility → LTI Advantage → Register Tool",
    steps: [
      "Standard registration. Domain → this site's address; Redirect URLs → redirection URI; OpenID Connect Login URL → OIDC login initiation URL; Target Link URI → tool URL; Keyset URL → public keyset URL.",
      "After saving, the registration shows Client ID, Brightspace Keyset URL, OAuth2 Access Token URL, OpenID Connect Authentication Endpoint and Issuer; then New Deployment gives the Deployment ID.",
    ],
    services: [
      "Extensions, on the registration and again on the deployment: Assignment and Grade Services, Deep Linking, Names and Role Provisioning Services.",
      "In the deployment's security settings, allow sending the user's name and email and the course (org unit) information.",
    ],
  },
];

export function LmsGuide() {
  return (
    <div className="divide-y divide-stone-100">
      {GUIDES.map((g) => (
        <details key={g.lms} className="group py-2">
          <summary className="cursor-pointer list-none py-1 text-sm font-medium text-stone-800 marker:hidden">
            <span className="mr-1 inline-block text-stone-600 transition group-open:rotate-90">›</span> {g.lms}
          </summary>
          <p className="mt-1 text-xs font-medium text-stone-600">{g.where}</p>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-xs leading-relaxed text-stone-600">
            {g.steps.map((s) => <li key={s}>{s}</li>)}
          </ul>
          <p className="mt-2 text-xs font-medium text-stone-600">Services to switch on</p>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-xs leading-relaxed text-stone-600">
            {g.services.map((s) => <li key={s}>{s}</li>)}
          </ul>
        </details>
      ))}
    </div>
  );
}
