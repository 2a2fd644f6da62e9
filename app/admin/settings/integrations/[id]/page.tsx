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
import { deleteIntegrationAction, saveGeneralAction, saveRegistrationAction } from "../actions";
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
          {detail.access.kind === "FULL" ? "Full access to all publications" : `Everyone who launches gets the plan ${detail.access.plan?.name ?? "—"}`}
          {!detail.enabled && " · Disabled: launches are refused; people keep their accounts and access."}
        </p>
      </div>

      {created && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          Integration created. Send the institution the values below{isLti13 ? ", then enter what its LMS gives back." : "."}
        </p>
      )}
      {detail.enabled && detail.missing.length > 0 && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Launches can&apos;t work yet: missing {detail.missing.join(", ")}.
        </p>
      )}

      <Counters detail={detail} />

      {isLti13 ? (
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

      <Section title="Latest launches" description="The last 20, newest first. A failed launch shows its error code: the student saw a page with the same code. Entries older than LAUNCH_LOG_RETENTION_DAYS (90 by default) are removed.">
        <LaunchesTable launches={detail.latestLaunches} />
        <p className="mt-3 flex flex-wrap gap-4 text-sm">
          <Link href={`/admin/settings/integrations/${detail.id}/launches`} className="font-medium text-brand hover:underline">Search all launches →</Link>
          <Link href={`/admin/reports?integration=${detail.id}`} className="font-medium text-brand hover:underline">Report for the institution →</Link>
        </p>
      </Section>

      {deliveries && (
        <Section id="grades" title="Grades sent to the LMS" description="Scores of graded readings go to the LMS through a queue that retries with growing pauses while the LMS is down. A refused score (the LMS said no) is not retried until you ask.">
          <ScoreDeliveries id={detail.id} deliveries={deliveries} />
        </Section>
      )}

      <Section title="Failed launches by code" description="The last 7 days, counted per hour. Includes logins that named this platform but never came back signed, which do not count as failed launches above.">
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
