import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageAdmin } from "@/lib/auth/session";
import { getPersonForAdmin, planChoices } from "@/lib/users/person";
import { deletionImpact } from "@/lib/users/manage-person";
import { Section } from "@/components/ui/section";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { formatTime } from "@/app/admin/settings/integrations/_components/format";
import { formatDuration } from "@/app/admin/reading/_components/format";
import { GrantAccess } from "./_components/grant-access";
import { deletePersonAction, grantAccessAction, revokeAccessAction, setDisabledAction, sendResetLinkAction } from "./actions";

export const metadata: Metadata = { title: "Person" };

const th = "px-3 py-2";
const td = "px-3 py-2 align-top";
const head = "border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-600";
const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

function Table({ children, header }: { children: React.ReactNode; header: React.ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-md border border-stone-200">
      <table className="w-full text-left text-sm"><thead className={head}><tr>{header}</tr></thead><tbody className="divide-y divide-stone-100">{children}</tbody></table>
    </div>
  );
}

export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const admin = await requirePageAdmin(`/admin/users/${encodeURIComponent(id)}`);
  const person = await getPersonForAdmin(id);
  if (!person) notFound();
  const [plans, impact] = await Promise.all([planChoices(), deletionImpact(person.id)]);
  const self = admin.id === person.id;
  const name = person.displayName;
  const lmsGrants = person.grants.some((g) => g.source === "INTEGRATION");
  return (
    <>
      <p className="text-sm"><Link href="/admin/users" className="text-brand hover:underline">← Users</Link></p>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="break-words text-2xl font-semibold">{name}</h1>
          <p className="mt-1 text-sm text-stone-600">
            Public ID <span className="font-mono text-stone-900">{person.publicId}</span>
            {" · "}{person.role === "ADMIN" ? "Administrator" : "Reader"}
            {" · "}account since {formatTime(person.createdAt)}
          </p>
          <p className="mt-1 text-sm text-stone-700">
            {person.email ? <>Email <span className="break-all">{person.email}</span></> : "No email of their own"}
            {person.name && person.name !== name ? <> · own name “{person.name}”</> : null}
            {" · "}{person.hasPassword ? "can sign in with a password" : "signs in through their LMS only"}
          </p>
          {person.disabledAt && <p className="mt-2 inline-block rounded bg-stone-200 px-2 py-1 text-sm font-medium text-stone-900">Disabled since {formatTime(person.disabledAt)}: cannot sign in or launch.</p>}
        </div>
        <div className="flex flex-wrap gap-2 text-sm">
          <a href={`/admin/users/${person.id}/export`} className="rounded-md border border-stone-300 bg-white px-3 py-1.5 font-medium text-stone-700 shadow-sm hover:bg-stone-50" download>Export their data (JSON)</a>
          <Link href={`/admin/audit?person=${person.id}`} className="rounded-md border border-stone-300 bg-white px-3 py-1.5 font-medium text-stone-700 shadow-sm hover:bg-stone-50">Audit log</Link>
        </div>
      </div>

      <div className="mt-6 grid gap-6">
        <Section title="How their LMS knows them" description="Each platform that launched them, the ID it uses for them and the name and email it last sent.">
          {person.identities.length === 0 ? <p className="text-sm text-stone-600">None: they signed up or were created here directly.</p> : (
            <Table header={<><th className={th}>Integration</th><th className={th}>LMS user ID</th><th className={th}>Name and email sent</th><th className={th}>First launch</th><th className={th}>Last launch</th></>}>
              {person.identities.map((i) => (
                <tr key={i.id}>
                  <td className={td}>
                    {i.integration ? <Link href={`/admin/settings/integrations/${i.integration.id}`} className="text-brand hover:underline">{i.integration.name}</Link> : "Removed integration"}
                    <div className="text-xs text-stone-600">{i.version}{i.integration && !i.integration.enabled ? " · disabled" : ""}</div>
                    <div className="max-w-64 truncate font-mono text-xs text-stone-600" title={i.platform}>{i.platform}</div>
                  </td>
                  <td className={`${td} break-all font-mono text-xs`}>{i.subject}</td>
                  <td className={td}>{i.nameHint ?? <span className="text-stone-600">no name</span>}<div className="break-all text-xs text-stone-600">{i.emailHint ?? "no email"}</div></td>
                  <td className={`${td} whitespace-nowrap`}>{formatTime(i.firstLaunchAt)}</td>
                  <td className={`${td} whitespace-nowrap`}>{formatTime(i.lastLaunchAt)}</td>
                </tr>
              ))}
            </Table>
          )}
          {person.courses.length > 0 && (
            <div className="mt-4">
              <h3 className="text-sm font-semibold">Courses seen</h3>
              <div className="mt-2">
                <Table header={<><th className={th}>Course</th><th className={th}>Role</th><th className={th}>First launch</th><th className={th}>Last launch</th></>}>
                  {person.courses.map((c) => (
                    <tr key={c.courseId}>
                      <td className={td}>{c.title}<div className="text-xs text-stone-600">{c.integration}</div></td>
                      <td className={td}>{c.instructor ? "Instructor" : "Learner"}</td>
                      <td className={`${td} whitespace-nowrap`}>{formatTime(c.firstLaunchAt)}</td>
                      <td className={`${td} whitespace-nowrap`}>{formatTime(c.lastLaunchAt)}</td>
                    </tr>
                  ))}
                </Table>
              </div>
            </div>
          )}
        </Section>

        <Section title="Access" description="What they may read beyond free publications, and where it came from. Changes apply to their next page or book opened.">
          {person.grants.length === 0 ? <p className="text-sm text-stone-600">Free publications only.</p> : (
            <ul className="divide-y divide-stone-100 rounded-md border border-stone-200">
              {person.grants.map((g) => {
                const what = g.kind === "FULL" ? "Full access" : `Plan “${g.plan?.name ?? "?"}”`;
                // Mid-sentence: lower-case the first word only, never the plan's own name.
                const inSentence = what[0]!.toLowerCase() + what.slice(1);
                const from = g.source === "ADMIN" ? "given by an administrator" : g.integration ? `through ${g.integration.name}` : "through a removed integration";
                return (
                  <li key={g.id} className="flex flex-wrap items-start justify-between gap-3 px-3 py-2 text-sm">
                    <div>
                      <span className="font-medium">{what}</span> <span className="text-stone-700">{from}</span>, since {formatTime(g.since)}
                      {!g.active && <div className="text-xs text-stone-700">Gives nothing now: its integration is disabled or removed.</div>}
                    </div>
                    <ConfirmAction
                      label="Take away…"
                      title={`Take ${inSentence} away from ${name}?`}
                      points={[
                        `They can no longer open what only this grant allowed, from their next page or book opened.`,
                        ...(g.source === "INTEGRATION" && g.integration
                          ? [`Their next launch from ${g.integration.name} gives it again. To stop that, disable the account or change the integration’s access.`]
                          : []),
                        "Their highlights, notes and reading stay.",
                      ]}
                      confirmLabel={`Take ${inSentence} away`}
                      tone="danger"
                      action={revokeAccessAction.bind(null, person.id, g.id)}
                    />
                  </li>
                );
              })}
            </ul>
          )}
          {lmsGrants && <p className="mt-2 text-xs text-stone-600">Access through an integration is renewed by every launch from it.</p>}
          <div className="mt-4"><GrantAccess person={name} plans={plans} grant={grantAccessAction.bind(null, person.id)} /></div>
        </Section>

        <Section title="Reading">
          <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
            <div><dt className="text-stone-600">Time read</dt><dd className="text-lg font-semibold">{formatDuration(person.reading.seconds)}</dd></div>
            <div><dt className="text-stone-600">Books opened</dt><dd className="text-lg font-semibold">{person.reading.books}</dd></div>
            <div><dt className="text-stone-600">Sittings</dt><dd className="text-lg font-semibold">{person.reading.sessions}</dd></div>
            <div><dt className="text-stone-600">Last read</dt><dd className="font-semibold">{formatTime(person.reading.lastReadAt)}</dd></div>
            <div><dt className="text-stone-600">Highlights</dt><dd className="text-lg font-semibold">{person.highlights}</dd></div>
            <div><dt className="text-stone-600">Notes</dt><dd className="text-lg font-semibold">{person.notes}</dd></div>
          </dl>
          {person.reading.recent.length > 0 && (
            <ul className="mt-4 space-y-1 text-sm">
              {person.reading.recent.map((r) => (
                <li key={r.slug}><span className="font-medium">{r.title}</span> <span className="text-stone-700">— {Math.round(r.percent * 100)}%, {formatTime(r.at)}</span></li>
              ))}
            </ul>
          )}
        </Section>

        <Section title="Recent launches" description="Their latest 20 launches from any LMS.">
          {person.launches.length === 0 ? <p className="text-sm text-stone-600">No launches.</p> : (
            <Table header={<><th className={th}>Time</th><th className={th}>Integration</th><th className={th}>Outcome</th><th className={th}>Kind</th></>}>
              {person.launches.map((l) => (
                <tr key={l.id}>
                  <td className={`${td} whitespace-nowrap`}>{formatTime(l.at)}</td>
                  <td className={td}>{l.integration ?? "Removed integration"}</td>
                  <td className={td}>{l.outcome === "SUCCESS" ? <span className="text-green-800">✓ Success</span> : <span className="text-red-700">✕ {l.errorCode ?? "Failed"}</span>}</td>
                  <td className={`${td} text-stone-700`}>{l.messageType ?? "Launch"} (LTI {l.ltiVersion})</td>
                </tr>
              ))}
            </Table>
          )}
        </Section>

        <Section title="Account">
          {self ? <p className="text-sm text-stone-600">This is your own account: another administrator can disable or delete it.</p> : (
            <div className="grid gap-4">
              {person.email ? (
                <ConfirmAction
                  label="Send a password-reset link…"
                  title={`Send ${name} a password-reset link?`}
                  points={[
                    `A link to choose a new password goes to ${person.email}. It works once, for the next hour.`,
                    "Their current password keeps working until they use the link; using it signs them out everywhere else.",
                  ]}
                  confirmLabel="Send the link"
                  action={sendResetLinkAction.bind(null, person.id)}
                />
              ) : (
                <p className="text-sm text-stone-600">No confirmed email, so no reset link can reach them: they can add one on their account page after launching from their course.</p>
              )}
              {person.disabledAt ? (
                <ConfirmAction
                  label="Enable account…"
                  title={`Enable ${name}’s account?`}
                  points={["They can sign in and launch from their LMS again.", "Sessions they had before it was disabled stay ended."]}
                  confirmLabel="Enable account"
                  action={setDisabledAction.bind(null, person.id, false)}
                />
              ) : (
                <ConfirmAction
                  label="Disable account…"
                  title={`Disable ${name}’s account?`}
                  points={[
                    "They are signed out on their next request and cannot sign in or launch from their LMS.",
                    "Their access, highlights, notes and reading are kept; enabling the account brings everything back.",
                  ]}
                  confirmLabel="Disable account"
                  tone="danger"
                  action={setDisabledAction.bind(null, person.id, true)}
                />
              )}
              <ConfirmAction
                label="Delete person…"
                title={`Delete ${name} and their data?`}
                points={[
                  `Their ${count(impact.highlights, "highlight", "highlights")} and ${count(impact.notes, "note", "notes")} are deleted.`,
                  `Their reading goes: progress in ${count(impact.books, "book", "books")}, ${count(impact.sessions, "sitting", "sittings")}, and their place in ${count(impact.courses, "course", "courses")}.`,
                  "Their access and LMS identities go. Launch log rows stay, without their name.",
                  "This cannot be undone. A later launch from their LMS creates a new, empty account. Export their data first if it may be needed.",
                ]}
                confirmLabel={`Delete ${name} and their data`}
                tone="danger"
                action={deletePersonAction.bind(null, person.id)}
              />
            </div>
          )}
        </Section>
      </div>
    </>
  );
}
