import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageAdmin } from "@/lib/auth/session";
import { getIntegration } from "@/lib/integrations/admin";
import { isAppError } from "@/lib/errors";
import { parseLaunchFilter } from "@/lib/support/launch-log-search";
import { LaunchLogView } from "@/app/admin/_components/launch-log/launch-log-view";

export const metadata: Metadata = { title: "Launch log" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function IntegrationLaunchesPage({ params, searchParams }: Props) {
  const { id } = await params;
  await requirePageAdmin(`/admin/settings/integrations/${id}/launches`);
  let name: string;
  try {
    name = (await getIntegration(id)).name;
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const query = await searchParams;
  const cursor = typeof query.cursor === "string" ? query.cursor : null;
  return (
    <>
      <Link href={`/admin/settings/integrations/${id}`} className="text-sm text-brand hover:underline">← {name}</Link>
      <h1 className="mt-2 text-2xl font-semibold">Launch log · {name}</h1>
      <p className="mt-1 mb-6 text-stone-600">A failed launch shows its error code: the person saw a page with the same code.</p>
      <LaunchLogView base={`/admin/settings/integrations/${id}/launches`} filter={parseLaunchFilter(query)} cursor={cursor} fixedIntegration={id} />
    </>
  );
}
