import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageAdmin } from "@/lib/auth/session";
import { getIntegration } from "@/lib/integrations/admin";
import type { IntegrationDetail } from "@/lib/integrations/queries";
import { canvasConfigUrl, lti11LaunchUrl, toolUrls } from "@/lib/integrations/tool-urls";
import { canvasConfiguration } from "@/lib/lti/canvas-config";
import { isAppError } from "@/lib/errors";
import { listPlans } from "@/lib/plans/plans";
import {
  deleteIntegrationAction, makeSignedLinkAction, revealLinkKeyAction, rotateLinkKeyAction, saveGeneralAction, saveGuestListAction, saveRegistrationAction,
} from "../actions";
import { guestEntryUrl, guestUsage } from "@/lib/guest-access/admin";
import { isGuestKind } from "@/lib/integrations/schemas";
import { GuestListForm } from "../_components/guest-list-form";
import { ReferrerWeakness } from "../_components/referrer-weakness";
import { SignedLinkPanel } from "../_components/signed-link-panel";
import { Counters } from "../_components/counters";
import { DeleteIntegration } from "../_components/delete-integration";
import { EnableToggle } from "../_components/enable-toggle";
import { FailuresByCode } from "../_components/failures-by-code";
import { GeneralForm } from "../_components/general-form";
import { LaunchesTable } from "../_components/launches-table";
import { LmsGuide } from "../_components/lms-guide";
import { Lti11Credentials } from "../_components/lti11-credentials";
import { RegistrationForm } from "../_components/registration-form";
import { ScoreDeliveries } from "../_components/score-deliveries";
import { Section } from "@/components/ui/section";
import { getScoreDeliveries } from "@/lib/courses/score-deliveries";
import { KindLabel, StatusBadge } from "../_components/status-badge";
import { ToolValues } from "../_components/tool-values";
import { CopyValue } from "../_components/copy-value";
import { CanvasConfig } from "../_components/canvas-config";
import { ServicesStatus } from "../_components/services-status";
import { dynamicRegistrationUrl } from "@/lib/lti/registration-token";

export const metadata: Metadata = { title: "Integration" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> };

async function load(id: string): Promise<IntegrationDetail> {
  try {
    return await getIntegration(id);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export default async function IntegrationPage({ params, searchParams }: Props) {
  const { id } = await params;
  await requirePageAdmin(`/admin/settings/integrations/${id}`);
  const [detail, plans, { created }] = await Promise.all([load(id), listPlans(), searchParams]);
  const deliveries = detail.kind === "LTI13" ? await getScoreDeliveries(detail.id) : null;
  const isLti13 = detail.kind === "LTI13";
  const guest = isGuestKind(detail.kind);
  const usage = guest ? await guestUsage(detail.id, { days: 30 }) : null;
  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin/settings/integrations" className="text-sm text-brand hover:underline">← Integrations</Link>
        <div className="mt-2 flex flex-wrap items-center justify-between gap-3">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-semibold">{detail.name}</h1>
            <KindLabel kind={detail.kind} />
            <StatusBadge enabled={detail.enabled} missing={detail.missing} />
          </div>
          <EnableToggle id={detail.id} enabled={detail.enabled} />
        </div>
        <p className="mt-1 text-sm text-stone-600">
          {detail.access.kind === "FULL" ? "Full access to all publications" : `Everyone who ${guest ? "comes in" : "launches"} gets the plan ${detail.access.plan?.name ?? "—"}`}
          {!detail.enabled && (guest
            ? " · Disabled: nobody gets in, and visitors already in lose access on their next page."
            : " · Disabled: launches are refused; people keep their accounts and access.")}
        </p>
      </div>

      {created && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          Integration created. {guest ? "Give the institution the entry link below." : <>Send the institution the values below{isLti13 ? ", then enter what its LMS gives back." : "."}</>}
        </p>
      )}
      {detail.enabled && detail.missing.length > 0 && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Launches can&apos;t work yet: missing {detail.missing.join(", ")}.
        </p>
      )}

      {guest ? <GuestUsageCounters usage={usage!} entries={detail.launches} /> : <Counters detail={detail} />}

      {guest ? (
        <>
          <Section title="Give to the institution" description="Anonymous, shared access: whoever passes the check below reads with this integration's access for 8 hours, with no account, so no highlights, notes, place or statistics of their own. Add ?to=/read/<book> (or &to=… after a signed link) to land on a book.">
            {detail.kind === "SIGNED_LINK" ? (
              <SignedLinkPanel make={makeSignedLinkAction.bind(null, detail.id)} reveal={revealLinkKeyAction.bind(null, detail.id)}
                rotate={rotateLinkKeyAction.bind(null, detail.id)} hasKey={detail.hasSharedSecret} entryUrl={guestEntryUrl(detail.id)} />
            ) : (
              <dl><CopyValue label="Entry link" value={guestEntryUrl(detail.id)}
                hint={detail.kind === "REFERRER" ? "The institution puts this link on the pages listed below." : "The institution links to it from anywhere; Folio admits visitors whose address is in the ranges below."} /></dl>
            )}
          </Section>
          {detail.kind === "REFERRER" && (
            <Section title="Referring pages" description="Visitors who follow the entry link from a page under one of these prefixes get in.">
              <div className="space-y-4">
                <ReferrerWeakness />
                <GuestListForm action={saveGuestListAction.bind(null, detail.id, "referrerPrefixes")} field="referrerPrefixes" current={detail.referrerPrefixes} />
              </div>
            </Section>
          )}
          {detail.kind === "IP_RANGE" && (
            <Section title="IP ranges" description="Visitors connecting from these ranges get in. Behind a proxy or load balancer, set TRUST_PROXY_HOPS to the number of proxies in front of Folio: otherwise every visitor seems to come from the proxy, and X-Forwarded-For is never believed beyond that many hops.">
              <GuestListForm action={saveGuestListAction.bind(null, detail.id, "ipRanges")} field="ipRanges" current={detail.ipRanges} />
            </Section>
          )}
        </>
      ) : isLti13 ? (
        <>
          {!detail.clientId && (
            <Section title="One-URL setup (dynamic registration)" description="Moodle 4.1+, Canvas, Brightspace and other LMSs that support LTI Dynamic Registration need only this URL: the LMS and Folio exchange everything else, and this page fills itself in. Valid for 30 days; it works once.">
              <dl><CopyValue label="Dynamic registration URL" value={await dynamicRegistrationUrl(detail.id)} hint="Moodle: Site administration → Plugins → Activity modules → External tool → Manage tools → Tool URL → Add LTI Advantage. Canvas: Admin → Developer Keys → + LTI Registration." /></dl>
            </Section>
          )}
          <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
            <Section title="Send to the institution" description="The institution's LMS administrator registers Folio as an LTI 1.3 (LTI Advantage) tool with these values.">
              <ToolValues urls={toolUrls()} />
            </Section>
            <Section title="Where each value goes" description="Open the institution's LMS, then switch on the services Folio uses:">
              <LmsGuide />
            </Section>
          </div>
          <Section title="Grades and class roster" description="Graded readings need the LMS's Assignment and Grade Services; the instructor's class view needs Names and Role Provisioning. The LMS has to switch both on for Folio.">
            <ServicesStatus granted={detail.grantedScopes} />
          </Section>
          <Section title="Canvas configuration" description="For Canvas: one developer key with Folio's URLs, the course navigation, link selection, assignment selection and editor button placements, privacy level public, and the grade and roster services.">
            <CanvasConfig url={canvasConfigUrl(detail.id)} config={canvasConfiguration(detail.name)} />
          </Section>
          <Section id="lms-values" title="What the LMS gives back" description="After registering the tool, the LMS shows these values. Paste them here; you can save them one at a time.">
            <RegistrationForm action={saveRegistrationAction.bind(null, detail.id)} locked={detail.users > 0} current={{
              issuer: detail.issuer ?? "", clientId: detail.clientId ?? "", deploymentIds: detail.deploymentIds.join("\n"),
              authUrl: detail.authUrl ?? "", tokenUrl: detail.tokenUrl ?? "", jwksUrl: detail.jwksUrl ?? "",
            }} />
          </Section>
        </>
      ) : (
        <Section title="Send to the institution" description="The institution's LMS administrator adds Folio as an external tool (LTI 1.1) with these three values. Send the secret through a different channel than the key.">
          <Lti11Credentials id={detail.id} launchUrl={lti11LaunchUrl()} consumerKey={detail.consumerKey} hasSecret={detail.hasSharedSecret} />
        </Section>
      )}

      {!guest && <Section title="Latest launches" description="The last 20, newest first. A failed launch shows its error code: the student saw a page with the same code. Entries older than LAUNCH_LOG_RETENTION_DAYS (90 by default) are removed.">
        <LaunchesTable launches={detail.latestLaunches} />
        <p className="mt-3 flex flex-wrap gap-4 text-sm">
          <Link href={`/admin/settings/integrations/${detail.id}/launches`} className="font-medium text-brand hover:underline">Search all launches →</Link>
          <Link href={`/admin/reports?integration=${detail.id}`} className="font-medium text-brand hover:underline">Report for the institution →</Link>
        </p>
      </Section>}

      {deliveries && (
        <Section id="grades" title="Grades sent to the LMS" description="Scores of graded readings go to the LMS through a queue that retries with growing pauses while the LMS is down. A refused score (the LMS said no) is not retried until you ask.">
          <ScoreDeliveries id={detail.id} deliveries={deliveries} />
        </Section>
      )}

      <Section title={guest ? "Refused visitors by code" : "Failed launches by code"} description={guest
        ? "The last 7 days, counted per hour: visitors the check above turned away, and why."
        : "The last 7 days, counted per hour. Includes logins that named this platform but never came back signed, which do not count as failed launches above."}>
        <FailuresByCode rows={detail.failuresByCode} />
      </Section>

      <Section title="Settings">
        <GeneralForm action={saveGeneralAction.bind(null, detail.id)} locked={detail.users > 0} plans={plans.map((p) => ({ slug: p.slug, name: p.name }))} current={{
          name: detail.name, kind: detail.kind, accessKind: detail.access.kind, plan: detail.access.plan?.slug ?? "", consumerKey: detail.consumerKey,
        }} />
      </Section>

      <Section title="Delete" description="Removes the integration and its launch log.">
        <DeleteIntegration name={detail.name} people={detail.users} grants={detail.grants} remove={deleteIntegrationAction.bind(null, detail.id)} />
      </Section>
    </div>
  );
}

function GuestUsageCounters({ usage, entries }: { usage: { visits: number; sittings: number; readingSeconds: number; books: number }; entries: number }) {
  const hours = usage.readingSeconds / 3600;
  const items = [
    ["Entries (all time)", entries.toLocaleString("en-US")],
    ["Visits that read (30 days)", usage.visits.toLocaleString("en-US")],
    ["Reading time (30 days)", hours >= 1 ? `${hours.toFixed(1)} h` : `${Math.round(usage.readingSeconds / 60)} min`],
    ["Books read (30 days)", usage.books.toLocaleString("en-US")],
  ];
  return (
    <dl className="grid gap-3 sm:grid-cols-4">
      {items.map(([label, value]) => (
        <div key={label} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
          <dt className="text-xs text-stone-600">{label}</dt>
          <dd className="mt-1 text-xl font-semibold">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
