/** Why a referring-URL integration is weak, and what to prefer. */
export function ReferrerWeakness() {
  return (
    <div role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <p className="font-medium">Referring URL access is weak by nature.</p>
      <p className="mt-1">
        The referring address is a header the visitor&apos;s browser sends, and anyone can send any value: someone who knows the
        prefix can get in from anywhere. Browsers also often send only the site (https://intranet.school.example/), not the page,
        unless the intranet link asks for more (<code>referrerpolicy=&quot;unsafe-url&quot;</code>), so a prefix with a path may
        match nobody. Prefer a <strong>signed link</strong>, which cannot be made up, or the institution&apos;s IP ranges.
      </p>
    </div>
  );
}
