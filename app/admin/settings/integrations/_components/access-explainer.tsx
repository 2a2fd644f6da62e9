/** Why an LTI integration rather than access by referring URL or IP range. */
export function AccessExplainer() {
  return (
    <aside className="self-start rounded-lg border border-stone-200 bg-white p-5 text-sm shadow-sm">
      <h2 className="font-semibold">LTI integration or access by URL / IP?</h2>
      <div className="mt-3 space-y-3 text-stone-700">
        <div>
          <p className="font-medium text-stone-900">LTI integration</p>
          <p className="mt-0.5 text-stone-600">
            Each student who clicks the link in their course gets an account of their own, created on the spot, with no sign-up.
            Their highlights, notes, reading position and statistics are theirs, and you see launches and readers per integration.
            Later they can add an email and password and sign in directly.
          </p>
        </div>
        <div>
          <p className="font-medium text-stone-900">Access by referring URL or IP range</p>
          <p className="mt-0.5 text-stone-600">
            Anyone arriving from the institution&apos;s site or network can read, anonymously: access is shared, nobody gets an
            account, so there are no personal statistics, highlights or notes. Choose a kind above: a signed link (the
            strongest), the institution&apos;s IP ranges, or a referring URL (weak: any browser can claim to come from anywhere).
            Folio counts visits and reading time per integration for the institution.
          </p>
        </div>
      </div>
    </aside>
  );
}
