import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { getAccount, type Account } from "@/lib/account/get-account";
import { CredentialsForm } from "./_components/credentials-form";
import { ChangePasswordForm } from "./_components/change-password-form";
import { ChangeEmailForm } from "./_components/change-email-form";
import { PendingEmailForm } from "./_components/pending-email-form";

export const metadata: Metadata = { title: "Your account" };

function describeGrant(grant: Account["access"][number]): string {
  const what = grant.kind === "FULL" ? "Full access to every publication" : `Plan “${grant.plan?.name ?? "removed plan"}”`;
  return grant.integration ? `${what}, through ${grant.integration}` : what;
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="mt-6 rounded-lg border border-stone-200 bg-white p-6 shadow-sm">
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const user = await requirePageUser("/account");
  const [account, { saved }] = await Promise.all([getAccount(user.id), searchParams]);
  const since = (iso: string) => new Date(iso).toLocaleDateString("en", { dateStyle: "medium" });
  return (
    <>
      <h1 className="text-2xl font-semibold">Your account</h1>
      {saved === "credentials" && account.email && (
        <p role="status" className="mt-4 rounded-md bg-green-50 px-4 py-3 text-sm text-green-800">
          Saved. You can now sign in at <span className="font-mono">/login</span> with {account.email}, from any browser, without your course.
        </p>
      )}
      {saved === "confirm" && account.pendingEmail && (
        <p role="status" className="mt-4 rounded-md bg-green-50 px-4 py-3 text-sm text-green-800">
          Saved. We sent a link to {account.pendingEmail}: open it to confirm the address, then sign in at{" "}
          <span className="font-mono">/login</span> with it, from any browser, without your course.
        </p>
      )}
      <Section title="Who you are here">
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="text-stone-500">Public ID</dt>
          <dd className="font-mono text-base tracking-wider">{account.publicId}</dd>
          <dt className="text-stone-500">Name</dt>
          <dd>{account.name ?? "—"}</dd>
          <dt className="text-stone-500">Sign-in email</dt>
          <dd>
            {account.email ?? <span className="text-stone-500">not set</span>}
            {account.pendingEmail && <span className="block text-stone-600">{account.pendingEmail}, waiting for confirmation</span>}
          </dd>
          <dt className="text-stone-500">Came in</dt>
          <dd>
            {account.origin === "direct" ? "Directly" : (
              <ul>
                {account.integrations.map((i, n) => (
                  <li key={n}>Through {i.name ?? "a removed integration"}, first on {since(i.firstLaunchAt)}</li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      </Section>
      <Section title="What you can read">
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm">
          {account.access.map((g, n) => <li key={n}>{describeGrant(g)}</li>)}
          <li>Every free publication</li>
        </ul>
      </Section>
      {account.pendingEmail && (
        <Section title="Confirm your new email">
          <p className="mt-1 text-sm text-stone-600">
            We sent a link to <strong>{account.pendingEmail}</strong>. Open it to sign in with that address
            {account.email ? <> instead of {account.email}</> : null}; the link works for 60 minutes.
          </p>
          <PendingEmailForm />
        </Section>
      )}
      {account.hasPassword ? (
        <>
          <Section title="Change password">
            <p className="mt-1 text-sm text-stone-600">Changing it signs you out on every other device.</p>
            <ChangePasswordForm />
          </Section>
          <Section title={account.email ? "Change email" : "Sign-in email"}>
            <p className="mt-1 text-sm text-stone-600">
              The new address gets a link; it becomes your sign-in email when you open it.
              {account.email ? " Your current address is told about the change." : null}
            </p>
            <ChangeEmailForm />
          </Section>
        </>
      ) : account.canSetCredentials ? (
        <Section title="Sign in without your course">
          <p className="mt-1 text-sm text-stone-600">
            Add an email and a password to sign in at <span className="font-mono">/login</span> directly. You keep this account,
            your access, highlights, notes and reading statistics; opening Folio from your course still brings you here.
          </p>
          <CredentialsForm email={account.email} />
        </Section>
      ) : (
        <Section title="Sign in without your course">
          <p className="mt-1 text-sm text-stone-600">Open Folio from your course once; then you can add an email and a password here.</p>
        </Section>
      )}
    </>
  );
}
